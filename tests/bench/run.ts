/**
 * `npm run bench [-- --quick] [-- --only=fanout,capacity,...]`: runs the scenarios of issue 3
 * against every system, each in its own process, prints a Markdown table and writes
 * bench-results/latest.json. Every child process is killed at the end, even on failure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBrowser } from './scenarios/browser';
import { runCapacity } from './scenarios/capacity';
import { runFanout } from './scenarios/fanout';
import { coldDocument, runColdSync, runMemory, runReplay } from './scenarios/stored';
import { killAll } from './procs';
import { markdownTable, round, type Result } from './results';
import { removeDataDirs, SYSTEMS, type SystemName } from './systems';
import { log, oneAtATime } from './util';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wanted = (scenario: string) => !only || only.includes(scenario);
const systemsArg = process.argv.find((a) => a.startsWith('--systems='))?.slice('--systems='.length).split(',');
/** `--systems=trame,hocuspocus` restricts a run to some systems (for profiling one of them). */
const SYSTEMS_RUN = SYSTEMS.filter((s) => !systemsArg || systemsArg.includes(s));
/** `--traces=seph-blog1` replays other traces than the plan's (scenario 4). */
const tracesArg = process.argv.find((a) => a.startsWith('--traces='))?.slice('--traces='.length).split(',');

/** The reduced set fits in under 4 minutes on the 2-core machine; the full set takes ~25. */
const PLAN = quick
  ? { fanout: [50, 200], fanoutMs: 4000, warmupMs: 1000, capacity: { step: 250, max: 500, windowMs: 1500, settleMs: 2500 }, traces: ['sveltecomponent'], memoryDocs: 30, unloadWaitMs: 11_500 }
  : { fanout: [10, 50, 100, 200], fanoutMs: 20_000, warmupMs: 2000, capacity: { step: 250, max: 3000, windowMs: 5000, settleMs: 3000 }, traces: ['automerge-paper', 'seph-blog1'], memoryDocs: 1000, unloadWaitMs: 65_000 };

/**
 * A scenario run for one system; a failure is logged and the run goes on. Every scenario stops
 * its own processes; `killAllOnFailure` also stops any left over, which must be off while other
 * scenarios run side by side (it would kill their processes too).
 */
async function attempt<T extends Result>(what: string, run: () => Promise<T>, results: Result[], killAllOnFailure = true): Promise<void> {
  const started = Date.now();
  try {
    results.push(await run());
    log(`${what}: ${round((Date.now() - started) / 1000)} s`);
  } catch (error) {
    log(`${what} failed after ${round((Date.now() - started) / 1000)} s: ${error instanceof Error ? error.message : String(error)}`);
    if (killAllOnFailure) await killAll();
  }
}

async function runAll(results: Result[]): Promise<void> {
  if (wanted('fanout')) {
    for (const authors of PLAN.fanout) {
      for (const system of SYSTEMS_RUN) {
        await attempt(`fanout ${system} ${authors}`, () => runFanout(system, { authors, ratePerSec: 5, durationMs: PLAN.fanoutMs, warmupMs: PLAN.warmupMs, drainMs: quick ? 3000 : 10_000, checkMs: quick ? 5000 : 20_000 }), results);
      }
    }
  }
  if (wanted('capacity')) {
    const { step, max, windowMs, settleMs } = PLAN.capacity;
    for (const system of SYSTEMS_RUN) {
      await attempt(`capacity ${system}`, () => runCapacity(system, { authorsPerDoc: 5, ratePerSec: 5, stepAuthors: step, maxAuthors: max, windowMs, settleMs, p95LimitMs: 100 }), results);
    }
  }
  if (wanted('cold-sync')) {
    const state = coldDocument();
    // y-websocket-server keeps nothing on disk: after a restart there is nothing to sync.
    const persistent = SYSTEMS_RUN.filter((s): s is SystemName => s === 'trame' || s === 'hocuspocus');
    for (const system of persistent) await attempt(`cold-sync ${system}`, () => runColdSync(system, state), results);
  }
  if (wanted('replay')) {
    for (const trace of tracesArg ?? PLAN.traces) {
      for (const system of SYSTEMS_RUN) await attempt(`replay ${system} ${trace}`, () => runReplay(system, trace), results);
    }
  }
  if (wanted('browser') && SYSTEMS_RUN.includes('trame')) {
    await attempt('browser trame', () => runBrowser(coldDocument()), results);
  }
  if (wanted('memory')) {
    // Side by side, as the systems mostly wait for documents to unload (a minute each); uploads
    // and measurements take turns: four uploads at once on two cores starved the clients until
    // servers dropped them as dead, and a system measured during another's upload held more.
    const memory: Result[][] = SYSTEMS_RUN.map(() => []);
    const uploads = oneAtATime();
    await Promise.all(SYSTEMS_RUN.map((system, i) => attempt(`memory ${system}`, () => runMemory(system, PLAN.memoryDocs, 20, PLAN.unloadWaitMs, uploads), memory[i]!, false)));
    results.push(...memory.flat());
  }
}

function versions(): Record<string, string> {
  const version = (name: string) => (JSON.parse(fs.readFileSync(path.resolve('node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  const trame = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string }).version;
  return { trame, '@y/websocket-server': version('@y/websocket-server'), '@hocuspocus/server': version('@hocuspocus/server'), yjs: version('yjs'), ws: version('ws'), 'better-sqlite3': version('better-sqlite3') };
}

async function main(): Promise<void> {
  const started = Date.now();
  const [load1] = os.loadavg();
  // Each process of the run needs a core now and then: a busy machine turns waits into latency.
  if (load1! > 0.5 * os.cpus().length) log(`warning: load average ${round(load1!)} on ${os.cpus().length} cores before the run; figures will be inflated`);
  const results: Result[] = [];
  process.once('SIGINT', () => void killAll().finally(() => process.exit(130)));
  try {
    await runAll(results);
  } finally {
    await killAll();
    removeDataDirs();
  }
  // Other work on the machine during the run (load average over 1, 5, 15 min) makes every figure worse.
  const machine = { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, node: process.version, loadAvgAtEnd: os.loadavg().map(round) };
  fs.mkdirSync('bench-results', { recursive: true });
  fs.writeFileSync('bench-results/latest.json', `${JSON.stringify({ machine, versions: versions(), results }, null, 2)}\n`);
  log(`done in ${Math.round((Date.now() - started) / 1000)} s; wrote bench-results/latest.json`);
  console.log(`Command: \`npm run bench${quick ? ' -- --quick' : ''}\` · ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}\n`);
  console.log(markdownTable(results));
}

main().catch((error) => {
  console.error(error);
  void killAll().finally(() => process.exit(1));
});
