/**
 * The real server as a child process (`node --import tsx server/main.ts`), so that tests can kill
 * it with SIGKILL or SIGTERM as an operator or the OS would, and start it again on the same port
 * and data directory. Every child is killed when the test process exits, even after a failure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestServer } from './server';
import { waitFor } from './providers';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const START_TIMEOUT_MS = 30_000;
const live = new Set<ChildProcess>();

// Last resort: a harness that throws or is interrupted must not leave servers running.
process.on('exit', () => live.forEach((child) => child.kill('SIGKILL')));

/** How a child server ended. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Time from the signal to the exit, in ms. */
  ms: number;
}

/** A server running in a child process. */
export interface ChildServer {
  /** Process id of the running server (changes at each start). */
  readonly pid: number;
  readonly port: number;
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly dataDir: string;
  /** Whether the process is running. */
  readonly running: boolean;
  /** Sends a signal and resolves once the process has exited. */
  signal(signal: NodeJS.Signals): Promise<ChildExit>;
  /** Starts the server again on the same port and data directory; resolves once /healthz answers. */
  start(): Promise<void>;
  /** Kills the server (if running) and deletes its data directory. */
  stop(): Promise<void>;
}

/** Starts a child server on a free port (or `port`) over a fresh temp data dir (or `dataDir`). */
export async function startChildServer(options: { env?: Record<string, string>; dataDir?: string } = {}): Promise<ChildServer> {
  const dataDir = options.dataDir ?? (await fsp.mkdtemp(path.join(os.tmpdir(), 'trame-child-')));
  let port = 0;
  let child: ChildProcess | null = null;
  const boot = async () => {
    const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error', ...options.env };
    child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    child.once('exit', () => live.delete(child!));
    port = await listeningPort(child);
    await waitFor(() => healthy(`http://127.0.0.1:${port}`), 'server /healthz', START_TIMEOUT_MS);
  };
  await boot();
  const server: ChildServer = {
    get pid() {
      return child?.pid ?? -1;
    },
    get port() {
      return port;
    },
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    dataDir,
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    signal: (signal) => signalAndWait(child!, signal),
    async start() {
      if (server.running) throw new Error('the child server is already running');
      await boot();
    },
    async stop() {
      if (server.running) await signalAndWait(child!, 'SIGKILL');
      await fsp.rm(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/** Resolves with the port the child reports listening on; rejects (with its stderr) if it exits first. */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => fail(new Error('the server did not start in time')), START_TIMEOUT_MS);
    const onExit = (code: number | null, signal: string | null) => fail(new Error(`the server exited during start-up (code ${code}, signal ${signal})`));
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${stderr.slice(-2000)}`));
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /running at http:\/\/[^:]+:(\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(Number(match[1]));
      }
    });
    // Kept (bounded) for failure messages; the server logs errors only (LOG_LEVEL=error).
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
    child.once('exit', onExit);
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`)).ok;
  } catch {
    return false;
  }
}

function signalAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<ChildExit> {
  const started = performance.now();
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode, ms: 0 });
  return new Promise((resolve) => {
    child.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal, ms: performance.now() - started }));
    child.kill(signal);
  });
}

/** Resident memory of a process in MB (VmRSS from /proc), or 0 once it has exited. */
export function residentMB(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/**
 * The HTTP helpers of ./server.ts (setupWorkspace, addMember, createDocument) only use the
 * server's URL: this lets them drive a child server through its public API.
 */
export const httpTarget = (url: string): TestServer => ({ url }) as TestServer;
