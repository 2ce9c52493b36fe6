/**
 * The Yjs side of a read-only room, loaded on demand (dynamic import) so that Yjs and the provider
 * are not part of the first page's script: the list shows from the HTTP answer, then goes live.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { PROTOCOL_VERSION } from '../../shared/rooms';
import { collabServerUrl } from './collabUrl';

/** What a live room reports: a plain copy of one map, and the connection state. */
export interface LiveRoomEvents {
  onEntries(entries: Map<string, unknown>): void;
  onState(state: 'live' | 'offline' | 'refused', closeCode: number | null): void;
}

/** Plain JSON view of a Y.Map value (values may be JSON or nested Y types). */
const toPlain = (value: unknown): unknown => (value instanceof Y.AbstractType ? value.toJSON() : value);

/**
 * Joins a read-only room and reports the entries of one of its maps; returns a closer.
 * Each connection starts from a fresh Y.Doc: the server rebuilds these rooms when it restarts or
 * reloads them, and a doc kept from before would merge the old server's entries with the new ones
 * (which one wins a key is then decided by client ids, not by time) and offer the new server
 * entries it never wrote, which a read-only room refuses.
 */
export function openLiveRoom(room: string, mapName: string, events: LiveRoomEvents): () => void {
  let refused = false;
  let closed = false;
  let current = connect();

  function connect() {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(collabServerUrl(), room, doc, { connect: false, params: { protocol: String(PROTOCOL_VERSION) } });
    // Nobody needs our presence in a list or metadata room.
    provider.awareness.setLocalState(null);
    const map = doc.getMap(mapName);
    const read = () => events.onEntries(new Map([...map.entries()].map(([k, v]) => [k, toPlain(v)])));
    map.observeDeep(read);
    let synced = false;
    provider.on('sync', (isSynced) => {
      synced ||= isSynced;
      events.onState(isSynced ? 'live' : 'offline', null);
    });
    provider.on('connection-close', () => {
      if (refused || closed) return;
      events.onState('offline', null);
      // A connection that had synced dropped: start over with a fresh doc. One that never synced
      // keeps retrying by itself, with the provider's backoff.
      if (synced) queueMicrotask(() => {
        if (closed || refused) return;
        teardown();
        current = connect();
      });
    });
    provider.on('closed', ({ code }) => {
      refused = true;
      events.onState('refused', code);
    });
    provider.connect();
    const teardown = () => {
      map.unobserveDeep(read);
      provider.destroy();
      doc.destroy();
    };
    return teardown;
  }

  return () => {
    closed = true;
    current();
  };
}
