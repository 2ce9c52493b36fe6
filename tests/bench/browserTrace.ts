/**
 * Diagnostics of scenario 6 (`BENCH_PROFILE=1`): a Chromium trace of the page load, summed into the
 * renderer main thread's self time per trace event (script, style, layout, paint, GC…), the times
 * of its long tasks and of the WebSocket events, and the sampled CPU profile's self time per
 * function and per source folder (through the build's source maps when they are there). Only the
 * summary is printed; the raw trace is written next to the client build, for chrome://tracing or
 * the DevTools performance panel.
 */
import fs from 'node:fs';
import path from 'node:path';
import { log } from './util';

/** Trace categories: the DevTools timeline plus the V8 sampling profiler. */
export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'loading', 'blink.user_timing'];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  id?: string;
  args?: Record<string, unknown>;
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  parent?: number;
}

/** Where a generated position of the built client comes from, or null without a source map. */
type SourceLookup = (url: string, line: number, column: number) => string | null;

async function sourceLookup(clientDir: string): Promise<SourceLookup> {
  let TraceMap: typeof import('@jridgewell/trace-mapping').TraceMap;
  let originalPositionFor: typeof import('@jridgewell/trace-mapping').originalPositionFor;
  try {
    // Present through Vite's own dependencies; without it, places stay as built-file positions.
    ({ TraceMap, originalPositionFor } = await import('@jridgewell/trace-mapping'));
  } catch {
    return () => null;
  }
  const maps = new Map<string, InstanceType<typeof TraceMap> | null>();
  return (url, line, column) => {
    const file = path.join(clientDir, new URL(url).pathname);
    if (!maps.has(file)) maps.set(file, fs.existsSync(`${file}.map`) ? new TraceMap(fs.readFileSync(`${file}.map`, 'utf8')) : null);
    const map = maps.get(file);
    if (!map) return null;
    const original = originalPositionFor(map, { line: line + 1, column });
    if (!original.source) return null;
    const source = original.source.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '');
    return `${source}:${original.line}${original.name ? ` ${original.name}` : ''}`;
  };
}

const top = (totals: Map<string, number>, count: number): [string, number][] => [...totals].sort((a, b) => b[1] - a[1]).slice(0, count);

const add = (totals: Map<string, number>, key: string, ms: number) => totals.set(key, (totals.get(key) ?? 0) + ms);

/** Self time per event name on one thread (complete events only, nested by their time spans). */
function selfTimes(events: TraceEvent[]): Map<string, number> {
  const totals = new Map<string, number>();
  const spans = events.filter((e) => e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const stack: { event: TraceEvent; end: number; children: number }[] = [];
  const close = (upTo: number) => {
    while (stack.length > 0 && stack[stack.length - 1]!.end <= upTo) {
      const done = stack.pop()!;
      add(totals, done.event.name, (done.event.dur! - done.children) / 1000);
    }
  };
  for (const event of spans) {
    close(event.ts);
    if (stack.length > 0) stack[stack.length - 1]!.children += event.dur!;
    stack.push({ event, end: event.ts + event.dur!, children: 0 });
  }
  close(Infinity);
  return totals;
}

/** Prints the summary of a trace taken with TRACE_CATEGORIES and writes the raw trace to `clientDir/../browser-trace.json`. */
export async function summariseTrace(trace: Buffer, clientDir: string, origin: string): Promise<void> {
  const out = path.join(path.dirname(clientDir), 'browser-trace.json');
  fs.writeFileSync(out, trace);
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  // The renderer that loaded the page: the process whose main thread ran our scripts.
  const mainThreads = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && (e.args?.['name'] as string) === 'CrRendererMain');
  const ours = mainThreads.find((m) => events.some((e) => e.pid === m.pid && e.name === 'ResourceSendRequest' && String((e.args?.['data'] as { url?: string })?.url ?? '').startsWith(origin)))
    ?? mainThreads.find((m) => events.some((e) => e.pid === m.pid && e.name === 'EvaluateScript'));
  if (!ours) return log('browser: no renderer main thread in the trace');
  const thread = events.filter((e) => e.pid === ours.pid && e.tid === ours.tid);
  const start = Math.min(...thread.filter((e) => e.ph === 'X').map((e) => e.ts));

  log(`browser: main thread self time by trace event (ms), trace in ${out}`);
  for (const [name, ms] of top(selfTimes(thread), 14)) log(`  ${ms.toFixed(1).padStart(8)}  ${name}`);

  // When the long tasks ran, and the body's WebSocket (which the resource timeline leaves out):
  // the gaps between tasks are waits (network, server, timers).
  const at = (ts: number) => ((ts - start) / 1000).toFixed(0).padStart(6);
  const milestones = events
    .filter((e) => e.pid === ours.pid && ((e.tid === ours.tid && e.name === 'RunTask' && e.dur! >= 30_000) || e.name.startsWith('WebSocket')))
    .sort((a, b) => a.ts - b.ts)
    .map((e) => (e.name === 'RunTask' ? `${at(e.ts)} → ${at(e.ts + e.dur!).trim()}  task` : `${at(e.ts)}  ${e.name} ${String((e.args?.['data'] as { url?: string })?.url ?? '').replace(/^wss?:\/\/[^/]+/, '')}`));
  log('browser: main-thread tasks ≥ 30 ms and WebSocket events (ms after the first trace event)');
  for (const line of milestones) log(`  ${line}`);

  // The sampled profile of that process: nodes and samples arrive in chunks.
  const nodes = new Map<number, ProfileNode>();
  const samples: { node: number; delta: number }[] = [];
  for (const e of events) {
    if (e.pid !== ours.pid || e.name !== 'ProfileChunk') continue;
    const data = e.args?.['data'] as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } | undefined;
    for (const node of data?.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    const ids = data?.cpuProfile?.samples ?? [];
    ids.forEach((node, i) => samples.push({ node, delta: data?.timeDeltas?.[i] ?? 0 }));
  }
  if (samples.length === 0) return;
  const lookup = await sourceLookup(clientDir);
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  // A sample's time is the gap to the next one.
  for (let i = 0; i < samples.length - 1; i++) {
    const ms = samples[i + 1]!.delta / 1000;
    const frame = nodes.get(samples[i]!.node)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    const place = frame.url ? (lookup(frame.url, frame.lineNumber, frame.columnNumber) ?? `${frame.url.replace(origin, '')}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`) : '';
    add(byFunction, `${frame.functionName || '(anonymous)'} ${place}`, ms);
    add(byFile, place.replace(/:\d+.*$/, '').replace(/\/[^/]+$/, '/') || frame.functionName, ms);
  }
  log('browser: CPU profile self time by function (ms)');
  for (const [name, ms] of top(byFunction, 25)) log(`  ${ms.toFixed(1).padStart(8)}  ${name}`);
  log('browser: CPU profile self time by source folder (ms)');
  for (const [name, ms] of top(byFile, 15)) log(`  ${ms.toFixed(1).padStart(8)}  ${name}`);
}
