/**
 * Appending to document bodies in SQLite, shared by the store's own connection and by the append
 * worker (sqliteAppendWorker.ts): one transaction per group of calls, one savepoint per call.
 */
import type Database from 'better-sqlite3';
import type { CallOutcome } from './groupCommit';
import type { Statements } from './sqliteStatements';
import type { UpdateEntry } from './Store';

/** One `appendUpdates` call. */
export interface AppendCall {
  documentId: string;
  entries: readonly UpdateEntry[];
}

/** better-sqlite3 binds Buffers as BLOBs; this views a Uint8Array as one without copying. */
export const asBlob = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Returns a function that writes calls in one IMMEDIATE transaction (hence one fsync). Each call
 * runs in a nested transaction, i.e. a savepoint: one call's failure (e.g. an unknown document)
 * rolls back that call only. Throws only when the transaction as a whole failed.
 */
export function appendTransaction(db: Database.Database, q: Statements): (calls: readonly AppendCall[]) => CallOutcome<number[]>[] {
  const appendRow = (documentId: string, e: UpdateEntry): number => {
    if (q.touchDocument.run(e.at, e.memberId, documentId).changes === 0) throw new Error(`appendUpdate: unknown document ${documentId}`);
    const seq = q.lastSeq.get(documentId)!.seq + 1;
    q.insertUpdate.run(documentId, seq, asBlob(e.update));
    return seq;
  };
  const one = db.transaction((call: AppendCall) => call.entries.map((e) => appendRow(call.documentId, e)));
  const all = db.transaction((calls: readonly AppendCall[]) =>
    calls.map((call): CallOutcome<number[]> => {
      try {
        return { ok: true, result: one(call) };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  );
  return (calls) => all.immediate(calls);
}
