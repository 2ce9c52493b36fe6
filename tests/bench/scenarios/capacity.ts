/**
 * Scenario 2: documents of 5 authors typing 5 edits/s each; documents are added step by step until
 * p95 exceeds 100 ms or errors appear. Reports the authors of the last step that held.
 */
import { LoadPool } from '../load/pool';
import { percentile, round, type CapacityResult } from '../results';
import { startSystem, type SystemName } from '../systems';
import { log, now, sleep } from '../util';

/** Settings of the capacity ramp. */
export interface CapacityOptions {
  authorsPerDoc: number;
  ratePerSec: number;
  /** Authors added per step. */
  stepAuthors: number;
  maxAuthors: number;
  /** Measured window per step, after `settleMs`. */
  windowMs: number;
  /**
   * Typing before each window is measured. Every system, in memory too, needs 2-3 s after 50 new
   * rooms start (loads, first paragraphs, JIT of new code paths) before its latency is its steady
   * one; with the former 1 s every system "failed" the first step at p95 ≈ 1.5 s.
   */
  settleMs: number;
  p95LimitMs: number;
}

/** Runs the ramp for one system; every process it starts is stopped before it returns. */
export async function runCapacity(system: SystemName, o: CapacityOptions): Promise<CapacityResult> {
  const [server, pool] = await Promise.all([startSystem(system), LoadPool.reuse(2, false)]);
  let held = 0;
  const loadCpu = pool.meter();
  try {
    for (let authors = o.stepAuthors; authors <= o.maxAuthors; authors += o.stepAuthors) {
      const rooms = await server.newRooms(o.stepAuthors / o.authorsPerDoc);
      for (const room of rooms) await pool.addAuthors(room, o.authorsPerDoc, false);
      await pool.start(o.ratePerSec, 30 * 60_000); // typing until the pool is stopped
      await sleep(o.settleMs);
      await pool.collect();
      const errorsBefore = pool.errors;
      const from = now();
      await sleep(o.windowMs);
      const to = now();
      await sleep(500); // edits sent at the end of the window get their chance to arrive
      await pool.collect();
      const { ms, undelivered } = pool.latencies(from, to, now());
      const p95 = percentile(ms, 95);
      const errors = pool.errors - errorsBefore;
      log(`capacity ${system}: ${authors} authors, p95 ${round(p95)} ms, ${undelivered} late, ${errors} errors`);
      if (!(p95 <= o.p95LimitMs) || errors > 0) break;
      held = authors;
    }
    const loadCpuPct = loadCpu.read();
    return { scenario: 'capacity', system, authorsHeld: held, loadCpuPct: round(loadCpuPct), clientBound: loadCpuPct > 80 * pool.cores };
  } finally {
    await Promise.all([pool.release(), server.stop()]);
  }
}
