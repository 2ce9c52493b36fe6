/**
 * A fixed load for A/B work on one system (not part of the published run):
 *   npx tsx tests/bench/probe.ts [system] [authors] [seconds]
 * starts the system, puts `authors` light authors in rooms of 5 (5 edits/s each, as in the capacity
 * scenario), lets them type for 3 s, then measures for `seconds`: p95 latency, server CPU and the
 * load generator's CPU. With BENCH_CPU_PROF=<dir> the server writes a CPU profile of the run.
 */
import { LoadPool } from './load/pool';
import { CpuMeter, killAll } from './procs';
import { percentile, round } from './results';
import { startSystem, type SystemName } from './systems';
import { now, sleep } from './util';

async function main(): Promise<void> {
  const system = (process.argv[2] ?? 'trame') as SystemName;
  const authors = Number(process.argv[3] ?? 500);
  const seconds = Number(process.argv[4] ?? 10);
  const [server, pool] = await Promise.all([startSystem(system), LoadPool.reuse(2, false)]);
  try {
    const rooms = await server.newRooms(authors / 5);
    for (const room of rooms) await pool.addAuthors(room, 5, false);
    await pool.start(5, 30 * 60_000);
    await sleep(3000);
    await pool.collect();
    const serverCpu = new CpuMeter([server.child.pid]);
    const loadCpu = pool.meter();
    const from = now();
    await sleep(seconds * 1000);
    const to = now();
    const cpu = serverCpu.read();
    const load = loadCpu.read();
    await sleep(500);
    await pool.collect();
    const { ms, undelivered } = pool.latencies(from, to, now());
    const line = { system, authors, p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)), p99: round(percentile(ms, 99)), edits: ms.length, undelivered, errors: pool.errors, serverCpuPct: round(cpu), loadCpuPct: round(load) };
    console.log(JSON.stringify(line));
  } finally {
    await Promise.all([pool.release(), server.stop()]);
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => void killAll().then(() => process.exit()));
