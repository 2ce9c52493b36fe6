/**
 * Appending to document bodies in SQLite on the raw better-sqlite3 connection: one transaction per
 * group of calls (groupCommit.ts), each call refused or written whole.
 */
import type Database from 'better-sqlite3';
import type { CallOutcome } from './groupCommit';
import type { UpdateEntry } from './Store';

/** One `appendUpdates` call. */
export interface AppendCall {
  documentId: string;
  entries: readonly UpdateEntry[];
}

/** better-sqlite3 binds Buffers as BLOBs; this views a Uint8Array as one without copying. */
export const asBlob = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A call refused on its own: its document does not exist. Nothing of it was written. */
class UnknownDocumentError extends Error {
  constructor(documentId: string) {
    super(`appendUpdate: unknown document ${documentId}`);
  }
}

/**
 * Returns a function that writes calls in one IMMEDIATE transaction (hence one flush to disk, made
 * by SQLite, or with `flushLater` by the caller once the function has returned). A call for
 * an unknown document or author is refused on its own, before anything of it is written; a failure
 * after that (disk full, I/O error) fails the whole transaction, so a call is never stored in part.
 * Per call: one UPDATE of the document row (last edit time and author), then one INSERT per entry
 * that takes its sequence number in the same statement. Savepoints per call and a separate
 * `max(seq)` query per entry made up most of the store's cost under load (tests/bench/PERFORMANCE.md).
 */
export function appendTransaction(db: Database.Database, options: { flushLater?: boolean } = {}): (calls: readonly AppendCall[]) => CallOutcome<number[]>[] {
  const q = {
    touchDocument: db.prepare<[string, string | null, string]>(`UPDATE documents SET updated_at = ?, updated_by = ? WHERE id = ?`),
    appendUpdate: db.prepare<[{ documentId: string; data: Buffer }], { seq: number }>(
      `INSERT INTO document_updates (document_id, seq, data)
       SELECT @documentId, coalesce(max(seq), 0) + 1, @data FROM document_updates WHERE document_id = @documentId RETURNING seq`,
    ),
  };
  const appendCall = ({ documentId, entries }: AppendCall): CallOutcome<number[]> => {
    const last = entries[entries.length - 1];
    if (last === undefined) return { ok: true, result: [] };
    // The first statement of the call: if it fails (unknown document, or author by the foreign
    // key), SQLite undoes that statement alone and nothing of the call is written.
    try {
      if (q.touchDocument.run(last.at, last.memberId, documentId).changes === 0) return { ok: false, error: new UnknownDocumentError(documentId) };
    } catch (error) {
      return { ok: false, error };
    }
    return { ok: true, result: entries.map((e) => q.appendUpdate.get({ documentId, data: asBlob(e.update) })!.seq) };
  };
  const all = db.transaction((calls: readonly AppendCall[]) => calls.map(appendCall));
  if (!options.flushLater) return (calls) => all.immediate(calls);
  // The caller flushes the WAL itself, off the main thread (walSync.ts).
  const unflushed = withoutFlush(db);
  return (calls) => unflushed(() => all.immediate(calls));
}

/**
 * Runs writes with synchronous=NORMAL: committed to the WAL without waiting for the disk, which
 * the caller flushes later or not at all (a commit lost to a power cut is rolled back whole, and
 * any later flush of the WAL also covers it). Every other write of the connection keeps FULL.
 */
export function withoutFlush(db: Database.Database): <T>(write: () => T) => T {
  const normal = db.prepare('PRAGMA synchronous = NORMAL');
  const full = db.prepare('PRAGMA synchronous = FULL');
  return (write) => {
    normal.run();
    try {
      return write();
    } finally {
      full.run();
    }
  };
}
