/**
 * Worker thread that appends document updates with its own SQLite connection, so that the commit
 * and its fsync (synchronous=FULL) do not block the main thread's event loop: it keeps reading
 * and relaying other rooms' messages meanwhile. Nothing changes for durability: the main thread
 * relays or acknowledges an update only once this worker has replied that its commit is done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { appendTransaction, type AppendCall } from './sqliteAppend';
import { openDatabase } from './sqliteSchema';

/** A request from the main thread, and the reply. */
export interface AppendRequest {
  id: number;
  calls: AppendCall[];
}
/** Errors cross threads as plain data: message and SQLite code. */
export type WireError = { message: string; code?: string };
/** `outcomes` per call, or `failed` when the whole transaction failed (nothing of it stored). */
export type AppendReply = { id: number; outcomes: ({ ok: true; result: number[] } | { ok: false; error: WireError })[] } | { id: number; failed: WireError };

const toWire = (error: unknown): WireError => ({ message: error instanceof Error ? error.message : String(error), code: (error as { code?: string }).code });

const db = openDatabase(String((workerData as { file: string }).file));
const commit = appendTransaction(db);

parentPort!.on('message', (request: AppendRequest) => {
  let reply: AppendReply;
  try {
    const outcomes = commit(request.calls).map((o) => (o.ok ? o : { ok: false as const, error: toWire(o.error) }));
    reply = { id: request.id, outcomes };
  } catch (error) {
    reply = { id: request.id, failed: toWire(error) };
  }
  parentPort!.postMessage(reply);
});
parentPort!.once('close', () => db.close());
