/**
 * Random disconnects, offline edits and server restarts under 5 editing providers: everyone,
 * a fresh client and the store always end identical. `npm run reliability` runs thousands.
 * A failure prints its seed and path; replay with TRAME_FAULT_SEED and TRAME_FAULT_PATH.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/Store';
import { runFaultSchedules } from './faults';

const RUNS = Number(process.env.TRAME_FAULT_RUNS ?? 250);
// On a busy 2-core machine 250 schedules can take 100 s; past this budget the rest are skipped.
const BUDGET_MS = Number(process.env.TRAME_FAULT_BUDGET_MS ?? 45_000);
const MIN_RUNS = Math.min(RUNS, 100);
const seed = process.env.TRAME_FAULT_SEED ? Number(process.env.TRAME_FAULT_SEED) : undefined;
const path = process.env.TRAME_FAULT_PATH || undefined;

/** A store that "stores" every third batch of updates as empty updates: it loses edits silently. */
function lossyStore(store: Store): Store {
  let calls = 0;
  const empty = new Uint8Array([0, 0]);
  const appendUpdates: Store['appendUpdates'] = (documentId, entries) =>
    store.appendUpdates(documentId, ++calls % 3 === 0 ? entries.map((entry) => ({ ...entry, update: empty })) : entries);
  // Without its staged variant, every append of the rooms goes through the lossy one.
  return new Proxy(store, {
    get: (target, key, receiver) => (key === 'appendUpdates' ? appendUpdates : key === 'appendUpdatesStaged' ? undefined : Reflect.get(target, key, receiver)),
  });
}

describe('fault schedules (property-based)', () => {
  it(`providers, a fresh client and the store converge after up to ${RUNS} random schedules`, async () => {
    const summary = await runFaultSchedules({ numRuns: RUNS, seed, path, maxMs: path === undefined ? BUDGET_MS : undefined });
    if (summary.failure) console.error(summary.failure);
    expect(summary.failure).toBeNull();
    if (path === undefined) expect(summary.runs).toBeGreaterThanOrEqual(MIN_RUNS);
    console.info(`fault schedules: ${summary.runs} run in ${Math.round(summary.ms / 1000)} s (seed ${summary.seed})`);
    // Guards against a vacuous pass: the schedules must actually have hit the faults.
    expect(summary.tally.restarts).toBeGreaterThan(0);
    expect(summary.tally.offlineEdits).toBeGreaterThan(0);
  }, 180_000);

  it('fails, with a seed to replay, against a store that silently loses updates (negative control)', async () => {
    const summary = await runFaultSchedules({ numRuns: 50, wrapStore: lossyStore });
    expect(summary.failure).toMatch(/differs/);
    expect(summary.failure).toMatch(/TRAME_FAULT_SEED=\d+ TRAME_FAULT_PATH=\S+/);
  }, 60_000);
});
