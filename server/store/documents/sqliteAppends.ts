/**
 * SQLite's append path for the store written over Kysely: appends made during one microtask drain
 * share one transaction (../groupCommit.ts), written by raw prepared statements on the
 * better-sqlite3 connection (../sqliteAppend.ts). On a file they commit with synchronous=NORMAL
 * and count as stored once the WAL is flushed off the main thread (../walSync.ts); in memory they
 * settle once committed. PostgreSQL keeps SqlDocuments' own transaction per call.
 *
 * Kysely's SQLite driver has one connection behind a mutex, and a Kysely write transaction spans
 * several ticks (BEGIN IMMEDIATE … awaits … COMMIT): a raw synchronous transaction run in between
 * would become part of it. So each group commit runs while holding that connection.
 */
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { GroupCommit, type Staged } from '../groupCommit';
import { appendTransaction, type AppendCall } from '../sqliteAppend';
import type { UpdateEntry } from '../Store';
import type { Tables } from '../sql/tables';
import { WalSync } from '../walSync';

export class SqliteAppends {
  private readonly appends: GroupCommit<AppendCall, number[]>;
  private readonly walSync: WalSync | null;

  constructor(db: Kysely<Tables>, sqlite: Database.Database) {
    const gate = (commit: () => void) => db.connection().execute(async () => commit());
    if (sqlite.memory) {
      // Nothing to flush: appends commit in groups and settle at once.
      this.walSync = null;
      this.appends = new GroupCommit(appendTransaction(sqlite), undefined, gate);
    } else {
      const walSync = new WalSync(`${sqlite.name}-wal`);
      this.walSync = walSync;
      this.appends = new GroupCommit(appendTransaction(sqlite, { flushLater: true }), () => walSync.afterCommit(), gate);
    }
  }

  /** Queues one call; `written` once committed, `durable` once on disk. */
  submit(documentId: string, entries: readonly UpdateEntry[]): Staged<number[]> {
    // Copied now: the caller may reuse its buffers once the call has returned.
    const own = entries.map((e) => ({ ...e, update: Buffer.from(e.update) }));
    return this.appends.submitStaged({ documentId, entries: own });
  }

  /** Commits the appends still waiting, waits for their flush, then releases the WAL file. */
  async close(): Promise<void> {
    await this.appends.drain();
    await this.walSync?.close();
  }
}
