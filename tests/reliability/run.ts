/**
 * `npm run reliability`: the long versions of the durability runs (many kill -9 and SIGTERM
 * cycles, thousands of fault schedules, a soak) and docs/RELIABILITY.md regenerated from them.
 * Every part is bounded in count and time; child servers are killed on exit, even after Ctrl-C.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runAttackSuites } from './attacks';
import { runKillCycles } from './cycles';
import { runFaultSchedules } from './faults';
import { cyclesRow, faultsRow, renderReport, soakRow, soakTable, type ReportRow } from './report';
import { runSoak, SOAK_DEFAULTS, type SoakResult } from './soak';

const REPORT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/RELIABILITY.md');
const PARTS = ['crash', 'shutdown', 'termkill', 'faults', 'soak', 'attacks'] as const;
type Part = (typeof PARTS)[number];

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    'crash-cycles': { type: 'string', default: '50' },
    'shutdown-cycles': { type: 'string', default: '10' },
    'termkill-cycles': { type: 'string', default: '20' },
    'fault-runs': { type: 'string', default: '2000' },
    'soak-minutes': { type: 'string', default: '3' },
    'fuzz-runs': { type: 'string', default: '5000' },
    seed: { type: 'string' },
    path: { type: 'string' },
  },
});

// The child servers are killed by the 'exit' hook of tests/helpers/childServer.ts.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

const SIGNALS = { crash: 'SIGKILL', shutdown: 'SIGTERM', termkill: 'SIGTERM+SIGKILL' } as const;
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const MINUTE = 60_000;

async function runPart(part: Part, rows: ReportRow[]): Promise<SoakResult | null> {
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (part === 'crash' || part === 'shutdown' || part === 'termkill') {
    const signal = SIGNALS[part];
    const cycles = Number(values[`${part}-cycles`]);
    const summary = await runKillCycles({ signal, cycles, providers: 10, seed, maxMs: 8 * MINUTE, log: () => undefined });
    rows.push(cyclesRow(summary));
    log(`${part}: ${summary.results.length} cycles in ${Math.round(summary.ms / 1000)} s, ${summary.failures.length} failures${summary.failures.length ? `\n${summary.failures.join('\n')}` : ''}`);
    return null;
  }
  if (part === 'faults') {
    const summary = await runFaultSchedules({ numRuns: Number(values['fault-runs']), seed, path: values.path, maxMs: 8 * MINUTE });
    rows.push(faultsRow(summary));
    log(`faults: ${summary.runs} schedules in ${Math.round(summary.ms / 1000)} s${summary.failure ? `\n${summary.failure}` : ', all converged'}`);
    return null;
  }
  if (part === 'attacks') {
    rows.push(...(await runAttackSuites(Number(values['fuzz-runs']), log)));
    return null;
  }
  const soak = await runSoak({ ...SOAK_DEFAULTS, minutes: Number(values['soak-minutes']), log });
  rows.push(soakRow(soak));
  log(`soak:\n${soakTable(soak)}${soak.failures.length ? `\n${soak.failures.join('\n')}` : ''}`);
  return soak;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const only = values.only?.split(',') as Part[] | undefined;
  const unknown = only?.filter((part) => !PARTS.includes(part));
  if (unknown?.length) throw new Error(`unknown part(s): ${unknown.join(', ')} (choose among ${PARTS.join(', ')})`);
  const rows: ReportRow[] = [];
  let soak: SoakResult | null = null;
  for (const part of only ?? PARTS) {
    log(`${part}: starting`);
    soak = (await runPart(part, rows)) ?? soak;
  }
  const failed = rows.some((row) => row.result === 'FAIL');
  if (only === undefined) {
    const command = `npm run reliability${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
    await fs.mkdir(path.dirname(REPORT), { recursive: true });
    await fs.writeFile(REPORT, renderReport(rows, soak, { startedAt, ms: Date.now() - startedAt.getTime(), command }));
    log(`wrote ${path.relative(process.cwd(), REPORT)}`);
  } else {
    log('--only given: docs/RELIABILITY.md left as it was (it reports complete runs only)');
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
