/**
 * Scenario 1: one document, N authors each typing `rate` edits/s for `durationMs`; latency from an
 * author's edit until the last other client received it; server CPU and peak memory.
 */
import { LoadPool } from '../load/pool';
import { CpuMeter, memoryMB } from '../procs';
import { percentile, round, type FanoutResult } from '../results';
import { startSystem, type SystemName } from '../systems';
import { now, sleep, log } from '../util';

/** Settings of one fanout run. */
export interface FanoutOptions {
  authors: number;
  ratePerSec: number;
  durationMs: number;
  /** Typing before measuring starts (JIT warm-up, authors' first edits). */
  warmupMs: number;
  /** How long to wait after the last edit for stragglers before counting them as late. */
  drainMs: number;
  /** How long the full clients may take to agree with a fresh client at the end. */
  checkMs: number;
}

/** Runs scenario 1 for one system and N; every process it starts is stopped before it returns. */
export async function runFanout(system: SystemName, o: FanoutOptions): Promise<FanoutResult> {
  const [server, pool] = await Promise.all([startSystem(system), LoadPool.reuse(2, true)]);
  try {
    const [target] = await server.newRooms(1);
    await pool.addFullClients([target!]);
    await pool.addAuthors(target!, o.authors);
    await sleep(250);
    await pool.collect(); // discard anything from the joins
    await pool.start(o.ratePerSec, o.warmupMs + o.durationMs);
    await sleep(o.warmupMs);
    const serverCpu = new CpuMeter([server.child.pid]);
    const loadCpu = pool.meter();
    const from = now();
    await sleep(o.durationMs);
    const cpuPct = serverCpu.read();
    const loadCpuPct = loadCpu.read();
    const to = now();
    const deadline = to + o.drainMs;
    do {
      await sleep(250);
      await pool.collect();
    } while (!pool.allDelivered() && now() < deadline);
    const { ms, undelivered } = pool.latencies(from, to, now());
    if (process.env.BENCH_DEBUG) {
      for (let t = from; t < to; t += 1000) log(`  second ${Math.round((t - from) / 1000)}: p95 ${round(percentile(pool.latencies(t, t + 1000, now()).ms, 95))} ms`);
    }
    const converged = (await pool.full!.ask<{ converged: boolean }>({ type: 'check', timeoutMs: o.checkMs })).converged;
    const result: FanoutResult = {
      scenario: 'fanout',
      system,
      authors: o.authors,
      p50Ms: round(percentile(ms, 50)),
      p95Ms: round(percentile(ms, 95)),
      p99Ms: round(percentile(ms, 99)),
      cpuPct: round(cpuPct),
      rssMB: round(memoryMB(server.child.pid).peak),
      loadCpuPct: round(loadCpuPct),
      clientBound: loadCpuPct > 80 * pool.cores,
      converged,
    };
    log(`fanout ${system} N=${o.authors}: ${ms.length} edits, ${undelivered} late, ${pool.errors} errors`, result);
    return result;
  } finally {
    await Promise.all([pool.release(), server.stop()]);
  }
}
