/**
 * The save acknowledgement on the wire, one codec for the client and the server: the client sends
 * SAVE_CHECK n after its updates, the server answers SAVED n once every message it received before
 * that check is durably stored (see MessageType in rooms.ts).
 */
import * as encoding from 'lib0/encoding';
import { MessageType } from './rooms';

const withNumber = (type: number, n: number): Uint8Array<ArrayBuffer> => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint(encoder, n);
  return encoding.toUint8Array(encoder) as Uint8Array<ArrayBuffer>;
};

/** The client's SAVE_CHECK n. */
export const saveCheckMessage = (n: number): Uint8Array<ArrayBuffer> => withNumber(MessageType.SAVE_CHECK, n);

/** The server's SAVED n: everything received before save check n is stored. */
export const savedMessage = (n: number): Uint8Array<ArrayBuffer> => withNumber(MessageType.SAVED, n);
