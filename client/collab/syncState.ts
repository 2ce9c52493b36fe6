/**
 * What the sync status chip says, derived from connection facts by one pure function so the
 * rules are in one place and testable.
 */

/** The user-facing state of a collaborative document's connection. */
export type SyncState = 'connecting' | 'syncing' | 'saved' | 'unsaved' | 'offline' | 'refused' | 'storeError';

/** Facts about a provider that decide the sync state. */
export interface ConnectionFacts {
  /** The server closed the connection with a code reconnecting cannot fix. */
  refused: boolean;
  /** The server reported it could not load or store the document; retrying. */
  storeError: boolean;
  /** The sync handshake completed on the current connection. */
  synced: boolean;
  /** A WebSocket is open (handshake may still be running). */
  connected: boolean;
  /** A connection failed or dropped since the last successful sync, or the browser is offline. */
  connectionLost: boolean;
  /** Local changes not yet confirmed as stored. */
  pending: number;
}

/** Derives the state shown to the user; the first matching rule wins. */
export function deriveSyncState(facts: ConnectionFacts): SyncState {
  if (facts.refused) return 'refused';
  if (facts.storeError) return 'storeError';
  if (facts.connected && facts.synced) return facts.pending > 0 ? 'unsaved' : 'saved';
  if (facts.connected) return 'syncing';
  if (facts.connectionLost) return 'offline';
  return 'connecting';
}
