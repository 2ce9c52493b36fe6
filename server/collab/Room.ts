/**
 * A room: one Y.Doc with its awareness and the connections editing or watching it. Handles the
 * y-websocket protocol for each message; knows nothing of sockets, HTTP or sessions.
 * Writable rooms (document bodies) store every update before relaying it (see commitPending).
 */
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { MemberSummary } from '../../shared/api';
import { pickRoomColor } from '../../shared/colors';
import { cleanPresence, MAX_PRESENCE_STATE_BYTES } from '../../shared/presence';
import { CloseCode, type RoomRef } from '../../shared/rooms';
import { StoreWriteError, type BodyLog } from './BodyLog';
import { batchClients, checkBodyTransaction, InvalidContentError, updateHolding } from './bodySchema';
import { EncodedBody, HeldDoc } from './EncodedBody';
import type { Connection } from './Connection';
import { onCommitTurn } from './commitTurn';
import { PresenceGate } from './presenceGate';
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
  syncStep1FromVector,
  syncStep1Message,
  updateMessage,
  type AwarenessEntry,
} from './protocol';

/** The room's document holds changes the store does not; it is being discarded. */
export class RoomDivergedError extends Error {
  constructor(room: string, cause: unknown) {
    super(`room ${room} was discarded: its document differs from the store`, { cause });
  }
}

/**
 * Entries one awareness message may carry. A stock provider sends its own state, but also echoes
 * back every state it receives from the server (y-websocket re-broadcasts each awareness change,
 * whatever its origin): a message may list everyone in the room.
 */
const MAX_AWARENESS_ENTRIES = 512;

/** How long a connection may go without sending its sync step 1 before the server sends its own. */
const STEP1_GRACE_MS = 200;

/** What a room reports to its manager. */
export interface RoomHooks {
  /** The last connection left. */
  onEmpty(room: Room): void;
  /** The stored state turned out to be damaged once served; the room must be unloaded. */
  onDamaged(room: Room, error: unknown): void;
  /** The set of members present changed. */
  onPresenceChange(room: Room): void;
  /** A member's update was stored and applied. */
  onEdited(room: Room, member: MemberSummary, at: Date): void;
  /**
   * The room's document holds changes the store does not (a batch could not be stored, or an
   * update failed half-way through being applied): the room must be discarded, without compacting
   * it, and its connections closed so that they reconnect to a fresh room loaded from the store
   * (their clients still hold every change and send it again). `culprit` is the connection whose
   * update could not be applied or did not fit the schema, when there was one (already closed).
   */
  onDiverged(room: Room, error: unknown, culprit: Connection | null): void;
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
  // Each present member's caret colour here, picked when their first connection joins so that no
  // two members present share one (shared/colors.ts), and kept until their last one leaves.
  private readonly colors = new Map<string, string>();
  private readonly presenceGates = new WeakMap<Connection, PresenceGate<AwarenessEntry>>();
  // Updates of all connections are stored and applied in one order, one task at a time: the doc
  // then always equals what is stored at the boundaries between tasks, which compaction relies on.
  private queue: Promise<void> = Promise.resolve();
  // Updates received while the previous batch was being stored: stored, applied and relayed together.
  private pending: PendingUpdate[] = [];
  // Each connection's latest update still being stored. A connection's next update joins the
  // batch without waiting for it (so a busy room does not cap a sender at one update per batch),
  // but its other messages (sync, awareness, save checks) wait, so that they observe their own
  // earlier updates exactly as if the connection were handled one message at a time.
  private readonly inFlight = new WeakMap<Connection, Promise<void>>();
  // Set once the document holds changes the store does not: the room refuses everything after.
  private divergedBy: unknown = null;
  // Batches written to the store but maybe not yet on disk are relayed from here, in their order,
  // each once on disk; the next batch is applied and written meanwhile (see commitPending).
  private relays: Promise<void> = Promise.resolve();
  private readonly held: HeldDoc;
  // Connections not yet sent the server's sync step 1 (see sendStep1).
  private readonly owedStep1 = new WeakSet<Connection>();
  /** When the last batch was applied (performance.now()), to find rooms idle enough to release. */
  lastChangeAt = performance.now();

  constructor(
    readonly name: string,
    readonly ref: RoomRef,
    /** The collective the room belongs to (for revocation). */
    readonly workspaceId: string,
    /** The document, or (bodies only) its encoded state, made into a Y.Doc at the first edit. */
    content: Y.Doc | EncodedBody,
    /** Present for document bodies; null for read-only, server-owned rooms. */
    readonly body: BodyLog | null,
    private readonly hooks: RoomHooks,
  ) {
    // Read-only rooms relay whatever the server changes in their document; a body's changes are
    // relayed by the code that stores them (commitPending, applyServerChange), once stored, as the
    // bytes received: no listener, so Yjs does not encode each transaction again.
    this.held = new HeldDoc(content, (doc) => {
      if (!body) doc.on('update', (update: Uint8Array, origin: unknown) => this.relay(updateMessage(update), origin));
    });
    // Awareness needs a Y.Doc only for its client id: a small one of its own lets the body's
    // Y.Doc be released while people are present but idle.
    this.awareness = new Awareness(content instanceof Y.Doc ? content : new Y.Doc({ guid: `${name}#awareness` }));
    // The server is not a participant: without this it would show up as a phantom client.
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>) => {
      const changed = [...added, ...updated, ...removed];
      if (changed.length > 0) this.relay(awarenessMessage(encodeAwarenessUpdate(this.awareness, changed)), null);
    });
  }

  /** The document as a Y.Doc (made from the encoded state first when the room holds only that). */
  get doc(): Y.Doc {
    return this.held.doc;
  }

  /** Members connected now, one entry per member, each with their colour in this room. */
  members(): MemberSummary[] {
    const byId = new Map<string, MemberSummary>();
    for (const connection of this.connections) byId.set(connection.member.id, this.asPresent(connection.member));
    return [...byId.values()];
  }

  /** A member as others in this room see them: with the colour the room gave them. */
  private asPresent(member: MemberSummary): MemberSummary {
    return { id: member.id, name: member.name, color: this.colors.get(member.id) ?? member.color };
  }

  /** Adds a connection and starts the sync handshake (the server speaks first). */
  join(connection: Connection): void {
    const before = this.members().length;
    const { id } = connection.member;
    if (!this.colors.has(id)) this.colors.set(id, pickRoomColor(id, this.colors.values()));
    this.connections.add(connection);
    this.sendStep1(connection);
    const others = [...this.awareness.getStates().keys()];
    if (others.length > 0) connection.send(awarenessMessage(encodeAwarenessUpdate(this.awareness, others)));
    if (this.members().length !== before) this.hooks.onPresenceChange(this);
  }

  // The server's state vector. Right after a cold load it is not known without reading the whole
  // state (~25 ms for a 300 KB document, several times that before the JIT has warmed up): it is
  // then owed until the client's own sync step 1 has been answered, which needs no reading at all.
  private sendStep1(connection: Connection): void {
    const idle = this.held.idle;
    if (!idle) return connection.send(syncStep1Message(this.held.doc));
    if (idle.hasStateVector) return connection.send(syncStep1FromVector(idle.stateVector()));
    this.owedStep1.add(connection);
    // Every y-websocket client sends its step 1 on connecting; this covers one that does not.
    setTimeout(() => this.payStep1(connection), STEP1_GRACE_MS).unref();
  }

  private payStep1(connection: Connection): void {
    if (!this.owedStep1.delete(connection) || connection.isClosed) return;
    let vector: Uint8Array;
    try {
      vector = this.held.idle?.stateVector() ?? Y.encodeStateVector(this.held.doc);
    } catch (error) {
      this.hooks.onDamaged(this, error);
      return;
    }
    connection.send(syncStep1FromVector(vector));
  }

  /** Removes a connection and its awareness state. */
  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.presenceGates.get(connection)?.cancel();
    const client = connection.awarenessClient;
    if (client !== null && this.awarenessOwners.get(client) === connection) {
      this.awarenessOwners.delete(client);
      removeAwarenessStates(this.awareness, [client], null);
    }
    const { id } = connection.member;
    if (![...this.connections].some((c) => c.member.id === id)) this.colors.delete(id);
    this.hooks.onPresenceChange(this);
    if (this.connections.size === 0) this.hooks.onEmpty(this);
  }

  /**
   * Handles one message from a connection. An update resolves once it is queued for the next
   * batch (its sender is closed if that batch cannot be stored); any other message resolves once
   * fully processed, after the connection's earlier updates.
   */
  async receive(connection: Connection, data: Uint8Array): Promise<void> {
    const message = decodeClientMessage(data);
    if (message.type === 'update') return this.receiveUpdate(connection, message.update);
    // Rejects with why this connection's last batch was refused, if it was: no ack.
    await this.inFlight.get(connection);
    switch (message.type) {
      case 'syncStep1':
        checkStateVector(message.stateVector);
        // Answered between batches: a batch being stored is already in the document, and must
        // not reach anyone before it is stored.
        await this.runSettled(async () => connection.send(this.held.syncStep2(message.stateVector)));
        if (this.owedStep1.has(connection)) setImmediate(() => this.payStep1(connection));
        return;
      case 'awareness':
        return this.receiveAwareness(connection, message.update);
      case 'queryAwareness':
        connection.send(awarenessMessage(encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
        return;
      case 'saveCheck':
        // Every earlier update of this connection is stored (awaited above): acknowledge them.
        if (connection.wantsAcks) connection.send(savedMessage(message.n));
        return;
    }
  }

  /** Runs a task in the room's single order of stored changes (refused once the room has diverged). */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(() => {
      if (this.divergedBy !== null) throw this.divergedBy;
      return task();
    });
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /**
   * Runs a task in the room's order once every batch written before it is on disk and relayed:
   * what it reads of the document has then reached everyone (a batch being flushed has not).
   */
  private runSettled<T>(task: () => Promise<T>): Promise<T> {
    return this.run(async () => {
      await this.relays;
      return task();
    });
  }

  /** Resolves once every queued change has been stored, applied and relayed. */
  drain(): Promise<void> {
    return this.runSettled(async () => undefined);
  }

  /** The body's whole state (a merged Yjs update) once every queued change is applied: what versions copy. */
  encodedState(): Promise<Uint8Array> {
    return this.runSettled(async () => this.held.idle?.state ?? Y.encodeStateAsUpdate(this.held.doc));
  }

  /**
   * Applies a change the server makes on a member's behalf (restoring a version): `make` gets the
   * current state and returns the update to apply (or null for none). In the room's order of stored
   * changes, and like a member's update, it is stored before it is applied and relayed to everyone.
   * Rejects with DocumentTooLargeError, having changed nothing, if it would take the document past
   * its size limit.
   */
  applyServerChange(make: (state: Uint8Array) => Uint8Array | null, member: MemberSummary): Promise<Uint8Array | null> {
    const body = this.body;
    if (!body) return Promise.reject(new Error(`room ${this.name} holds no body`));
    return this.runSettled(async () => {
      const state = this.held.idle?.state ?? Y.encodeStateAsUpdate(this.held.doc);
      const update = make(state);
      if (update === null) return null;
      const compactAfter = body.reserveServerChange(state, update);
      const at = this.hooks.now();
      try {
        await body.appendMany([{ update, memberId: member.id, at: at.toISOString() }]);
      } catch (error) {
        body.release(update.byteLength);
        throw error;
      }
      Y.applyUpdate(this.doc, update, this);
      // Every connection, the restorer's included, is sent the change.
      this.relay(updateMessage(update), this);
      this.hooks.onEdited(this, member, at);
      this.lastChangeAt = performance.now();
      // Back under the size limit (reserveServerChange); should this fail, the log stays as stored
      // and the next compaction (at the latest when the room is released or unloaded) shrinks it.
      if (compactAfter) await body.compact(this.doc).catch(() => undefined);
      return update;
    });
  }

  /** Whether the room's document holds changes the store does not (it is being discarded). */
  get hasDiverged(): boolean {
    return this.divergedBy !== null;
  }

  private async receiveUpdate(connection: Connection, update: Uint8Array): Promise<void> {
    if (inspectUpdate(update).empty) return;
    if (this.divergedBy !== null) throw this.divergedBy;
    if (!this.body || connection.access !== 'edit') {
      // A read-only client's sync reply may repeat what the doc already holds: that is harmless.
      if (Y.snapshotContainsUpdate(Y.snapshot(this.doc), update)) return;
      connection.send(permissionDeniedMessage('read-only: this connection may not change the document'));
      connection.close(CloseCode.READ_ONLY, 'read-only');
      return;
    }
    const body = this.body;
    if (!body.reserve(update.byteLength)) {
      connection.send(permissionDeniedMessage('document too large: this change was not applied'));
      connection.close(CloseCode.DOCUMENT_TOO_LARGE, 'document too large');
      return;
    }
    const stored = new Promise<void>((resolve, reject) => {
      this.pending.push({ connection, update, done: { resolve, reject } });
    });
    // The first update of a batch schedules it after the poll phase, so that every update read
    // from the sockets in this event-loop turn joins it, whatever the store's speed; the batches of
    // every room start together, so that the store writes them in one transaction (commitTurn.ts).
    if (this.pending.length === 1) onCommitTurn(() => void this.run(() => this.commitPending(body)).catch(() => undefined));
    this.inFlight.set(connection, stored);
    stored.then(
      () => {
        if (this.inFlight.get(connection) === stored) this.inFlight.delete(connection);
      },
      // Nothing of it was stored or acknowledged; the client keeps it and sends it again.
      (error: unknown) => {
        body.release(update.byteLength);
        if (error instanceof InvalidContentError) connection.close(CloseCode.INVALID_CONTENT, 'change does not fit the document schema');
        else if (error instanceof ProtocolError) connection.close(CloseCode.BAD_MESSAGE, 'malformed message');
        else if (error instanceof StoreWriteError || error instanceof RoomDivergedError) connection.close(CloseCode.STORE_FAILED, 'changes not saved, retrying');
        else connection.close(CloseCode.INTERNAL_ERROR, 'internal error');
      },
    );
  }

  /**
   * Group commit: applies every waiting update in one transaction, stores them in one store call,
   * then relays them, so that each connection is sent one message for the whole batch instead of
   * one per update. Nothing reaches anyone before the batch is on disk; the next batch does not
   * wait for that, only for this one to be written (batches are relayed in their order).
   *
   * Applying before storing is what checks an update: one that cannot be applied to this document
   * is never stored (it would make the document fail to load forever after). Applying to the real
   * document costs one integration, where checking on a scratch copy first cost two and was the
   * server's largest cost under load (tests/bench/PERFORMANCE.md). The price is on failure only: an
   * update failing half-way, or a batch the store refuses, leaves the document ahead of the store,
   * so the room is discarded and its clients reconnect to one loaded from the store.
   */
  private async commitPending(body: BodyLog): Promise<void> {
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    const at = this.hooks.now();
    const origins = new Set(batch.map((p) => p.connection));
    // A lone sender is not sent its own update back; in a mixed batch each sender also receives
    // its own changes, which Yjs ignores as already known (y-websocket-server always echoes).
    const origin = origins.size === 1 ? batch[0]!.connection : this;
    let applying: PendingUpdate | null = null;
    try {
      const doc = this.held.doc; // made from the encoded state: throws if that state is damaged
      const clients = batchClients(doc, batch.map((p) => p.update));
      let applied: Y.Transaction | null = null;
      doc.transact((transaction) => {
        applied = transaction;
        for (const p of batch) {
          applying = p;
          Y.applyUpdate(doc, p.update);
        }
        applying = null;
      }, origin);
      // Checked once applied, like applicability and for the same reason: where a struct lands is
      // known only once integrated, and checking on a copy first would double the cost of every
      // keystroke. The check reads only the structs the batch added (bodySchema.ts); a refusal takes
      // the failure path below (the room is reloaded from the store, which never saw the change).
      checkBodyTransaction(doc, applied!, clients);
    } catch (error) {
      if (error instanceof InvalidContentError) {
        // The update holding the struct at fault; a struct held back since an earlier update (for a
        // missing dependency) is blamed on a lone update that completed it.
        const culprit = (error.item ? batch[updateHolding(batch.map((p) => p.update), error.item)] : undefined) ?? (batch.length === 1 ? batch[0] : undefined);
        this.diverge(batch, error, culprit ?? null);
        return;
      }
      const culprit = applying as PendingUpdate | null;
      const cause = culprit ? new ProtocolError(`Yjs update cannot be applied: ${(error as Error).message}`) : error;
      this.diverge(batch, cause, culprit);
      return;
    }
    let stored: { written: Promise<void>; durable: Promise<void> };
    try {
      stored = body.appendStaged(batch.map((p) => ({ update: p.update, memberId: p.connection.member.id, at: at.toISOString() })));
      await stored.written;
    } catch (error) {
      this.diverge(batch, error, null);
      return;
    }
    // Written: the next batch may be applied and written while this one goes to disk. This one is
    // relayed, and its senders told it is stored, once it is on disk, after the batches before it.
    this.relays = this.relays.then(() =>
      stored.durable.then(
        () => {
          if (this.divergedBy !== null) return batch.forEach((p) => p.done.reject(this.divergedBy));
          this.relayBatch(batch, origin);
          for (const member of new Map(batch.map((p) => [p.connection.member.id, p.connection.member])).values()) this.hooks.onEdited(this, member, at);
          batch.forEach((p) => p.done.resolve());
        },
        (error: unknown) => this.diverge(batch, error, null),
      ),
    );
    this.lastChangeAt = performance.now();
    if (body.wantsCompaction) void this.run(() => body.compact(this.doc)).catch(() => undefined);
  }

  /** Relays a stored batch as received: one update (the common case) is not re-encoded. */
  private relayBatch(batch: PendingUpdate[], origin: unknown): void {
    let update: Uint8Array | null = batch.length === 1 ? batch[0]!.update : null;
    try {
      update ??= Y.mergeUpdates(batch.map((p) => p.update));
    } catch {
      // Each update was applied, so each decodes; should merging still fail, send them one by one.
      for (const p of batch) this.relay(updateMessage(p.update), origin);
      return;
    }
    this.relay(updateMessage(update), origin);
  }

  /**
   * The document now holds changes the store does not: refuses this batch and every later update
   * (`culprit`, the update that could not be applied, is refused as malformed, or as not fitting
   * the schema; the others as not stored, so that their clients send them again), and has the
   * room discarded.
   */
  private diverge(batch: PendingUpdate[], error: unknown, culprit: PendingUpdate | null): void {
    if (this.divergedBy !== null) return batch.forEach((p) => p.done.reject(this.divergedBy));
    this.divergedBy = new RoomDivergedError(this.name, error);
    for (const p of [...batch, ...this.pending.splice(0)]) p.done.reject(p === culprit ? error : this.divergedBy);
    // Closed now, before the room closes everyone else as "not saved": this sender must not retry.
    if (error instanceof InvalidContentError) culprit?.connection.close(CloseCode.INVALID_CONTENT, 'change does not fit the document schema');
    else culprit?.connection.close(CloseCode.BAD_MESSAGE, 'malformed message');
    this.hooks.onDiverged(this, error, culprit?.connection ?? null);
  }

  /**
   * Keeps only the encoded state of a body nobody has changed for a while: compacts its log, then
   * releases the Y.Doc (made again at the next edit). Runs in the room's order of stored changes.
   */
  releaseIdleDoc(): Promise<void> {
    return this.run(async () => {
      if (!this.body || this.held.idle || this.pending.length > 0) return;
      const state = Y.encodeStateAsUpdate(this.held.doc);
      await this.body.compactTo(state);
      this.held.release(state);
    });
  }

  /** Whether the room holds its body as encoded state only. */
  get isReleased(): boolean {
    return this.held.idle !== null;
  }

  private receiveAwareness(connection: Connection, update: Uint8Array): Promise<void> {
    if (this.ref.kind !== 'doc') return Promise.resolve(); // list and metadata rooms carry no presence
    for (const entry of decodeAwareness(update, MAX_AWARENESS_ENTRIES)) {
      if (!this.claimAwarenessClient(connection, entry)) continue;
      const clean = this.cleanState(connection, entry);
      let gate = this.presenceGates.get(connection);
      if (!gate) this.presenceGates.set(connection, (gate = new PresenceGate((e: AwarenessEntry) => this.applyPresence(connection, e))));
      // Leaving is never delayed: a stale caret would stay on everyone's screen.
      if (clean.state === 'null') {
        gate.cancel();
        this.applyPresence(connection, clean);
      } else gate.offer(clean);
    }
    return Promise.resolve();
  }

  /**
   * Whether this connection may speak for this awareness client: a provider has exactly one id,
   * so the first one a connection uses is its own and any other is ignored, as is an id that
   * another connection holds (nobody sets or clears someone else's presence). Without this, one
   * connection announcing thousands of ids filled the server's memory and every watcher's screen.
   */
  private claimAwarenessClient(connection: Connection, entry: AwarenessEntry): boolean {
    const owner = this.awarenessOwners.get(entry.clientId);
    if (owner !== undefined && owner !== connection) return false;
    if (connection.awarenessClient !== null) return connection.awarenessClient === entry.clientId;
    // Not claimed yet: an echo of a state the room already has (same or older clock), or of a
    // departure, says nothing about who this connection is.
    const known = this.awareness.meta.get(entry.clientId)?.clock ?? -1;
    if (entry.state === 'null' || entry.clock <= known) return false;
    connection.awarenessClient = entry.clientId;
    this.awarenessOwners.set(entry.clientId, connection);
    return true;
  }

  private applyPresence(connection: Connection, entry: AwarenessEntry): void {
    if (connection.isClosed || !this.connections.has(connection)) return;
    applyAwarenessUpdate(this.awareness, encodeAwareness([entry]), connection);
  }

  /**
   * The client chooses its cursor and section, but never who it claims to be: the state keeps
   * only the fields of shared/presence.ts that follow their schema, and `user` is the session's
   * member, in the colour this room gave them.
   */
  private cleanState(connection: Connection, entry: AwarenessEntry): AwarenessEntry {
    if (entry.state.length > MAX_PRESENCE_STATE_BYTES) throw new ProtocolError('awareness state too large');
    let state: unknown;
    try {
      state = JSON.parse(entry.state);
    } catch {
      throw new ProtocolError('awareness state is not JSON');
    }
    if (state === null) return entry;
    if (typeof state !== 'object' || Array.isArray(state)) throw new ProtocolError('awareness state is not an object');
    const user = this.asPresent(connection.member);
    return { ...entry, state: JSON.stringify({ ...cleanPresence(state as Record<string, unknown>), user }) };
  }

  private relay(message: Uint8Array, origin: unknown): void {
    for (const connection of this.connections) {
      if (connection !== origin) connection.send(message);
    }
  }

  /** Releases the doc and awareness; the room must be empty. */
  destroy(): void {
    this.awareness.destroy();
    this.held.destroy();
  }
}
