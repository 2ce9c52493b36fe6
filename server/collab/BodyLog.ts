/**
 * Durable log of one document body: appends every accepted update to the store, and compacts the
 * log into one merged state in the background once it grows.
 */
import * as Y from 'yjs';
import type { Store } from '../store/Store';

/** The store refused a write; the update was not applied. */
export class StoreWriteError extends Error {
  constructor(readonly documentId: string, cause: unknown) {
    super(`could not store update of document ${documentId}: ${(cause as Error)?.message ?? cause}`, { cause });
  }
}

/** The body's log entries, and when to compact them. */
export class BodyLog {
  private entries: number;
  private lastSeq: number;

  constructor(
    private readonly store: Store,
    readonly documentId: string,
    stored: { entries: number; lastSeq: number },
    private readonly compactAfter: number,
  ) {
    this.entries = stored.entries;
    this.lastSeq = stored.lastSeq;
  }

  /** Stores one update durably; throws StoreWriteError if the store fails. */
  async append(update: Uint8Array, memberId: string, at: string): Promise<void> {
    try {
      this.lastSeq = await this.store.appendUpdate(this.documentId, update, memberId, at);
      this.entries++;
    } catch (error) {
      throw new StoreWriteError(this.documentId, error);
    }
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
    await this.store.compactBody(this.documentId, Y.encodeStateAsUpdate(doc), this.lastSeq);
    this.entries = 1;
  }
}
