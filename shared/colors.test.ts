import { describe, expect, it } from 'vitest';
import { MEMBER_PALETTE, memberColor, pickRoomColor } from './colors';

/** Colours given to members joining one after the other, as a room gives them. */
function joinAll(ids: string[]): string[] {
  const taken: string[] = [];
  for (const id of ids) taken.push(pickRoomColor(id, taken));
  return taken;
}

describe('room colours', () => {
  const ids = Array.from({ length: 30 }, (_, i) => `member-${i}-${(i * 7919).toString(36)}`);

  it('gives a member their own colour when nobody present has it', () => {
    expect(pickRoomColor(ids[0]!, [])).toBe(memberColor(ids[0]!));
  });

  it('gives as many members as there are colours one colour each', () => {
    const colors = joinAll(ids.slice(0, MEMBER_PALETTE.length));
    expect(new Set(colors).size).toBe(MEMBER_PALETTE.length);
  });

  it('past the palette, uses every colour at most once more than any other', () => {
    const colors = joinAll(ids.slice(0, MEMBER_PALETTE.length + 5));
    const uses = MEMBER_PALETTE.map((c) => colors.filter((x) => x === c).length);
    expect(Math.max(...uses) - Math.min(...uses)).toBeLessThanOrEqual(1);
  });

  it('keeps every colour readable with white text (contrast at least 4.5:1)', () => {
    const channel = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    for (const color of MEMBER_PALETTE) {
      const [r, g, b] = [1, 3, 5].map((i) => channel(parseInt(color.slice(i, i + 2), 16) / 255));
      const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      expect(1.05 / (luminance + 0.05), color).toBeGreaterThanOrEqual(4.5);
    }
  });
});
