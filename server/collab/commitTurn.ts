/**
 * One commit turn per event-loop iteration for every room: the rooms that received updates during
 * the poll phase start their batches together, from one `setImmediate`. Their store calls are
 * then made in the same microtask drain, which the store's group commit (store/groupCommit.ts)
 * writes as one transaction right after it — one fsync for all of them, in this same iteration.
 * Each room scheduling its own `setImmediate` would let microtasks run between rooms, and each
 * room's call would commit alone.
 */
const starts: Array<() => void> = [];

/** Runs `start` in this iteration's commit turn (after the poll phase). */
export function onCommitTurn(start: () => void): void {
  if (starts.length === 0) setImmediate(runTurn);
  starts.push(start);
}

function runTurn(): void {
  for (const start of starts.splice(0)) start();
}
