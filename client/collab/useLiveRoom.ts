/**
 * Read-only, server-owned rooms (`meta.<id>`, `ws.<id>`): a Y.Doc kept live by a provider,
 * without a local cache (the HTTP API gives the starting data) and without publishing presence.
 */
import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { PROTOCOL_VERSION } from '../../shared/rooms';
import { collabServerUrl } from './collabUrl';

/** Connection state of a read-only room. */
export type LiveRoomState = 'connecting' | 'live' | 'offline' | 'refused';

/** A live read-only room: its doc (null before mount) and whether it is up to date. */
export interface LiveRoom {
  doc: Y.Doc | null;
  state: LiveRoomState;
  closeCode: number | null;
}

/** Joins a read-only room while mounted; `room` null joins nothing. */
export function useLiveRoom(room: string | null): LiveRoom {
  const [live, setLive] = useState<LiveRoom>({ doc: null, state: 'connecting', closeCode: null });

  useEffect(() => {
    if (room === null) return;
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(collabServerUrl(), room, doc, {
      connect: false,
      params: { protocol: String(PROTOCOL_VERSION) },
    });
    // Nobody needs our presence in a list or metadata room.
    provider.awareness.setLocalState(null);
    let state: LiveRoom = { doc, state: 'connecting', closeCode: null };
    const set = (patch: Partial<LiveRoom>) => {
      state = { ...state, ...patch };
      setLive(state);
    };
    setLive(state);
    provider.on('sync', (synced) => set({ state: synced ? 'live' : 'offline' }));
    provider.on('connection-close', () => {
      if (state.state !== 'refused') set({ state: 'offline' });
    });
    provider.on('closed', ({ code }) => set({ state: 'refused', closeCode: code }));
    provider.connect();
    return () => {
      provider.destroy();
      doc.destroy();
      setLive({ doc: null, state: 'connecting', closeCode: null });
    };
  }, [room]);

  return live;
}

/** Plain JSON view of a Y.Map value (values may be JSON or nested Y types). */
function toPlain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? value.toJSON() : value;
}

/** The entries of a top-level Y.Map of `doc`, re-read whenever the map changes. */
export function useLiveMap(doc: Y.Doc | null, mapName: string): Map<string, unknown> {
  const [entries, setEntries] = useState<Map<string, unknown>>(() => new Map());

  useEffect(() => {
    if (doc === null) {
      setEntries(new Map());
      return;
    }
    const map = doc.getMap(mapName);
    const read = () => setEntries(new Map([...map.entries()].map(([k, v]) => [k, toPlain(v)])));
    read();
    map.observeDeep(read);
    return () => map.unobserveDeep(read);
  }, [doc, mapName]);

  return entries;
}
