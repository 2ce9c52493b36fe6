/**
 * A room: one Y.Doc with its awareness and the connections editing or watching it. Handles the
 * y-websocket protocol for each message; knows nothing of sockets, HTTP or sessions.
 * Writable rooms (document bodies) store every update before applying and relaying it.
 */
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { MemberSummary } from '../../shared/api';
import { CloseCode, type RoomRef } from '../../shared/rooms';
import type { BodyLog } from './BodyLog';
import type { Connection } from './Connection';
import {
  awarenessMessage,
  checkStateVector,
  decodeAwareness,
  decodeClientMessage,
  encodeAwareness,
  inspectUpdate,
  permissionDeniedMessage,
  ProtocolError,
  savedMessage,
  syncStep1Message,
  syncStep2Message,
  updateMessage,
  type AwarenessEntry,
} from './protocol';

/** What a room reports to its manager. */
export interface RoomHooks {
  /** The last connection left. */
  onEmpty(room: Room): void;
  /** The set of members present changed. */
  onPresenceChange(room: Room): void;
  /** A member's update was stored and applied. */
  onEdited(room: Room, member: MemberSummary, at: Date): void;
  now(): Date;
}

/** An edit waiting for its batch to be stored; settles once it is stored and applied (or refused). */
interface PendingUpdate {
  connection: Connection;
  update: Uint8Array;
  done: { resolve: () => void; reject: (error: unknown) => void };
}

/** One collaboration room. */
export class Room {
  readonly awareness: Awareness;
  readonly connections = new Set<Connection>();
  private readonly awarenessOwners = new Map<number, Connection>();
  // Updates of all connections are stored and applied in one order, one task at a time: the doc
  // then always equals what is stored at the boundaries between tasks, which compaction relies on.
  private queue: Promise<void> = Promise.resolve();
  // Updates received while the previous batch was being stored: stored, applied and relayed together.
  private pending: PendingUpdate[] = [];

  constructor(
    readonly name: string,
    readonly ref: RoomRef,
    /** The collective the room belongs to (for revocation). */
    readonly workspaceId: string,
    readonly doc: Y.Doc,
    /** Present for document bodies; null for read-only, server-owned rooms. */
    readonly body: BodyLog | null,
    private readonly hooks: RoomHooks,
  ) {
    this.awareness = new Awareness(doc);
    // The server is not a participant: without this it would show up as a phantom client.
    this.awareness.setLocalState(null);
    doc.on('update', (update: Uint8Array, origin: unknown) => this.relay(updateMessage(update), origin));
    this.awareness.on('update', ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>) => {
      const changed = [...added, ...updated, ...removed];
      if (changed.length > 0) this.relay(awarenessMessage(encodeAwarenessUpdate(this.awareness, changed)), null);
    });
  }

  /** Members connected now, one entry per member. */
  members(): MemberSummary[] {
    const byId = new Map<string, MemberSummary>();
    for (const connection of this.connections) byId.set(connection.member.id, connection.member);
    return [...byId.values()];
  }

  /** Adds a connection and starts the sync handshake (the server speaks first). */
  join(connection: Connection): void {
    const before = this.members().length;
    this.connections.add(connection);
    connection.send(syncStep1Message(this.doc));
    const others = [...this.awareness.getStates().keys()];
    if (others.length > 0) connection.send(awarenessMessage(encodeAwarenessUpdate(this.awareness, others)));
    if (this.members().length !== before) this.hooks.onPresenceChange(this);
  }

  /** Removes a connection and its awareness states. */
  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    const clients = [...connection.awarenessClients].filter((id) => this.awarenessOwners.get(id) === connection);
    for (const id of clients) this.awarenessOwners.delete(id);
    if (clients.length > 0) removeAwarenessStates(this.awareness, clients, null);
    this.hooks.onPresenceChange(this);
    if (this.connections.size === 0) this.hooks.onEmpty(this);
  }

  /** Handles one message from a connection; resolves once it is fully processed. */
  async receive(connection: Connection, data: Uint8Array): Promise<void> {
    const message = decodeClientMessage(data);
    switch (message.type) {
      case 'syncStep1':
        checkStateVector(message.stateVector);
        connection.send(syncStep2Message(this.doc, message.stateVector));
        return;
      case 'update':
        return this.receiveUpdate(connection, message.update);
      case 'awareness':
        return this.receiveAwareness(connection, message.update);
      case 'queryAwareness':
        connection.send(awarenessMessage(encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
        return;
      case 'saveCheck':
        // Every earlier message of this connection has completed (connections are serial).
        if (connection.wantsAcks) connection.send(savedMessage(message.n));
        return;
    }
  }

  /** Runs a task in the room's single order of stored changes. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Resolves once every queued change has been stored and applied. */
  drain(): Promise<void> {
    return this.run(async () => undefined);
  }

  private async receiveUpdate(connection: Connection, update: Uint8Array): Promise<void> {
    if (inspectUpdate(update).empty) return;
    if (!this.body || connection.access !== 'edit') {
      // A read-only client's sync reply may repeat what the doc already holds: that is harmless.
      if (Y.snapshotContainsUpdate(Y.snapshot(this.doc), update)) return;
      connection.send(permissionDeniedMessage('read-only: this connection may not change the document'));
      connection.close(CloseCode.READ_ONLY, 'read-only');
      return;
    }
    const body = this.body;
    const stored = new Promise<void>((resolve, reject) => {
      this.pending.push({ connection, update, done: { resolve, reject } });
    });
    // The first update of a batch schedules it after the poll phase (setImmediate), so that every
    // update read from the sockets in this event-loop turn joins it, whatever the store's speed.
    if (this.pending.length === 1) setImmediate(() => void this.run(() => this.commitPending(body)));
    return stored;
  }

  /**
   * Group commit: stores every waiting update in one store call, then applies them in one
   * transaction, so that each connection is sent one message for the whole batch instead of one
   * per update. Nothing is applied or relayed before the whole batch is durably stored.
   */
  private async commitPending(body: BodyLog): Promise<void> {
    const batch = this.pending.splice(0);
    const at = this.hooks.now();
    try {
      await body.appendMany(batch.map((p) => ({ update: p.update, memberId: p.connection.member.id, at: at.toISOString() })));
    } catch (error) {
      batch.forEach((p) => p.done.reject(error));
      return;
    }
    const failures = new Map<PendingUpdate, unknown>();
    const origins = new Set(batch.map((p) => p.connection));
    // A lone sender is not sent its own update back; in a mixed batch each sender also receives
    // its own changes, which Yjs ignores as already known (y-websocket-server always echoes).
    const origin = origins.size === 1 ? batch[0]!.connection : this;
    this.doc.transact(() => {
      for (const p of batch) {
        try {
          Y.applyUpdate(this.doc, p.update);
        } catch (error) {
          failures.set(p, error);
        }
      }
    }, origin);
    for (const member of new Map(batch.map((p) => [p.connection.member.id, p.connection.member])).values()) this.hooks.onEdited(this, member, at);
    batch.forEach((p) => (failures.has(p) ? p.done.reject(failures.get(p)) : p.done.resolve()));
    if (body.wantsCompaction) void this.run(() => body.compact(this.doc)).catch(() => undefined);
  }

  private receiveAwareness(connection: Connection, update: Uint8Array): Promise<void> {
    if (this.ref.kind !== 'doc') return Promise.resolve(); // list and metadata rooms carry no presence
    const entries = decodeAwareness(update).filter((entry) => {
      const owner = this.awarenessOwners.get(entry.clientId);
      return owner === undefined || owner === connection; // nobody speaks for another connection's client
    });
    const rewritten = entries.map((entry) => this.stampIdentity(connection, entry));
    for (const entry of rewritten) {
      connection.awarenessClients.add(entry.clientId);
      this.awarenessOwners.set(entry.clientId, connection);
    }
    if (rewritten.length > 0) applyAwarenessUpdate(this.awareness, encodeAwareness(rewritten), connection);
    return Promise.resolve();
  }

  // The client chooses its cursor and section, but never who it claims to be.
  private stampIdentity(connection: Connection, entry: AwarenessEntry): AwarenessEntry {
    let state: unknown;
    try {
      state = JSON.parse(entry.state);
    } catch {
      throw new ProtocolError('awareness state is not JSON');
    }
    if (state === null) return entry;
    if (typeof state !== 'object' || Array.isArray(state)) throw new ProtocolError('awareness state is not an object');
    const { id, name, color } = connection.member;
    return { ...entry, state: JSON.stringify({ ...state, user: { id, name, color } }) };
  }

  private relay(message: Uint8Array, origin: unknown): void {
    for (const connection of this.connections) {
      if (connection !== origin) connection.send(message);
    }
  }

  /** Releases the doc and awareness; the room must be empty. */
  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}
