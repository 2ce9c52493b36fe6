/**
 * One collaborative document body on this device: a Y.Doc cached in IndexedDB and synced with
 * the server through the stock y-websocket provider, plus Trame's save acknowledgements.
 * Framework-free; `useCollabDocument` owns one per mounted editor.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { messageYjsSyncStep1 } from 'y-protocols/sync';
import type { Awareness } from 'y-protocols/awareness';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { BODY_FRAGMENT, CloseCode, MessageType, PROTOCOL_VERSION, shouldReconnectAfter } from '../../shared/rooms';
import { cleanPeerState, positionsIn } from '../presence/peerState';
import { guardAwareness } from './awarenessGuard';
import { collabServerUrl } from './collabUrl';
import { readPending, writePending } from './pendingStore';
import { SaveTracker } from './saveTracker';
import { saveCheckMessage } from '../../shared/saveAck';
import { deriveSyncState, type SyncState } from './syncState';

/** The last close decided by the server (application close codes only). */
export interface CloseInfo {
  code: number;
  reason: string;
  /** The provider stopped reconnecting (4400-4499). */
  terminal: boolean;
}

/** What the UI needs to know about a session, as an immutable snapshot. */
export interface CollabSnapshot {
  syncState: SyncState;
  pendingCount: number;
  /** When the oldest local change not yet confirmed as stored was made (ms), or null. */
  oldestPendingAt: number | null;
  closeInfo: CloseInfo | null;
  /** Content can be shown: the local cache loaded with content, or the server sync completed. */
  ready: boolean;
  /** Not ready, and the connection failed or was refused: there is nothing to show. */
  failed: boolean;
}

/** Delay after the last local change before asking the server whether it is stored. */
const CHECK_DELAY_MS = 150;
/** If IndexedDB is unavailable or very slow, connect anyway rather than wait forever. */
const CACHE_TIMEOUT_MS = 3000;
/** If the server never sends its own sync step 1, still ask for an acknowledgement. */
const STEP1_FALLBACK_MS = 1000;

/** A document body being edited: owns its Y.Doc, IndexedDB cache and WebSocket provider. */
export class CollabSession {
  readonly doc = new Y.Doc();
  readonly persistence: IndexeddbPersistence;
  readonly provider: WebsocketProvider;
  private readonly tracker = new SaveTracker();
  private readonly listeners = new Set<() => void>();
  private snapshot: CollabSnapshot;
  private ready = false;
  private synced = false;
  private connectionLost = false;
  private storeError = false;
  private closeInfo: CloseInfo | null = null;
  /** We answered the server's sync step 1 on this connection, so our offline changes went out. */
  private answeredServerStep1 = false;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private fallbackTimer: ReturnType<typeof setTimeout> | undefined;
  private cacheTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;

  constructor(readonly room: string) {
    this.persistence = new IndexeddbPersistence(`trame:${room}`, this.doc);
    // Connect only once the cache is loaded, so the cached state is not pushed as a fresh
    // update before the handshake (which would make a read-only connection look like a writer).
    this.provider = new WebsocketProvider(collabServerUrl(), room, this.doc, {
      connect: false,
      params: { protocol: String(PROTOCOL_VERSION) },
      shouldReconnect: (event) => shouldReconnectAfter(event.code),
    });
    this.snapshot = this.computeSnapshot();
    this.installMessageHandlers();
    this.listenToProvider();
    this.doc.on('update', this.onDocUpdate);
    window.addEventListener('offline', this.onBrowserOffline);
    this.persistence.whenSynced.then(this.onCacheLoaded, () => this.connect());
    this.persistence._db.catch(() => this.connect());
    this.cacheTimer = setTimeout(() => this.connect(), CACHE_TIMEOUT_MS);
  }

  /** Subscribes to snapshot changes (for useSyncExternalStore). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The current snapshot; a new object only when something changed. */
  getSnapshot = (): CollabSnapshot => this.snapshot;

  /** Disconnects and frees everything; the session cannot be used afterwards. */
  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.checkTimer);
    clearTimeout(this.fallbackTimer);
    clearTimeout(this.cacheTimer);
    window.removeEventListener('offline', this.onBrowserOffline);
    this.doc.off('update', this.onDocUpdate);
    this.provider.destroy();
    void this.persistence.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }

  private onCacheLoaded = (): void => {
    if (this.destroyed) return;
    const hasCache = this.doc.store.clients.size > 0;
    if (hasCache) {
      // Unconfirmed edits from the previous page load are in this cache.
      this.tracker.restore(readPending(this.room));
      this.ready = true;
    } else {
      writePending(this.room, 0);
    }
    this.connect();
    this.update();
  };

  private connect(): void {
    clearTimeout(this.cacheTimer);
    if (this.destroyed || this.provider.shouldConnect || this.closeInfo?.terminal) return;
    this.provider.connect();
  }

  private installMessageHandlers(): void {
    const handlers = this.provider.messageHandlers;
    handlers[MessageType.SAVED] = (_encoder, decoder) => this.onSaved(decoding.readVarUint(decoder));
    const positions = positionsIn(this.doc, BODY_FRAGMENT);
    guardAwareness(this.provider, (state) => cleanPeerState(state, positions));
    const syncHandler = handlers[MessageType.SYNC]!;
    handlers[MessageType.SYNC] = (encoder, decoder, provider, fromSocket, type) => {
      const isStep1 = decoding.peekVarUint(decoder) === messageYjsSyncStep1;
      syncHandler(encoder, decoder, provider, fromSocket, type);
      // `fromSocket` is false for BroadcastChannel messages from other tabs. The provider sends
      // our answer right after this handler returns, hence the check is queued, not sent here.
      if (isStep1 && fromSocket) {
        this.answeredServerStep1 = true;
        this.scheduleCheck(0);
      }
    };
  }

  private listenToProvider(): void {
    const provider = this.provider;
    provider.on('status', ({ status }) => {
      if (status !== 'connected') this.answeredServerStep1 = false;
      if (status === 'disconnected') forgetRemovedPeers(provider.awareness);
      this.update();
    });
    provider.on('sync', (isSynced) => this.onSync(isSynced));
    provider.on('connection-close', (event) => {
      clearTimeout(this.fallbackTimer);
      this.synced = false;
      this.answeredServerStep1 = false;
      this.connectionLost = true;
      if (event && event.code >= 4000) {
        this.closeInfo = { code: event.code, reason: event.reason, terminal: false };
        if (event.code === CloseCode.STORE_FAILED || event.code === CloseCode.LOAD_FAILED) this.storeError = true;
      }
      this.update();
    });
    provider.on('closed', ({ code, reason }) => {
      this.closeInfo = { code, reason, terminal: true };
      this.update();
    });
  }

  private onSync(isSynced: boolean): void {
    this.synced = isSynced;
    if (isSynced) {
      this.ready = true;
      this.connectionLost = false;
      if (this.tracker.pending === 0) this.storeError = false;
      this.tracker.restampPending();
      if (this.answeredServerStep1) this.scheduleCheck(0);
      else this.fallbackTimer = setTimeout(() => this.sendCheck(true), STEP1_FALLBACK_MS);
    }
    this.update();
  }

  private onSaved(savedUpTo: number): void {
    this.storeError = false;
    if (this.tracker.acknowledge(savedUpTo)) writePending(this.room, this.tracker.pending);
    this.update();
  }

  private onDocUpdate = (_update: Uint8Array, origin: unknown): void => {
    // Changes from the server, other tabs (both arrive with the provider as origin) and the
    // cache are not ours to save.
    if (origin === this.provider || origin === this.persistence) return;
    this.tracker.recordChange();
    writePending(this.room, this.tracker.pending);
    this.scheduleCheck(CHECK_DELAY_MS);
    this.update();
  };

  private scheduleCheck(delay: number): void {
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => this.sendCheck(false), delay);
  }

  /** Sends SAVE_CHECK n, only once everything we must re-send on this connection has gone out. */
  private sendCheck(afterFallback: boolean): void {
    const ws = this.provider.ws;
    if (this.destroyed || !this.provider.wsconnected || !this.synced || !ws || ws.readyState !== WebSocket.OPEN) return;
    if (!this.answeredServerStep1 && !afterFallback) return;
    clearTimeout(this.fallbackTimer);
    ws.send(saveCheckMessage(this.tracker.takeCheckNumber()));
  }

  /** The browser knows it is offline before the socket does: drop the socket to say so at once. */
  private onBrowserOffline = (): void => {
    if (!this.provider.shouldConnect) return;
    this.provider.disconnect();
    this.provider.connect();
  };

  private computeSnapshot(): CollabSnapshot {
    const terminal = this.closeInfo?.terminal ?? false;
    const syncState = deriveSyncState({
      refused: terminal,
      storeError: this.storeError,
      synced: this.synced,
      connected: this.provider?.wsconnected ?? false,
      connectionLost: this.connectionLost,
      pending: this.tracker.pending,
    });
    return {
      syncState,
      pendingCount: this.tracker.pending,
      oldestPendingAt: this.tracker.oldestPendingAt,
      closeInfo: this.closeInfo,
      ready: this.ready,
      failed: !this.ready && (this.connectionLost || terminal),
    };
  }

  private update(): void {
    if (this.destroyed) return;
    const next = this.computeSnapshot();
    const prev = this.snapshot;
    if (
      next.syncState === prev.syncState &&
      next.pendingCount === prev.pendingCount &&
      next.oldestPendingAt === prev.oldestPendingAt &&
      next.closeInfo === prev.closeInfo &&
      next.ready === prev.ready &&
      next.failed === prev.failed
    ) {
      return;
    }
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}

/**
 * On a disconnect the provider drops everyone else's presence but keeps each one's last clock; on
 * reconnecting, the server sends their current states, which carry that same clock when they have
 * not changed meanwhile, and y-protocols ignores them: others stayed invisible until their next
 * periodic renewal (up to 15 s). Forgetting the clocks of dropped peers lets those states in.
 */
function forgetRemovedPeers(awareness: Awareness): void {
  for (const clientId of [...awareness.meta.keys()]) {
    if (clientId !== awareness.clientID && !awareness.states.has(clientId)) awareness.meta.delete(clientId);
  }
}
