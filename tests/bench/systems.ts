/**
 * The systems under test, each started as its own child process on 127.0.0.1: Trame with SQLite,
 * Trame in memory, @y/websocket-server (memory), Hocuspocus with its SQLite extension.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startChild, type Child } from './procs';
import type { Target, Wire } from './wire';

/** Names used in results. */
export type SystemName = 'trame' | 'trame-memory' | 'y-websocket-server' | 'hocuspocus';

/** Every system, in table order. */
export const SYSTEMS: readonly SystemName[] = ['trame', 'trame-memory', 'y-websocket-server', 'hocuspocus'];

/** A running system. */
export interface RunningSystem {
  name: SystemName;
  wire: Wire;
  child: Child;
  dataDir: string;
  /** New, empty (Trame: template) documents; returns how to reach each. */
  newRooms(count: number): Promise<Target[]>;
  /** How to reach an existing room. */
  target(room: string): Target;
  /** Loaded documents and memory, as the server itself reports them (after a GC when `gc`). */
  stats(gc?: boolean): Promise<{ documents: number; rssMB: number; heapMB: number; arrayBuffersMB: number }>;
  stop(): Promise<void>;
}

const SCRIPTS: Record<SystemName, { script: string; env: Record<string, string>; wire: Wire }> = {
  trame: { script: 'servers/trame.ts', env: { BENCH_STORE: 'sqlite' }, wire: 'y-websocket' },
  'trame-memory': { script: 'servers/trame.ts', env: { BENCH_STORE: 'memory' }, wire: 'y-websocket' },
  'y-websocket-server': { script: 'servers/yws.ts', env: {}, wire: 'y-websocket' },
  hocuspocus: { script: 'servers/hocuspocus.ts', env: {}, wire: 'hocuspocus' },
};

/**
 * Where this run's data files go: on the machine's real disk (not tmpfs), so that fsync costs what
 * it costs; one directory per run, so that a run ending (or starting) in the same checkout never
 * deletes the files of another still running (Hocuspocus then fails every store with
 * SQLITE_READONLY_DBMOVED and keeps its documents loaded).
 */
const DATA_PARENT = path.resolve('bench-results/data');
export const DATA_ROOT = path.join(DATA_PARENT, `run-${process.pid}-${randomBytes(3).toString('hex')}`);

/** A fresh data directory. */
export function freshDataDir(name: string): string {
  const dir = path.join(DATA_ROOT, `${name}-${Date.now()}-${randomBytes(3).toString('hex')}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Starts a system on `dataDir` (a fresh one by default); `env` adds variables (e.g. grace). */
export async function startSystem(name: SystemName, options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<RunningSystem> {
  const spec = SCRIPTS[name];
  const dataDir = options.dataDir ?? freshDataDir(name);
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every server process (see PERFORMANCE.md).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  const child = await startChild(spec.script, { ...spec.env, BENCH_DATA_DIR: dataDir, ...options.env }, ['--expose-gc', ...profile]);
  const port = Number(child.ready.port);
  const base = `ws://127.0.0.1:${port}`;
  const trame = name === 'trame' || name === 'trame-memory';
  const headers: Record<string, string> = trame ? { cookie: String(child.ready.cookie), origin: String(child.ready.origin) } : {};
  const serverUrl = trame ? `${base}/collab` : base;
  const target = (room: string): Target => ({
    wire: spec.wire,
    serverUrl,
    url: spec.wire === 'hocuspocus' ? base : `${serverUrl}/${room}`,
    room,
    headers,
  });
  let counter = 0;
  const newRooms = async (count: number): Promise<Target[]> => {
    if (!trame) return Array.from({ length: count }, () => target(`bench-${process.pid}-${++counter}-${randomBytes(3).toString('hex')}`));
    const reply = await child.ask<{ rooms: string[] }>({ type: 'createDocuments', count });
    return reply.rooms.map(target);
  };
  return {
    name,
    wire: spec.wire,
    child,
    dataDir,
    newRooms,
    target,
    stats: (gc = false) => child.ask({ type: gc ? 'gc' : 'stats' }),
    stop: () => child.kill(),
  };
}

/** Whether process `pid` still runs. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes every data directory this run created, and those of runs (or scripts calling
 * startSystem) that ended without removing theirs; the parent goes once no run uses it.
 */
export function removeDataDirs(): void {
  fs.rmSync(DATA_ROOT, { recursive: true, force: true });
  const runs = fs.existsSync(DATA_PARENT) ? fs.readdirSync(DATA_PARENT) : [];
  for (const name of runs) {
    const pid = Number(/^run-(\d+)-/.exec(name)?.[1]);
    if (pid && !alive(pid)) fs.rmSync(path.join(DATA_PARENT, name), { recursive: true, force: true });
  }
  try {
    fs.rmdirSync(DATA_PARENT); // fails while another run's directory is still there
  } catch {
    // another run is using it, or it is gone already
  }
}
