/**
 * Child processes of the benchmark: every system and every load generator runs in its own
 * process, started here, measured from /proc, and killed at the end even when a scenario fails.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CLOCK_TICKS_PER_SEC = 100; // Linux USER_HZ: /proc/<pid>/stat counts CPU in these
const live = new Set<ChildProcess>();

/** A started child with a request/response channel over IPC. */
export interface Child {
  proc: ChildProcess;
  pid: number;
  /** The child's first message (its "ready" report). */
  ready: Record<string, unknown>;
  /** Sends a request and resolves with the child's reply of the same id. */
  ask<T = Record<string, unknown>>(request: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  /** Kills the child and waits until it has exited. */
  kill(): Promise<void>;
}

let nextRequestId = 1;

/** Starts `tests/bench/<script>` under tsx with IPC; resolves once it reports ready. */
export async function startChild(script: string, env: Record<string, string> = {}, execArgv: string[] = []): Promise<Child> {
  const proc = fork(path.join(HERE, script), [], {
    execArgv: ['--import', 'tsx', ...execArgv],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  live.add(proc);
  proc.once('exit', () => live.delete(proc));
  // A send to a child that has died is reported through `ask` (below), not as an uncaught error.
  proc.on('error', () => {});
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 60 s`)), 60_000);
    proc.once('message', (m) => {
      clearTimeout(timer);
      resolve(m as Record<string, unknown>);
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited early with code ${code}`));
    });
  });
  const ask = <T>(request: Record<string, unknown>, timeoutMs = 120_000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextRequestId++;
      const done = () => {
        proc.off('message', onMessage);
        proc.off('exit', onExit);
        clearTimeout(timer);
      };
      const fail = (message: string) => {
        done();
        reject(new Error(`${script}: ${message}`));
      };
      const timer = setTimeout(() => fail(`no reply to ${String(request.type)}`), timeoutMs);
      const onMessage = (m: unknown) => {
        const reply = m as { id?: number; error?: string };
        if (reply.id !== id) return;
        done();
        if (reply.error) reject(new Error(`${script}: ${reply.error}`));
        else resolve(reply as T);
      };
      // A child that dies with the request out never answers: fail it now, not at the timeout.
      const onExit = (code: number | null) => fail(`exited with code ${code} while asked ${String(request.type)}`);
      proc.on('message', onMessage);
      proc.once('exit', onExit);
      if (!proc.connected) return fail(`not running (asked ${String(request.type)})`);
      proc.send({ ...request, id }, (error) => {
        if (error) fail(error.message);
      });
    });
  return { proc, pid: proc.pid!, ready, ask, kill: () => killChild(proc) };
}

function killChild(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => proc.kill('SIGKILL'), 3000);
    proc.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

/** Kills every child still running (called at the end and on failure). */
export async function killAll(): Promise<void> {
  await Promise.all([...live].map(killChild));
}

// Last resort: a crash of the harness must not leave servers or load generators running.
process.on('exit', () => live.forEach((p) => p.kill('SIGKILL')));

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SEC;
  } catch {
    return 0; // the process has exited
  }
}

/** Resident and peak resident memory of a process, in MB. */
export function memoryMB(pid: number): { rss: number; peak: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return { rss: 0, peak: 0 };
  }
}

/** Measures the CPU use of a set of processes over a window, as % of one core. */
export class CpuMeter {
  private readonly start: number[];
  private readonly startedAt = performance.now();

  constructor(private readonly pids: number[]) {
    this.start = pids.map(cpuSeconds);
  }

  /** CPU % of one core since construction (summed over the processes). */
  read(): number {
    const seconds = this.pids.reduce((sum, pid, i) => sum + cpuSeconds(pid) - this.start[i]!, 0);
    return (100 * seconds) / ((performance.now() - this.startedAt) / 1000);
  }
}
