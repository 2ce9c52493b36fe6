/**
 * Result records (the schema of bench-results/latest.json, read by other tools) and the
 * Markdown table printed at the end of a run.
 */
import { SYSTEMS, type SystemName } from './systems';

/** Scenario 1: one document, N authors. */
export interface FanoutResult {
  scenario: 'fanout';
  system: SystemName;
  authors: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  cpuPct: number;
  rssMB: number;
  loadCpuPct: number;
  clientBound: boolean;
  converged: boolean;
}
/** Scenario 2: documents of 5 authors added until p95 > 100 ms or errors. */
export interface CapacityResult {
  scenario: 'capacity';
  system: SystemName;
  authorsHeld: number;
  loadCpuPct: number;
  clientBound: boolean;
}
/** Scenario 3: first sync of a large stored document after a restart. */
export interface ColdSyncResult {
  scenario: 'cold-sync';
  system: SystemName;
  /** From opening the socket until the whole document arrived. */
  ms: number;
  /** The part after the WebSocket handshake: session check, load, sync reply (the server's time). */
  afterOpenMs: number;
}
/** Scenario 4: a trace replayed as fast as the server acknowledges. */
export interface ReplayResult {
  scenario: 'replay';
  system: SystemName;
  trace: string;
  updatesPerSec: number;
  converged: boolean;
}
/** Scenario 5: loaded idle documents, then unloading. */
export interface MemoryResult {
  scenario: 'memory';
  system: SystemName;
  bytesPerDoc: number;
  /** null: not unloaded within the wait. */
  unloadedMs: number | null;
  /** Trame only: bytes stored per document after the unload's compaction ÷ its encoded state. */
  storedRatio?: number;
}
/** Scenario 6: the app in Chromium. */
export interface BrowserResult {
  scenario: 'browser';
  system: SystemName;
  openMs: number;
  shellJsGzipKB: number;
}

/** One result object per scenario and system. */
export type Result = FanoutResult | CapacityResult | ColdSyncResult | ReplayResult | MemoryResult | BrowserResult;

/** The p-th percentile (0-100) of `values` (nearest rank); NaN when empty. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Rounds for display and JSON: 2 significant decimals below 10, 1 below 100, else integers. */
export const round = (x: number): number => (Math.abs(x) < 10 ? Math.round(x * 100) / 100 : Math.abs(x) < 100 ? Math.round(x * 10) / 10 : Math.round(x));

type Row = { label: string; cell: (r: Result) => string; value?: (r: Result) => number; lowerIsBetter?: boolean };

const flag = (r: { clientBound: boolean }) => (r.clientBound ? ' (client-bound)' : '');

function rowsFor(results: Result[]): { key: (r: Result) => boolean; row: Row }[] {
  const rows: { key: (r: Result) => boolean; row: Row }[] = [];
  const fanoutSizes = [...new Set(results.filter((r): r is FanoutResult => r.scenario === 'fanout').map((r) => r.authors))].sort((a, b) => a - b);
  for (const n of fanoutSizes) {
    const key = (r: Result) => r.scenario === 'fanout' && r.authors === n;
    const f = (r: Result) => r as FanoutResult;
    rows.push({ key, row: { label: `1. fanout ${n} authors: p95 ms (p50 / p99)`, cell: (r) => `**${round(f(r).p95Ms)}** (${round(f(r).p50Ms)} / ${round(f(r).p99Ms)})${f(r).converged ? '' : ' not converged'}`, value: (r) => f(r).p95Ms, lowerIsBetter: true } });
    rows.push({ key, row: { label: `1. fanout ${n}: server CPU % / peak RSS MB / load CPU %`, cell: (r) => `${round(f(r).cpuPct)} / ${round(f(r).rssMB)} / ${round(f(r).loadCpuPct)}${flag(f(r))}` } });
  }
  const c = (r: Result) => r as CapacityResult;
  rows.push({ key: (r) => r.scenario === 'capacity', row: { label: '2. capacity: authors held (load CPU %)', cell: (r) => `**${c(r).authorsHeld}** (${round(c(r).loadCpuPct)})${flag(c(r))}`, value: (r) => c(r).authorsHeld, lowerIsBetter: false } });
  const cs = (r: Result) => r as ColdSyncResult;
  rows.push({ key: (r) => r.scenario === 'cold-sync', row: { label: '3. cold first sync, ms (after the handshake)', cell: (r) => `${round(cs(r).ms)} (${round(cs(r).afterOpenMs)})`, value: (r) => cs(r).ms, lowerIsBetter: true } });
  const traces = [...new Set(results.filter((r): r is ReplayResult => r.scenario === 'replay').map((r) => r.trace))];
  for (const trace of traces) {
    const p = (r: Result) => r as ReplayResult;
    rows.push({ key: (r) => r.scenario === 'replay' && r.trace === trace, row: { label: `4. replay ${trace}: updates/s`, cell: (r) => `${round(p(r).updatesPerSec)}${p(r).converged ? '' : ' wrong text'}`, value: (r) => p(r).updatesPerSec, lowerIsBetter: false } });
  }
  const m = (r: Result) => r as MemoryResult;
  rows.push({ key: (r) => r.scenario === 'memory', row: { label: '5. memory: KB per idle doc / unloaded after s', cell: (r) => `${round(m(r).bytesPerDoc / 1024)} / ${m(r).unloadedMs === null ? 'never' : round(m(r).unloadedMs! / 1000)}`, value: (r) => m(r).bytesPerDoc, lowerIsBetter: true } });
  rows.push({ key: (r) => r.scenario === 'memory' && m(r).storedRatio !== undefined, row: { label: '5. stored bytes after compaction ÷ encoded state', cell: (r) => `${round(m(r).storedRatio!)}` } });
  const b = (r: Result) => r as BrowserResult;
  rows.push({ key: (r) => r.scenario === 'browser', row: { label: '6. browser: open to editable ms / shell JS gzip KB', cell: (r) => `${round(b(r).openMs)} / ${round(b(r).shellJsGzipKB)}` } });
  return rows;
}

/** The results as a Markdown table, one column per system, with Trame's ratio to the best peer. */
export function markdownTable(results: Result[]): string {
  const peers: SystemName[] = ['y-websocket-server', 'hocuspocus'];
  const lines = [`| scenario | ${SYSTEMS.join(' | ')} | trame ÷ best peer |`, `|---|${SYSTEMS.map(() => '---:').join('|')}|---:|`];
  for (const { key, row } of rowsFor(results)) {
    const mine = results.filter(key);
    if (mine.length === 0) continue;
    const cells = SYSTEMS.map((s) => {
      const r = mine.find((x) => x.system === s);
      return r ? row.cell(r) : '–';
    });
    lines.push(`| ${row.label} | ${cells.join(' | ')} | ${ratio(mine, row, peers)} |`);
  }
  return lines.join('\n');
}

function ratio(results: Result[], row: Row, peers: SystemName[]): string {
  if (!row.value) return '';
  const trame = results.find((r) => r.system === 'trame');
  const peerValues = results.filter((r) => peers.includes(r.system)).map(row.value);
  if (!trame || peerValues.length === 0) return '';
  const best = row.lowerIsBetter ? Math.min(...peerValues) : Math.max(...peerValues);
  return best > 0 ? `${round(row.value(trame) / best)}×` : '';
}
