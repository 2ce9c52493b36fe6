/**
 * Reading and writing y-websocket protocol messages (y-protocols sync + awareness) and Trame's
 * save acknowledgements. Parsing is strict: anything malformed throws a ProtocolError, and the
 * connection that sent it is closed with BAD_MESSAGE.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { readAwarenessEntries, writeAwarenessEntries, type AwarenessEntry } from '../../shared/presence';
import { MessageType } from '../../shared/rooms';

export type { AwarenessEntry } from '../../shared/presence';

/** A message that does not follow the protocol. */
export class ProtocolError extends Error {}

/** Sync sub-messages, as numbered by y-protocols/sync. */
export const SyncStep = { STEP1: 0, STEP2: 1, UPDATE: 2 } as const;

/** A decoded client message. */
export type ClientMessage =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array; step: 'step2' | 'update' }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' }
  | { type: 'saveCheck'; n: number };

function readAll<T>(data: Uint8Array, read: (d: decoding.Decoder) => T): T {
  const decoder = decoding.createDecoder(data);
  let value: T;
  try {
    value = read(decoder);
  } catch (error) {
    throw new ProtocolError(`truncated or malformed message: ${(error as Error).message}`);
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after message');
  return value;
}

/** Decodes one client message; throws ProtocolError on anything unexpected. */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  return readAll(data, (d): ClientMessage => {
    const type = decoding.readVarUint(d);
    switch (type) {
      case MessageType.SYNC: {
        const step = decoding.readVarUint(d);
        const payload = decoding.readVarUint8Array(d);
        if (step === SyncStep.STEP1) return { type: 'syncStep1', stateVector: payload };
        if (step === SyncStep.STEP2 || step === SyncStep.UPDATE) return { type: 'update', update: payload, step: step === SyncStep.STEP2 ? 'step2' : 'update' };
        throw new ProtocolError(`unknown sync step ${step}`);
      }
      case MessageType.AWARENESS:
        return { type: 'awareness', update: decoding.readVarUint8Array(d) };
      case MessageType.QUERY_AWARENESS:
        return { type: 'queryAwareness' };
      case MessageType.SAVE_CHECK:
        return { type: 'saveCheck', n: decoding.readVarUint(d) };
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
  });
}

/**
 * Checks that bytes decode as a Yjs update, and says whether it carries any change. Decoding does
 * not prove that an update applies to a given document: the room finds that out by applying it
 * before storing it (Room.commitPending). This check turns away garbage before it reaches a room.
 */
export function inspectUpdate(update: Uint8Array): { empty: boolean } {
  try {
    const { structs, ds } = Y.decodeUpdate(update);
    return { empty: structs.length === 0 && ds.clients.size === 0 };
  } catch (error) {
    throw new ProtocolError(`malformed Yjs update: ${(error as Error).message}`);
  }
}

/** Checks a state vector is well-formed. */
export function checkStateVector(stateVector: Uint8Array): void {
  try {
    Y.decodeStateVector(stateVector);
  } catch (error) {
    throw new ProtocolError(`malformed state vector: ${(error as Error).message}`);
  }
}

function message(write: (e: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1 from a known state vector. */
export const syncStep1FromVector = (stateVector: Uint8Array): Uint8Array =>
  message((e) => {
    encoding.writeVarUint(e, MessageType.SYNC);
    encoding.writeVarUint(e, SyncStep.STEP1);
    encoding.writeVarUint8Array(e, stateVector);
  });

/** Sync step 2 carrying an already computed update. */
export const syncStep2FromUpdate = (update: Uint8Array): Uint8Array =>
  message((e) => {
    encoding.writeVarUint(e, MessageType.SYNC);
    encoding.writeVarUint(e, SyncStep.STEP2);
    encoding.writeVarUint8Array(e, update);
  });

/** Sync step 1: the server's state vector (asks the client for what the server lacks). */
export const syncStep1Message = (doc: Y.Doc): Uint8Array => syncStep1FromVector(Y.encodeStateVector(doc));

/** Sync step 2: what the client lacks, given its state vector. */
export const syncStep2Message = (doc: Y.Doc, clientStateVector: Uint8Array): Uint8Array =>
  syncStep2FromUpdate(Y.encodeStateAsUpdate(doc, clientStateVector));

/** A document update relayed to clients. */
export const updateMessage = (update: Uint8Array): Uint8Array =>
  message((e) => {
    encoding.writeVarUint(e, MessageType.SYNC);
    encoding.writeVarUint(e, SyncStep.UPDATE);
    encoding.writeVarUint8Array(e, update);
  });

/** An awareness update relayed to clients. */
export const awarenessMessage = (update: Uint8Array): Uint8Array =>
  message((e) => {
    encoding.writeVarUint(e, MessageType.AWARENESS);
    encoding.writeVarUint8Array(e, update);
  });

/** y-protocols auth "permission denied" with a reason the stock provider logs. */
export const permissionDeniedMessage = (reason: string): Uint8Array =>
  message((e) => {
    encoding.writeVarUint(e, MessageType.AUTH);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, reason);
  });

/** Trame's acknowledgement: everything received before save check n is stored (shared/saveAck.ts). */
export { savedMessage } from '../../shared/saveAck';

/** Decodes an awareness update into its entries, at most `maxEntries`; throws ProtocolError otherwise. */
export const decodeAwareness = (update: Uint8Array, maxEntries = Infinity): AwarenessEntry[] => readAll(update, (d) => readAwarenessEntries(d, maxEntries));

/** Encodes awareness entries back into an awareness update. */
export const encodeAwareness = (entries: readonly AwarenessEntry[]): Uint8Array => message((e) => writeAwarenessEntries(e, entries));
