/** Caret and avatar colours, chosen for contrast with white text. */
const PALETTE = ['#b3261e', '#1d6b3a', '#0b57d0', '#8e24aa', '#b55b00', '#00796b', '#c2185b', '#4e5b31', '#5d4037', '#3949ab'];

/** A stable colour for a member, derived from their id. */
export function memberColor(memberId: string): string {
  let hash = 0;
  for (let i = 0; i < memberId.length; i++) hash = (hash * 31 + memberId.charCodeAt(i)) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}
