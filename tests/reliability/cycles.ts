/**
 * Kill-and-restart cycles against a child-process server while providers edit:
 * - SIGKILL (crash): every update any provider had received from the server is in what a fresh
 *   client loads after the restart, and the providers converge once they are back;
 * - SIGTERM (graceful shutdown): the same, plus the process exits by itself within 5 s with code 0
 *   and every provider was told "going away" (1001).
 */
import { setTimeout as delay } from 'node:timers/promises';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/rooms';
import type { ChildExit } from '../helpers/childServer';
import { countMissing, describeMissing, sameState, seededRandom, startEditing } from '../helpers/edits';
import { waitFor } from '../helpers/providers';
import { startCluster, type Cluster } from './cluster';

/** Longest a graceful shutdown may take (issue 4). */
export const SHUTDOWN_LIMIT_MS = 5000;

/** Options of a series of cycles. */
export interface CycleOptions {
  /** 'SIGTERM+SIGKILL': an impatient supervisor kills the server while it is shutting down. */
  signal: 'SIGKILL' | 'SIGTERM' | 'SIGTERM+SIGKILL';
  cycles: number;
  providers: number;
  seed?: number;
  /** The signal is sent at a random moment in this window (ms) after edits start flowing. */
  killWindowMs?: [number, number];
  /** Stops starting new cycles after this long. */
  maxMs?: number;
  /** Extra environment of the server (e.g. a low COMPACT_AFTER_UPDATES to kill during compactions). */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

/** Figures of one cycle. */
export interface CycleResult {
  killAfterMs: number;
  exit: ChildExit;
  /** Updates the providers had received from the server before it went down. */
  receivedChecked: number;
  /** Of those, how many the restarted server did not serve. Must be 0. */
  missing: number;
  /** What the first missing update lacks, for diagnosis. */
  missingDetail?: string;
  /** Providers that were sent close code 1001 (going away). */
  goingAway: number;
  edits: number;
  restartMs: number;
  convergeMs: number;
}

/** Outcome of a series. */
export interface CyclesSummary {
  signal: CycleOptions['signal'];
  seed: number;
  providers: number;
  results: CycleResult[];
  /** One line per broken promise; empty when every cycle passed. */
  failures: string[];
  ms: number;
}

/** Runs `cycles` kill-and-restart cycles on one cluster; never leaves a process behind. */
export async function runKillCycles(options: CycleOptions): Promise<CyclesSummary> {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const random = seededRandom(seed);
  const started = performance.now();
  const summary: CyclesSummary = { signal: options.signal, seed, providers: options.providers, results: [], failures: [], ms: 0 };
  // Compactions every few seconds instead of every 500 updates, so that some kills land inside one.
  const env = { COMPACT_AFTER_UPDATES: '50', ...options.env };
  const cluster = await startCluster({ providers: options.providers, env });
  try {
    for (let n = 1; n <= options.cycles; n++) {
      if (options.maxMs !== undefined && performance.now() - started > options.maxMs) break;
      try {
        const result = await oneCycle(cluster, random, options);
        summary.results.push(result);
        summary.failures.push(...judge(result, options).map((f) => `cycle ${n} (seed ${seed}): ${f}`));
        options.log?.(`${options.signal} cycle ${n}: ${JSON.stringify(result)}`);
      } catch (error) {
        // A cycle that cannot finish leaves the cluster in an unknown state: stop here.
        summary.failures.push(`cycle ${n} (seed ${seed}): ${(error as Error).message}`);
        break;
      }
    }
  } finally {
    await cluster.stop();
    summary.ms = performance.now() - started;
  }
  return summary;
}

async function oneCycle(cluster: Cluster, random: () => number, options: CycleOptions): Promise<CycleResult> {
  const { providers } = cluster;
  await cluster.waitConverged();
  providers.forEach((p) => {
    p.received.updates.length = 0;
    p.closeCodes.length = 0;
  });
  const load = startEditing(
    providers.map((p) => p.doc),
    { random, tickMs: 25, probability: 0.3, maxChars: 3000 },
  );
  try {
    const received = () => providers.reduce((sum, p) => sum + p.received.updates.length, 0);
    await waitFor(() => received() >= providers.length, 'edits relayed by the server');
    const [low, high] = options.killWindowMs ?? [0, 800];
    const killAfterMs = Math.round(low + random() * (high - low));
    await delay(killAfterMs); // the random moment of the fault, not a wait for a condition
    cluster.gate.shut(); // nobody reconnects before the fresh client has seen the stored state
    const exit = await stopServer(cluster, options.signal, random);
    await cluster.waitAllDisconnected();
    const sent = providers.flatMap((p) => [...p.received.updates]);
    const goingAway = providers.filter((p) => p.closeCodes.includes(CloseCode.GOING_AWAY)).length;

    const restartStarted = performance.now();
    await cluster.server.start();
    const restartMs = performance.now() - restartStarted;
    const fresh = await cluster.freshDoc();
    const missing = countMissing(fresh, sent);
    const snapshot = Y.snapshot(fresh);
    const firstMissing = sent.find((update) => !Y.snapshotContainsUpdate(snapshot, update));
    const missingDetail = firstMissing && describeMissing(fresh, firstMissing);
    fresh.destroy();

    const convergeStarted = performance.now();
    cluster.gate.open();
    // Providers keep editing while they reconnect by themselves: their offline edits go up too.
    await waitFor(() => providers.every((p) => p.provider.wsconnected), 'providers reconnected by themselves', 20_000);
    load.stop();
    await cluster.waitConverged();
    await expectServedEqualsProviders(cluster);
    return { killAfterMs, exit, receivedChecked: sent.length, missing, missingDetail, goingAway, edits: load.edits, restartMs, convergeMs: performance.now() - convergeStarted };
  } finally {
    load.stop();
    cluster.gate.open();
  }
}

async function stopServer(cluster: Cluster, signal: CycleOptions['signal'], random: () => number): Promise<ChildExit> {
  if (signal !== 'SIGTERM+SIGKILL') return cluster.server.signal(signal);
  const graceful = cluster.server.signal('SIGTERM');
  await delay(Math.round(random() * 150)); // somewhere inside the shutdown: closing sockets, compacting, closing the store
  await cluster.server.signal('SIGKILL');
  return graceful;
}

async function expectServedEqualsProviders(cluster: Cluster): Promise<void> {
  const served = await cluster.freshDoc();
  try {
    if (!sameState(served, cluster.providers[0]!.doc)) throw new Error('the server serves a different document than the converged providers hold');
  } finally {
    served.destroy();
  }
}

function judge(result: CycleResult, { signal, providers }: CycleOptions): string[] {
  const failures: string[] = [];
  if (result.missing > 0) failures.push(`${result.missing} of ${result.receivedChecked} updates the server had sent were not served after the restart (first: ${result.missingDetail})`);
  if (signal === 'SIGTERM') {
    if (result.exit.code !== 0) failures.push(`SIGTERM: exit code ${result.exit.code} (signal ${result.exit.signal})`);
    if (result.exit.ms > SHUTDOWN_LIMIT_MS) failures.push(`SIGTERM: exited after ${Math.round(result.exit.ms)} ms (limit ${SHUTDOWN_LIMIT_MS})`);
    if (result.goingAway < providers) failures.push(`SIGTERM: only ${result.goingAway} of ${providers} providers were sent close code 1001`);
  }
  return failures;
}
