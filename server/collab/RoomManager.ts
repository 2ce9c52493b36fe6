/**
 * The registry of loaded rooms. A room is loaded once however many clients join at the same time,
 * never served before its load finished, and unloaded (after compaction) a grace period after its
 * last connection left. A failed load serves nothing: the joining connections are refused.
 */
import * as Y from 'yjs';
import type { MemberSummary } from '../../shared/api';
import { CloseCode, docRoom, type RoomRef } from '../../shared/rooms';
import type { Logger } from '../log';
import type { Store } from '../store/Store';
import { BodyLog } from './BodyLog';
import { EncodedBody } from './EncodedBody';
import type { Connection } from './Connection';
import { buildInboxDoc, buildListDoc, buildMetaDoc } from './projections';
import { Room, type RoomHooks } from './Room';


/** A room that cannot be served; `code` is the close code to send. */
export class RoomUnavailableError extends Error {
  constructor(readonly code: number, message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** Options of a RoomManager. */
export interface RoomManagerOptions {
  store: Store;
  log: Logger;
  graceMs: number;
  compactAfterUpdates: number;
  /** How long a member whose update had a room discarded stays out of that document (default 60 s). */
  refusedSenderCooldownMs?: number;
  /** Largest document accepted, in bytes of its stored log (no limit if absent). */
  maxDocumentBytes?: number;
  now: () => Date;
  /**
   * A body nobody has changed for this long is kept as its encoded state only (~4× smaller than
   * its Y.Doc), after compacting its log; the Y.Doc is made again at the next edit. Default 5 s.
   */
  releaseIdleAfterMs?: number;
  /** Called when members present in a document change, or a member (`member`) edits it. */
  onDocumentActivity?: (documentId: string, kind: 'presence' | 'edit', room: Room, member?: MemberSummary) => void;
}

/** Loads, serves and unloads rooms. */
export class RoomManager {
  private readonly rooms = new Map<string, Room>();
  // Members kept out of a document after an update of theirs had its room discarded (barSender).
  private readonly barred = new Map<string, { until: number; code: number }>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Set once shutdown starts: connections still at the door are turned away with 1001. */
  private closing = false;
  /** Counters for tests and diagnostics. */
  readonly stats = { loads: 0, unloads: 0 };
  private readonly idleSweep: NodeJS.Timeout;

  constructor(private readonly options: RoomManagerOptions) {
    const releaseAfterMs = options.releaseIdleAfterMs ?? 5_000;
    this.idleSweep = setInterval(() => this.releaseIdleDocs(releaseAfterMs), Math.min(1_000, releaseAfterMs));
    this.idleSweep.unref();
  }

  private releaseIdleDocs(afterMs: number): void {
    const before = performance.now() - afterMs;
    for (const room of this.rooms.values()) {
      if (!room.body || room.isReleased || room.lastChangeAt > before) continue;
      // A failed compaction leaves the log and the Y.Doc as they were; the next sweep tries again.
      room.releaseIdleDoc().catch((error) => this.options.log.error('releasing an idle document failed', error, { room: room.name }));
    }
  }

  /** The loaded room with this name, if any. */
  get(name: string): Room | undefined {
    return this.rooms.get(name);
  }

  /** Every loaded room. */
  all(): Room[] {
    return [...this.rooms.values()];
  }

  /** Members connected to a document's body room right now. */
  membersIn(documentId: string): MemberSummary[] {
    return this.rooms.get(docRoom(documentId))?.members() ?? [];
  }

  /** The room, loading it if needed; concurrent callers share one load. */
  async acquire(name: string, ref: RoomRef): Promise<Room> {
    await this.unloading.get(name);
    const loaded = this.rooms.get(name);
    if (loaded) return loaded;
    let pending = this.loading.get(name);
    if (!pending) {
      pending = this.load(name, ref).finally(() => this.loading.delete(name));
      this.loading.set(name, pending);
    }
    return pending;
  }

  /**
   * Runs a change the server makes itself (restoring a version) through a document's room, loading
   * it first when nobody has it open: the change then takes the same path as a member's (stored,
   * then applied), and cannot race a load or a compaction of that document. A room loaded only for
   * this is unloaded again after the grace period.
   */
  async withDocumentRoom<T>(documentId: string, task: (room: Room) => Promise<T>): Promise<T> {
    const name = docRoom(documentId);
    const room = await this.acquire(name, { kind: 'doc', id: documentId });
    try {
      return await task(room);
    } finally {
      if (room.connections.size === 0 && this.rooms.get(name) === room && !this.timers.has(name)) this.scheduleUnload(room);
    }
  }

  /** Joins a connection to a loaded room, cancelling a pending unload. */
  attach(room: Room, connection: Connection): void {
    // A connection whose room finished loading during shutdown, or whose room was unloaded while it
    // waited, must not join a room that is going away (it would miss the 1001 and lose its way).
    if (this.closing || this.rooms.get(room.name) !== room) {
      connection.close(CloseCode.GOING_AWAY, 'server shutting down');
      return;
    }
    clearTimeout(this.timers.get(room.name));
    this.timers.delete(room.name);
    room.join(connection);
  }

  private async load(name: string, ref: RoomRef): Promise<Room> {
    this.stats.loads++;
    const { store } = this.options;
    const hooks = this.hooks();
    if (ref.kind === 'ws') {
      const workspace = await store.getWorkspace(ref.id);
      if (!workspace) throw new RoomUnavailableError(CloseCode.NOT_FOUND, 'no such collective');
      const doc = await buildListDoc(store, ref.id, (id) => this.membersIn(id));
      return this.register(new Room(name, ref, ref.id, doc, null, hooks));
    }
    if (ref.kind === 'me') {
      if (!(await store.getMember(ref.id))) throw new RoomUnavailableError(CloseCode.NOT_FOUND, 'no such member');
      // A member's own room belongs to no collective (see RoomAccess.workspaceId).
      return this.register(new Room(name, ref, '', await buildInboxDoc(store, ref.id), null, hooks));
    }
    const row = await store.getDocument(ref.id);
    if (!row) throw new RoomUnavailableError(CloseCode.NOT_FOUND, 'no such document');
    if (ref.kind === 'meta') return this.register(new Room(name, ref, row.workspaceId, buildMetaDoc(row), null, hooks));
    const doc = await this.loadBody(ref.id);
    const body = new BodyLog(store, ref.id, doc.stored, this.options.compactAfterUpdates, this.options.maxDocumentBytes);
    return this.register(new Room(name, ref, row.workspaceId, doc.content, body, hooks));
  }

  // Never turns a missing or unreadable body into an empty document that could overwrite it.
  // A compacted body (one entry) is served from its bytes as they are: a first sync then reads
  // nothing, and the Y.Doc is made at the first edit. A log of several entries is merged here.
  private async loadBody(documentId: string): Promise<{ content: Y.Doc | EncodedBody; stored: { entries: number; lastSeq: number; bytes: number } }> {
    let stored;
    try {
      stored = await this.options.store.loadBody(documentId);
    } catch (error) {
      throw new RoomUnavailableError(CloseCode.LOAD_FAILED, 'the document could not be read from the store', { cause: error });
    }
    if (!stored || stored.updates.length === 0) throw new RoomUnavailableError(CloseCode.LOAD_FAILED, 'the document has no stored body');
    const info = { entries: stored.updates.length, lastSeq: stored.lastSeq, bytes: stored.updates.reduce((sum, u) => sum + u.byteLength, 0) };
    if (stored.updates.length === 1) return { content: new EncodedBody(stored.updates[0]!), stored: info };
    const doc = new Y.Doc();
    try {
      doc.transact(() => stored.updates.forEach((update) => Y.applyUpdate(doc, update)));
    } catch (error) {
      doc.destroy();
      throw new RoomUnavailableError(CloseCode.LOAD_FAILED, 'the stored document is damaged', { cause: error });
    }
    return { content: doc, stored: info };
  }

  private register(room: Room): Room {
    this.rooms.set(room.name, room);
    this.options.log.info('room loaded', { room: room.name });
    return room;
  }

  private hooks(): RoomHooks {
    const activity = (room: Room, kind: 'presence' | 'edit', member?: MemberSummary) => {
      if (room.ref.kind === 'doc') this.options.onDocumentActivity?.(room.ref.id, kind, room, member);
    };
    return {
      now: this.options.now,
      onEmpty: (room) => this.scheduleUnload(room),
      // Found when its state vector is first read, just after a first sync: refuse it from now on.
      onDamaged: (room, error) => {
        this.options.log.error('stored document is damaged', error, { room: room.name });
        this.closeWhere((r) => r === room, CloseCode.LOAD_FAILED, 'the stored document is damaged');
      },
      onPresenceChange: (room) => activity(room, 'presence'),
      onEdited: (room, member) => activity(room, 'edit', member),
      onDiverged: (room, error, culprit) => {
        if (culprit) this.barSender(room.name, culprit);
        this.discard(room, error);
      },
    };
  }

  /**
   * Keeps a member whose update had the room discarded (it could not be applied, or did not fit
   * the schema) out of that document for a while: every such update makes everyone else in the
   * room reconnect, so a member sending them again and again must not disturb the others more
   * than once a cooldown. Their client holds the change and is told why (the culprit's code).
   */
  private barSender(room: string, culprit: Connection): void {
    const now = performance.now();
    for (const [key, bar] of this.barred) if (bar.until <= now) this.barred.delete(key);
    this.barred.set(`${room}\n${culprit.member.id}`, { until: now + (this.options.refusedSenderCooldownMs ?? 60_000), code: culprit.closeCode ?? CloseCode.BAD_MESSAGE });
  }

  /** The close code refusing this member this room, while a refused update of theirs keeps them out; else null. */
  barredCode(room: string, memberId: string): number | null {
    const bar = this.barred.get(`${room}\n${memberId}`);
    return bar && bar.until > performance.now() ? bar.code : null;
  }

  /**
   * Drops a room whose document differs from the store, without compacting it: the next
   * connection loads a fresh room from the store. Its connections are told their changes were not
   * saved; they reconnect and send them again.
   */
  private discard(room: Room, error: unknown): void {
    this.options.log.error('room discarded: its document holds changes the store does not', error, { room: room.name });
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
    clearTimeout(this.timers.get(room.name));
    this.timers.delete(room.name);
    for (const connection of [...room.connections]) connection.close(CloseCode.STORE_FAILED, 'changes not saved, retrying');
    if (room.connections.size === 0) room.destroy();
  }

  private scheduleUnload(room: Room): void {
    // A discarded room goes as soon as its last connection has left; nothing of it is kept.
    if (room.hasDiverged) return room.destroy();
    clearTimeout(this.timers.get(room.name));
    const timer = setTimeout(() => {
      this.timers.delete(room.name);
      if (room.connections.size === 0) void this.unload(room);
    }, this.options.graceMs);
    timer.unref();
    this.timers.set(room.name, timer);
  }

  private unload(room: Room): Promise<void> {
    const done = (async () => {
      try {
        await room.drain();
        if (room.body?.isFragmented) await room.run(() => room.body!.compact(room.doc));
      } catch (error) {
        // The log stays as it was: compaction is an optimisation, the entries are all stored.
        this.options.log.error('compaction before unload failed', error, { room: room.name });
      } finally {
        if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
        room.destroy();
        this.stats.unloads++;
        this.options.log.info('room unloaded', { room: room.name });
      }
    })();
    this.unloading.set(room.name, done);
    return done.finally(() => this.unloading.delete(room.name));
  }

  /** Closes every connection matching `predicate` with a code. */
  closeWhere(predicate: (room: Room, connection: Connection) => boolean, code: number, reason: string): void {
    for (const room of this.rooms.values()) {
      for (const connection of [...room.connections]) {
        if (predicate(room, connection)) connection.close(code, reason);
      }
    }
  }

  /**
   * Resolves once every edit already received is stored, applied and relayed in every room, with
   * its activity reported (onEdited fires only once a batch is on disk): what shutdown waits for
   * before attendance and versions record their last figures.
   */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.rooms.values()].map((room) => room.drain()));
  }

  /** Shutdown: closes every connection as "going away", stores and compacts every room. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.loading.values()]);
    clearInterval(this.idleSweep);
    this.closeWhere(() => true, CloseCode.GOING_AWAY, 'server shutting down');
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.rooms.values()].map((room) => this.unload(room)));
  }
}
