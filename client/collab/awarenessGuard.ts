/**
 * Cleans every awareness update before the provider applies it, so that the Awareness object only
 * ever holds states this page can use: the caret plugin, the presence list and the shared session
 * all read it, and none of them has to defend itself.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import { readAwarenessEntries, writeAwarenessEntries, type AwarenessEntry } from '../../shared/presence';
import { MessageType } from '../../shared/rooms';

/** Turns one peer's state into what may be kept (null: the peer is not shown). */
export type StateCleaner = (state: unknown) => unknown;

/**
 * The update with each state cleaned. Entries for this client's own id are dropped, except a
 * removal (y-protocols answers that by announcing the local state again): nobody else may set it.
 * Throws on an update that cannot be decoded.
 */
export function cleanAwarenessUpdate(update: Uint8Array, selfId: number, clean: StateCleaner): Uint8Array {
  const entries: AwarenessEntry[] = [];
  for (const { clientId, clock, state: text } of readAwarenessEntries(decoding.createDecoder(update))) {
    const state: unknown = JSON.parse(text);
    if (state === null) entries.push({ clientId, clock, state: 'null' });
    else if (clientId !== selfId) entries.push({ clientId, clock, state: JSON.stringify(clean(state) ?? null) });
  }
  const encoder = encoding.createEncoder();
  writeAwarenessEntries(encoder, entries);
  return encoding.toUint8Array(encoder);
}

/** Makes the provider clean every awareness message (from the server or another tab) before applying it. */
export function guardAwareness(provider: WebsocketProvider, clean: StateCleaner): void {
  provider.messageHandlers[MessageType.AWARENESS] = (_encoder, decoder, origin) => {
    const update = decoding.readVarUint8Array(decoder);
    let cleaned: Uint8Array;
    try {
      cleaned = cleanAwarenessUpdate(update, provider.awareness.clientID, clean);
    } catch (error) {
      console.warn('ignored an awareness update that cannot be decoded', error);
      return;
    }
    applyAwarenessUpdate(provider.awareness, cleaned, origin);
  };
}
