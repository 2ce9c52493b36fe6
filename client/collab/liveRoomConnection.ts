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

/** Joins a read-only room and reports the entries of one of its maps; returns a closer. */
export function openLiveRoom(room: string, mapName: string, events: LiveRoomEvents): () => void {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(collabServerUrl(), room, doc, { connect: false, params: { protocol: String(PROTOCOL_VERSION) } });
  // Nobody needs our presence in a list or metadata room.
  provider.awareness.setLocalState(null);
  const map = doc.getMap(mapName);
  const read = () => events.onEntries(new Map([...map.entries()].map(([k, v]) => [k, toPlain(v)])));
  map.observeDeep(read);
  let refused = false;
  provider.on('sync', (synced) => events.onState(synced ? 'live' : 'offline', null));
  provider.on('connection-close', () => {
    if (!refused) events.onState('offline', null);
  });
  provider.on('closed', ({ code }) => {
    refused = true;
    events.onState('refused', code);
  });
  provider.connect();
  return () => {
    map.unobserveDeep(read);
    provider.destroy();
    doc.destroy();
  };
}
