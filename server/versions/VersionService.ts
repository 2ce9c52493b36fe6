/**
 * Takes versions of document bodies: on demand, after a pause in editing, at status changes and
 * reviews. Storage stays bounded: a version is stored as the Yjs update since the previous version
 * (`Y.diffUpdate` against its state vector), with a full state every SNAPSHOT_EVERY versions (or
 * whenever the difference would be larger than half the state), so that rebuilding any version
 * reads at most SNAPSHOT_EVERY rows. Versions of one document are taken one at a time (their
 * sequence numbers and differences depend on the previous one). Every version's bytes are deflated.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import * as Y from 'yjs';
import type { PmNode } from '../../shared/templates';
import type { RoomManager } from '../collab/RoomManager';
import type { DomainEvents } from '../events';
import { newId } from '../ids';
import type { Logger } from '../log';
import type { Store } from '../store/Store';
import type { NewVersion, VersionKind, VersionRow } from '../store/versionTypes';
import { contentHash, currentBodyState, stateToJSON } from './bodyState';

/** A full state is stored at least every this many versions. */
export const SNAPSHOT_EVERY = 10;

/** What a new version records. */
export interface VersionSpec {
  kind: VersionKind;
  name?: string | null;
  /** Who takes it; null for the server's automatic versions. */
  by: string | null;
  /** Use the latest version instead of a new one when the content has not changed since (approvals). */
  reuseIfUnchanged?: boolean;
}

/** The current body, ready to be stored as a version (`version` null: the latest version is reused). */
export interface PreparedVersion {
  /** The version the caller refers to: the new one, or the reused latest one. */
  row: VersionRow;
  /** What to store, or null when an existing version is reused. */
  version: NewVersion | null;
  json: PmNode;
  /** The document's collective (for the events that follow). */
  workspaceId: string;
}

/** Edits not yet in any version. */
interface PendingEdits {
  authors: Set<string>;
  lastEditAt: number;
  timer: NodeJS.Timeout | null;
}

/** Options of a VersionService. */
export interface VersionServiceOptions {
  store: Store;
  rooms: RoomManager;
  events: DomainEvents;
  log: Logger;
  /** A changed document with no edit for this long gets an automatic version. */
  pauseMs: number;
  now: () => Date;
}

/** Takes and reads versions. */
export class VersionService {
  private readonly pending = new Map<string, PendingEdits>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private closed = false;

  constructor(private readonly options: VersionServiceOptions) {}

  /** Room activity hook: a member's edit was stored; a version follows once editing pauses. */
  noteEdit(documentId: string, memberId: string | undefined): void {
    if (this.closed) return;
    let entry = this.pending.get(documentId);
    if (!entry) this.pending.set(documentId, (entry = { authors: new Set(), lastEditAt: 0, timer: null }));
    if (memberId) entry.authors.add(memberId);
    entry.lastEditAt = Date.now();
    // One timer per document, moved forward lazily: edits do not each reset a timer.
    entry.timer ??= this.schedule(documentId, this.options.pauseMs);
  }

  private schedule(documentId: string, delayMs: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      const entry = this.pending.get(documentId);
      if (!entry) return;
      entry.timer = null;
      const quietFor = Date.now() - entry.lastEditAt;
      if (quietFor < this.options.pauseMs) entry.timer = this.schedule(documentId, this.options.pauseMs - quietFor);
      else void this.autoVersion(documentId);
    }, delayMs);
    timer.unref();
    return timer;
  }

  private async autoVersion(documentId: string): Promise<void> {
    try {
      await this.record(documentId, { kind: 'auto', by: null, reuseIfUnchanged: true });
    } catch (error) {
      this.options.log.error('automatic version failed', error, { documentId });
    }
  }

  /**
   * Takes a version: prepares it from the current body, then `write` stores it (by default alone;
   * commands store it in the same transaction as a status change or a decision). Serialised per
   * document. Edits recorded so far count as this version's authors.
   */
  async record<T = VersionRow>(documentId: string, spec: VersionSpec, write?: (prepared: PreparedVersion) => Promise<T>): Promise<T> {
    return this.exclusive(documentId, async () => {
      const captured = this.pending.get(documentId);
      const since = captured?.lastEditAt ?? 0;
      const prepared = await this.prepare(documentId, spec, [...(captured?.authors ?? [])]);
      const result = write ? await write(prepared) : await this.store(prepared);
      if (prepared.version) this.options.events.publish('versions.changed', { documentId, workspaceId: prepared.workspaceId });
      // Edits made while this version was being taken stay pending for the next one.
      if (captured && captured.lastEditAt === since) {
        if (captured.timer) clearTimeout(captured.timer);
        this.pending.delete(documentId);
      }
      return result as T;
    });
  }

  private async store(prepared: PreparedVersion): Promise<VersionRow> {
    if (prepared.version) await this.options.store.createVersion(prepared.version, []);
    return prepared.row;
  }

  private async exclusive<T>(documentId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(documentId) ?? Promise.resolve();
    const result = previous.then(task, task);
    const settled = result.then(() => undefined, () => undefined);
    this.locks.set(documentId, settled);
    void settled.then(() => {
      if (this.locks.get(documentId) === settled) this.locks.delete(documentId);
    });
    return result;
  }

  private async prepare(documentId: string, spec: VersionSpec, authors: string[]): Promise<PreparedVersion> {
    const { store } = this.options;
    const document = await store.getDocument(documentId);
    if (!document) throw new Error(`no document ${documentId}`);
    const workspaceId = document.workspaceId;
    const state = await currentBodyState(this.options.rooms, store, documentId);
    const json = stateToJSON(state);
    const hash = contentHash(json);
    const latest = (await store.listVersions(documentId)).at(-1) ?? null;
    if (spec.reuseIfUnchanged && latest && latest.contentHash === hash) return { row: latest, version: null, json, workspaceId };
    const seq = (latest?.seq ?? 0) + 1;
    let data = state;
    let snapshot = true;
    if (latest && (seq - 1) % SNAPSHOT_EVERY !== 0) {
      const previous = await this.stateOf(latest);
      const delta = Y.diffUpdate(state, Y.encodeStateVectorFromUpdate(previous));
      // A difference as large as the state saves nothing and lengthens every later rebuild.
      if (delta.byteLength * 2 < state.byteLength) [data, snapshot] = [delta, false];
    }
    // Stored compressed: a body's text and Yjs's client ids repeat a lot (deflate keeps about a third).
    const stored = deflateRawSync(data);
    const row: VersionRow = {
      id: newId(),
      documentId,
      seq,
      kind: spec.kind,
      name: spec.name ?? null,
      createdAt: this.options.now().toISOString(),
      createdBy: spec.by,
      authors: authors.length > 0 || spec.by === null ? authors : [spec.by],
      contentHash: hash,
      snapshot,
      byteSize: stored.byteLength,
    };
    return { row, version: { row, data: new Uint8Array(stored) }, json, workspaceId };
  }

  /** The whole state of a stored version, rebuilt from its latest snapshot. */
  async stateOf(version: Pick<VersionRow, 'documentId' | 'seq'>): Promise<Uint8Array> {
    const chain = (await this.options.store.loadVersionChain(version.documentId, version.seq)).map((data) => new Uint8Array(inflateRawSync(data)));
    if (chain.length === 0) throw new Error(`version ${version.seq} of ${version.documentId} has no stored state`);
    return chain.length === 1 ? chain[0]! : Y.mergeUpdates(chain);
  }

  /** A stored version's body as ProseMirror JSON. */
  async jsonOf(version: Pick<VersionRow, 'documentId' | 'seq'>): Promise<PmNode> {
    return stateToJSON(await this.stateOf(version));
  }

  /** The current body as ProseMirror JSON and its content hash. */
  async current(documentId: string): Promise<{ json: PmNode; hash: string }> {
    const json = stateToJSON(await currentBodyState(this.options.rooms, this.options.store, documentId));
    return { json, hash: contentHash(json) };
  }

  /** Shutdown: takes the versions edits are still waiting for, then stops. */
  async close(): Promise<void> {
    this.closed = true;
    const waiting = [...this.pending.keys()];
    for (const entry of this.pending.values()) if (entry.timer) clearTimeout(entry.timer);
    await Promise.allSettled(waiting.map((documentId) => this.autoVersion(documentId)));
    await Promise.allSettled([...this.locks.values()]);
  }
}
