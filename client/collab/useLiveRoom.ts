/**
 * Read-only, server-owned rooms (`meta.<id>`, `ws.<id>`): one map of a Y.Doc kept live by a
 * provider, without a local cache (the HTTP API gives the starting data) and without presence.
 */
import { useEffect, useState } from 'react';

/** Connection state of a read-only room. */
export type LiveRoomState = 'connecting' | 'live' | 'offline' | 'refused';

/** A live read-only map: its entries (empty until first sync) and whether it is up to date. */
export interface LiveMap {
  entries: Map<string, unknown>;
  state: LiveRoomState;
  closeCode: number | null;
}

const initial = (): LiveMap => ({ entries: new Map(), state: 'connecting', closeCode: null });

/** Joins a read-only room while mounted and follows one of its maps; `room` null joins nothing. */
export function useLiveMap(room: string | null, mapName: string): LiveMap {
  const [live, setLive] = useState<LiveMap>(initial);

  useEffect(() => {
    setLive(initial());
    if (room === null) return;
    let close: (() => void) | null = null;
    let unmounted = false;
    void import('./liveRoomConnection').then(({ openLiveRoom }) => {
      if (unmounted) return;
      close = openLiveRoom(room, mapName, {
        onEntries: (entries) => setLive((current) => ({ ...current, entries })),
        onState: (state, closeCode) => setLive((current) => ({ ...current, state, closeCode })),
      });
    });
    return () => {
      unmounted = true;
      close?.();
    };
  }, [room, mapName]);

  return live;
}
