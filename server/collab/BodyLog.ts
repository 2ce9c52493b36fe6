/**
 * Durable log of one document body: appends every accepted update to the store, and compacts the
 * log into one merged state in the background once it grows.
 */
import * as Y from 'yjs';
import type { Store, UpdateEntry } from '../store/Store';

/** The store refused a write; the update was not applied. */
export class StoreWriteError extends Error {
  constructor(readonly documentId: string, cause: unknown) {
    super(`could not store update of document ${documentId}: ${(cause as Error)?.message ?? cause}`, { cause });
  }
}

/** A server change (a restore) refused because the document would grow past its size limit; nothing was stored. */
export class DocumentTooLargeError extends Error {
  constructor(readonly documentId: string, readonly bytes: number, readonly maxBytes: number) {
    super(`document ${documentId} would take ${bytes} bytes, past its limit of ${maxBytes}`);
  }
}

/** The size of a body's state once `update` is applied to it and the two are compacted into one. */
function compactedSize(state: Uint8Array, update: Uint8Array): number {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    Y.applyUpdate(doc, update);
    return Y.encodeStateAsUpdate(doc).byteLength;
  } finally {
    doc.destroy();
  }
}

/** The body's log entries, and when to compact them. */
export class BodyLog {
  private entries: number;
  private lastSeq: number;
  /** Bytes the log holds (or will once queued updates are stored): an upper bound of the state's size. */
  private bytes: number;
  /** Bytes of the entries stored in the log now. */
  private storedBytes: number;

  constructor(
    private readonly store: Store,
    readonly documentId: string,
    stored: { entries: number; lastSeq: number; bytes: number },
    private readonly compactAfter: number,
    /** Largest log (hence document) accepted, in bytes. */
    private readonly maxBytes: number = Number.POSITIVE_INFINITY,
  ) {
    this.entries = stored.entries;
    this.lastSeq = stored.lastSeq;
    this.bytes = stored.bytes;
    this.storedBytes = stored.bytes;
  }

  /**
   * Reserves room for an update; false when the document would grow past the limit. The log
   * overestimates the document (compaction drops what later updates made redundant), so a
   * document refused here is at least that large in its log, never smaller than the limit allows.
   */
  reserve(updateBytes: number): boolean {
    if (this.bytes + updateBytes > this.maxBytes) return false;
    this.bytes += updateBytes;
    return true;
  }

  /**
   * Reserves room for a change the server makes (a restore) to the body whose whole state is
   * `state`; returns whether the log must be compacted once the change is stored and applied.
   * The log may hold much more than the document (alternating restores of a long and a short
   * version each append the long text again), so when the change does not fit on top of the log,
   * what counts is the document compacted with it, plus what members' queued updates reserved:
   * past the limit, DocumentTooLargeError (nothing reserved); within it, the change is admitted
   * and the log compacted right after, back under the limit.
   */
  reserveServerChange(state: Uint8Array, update: Uint8Array): boolean {
    if (this.reserve(update.byteLength)) return false;
    const queued = Math.max(this.bytes - this.storedBytes, 0);
    const bytes = compactedSize(state, update) + queued;
    if (bytes > this.maxBytes) throw new DocumentTooLargeError(this.documentId, bytes, this.maxBytes);
    // Counted like any stored update until the compaction replaces the log (release() if not stored).
    this.bytes += update.byteLength;
    return true;
  }

  /** Gives back a reservation whose update was not stored. */
  release(updateBytes: number): void {
    this.bytes = Math.max(0, this.bytes - updateBytes);
  }

  /** Stores one update durably; throws StoreWriteError if the store fails. */
  append(update: Uint8Array, memberId: string, at: string): Promise<void> {
    return this.appendMany([{ update, memberId, at }]);
  }

  /** Stores updates durably, in order, all or none; throws StoreWriteError if the store fails. */
  async appendMany(entries: readonly UpdateEntry[]): Promise<void> {
    const { written, durable } = this.appendStaged(entries);
    await written;
    await durable;
  }

  /**
   * Stores updates in order, all or none, in two stages: `written` once committed (the next
   * append and a compaction come after them), `durable` once on disk. Both reject with
   * StoreWriteError if the store fails. Stores without stages settle both together.
   */
  appendStaged(entries: readonly UpdateEntry[]): { written: Promise<void>; durable: Promise<void> } {
    if (entries.length === 0) return { written: Promise.resolve(), durable: Promise.resolve() };
    const fail = (error: unknown) => {
      throw new StoreWriteError(this.documentId, error);
    };
    let staged: { written: Promise<number[]>; durable: Promise<number[]> };
    try {
      staged = this.store.appendUpdatesStaged?.(this.documentId, entries) ?? ((done) => ({ written: done, durable: done }))(this.store.appendUpdates(this.documentId, entries));
    } catch (error) {
      // A store that throws instead of rejecting: the same refusal.
      const refused = Promise.reject(error);
      staged = { written: refused, durable: refused };
    }
    const written = staged.written.then((seqs) => {
      this.lastSeq = seqs[seqs.length - 1]!;
      this.entries += seqs.length;
      this.storedBytes += entries.reduce((sum, e) => sum + e.update.byteLength, 0);
    }, fail);
    const durable = staged.durable.then(() => undefined, fail);
    durable.catch(() => undefined); // awaited by the caller after `written`
    return { written, durable };
  }

  /** Whether the log has grown enough to be worth compacting. */
  get wantsCompaction(): boolean {
    return this.entries >= this.compactAfter;
  }

  /** Whether the log holds more than one entry. */
  get isFragmented(): boolean {
    return this.entries > 1;
  }

  /**
   * Replaces the log with the document's state. Must run when `doc` holds exactly what is stored
   * (the room calls it between two persisted updates).
   */
  async compact(doc: Y.Doc): Promise<void> {
    if (this.entries <= 1) return;
    await this.compactTo(Y.encodeStateAsUpdate(doc));
  }

  /** Like `compact`, with the document's state already encoded (`Y.encodeStateAsUpdate`). */
  async compactTo(state: Uint8Array): Promise<void> {
    if (this.entries <= 1) return;
    await this.store.compactBody(this.documentId, state, this.lastSeq);
    // Updates reserved but not yet stored stay counted: they come on top of the compacted state.
    this.bytes = Math.max(this.bytes - this.storedBytes, 0) + state.byteLength;
    // The log now holds that one state: the next compaction replaces it too.
    this.storedBytes = state.byteLength;
    this.entries = 1;
  }
}
