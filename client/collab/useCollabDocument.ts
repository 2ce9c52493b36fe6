/**
 * The one hook that owns a document body's provider: creates a CollabSession for a room,
 * exposes its state to React and destroys everything on unmount or room change.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import { CollabSession, type CloseInfo, type CollabSnapshot } from './CollabSession';
import type { SyncState } from './syncState';

/** A collaborative document as the editor page sees it. */
export interface CollabDocument {
  doc: Y.Doc | null;
  provider: WebsocketProvider | null;
  awareness: Awareness | null;
  syncState: SyncState;
  pendingCount: number;
  /** When the oldest local change not yet confirmed as stored was made (ms), or null. */
  oldestPendingAt: number | null;
  closeInfo: CloseInfo | null;
  /** Content may be rendered (cache loaded with content, or server sync done). */
  ready: boolean;
  /** Nothing can be shown: no cached copy and no usable connection. */
  failed: boolean;
}

const IDLE: CollabSnapshot = { syncState: 'connecting', pendingCount: 0, oldestPendingAt: null, closeInfo: null, ready: false, failed: false };
const noSubscription = () => () => {};

/** Opens the document body room `room` (null: nothing yet) for as long as the caller is mounted. */
export function useCollabDocument(room: string | null): CollabDocument {
  const [session, setSession] = useState<CollabSession | null>(null);

  useEffect(() => {
    if (room === null) return;
    const created = new CollabSession(room);
    setSession(created);
    return () => {
      setSession(null);
      created.destroy();
    };
  }, [room]);

  const snapshot = useSyncExternalStore(session?.subscribe ?? noSubscription, session?.getSnapshot ?? (() => IDLE));
  return {
    doc: session?.doc ?? null,
    provider: session?.provider ?? null,
    awareness: session?.provider.awareness ?? null,
    ...snapshot,
  };
}
