/**
 * Soak: 100 providers (one member each) edit for a long time (default 30 min) against the server
 * in a child process; every 30 s the server's RSS and the edit → receive latency are sampled.
 * Not part of `npm test`. Run: `npx tsx tests/reliability/soak.ts --minutes 1`.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { httpTarget, residentMB, startChildServer, type ChildServer } from '../helpers/childServer';
import { describeState, sameState, seededRandom, startEditing } from '../helpers/edits';
import { connect, waitFor, type TestClient } from '../helpers/providers';
import { addMember, createDocument, setupWorkspace } from '../helpers/server';
import { LatencyTracker, type LatencyWindow } from './latency';
import { soakTable } from './report';

/** Options of a soak run. */
export interface SoakOptions {
  minutes: number;
  providers: number;
  /** Providers are spread over this many documents (100 over 10: ten groups of ten). */
  docs: number;
  sampleSeconds: number;
  /** Each provider edits once per this many ms on average. */
  editEveryMs: number;
  log?: (line: string) => void;
}

/** One sample of the time series. */
export interface SoakSample {
  atSeconds: number;
  rssMB: number;
  edits: number;
  latency: LatencyWindow;
  /** Encoded size of all documents, in KB. */
  docsKB: number;
  /** p99 and max event-loop delay of the process hosting the providers: they add to the latency. */
  harnessLagMs: number;
  harnessLagMaxMs: number;
}

/** Outcome of a soak run. */
export interface SoakResult {
  options: Omit<SoakOptions, 'log'>;
  samples: SoakSample[];
  totalEdits: number;
  /** Empty when the providers converged with the server at the end. */
  failures: string[];
  ms: number;
}

/** Default soak options (issue 4: 100 providers for 30 minutes). */
export const SOAK_DEFAULTS: Omit<SoakOptions, 'log'> = { minutes: 30, providers: 100, docs: 10, sampleSeconds: 30, editEveryMs: 2000 };

/** Runs a soak; the server and every provider are stopped at the end, even on failure. */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  process.setMaxListeners(options.providers + 20); // each stock provider adds a process 'exit' listener
  const started = performance.now();
  const server = await startChildServer({ env: { ROOM_GRACE_MS: '1000' } });
  const clients: TestClient[] = [];
  try {
    const { rooms, cookie } = await setup(server, options, clients);
    const groups = rooms.map((_, d) => clients.filter((_, i) => i % options.docs === d));
    await waitFor(() => clients.every((c) => c.provider.synced), 'every soak provider synced', 120_000);
    const samples = await sample(server, clients, groups, options);
    const failures = await finalCheck(server, groups, rooms, cookie);
    return { options: strip(options), samples, totalEdits: samples.reduce((sum, s) => sum + s.edits, 0), failures, ms: performance.now() - started };
  } finally {
    clients.forEach((c) => c.close());
    await server.stop();
  }
}

const strip = ({ log: _log, ...rest }: SoakOptions) => rest;

async function setup(server: ChildServer, options: SoakOptions, clients: TestClient[]): Promise<{ rooms: string[]; cookie: string }> {
  const http = httpTarget(server.url);
  const { workspaceId, coordinator } = await setupWorkspace(http);
  const rooms: string[] = [];
  for (let d = 0; d < options.docs; d++) rooms.push((await createDocument(http, workspaceId, coordinator.cookie, `Dossier ${d + 1}`)).room);
  for (let i = 0; i < options.providers; i++) {
    const member = await addMember(http, workspaceId, coordinator.cookie, 'member', `Plume ${i + 1}`);
    clients.push(connect(`ws://127.0.0.1:${server.port}/collab`, rooms[i % options.docs]!, { cookie: member.cookie, origin: server.url }));
  }
  options.log?.(`soak: ${options.providers} providers on ${options.docs} documents connected`);
  return { rooms, cookie: coordinator.cookie };
}

async function sample(server: ChildServer, clients: TestClient[], groups: TestClient[][], options: SoakOptions): Promise<SoakSample[]> {
  const watchers = groups.map((group) => group[0]!.doc); // provider d watches document d
  const tracker = new LatencyTracker(watchers);
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const tickMs = 100;
  const load = startEditing(
    clients.map((c) => c.doc),
    {
      random: seededRandom(Date.now() % 2 ** 31),
      tickMs,
      probability: tickMs / options.editEveryMs,
      maxChars: 4000,
      onEdit: (i) => {
        if (i >= options.docs) tracker.sent(i % options.docs, clients[i]!.doc);
      },
    },
  );
  const samples: SoakSample[] = [snapshot(0, server, 0, tracker, watchers, lag)];
  const startedAt = performance.now();
  let editsBefore = 0;
  try {
    for (let n = 1; n * options.sampleSeconds <= options.minutes * 60; n++) {
      await delay(startedAt + n * options.sampleSeconds * 1000 - performance.now()); // the sampling period
      samples.push(snapshot(n * options.sampleSeconds, server, load.edits - editsBefore, tracker, watchers, lag));
      editsBefore = load.edits;
      options.log?.(`soak: ${JSON.stringify(samples.at(-1))}`);
    }
  } finally {
    load.stop();
    tracker.stop();
    lag.disable();
  }
  return samples;
}

function snapshot(atSeconds: number, server: ChildServer, edits: number, tracker: LatencyTracker, watchers: Y.Doc[], lag: ReturnType<typeof monitorEventLoopDelay>): SoakSample {
  const docsKB = watchers.reduce((sum, doc) => sum + Y.encodeStateAsUpdate(doc).byteLength, 0) / 1024;
  const harnessLagMs = lag.percentile(99) / 1e6;
  const harnessLagMaxMs = lag.max / 1e6;
  lag.reset();
  return { atSeconds, rssMB: residentMB(server.pid), edits, latency: tracker.take(), docsKB, harnessLagMs, harnessLagMaxMs };
}

/** After the load: each group converges, and a fresh client gets the same document from the server. */
async function finalCheck(server: ChildServer, groups: TestClient[][], rooms: string[], cookie: string): Promise<string[]> {
  const failures: string[] = [];
  for (const [d, group] of groups.entries()) {
    const first = group[0]!.doc;
    try {
      await waitFor(() => group.every((c) => c.provider.synced && sameState(first, c.doc)), `document ${d + 1} converged`, 60_000);
    } catch (error) {
      failures.push(`${(error as Error).message}: ${group.map((c) => describeState(c.doc)).join('; ')}`);
      continue;
    }
    const fresh = connect(`ws://127.0.0.1:${server.port}/collab`, rooms[d]!, { cookie, origin: server.url });
    try {
      await waitFor(() => fresh.provider.synced, 'fresh client synced', 30_000);
      if (!sameState(first, fresh.doc)) failures.push(`document ${d + 1}: the server serves ${describeState(fresh.doc)}, providers hold ${describeState(first)}`);
    } finally {
      fresh.close();
    }
  }
  return failures;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string' },
      providers: { type: 'string' },
      docs: { type: 'string' },
      'sample-seconds': { type: 'string' },
      'edit-every-ms': { type: 'string' },
    },
  });
  const number = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Number(value));
  const result = await runSoak({
    minutes: number(values.minutes, SOAK_DEFAULTS.minutes),
    providers: number(values.providers, SOAK_DEFAULTS.providers),
    docs: number(values.docs, SOAK_DEFAULTS.docs),
    sampleSeconds: number(values['sample-seconds'], SOAK_DEFAULTS.sampleSeconds),
    editEveryMs: number(values['edit-every-ms'], SOAK_DEFAULTS.editEveryMs),
    log: console.log,
  });
  console.log(soakTable(result));
  console.log(result.failures.length === 0 ? 'soak: converged, nothing lost' : `soak FAILED:\n${result.failures.join('\n')}`);
  process.exitCode = result.failures.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
