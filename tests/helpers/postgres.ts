/**
 * A throw-away PostgreSQL cluster for tests: `initdb` into a temp dir, `pg_ctl start` on a free
 * port of 127.0.0.1 (and a Unix socket inside the same dir), one database `trame_test`, then
 * `pg_ctl stop -m immediate` and the dir removed. Uses Debian's server binaries
 * (/usr/lib/postgresql/<version>/bin) or `PG_BIN`; as root, runs them as the `postgres` user,
 * since PostgreSQL refuses to run as root.
 *
 * The cluster is for tests only: fsync, synchronous commit and full-page writes are off, so a
 * power cut would lose it, which does not matter for a cluster deleted at the end of the run.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** The user the cluster belongs to; initdb makes it the superuser. */
export const POSTGRES_USER = 'trame';
/** The database `startPostgres` creates and its URL points to. */
export const POSTGRES_DATABASE = 'trame_test';
const START_TIMEOUT_S = 30;
const LOG_TAIL_CHARS = 4000;

/** The directory holding `initdb` and `pg_ctl`: `PG_BIN`, else the highest /usr/lib/postgresql/<v>/bin, else null. */
export function findPostgresBin(): string | null {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return fs.existsSync(path.join(fromEnv, 'initdb')) ? fromEnv : null;
  const base = '/usr/lib/postgresql';
  let versions: string[];
  try {
    versions = fs.readdirSync(base);
  } catch {
    return null;
  }
  const candidates = versions
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => path.join(base, v, 'bin'))
    .filter((bin) => fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'pg_ctl')));
  return candidates[0] ?? null;
}

/** A running throw-away cluster. */
export interface RunningPostgres {
  /** postgres://trame@127.0.0.1:PORT/trame_test */
  url: string;
  port: number;
  /** The temp dir (data in `data/`, log in `server.log`, socket here). */
  dir: string;
  /** Stops the cluster (immediate) and removes its dir. Safe to call twice. */
  stop(): Promise<void>;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL binary, as the `postgres` user when we are root. */
function pgCommand(bin: string, tool: string, args: string[]): [string, string[]] {
  const exe = path.join(bin, tool);
  return isRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
}

async function runTool(bin: string, tool: string, args: string[], cwd: string): Promise<void> {
  const [file, argv] = pgCommand(bin, tool, args);
  try {
    await run(file, argv, { cwd, env: { ...process.env, LC_ALL: 'C' }, timeout: (START_TIMEOUT_S + 10) * 1000 });
  } catch (error) {
    const e = error as Error & { stdout?: string; stderr?: string };
    throw new Error(`${tool} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`.trim(), { cause: error });
  }
}

/** A port of 127.0.0.1 that was free a moment ago (bound on port 0, read, closed). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

function logTail(logFile: string): string {
  try {
    const log = fs.readFileSync(logFile, 'utf8');
    return log.length > LOG_TAIL_CHARS ? `…${log.slice(-LOG_TAIL_CHARS)}` : log;
  } catch {
    return '(no server log)';
  }
}

// Last resort: a run that throws or is interrupted must not leave clusters running.
const running = new Map<string, () => void>();
process.on('exit', () => running.forEach((stopNow) => stopNow()));

/**
 * Starts a throw-away cluster and creates `trame_test` in it. Throws (with the server log) if
 * the binaries are missing or the server does not start.
 */
export async function startPostgres(options: { bin?: string } = {}): Promise<RunningPostgres> {
  const bin = options.bin ?? findPostgresBin();
  if (!bin) throw new Error('no PostgreSQL server binaries found (apt-get install -y postgresql, or set PG_BIN)');
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'trame-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  let started = false;
  const stopSync = () => {
    if (started) {
      const [file, argv] = pgCommand(bin, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      try {
        execFileSync(file, argv, { cwd: dir, stdio: 'ignore', timeout: 15_000 });
      } catch {
        // Already stopped, or beyond saving; the directory goes anyway.
      }
      started = false;
    }
    fs.rmSync(dir, { recursive: true, force: true });
    running.delete(dir);
  };
  running.set(dir, stopSync);
  try {
    if (isRoot) {
      const { uid, gid } = postgresIds();
      await fsp.chown(dir, uid, gid);
    }
    await runTool(bin, 'initdb', ['-D', dataDir, '-U', POSTGRES_USER, '--auth=trust', '--no-sync', '--encoding=UTF8', '--locale=C'], dir);
    // A port free a moment ago may be taken by the time the server binds it: try a few.
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const serverOptions = [
        `-p ${port}`,
        `-k ${dir}`,
        '-c listen_addresses=127.0.0.1',
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=200',
      ].join(' ');
      try {
        started = true;
        await runTool(bin, 'pg_ctl', ['-D', dataDir, '-l', logFile, '-o', serverOptions, '-t', String(START_TIMEOUT_S), '-w', 'start'], dir);
        break;
      } catch (error) {
        started = fs.existsSync(path.join(dataDir, 'postmaster.pid'));
        const log = logTail(logFile);
        if (attempt < 3 && /could not bind|Address already in use/i.test(log)) continue;
        throw new Error(`PostgreSQL did not start on port ${port}: ${(error as Error).message}\n--- server log (${logFile}) ---\n${log}`, { cause: error });
      }
    }
    const adminUrl = `postgres://${POSTGRES_USER}@127.0.0.1:${port}/postgres`;
    const url = await createDatabase(adminUrl, POSTGRES_DATABASE);
    return {
      url,
      port,
      dir,
      async stop() {
        if (!running.has(dir)) return;
        if (started) {
          started = false;
          try {
            await runTool(bin, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], dir);
          } catch (error) {
            started = true; // let stopSync try again
            stopSync();
            throw error;
          }
        }
        await fsp.rm(dir, { recursive: true, force: true });
        running.delete(dir);
      },
    };
  } catch (error) {
    const log = logTail(logFile);
    stopSync();
    if (error instanceof Error && error.message.includes('--- server log')) throw error;
    throw new Error(`${(error as Error).message}\n--- server log ---\n${log}`, { cause: error });
  }
}

function postgresIds(): { uid: number; gid: number } {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const fields = line?.split(':');
  if (!fields || fields.length < 4) throw new Error('running as root, but there is no `postgres` user to run PostgreSQL as (apt-get install -y postgresql creates it)');
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

let counter = 0;

/**
 * Creates an empty database in the cluster of `url` and returns its URL. Without a name, a unique
 * one (`t_<pid>_<n>_<random>`), so that each test file or test can have its own.
 */
export async function createDatabase(url: string, name?: string): Promise<string> {
  const database = name ?? `t_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error(`unsafe database name: ${database}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  const target = new URL(url);
  target.pathname = `/${database}`;
  return target.toString();
}

/** Drops a database made by `createDatabase` (connections to it are closed first). */
export async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error(`unsafe database name: ${database}`);
  target.pathname = '/postgres';
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
