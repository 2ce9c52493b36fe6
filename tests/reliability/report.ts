/**
 * docs/RELIABILITY.md: the table of every fault tried, how many runs and the result, and the soak
 * time series. Written by tests/reliability/run.ts from the figures of the runs it just made.
 */
import os from 'node:os';
import type { CyclesSummary } from './cycles';
import type { FaultSummary } from './faults';
import type { SoakResult } from './soak';

/** One line of the table of faults. */
export interface ReportRow {
  fault: string;
  mustHold: string;
  runs: string;
  result: 'pass' | 'FAIL' | 'not run';
  figures: string;
}

const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`);
const n = (value: number) => value.toLocaleString('en');

/** The q-quantile (0..1) of some numbers; 0 when there are none. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const FAULTS: Record<CyclesSummary['signal'], (providers: number) => string> = {
  SIGKILL: (p) => `\`kill -9\` of the server (child process) at a random moment while ${p} providers edit; restarted on the same port and data`,
  SIGTERM: (p) => `SIGTERM to the server while ${p} providers edit; started again on the same port and data`,
  'SIGTERM+SIGKILL': (p) => `SIGTERM, then \`kill -9\` 0-150 ms later (during the shutdown) while ${p} providers edit; restarted on the same port and data`,
};

/** The row of a series of kill-and-restart cycles. */
export function cyclesRow(summary: CyclesSummary): ReportRow {
  const r = summary.results;
  const kill = summary.signal !== 'SIGTERM'; // the exit-code and 1001 promises hold for a plain SIGTERM only
  const figures = [
    `${n(r.reduce((s, c) => s + c.receivedChecked, 0))} received updates checked, ${n(r.reduce((s, c) => s + c.missing, 0))} missing`,
    `${n(r.reduce((s, c) => s + c.edits, 0))} edits`,
    kill ? null : `exit after p50 ${ms(quantile(r.map((c) => c.exit.ms), 0.5))}, max ${ms(quantile(r.map((c) => c.exit.ms), 1))}; 1001 seen by ${n(r.reduce((s, c) => s + c.goingAway, 0))}/${n(r.length * summary.providers)} connections`,
    `restart p50 ${ms(quantile(r.map((c) => c.restartMs), 0.5))}; reconnect + converge p50 ${ms(quantile(r.map((c) => c.convergeMs), 0.5))}, max ${ms(quantile(r.map((c) => c.convergeMs), 1))}`,
    `seed ${summary.seed}`,
    ...summary.failures.slice(0, 3),
  ];
  return {
    fault: FAULTS[summary.signal](summary.providers),
    mustHold: kill
      ? 'every update any provider had received from the server is served by the restarted server (checked before any provider reconnects); providers reconnect by themselves and converge (content + state vector + deletions); the server serves what they hold'
      : 'exits by itself within 5 s with code 0; every connection is closed with 1001 (going away); everything received before is served after the restart; providers reconnect by themselves and converge',
    runs: `${r.length} cycle${r.length === 1 ? '' : 's'}`,
    result: summary.failures.length === 0 ? 'pass' : 'FAIL',
    figures: figures.filter(Boolean).join('; '),
  };
}

/** The row of the property-based fault schedules. */
export function faultsRow(summary: FaultSummary): ReportRow {
  const t = summary.tally;
  return {
    fault: 'random schedules (fast-check) for 5 providers: edits (text, bold, paragraphs, emoji), disconnects and reconnects, offline edits, in-process server restarts',
    mustHold: 'at the end every provider, a fresh client and the stored log replayed into a Y.Doc hold the same content, state vector and deletions',
    runs: `${n(summary.runs)} schedules`,
    result: summary.failure === null ? 'pass' : 'FAIL',
    figures: [
      `${n(t.edits)} online edits, ${n(t.offlineEdits)} offline edits, ${n(t.disconnects)} disconnects, ${n(t.reconnects)} reconnects, ${n(t.restarts)} restarts`,
      `${ms(summary.ms)} in all; seed ${summary.seed}`,
      summary.failure?.split('\n').slice(0, 2).join(' ') ?? null,
    ].filter(Boolean).join('; '),
  };
}

/** The row of the soak. */
export function soakRow(result: SoakResult): ReportRow {
  const s = result.samples;
  const loaded = s.slice(1);
  const first = loaded[0];
  const last = loaded.at(-1);
  const o = result.options;
  return {
    fault: `soak: ${o.providers} providers (one member each) on ${o.docs} documents, each editing every ~${o.editEveryMs / 1000} s, for ${o.minutes} min`,
    mustHold: 'server memory and edit → receive latency stay flat (time series below); every document converges and the server serves what the providers hold',
    runs: '1 run',
    result: result.failures.length === 0 ? 'pass' : 'FAIL',
    figures: first && last
      ? `${n(result.totalEdits)} edits; RSS ${s[0]!.rssMB.toFixed(0)} MB idle, ${first.rssMB.toFixed(0)} → ${last.rssMB.toFixed(0)} MB under load (max ${Math.max(...s.map((x) => x.rssMB)).toFixed(0)}); latency p95 ${ms(first.latency.p95)} → ${ms(last.latency.p95)}, worst max ${ms(Math.max(...loaded.map((x) => x.latency.max)))}; ${loaded.reduce((sum, x) => sum + x.latency.timeouts, 0)} edits not received within 30 s${result.failures.length ? `; ${result.failures.slice(0, 2).join('; ')}` : ''}`
      : 'no sample',
  };
}

/** The soak time series as a markdown table. */
export function soakTable(result: SoakResult): string {
  const head = '| t | server RSS (MB) | edits in window | latency p50 | p95 | max | received | not received (30 s) | documents (KB) | harness lag p99 / max |\n|---|---|---|---|---|---|---|---|---|---|';
  const rows = result.samples.map((s) =>
    s.latency.count === 0
      ? `| ${(s.atSeconds / 60).toFixed(1)} min | ${s.rssMB.toFixed(1)} | ${n(s.edits)} | – | – | – | 0 | ${s.latency.timeouts} | ${s.docsKB.toFixed(0)} | – |`
      : `| ${(s.atSeconds / 60).toFixed(1)} min | ${s.rssMB.toFixed(1)} | ${n(s.edits)} | ${ms(s.latency.p50)} | ${ms(s.latency.p95)} | ${ms(s.latency.max)} | ${n(s.latency.count)} | ${s.latency.timeouts} | ${s.docsKB.toFixed(0)} | ${ms(s.harnessLagMs)} / ${ms(s.harnessLagMaxMs)} |`,
  );
  return [head, ...rows].join('\n');
}

/** The whole report. */
export function renderReport(rows: ReportRow[], soak: SoakResult | null, meta: { startedAt: Date; ms: number; command: string }): string {
  const table = ['| fault | what must hold | runs | result | figures |', '|---|---|---|---|---|', ...rows.map((r) => `| ${r.fault} | ${r.mustHold} | ${r.runs} | ${r.result === 'pass' ? '✅ pass' : r.result === 'FAIL' ? '❌ FAIL' : r.result} | ${r.figures} |`)];
  return `# Reliability report

Generated by \`${meta.command}\` (tests/reliability/run.ts) on ${meta.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC in ${ms(meta.ms)},
on Node ${process.version}, ${os.cpus().length} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB. Do not edit by hand: rerun the script.
All load goes to 127.0.0.1; the server runs in a child process (\`node --import tsx server/main.ts\`, SQLite in a
temp dir) except for the fault schedules, which restart an in-process server. Timings include whatever else the
machine was running.

## Durability and convergence

${table.join('\n')}

Shorter versions run in \`npm test\`: \`tests/reliability/crash.test.ts\` (3 kill -9 cycles),
\`shutdown.test.ts\` (2 SIGTERM cycles), \`faults.test.ts\` (up to 250 schedules in 45 s, at least 100, plus a negative control: a store
that silently drops updates must make the property fail). The attack, access, storage-fault and backup rows are
the \`npm test\` suites themselves, run again (the WebSocket fuzzer with \`--fuzz-runs\` inputs, 5,000 by default).

## Soak time series

${soak ? `${soak.options.providers} providers on ${soak.options.docs} documents, one sample every ${soak.options.sampleSeconds} s (t = 0: connected, before the edits start).
Latency is measured from an edit by one provider to the moment the document's watching provider (in the same
process) has applied it; "harness lag" is the event-loop delay of that process, which adds to the latency.

${soakTable(soak)}` : 'Not run this time.'}

## Rerun

- everything: \`npm run reliability\` (about 15 min); a 30-minute soak: \`npm run reliability -- --soak-minutes 30\`
- one part: \`npm run reliability -- --only crash|shutdown|termkill|faults|soak|attacks\`; replay a failed schedule:
  \`npm run reliability -- --only faults --seed <seed> --path <path>\` (both printed with the failure)
- the soak alone: \`npx tsx tests/reliability/soak.ts --minutes 30\`
`;
}
