import { describe, expect, it } from 'vitest';
import { placeCards } from './layout';

const card = (id: string, want: number | null, height = 50) => ({ id, want, height });

describe('placing comment cards', () => {
  it('puts cards at their passages when they fit', () => {
    expect(placeCards([card('a', 10), card('b', 200)], null, 8)).toEqual(new Map([['a', 10], ['b', 200]]));
  });

  it('pushes a card down rather than overlap, in passage order', () => {
    const tops = placeCards([card('b', 30), card('a', 10)], null, 8);
    expect(tops).toEqual(new Map([['a', 10], ['b', 68]]));
  });

  it('gives the active card its exact place and moves the others up', () => {
    const tops = placeCards([card('a', 100), card('b', 110), card('c', 120)], 'b', 8);
    expect(tops.get('b')).toBe(110);
    expect(tops.get('a')).toBe(52);
    expect(tops.get('c')).toBe(168);
  });

  it('never places a card above the margin, and puts detached cards last', () => {
    const tops = placeCards([card('a', 0), card('b', 5), card('gone', null, 40)], 'b', 8);
    expect(tops.get('a')).toBe(0);
    expect(tops.get('b')).toBe(58);
    expect(tops.get('gone')).toBe(116);
  });
});
