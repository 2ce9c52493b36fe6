/**
 * Property-based fault schedules (fast-check): 5 providers make random edits while they are
 * disconnected and reconnected at random, edit offline, and the server restarts under them.
 * Whatever the schedule, at the end every provider, a fresh client and the stored log replayed
 * into a Y.Doc hold the same state (content, state vector and deletions).
 */
import fc from 'fast-check';
import type { Store } from '../../server/store/Store';
import type { EditOp } from '../helpers/edits';
import { openFaultBench, runSchedule, type FaultBench, type FaultTally, type Step } from './faultSchedule';

const PROVIDERS = 5;
const fraction = fc.integer({ min: 0, max: 999 }).map((n) => n / 1000);
// Accents, an emoji (a UTF-16 surrogate pair that a deletion may split) and plain ASCII.
const text = fc.oneof(fc.constantFrom('é', 'œuvre ', '🙂', 'ß', ' '), fc.string({ minLength: 1, maxLength: 8, unit: 'grapheme-ascii' }));
const length = fc.integer({ min: 1, max: 12 });

/** A random edit, as data (see tests/helpers/edits.ts). */
export const editArb: fc.Arbitrary<EditOp> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('insertText' as const), at: fraction, offset: fraction, text }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('deleteText' as const), at: fraction, offset: fraction, length }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bold' as const), at: fraction, offset: fraction, length }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insertParagraph' as const), at: fraction, text }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteBlock' as const), at: fraction }) },
);

const who = fc.integer({ min: 0, max: PROVIDERS - 1 });

/** One step of a schedule. */
export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ t: fc.constant('edit' as const), who, op: editArb }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('offline' as const), who, ops: fc.array(editArb, { minLength: 1, maxLength: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('disconnect' as const), who }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('connect' as const), who }) },
  { weight: 1, arbitrary: fc.constant({ t: 'restart' as const }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('pause' as const), ms: fc.integer({ min: 0, max: 30 }) }) },
);

/** A whole schedule. */
export const scheduleArb = fc.array(stepArb, { minLength: 1, maxLength: 25 });

/** Options of a series of schedules. */
export interface FaultOptions {
  numRuns: number;
  /** Replays a failure: the seed (and path) printed with it. */
  seed?: number;
  path?: string;
  /** Runs left after this long are skipped (counted in `runs`, so the figure stays honest). */
  maxMs?: number;
  /** Breaks the store on purpose (negative control: the property must then fail). */
  wrapStore?: (store: Store) => Store;
}

/** Outcome of a series. */
export interface FaultSummary {
  /** Schedules actually run. */
  runs: number;
  seed: number;
  /** Why it failed, with the seed, path and schedule to replay it; null when every schedule passed. */
  failure: string | null;
  tally: FaultTally;
  ms: number;
}

/** Runs `numRuns` random schedules against one in-process server (a new document each). */
export async function runFaultSchedules(options: FaultOptions): Promise<FaultSummary> {
  const started = performance.now();
  const tally: FaultTally = { edits: 0, offlineEdits: 0, disconnects: 0, reconnects: 0, restarts: 0 };
  let runs = 0;
  const bench: FaultBench = await openFaultBench(PROVIDERS, options.wrapStore);
  try {
    const property = fc.asyncProperty(scheduleArb, async (steps) => {
      // fast-check cannot stop a running predicate: past the budget, runs pass without running.
      if (options.maxMs !== undefined && performance.now() - started > options.maxMs) return;
      runs++;
      await runSchedule(bench, steps, tally);
    });
    const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
    // No shrinking: each run costs real sockets and time, and the seed + path replay it exactly.
    const details = await fc.check(property, { numRuns: options.numRuns, seed, path: options.path, endOnFailure: true });
    const failure = details.failed ? describeFailure(details.seed, details.counterexamplePath, details.counterexample, details.errorInstance) : null;
    return { runs, seed, failure, tally, ms: performance.now() - started };
  } finally {
    await bench.close();
  }
}

function describeFailure(seed: number, path: string | null, counterexample: [Step[]] | null, error: unknown): string {
  return [
    `fault schedule failed: ${error instanceof Error ? error.message : String(error)}`,
    `replay: TRAME_FAULT_SEED=${seed} TRAME_FAULT_PATH=${path} npx vitest run tests/reliability/faults.test.ts`,
    `   or: npm run reliability -- --only faults --seed ${seed} --path ${path}`,
    `schedule: ${JSON.stringify(counterexample?.[0])}`,
  ].join('\n');
}
