/**
 * Placing comment cards beside their passages, as in a word processor's margin: each card wants
 * the height of its passage; cards never overlap; the active card gets exactly its place and the
 * others make room above and below it.
 */

/** A card to place: its wished top (null when its passage is gone) and its measured height. */
export interface CardBox {
  id: string;
  want: number | null;
  height: number;
}

/** Space between two cards, in pixels. */
export const CARD_GAP = 8;

/**
 * Tops for every card. Cards with a passage are placed in passage order; cards without one
 * (detached) follow the last placed card.
 */
export function placeCards(cards: readonly CardBox[], activeId: string | null, gap = CARD_GAP): Map<string, number> {
  const anchored = cards.filter((c) => c.want !== null).sort((a, b) => a.want! - b.want!);
  const tops = new Map<string, number>();
  const pivot = Math.max(0, anchored.findIndex((c) => c.id === activeId));
  // From the active card (or the first) downwards: each card as high as it wants, below the previous.
  let floor = -Infinity;
  for (let i = pivot; i < anchored.length; i++) {
    const card = anchored[i]!;
    const top = Math.max(card.want!, floor, 0);
    tops.set(card.id, top);
    floor = top + card.height + gap;
  }
  // Upwards from the active card: each card ends above the next one.
  let ceiling = anchored[pivot] ? tops.get(anchored[pivot].id)! - gap : Infinity;
  for (let i = pivot - 1; i >= 0; i--) {
    const card = anchored[i]!;
    const top = Math.min(card.want!, ceiling - card.height);
    tops.set(card.id, top);
    ceiling = top - gap;
  }
  // Cards pushed above the top of the margin push everything down instead.
  const lowest = Math.min(0, ...tops.values());
  if (lowest < 0) for (const [id, top] of tops) tops.set(id, top - lowest);
  let end = Math.max(0, ...anchored.map((c) => tops.get(c.id)! + c.height + gap));
  for (const card of cards) {
    if (card.want !== null) continue;
    tops.set(card.id, end);
    end += card.height + gap;
  }
  return tops;
}
