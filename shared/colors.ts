/**
 * Caret and avatar colours: each reads as white text on it (contrast ≥ 4.5:1, most above 6) and
 * as a caret on the white page. Ordered so that neighbours differ in hue.
 */
export const MEMBER_PALETTE = [
  '#b3261e', // red
  '#0b57d0', // blue
  '#1d6b3a', // green
  '#8e24aa', // purple
  '#b55b00', // orange
  '#00796b', // teal
  '#c2185b', // pink
  '#3949ab', // indigo
  '#7a5d00', // ochre
  '#5d4037', // brown
  '#4e5b31', // olive
  '#455a64', // slate
] as const;

/** A stable colour for a member, derived from their id (the same in every collective). */
export function memberColor(memberId: string): string {
  let hash = 0;
  for (let i = 0; i < memberId.length; i++) hash = (hash * 31 + memberId.charCodeAt(i)) >>> 0;
  return MEMBER_PALETTE[hash % MEMBER_PALETTE.length]!;
}

/**
 * The colour for a member joining a room where others already hold `taken`: their own colour if
 * nobody there has it, else the first palette colour nobody there has; with more members present
 * than colours, the least used one (their own among equals).
 */
export function pickRoomColor(memberId: string, taken: Iterable<string>): string {
  const uses = new Map<string, number>(MEMBER_PALETTE.map((c) => [c, 0]));
  for (const color of taken) if (uses.has(color)) uses.set(color, uses.get(color)! + 1);
  const own = memberColor(memberId);
  const fewest = Math.min(...uses.values());
  if (uses.get(own) === fewest) return own;
  return MEMBER_PALETTE.find((c) => uses.get(c) === fewest)!;
}
