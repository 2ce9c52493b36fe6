/**
 * Online backup and offline restore of the SQLite store. Backup uses SQLite's online backup API,
 * so it runs while the server serves and writes: the copy is one consistent moment. Restore
 * replaces the database file and must not run under a live server (checked with its pid file).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './sqliteSchema';

/** Name of the file a running server keeps in its data directory. */
export const PID_FILE = 'trame.pid';

/** A backup or restore that cannot be done; the message says why, for an operator. */
export class BackupError extends Error {}

/** Checks that a file is an intact Trame database this release can read; returns its version. */
export function checkTrameDatabase(file: string): number {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist`);
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`${file} is damaged: ${String(integrity)}`);
    const row = db.prepare<[], { version: number | null }>('SELECT max(version) AS version FROM schema_version').get();
    const version = row?.version ?? 0;
    if (version < 1 || version > MIGRATIONS.length) throw new BackupError(`${file} has schema version ${version}; this release reads 1 to ${MIGRATIONS.length}`);
    return version;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a Trame database: ${(error as Error).message}`);
  } finally {
    db?.close();
  }
}

/** Copies the live database to `destination` (which must not exist) and verifies the copy. */
export async function backupDatabase(source: string, destination: string): Promise<{ bytes: number }> {
  if (!fs.existsSync(source)) throw new BackupError(`no database at ${source}`);
  if (fs.existsSync(destination)) throw new BackupError(`${destination} already exists: choose a new file name`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(destination);
  } finally {
    db.close();
  }
  checkTrameDatabase(destination);
  return { bytes: fs.statSync(destination).size };
}

/** The pid of a server running on this data directory, if its pid file names a live process. */
export function runningServerPid(dataDir: string): number | null {
  const file = path.join(dataDir, PID_FILE);
  if (!fs.existsSync(file)) return null;
  const pid = Number(fs.readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // a stale file left by a crash
  }
}

/**
 * Replaces the database at `target` with the backup. The current file is kept beside it as
 * `<target>.before-restore-<time>`, so a wrong restore can itself be undone.
 */
export function restoreDatabase(backup: string, target: string, dataDir: string): { keptAs: string | null } {
  const pid = runningServerPid(dataDir);
  if (pid !== null) throw new BackupError(`a Trame server (pid ${pid}) is using ${dataDir}: stop it first`);
  checkTrameDatabase(backup);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = `${target}.restoring`;
  fs.copyFileSync(backup, staging);
  const fd = fs.openSync(staging, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  let keptAs: string | null = null;
  if (fs.existsSync(target)) {
    keptAs = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(target, keptAs);
  }
  // A write-ahead log belongs to the file it was written for: applied to the restored file it would
  // mix two databases. SQLite itself would refuse it (salts differ), but leave no doubt.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.renameSync(staging, target);
  return { keptAs };
}
