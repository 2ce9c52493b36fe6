/**
 * Just enough of each system's protocol for a light client: join a room, send a Yjs update, and
 * recognise an edit's unique id in received bytes without decoding or applying anything.
 * y-websocket (Trame, @y/websocket-server): one y-protocols message per frame.
 * Hocuspocus: the same messages prefixed with the document name, after an auth message.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** Which framing a system speaks. */
export type Wire = 'y-websocket' | 'hocuspocus';

/** Where a client connects: `url` is the full WebSocket URL, `room` the document's name. */
export interface Target {
  wire: Wire;
  /** y-websocket: `${serverUrl}/${room}`; Hocuspocus: the server URL. */
  url: string;
  /** y-websocket provider base URL (without the room). */
  serverUrl: string;
  room: string;
  headers: Record<string, string>;
}

const SYNC = 0;
const AUTH = 2;
const QUERY_AWARENESS = 3;
/** Hocuspocus: a sync message sent in reply to the client's (its own step 1 after its step 2). */
const SYNC_REPLY = 4;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const AUTH_TOKEN = 0;

function frame(target: Target, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  if (target.wire === 'hocuspocus') encoding.writeVarString(e, target.room);
  write(e);
  return encoding.toUint8Array(e);
}

/** Messages a client sends on open: (Hocuspocus: auth, then) sync step 1 with an empty state. */
export function joinMessages(target: Target): Uint8Array[] {
  const step1 = frame(target, (e) => {
    encoding.writeVarUint(e, SYNC);
    encoding.writeVarUint(e, STEP1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
  });
  if (target.wire === 'y-websocket') return [step1];
  const auth = frame(target, (e) => {
    encoding.writeVarUint(e, AUTH);
    encoding.writeVarUint(e, AUTH_TOKEN);
    encoding.writeVarString(e, 'bench');
  });
  return [auth, step1];
}

/**
 * Whether `bytes` is the server's sync step 2, its reply to the client's step 1: the room is
 * joined (Hocuspocus: authenticated and the document loaded; it answers step 1 only then).
 */
export function isSyncStep2(target: Target, bytes: Uint8Array): boolean {
  try {
    const d = decoding.createDecoder(bytes);
    if (target.wire === 'hocuspocus' && decoding.readVarString(d) !== target.room) return false;
    const type = decoding.readVarUint(d);
    return (type === SYNC || type === SYNC_REPLY) && decoding.readVarUint(d) === STEP2;
  } catch {
    return false; // not a message of this protocol
  }
}

/** How long a client may stay silent: its provider renews its awareness every 15 s. */
export const KEEPALIVE_MS = 15_000;

/**
 * What an idle client sends to stay connected. Hocuspocus closes a connection that sent nothing
 * for its `timeout` (60 s by default, code 4408): a query-awareness message, which changes no
 * state and which Hocuspocus 4.7 does not answer. y-websocket servers send WebSocket pings
 * instead, which ws answers by itself: null, nothing to send.
 */
export function keepAliveFrame(target: Target): Uint8Array | null {
  return target.wire === 'hocuspocus' ? frame(target, (e) => encoding.writeVarUint(e, QUERY_AWARENESS)) : null;
}

/** A document update as the system's update message. */
export function updateFrame(target: Target, update: Uint8Array): Uint8Array {
  return frame(target, (e) => {
    encoding.writeVarUint(e, SYNC);
    encoding.writeVarUint(e, UPDATE);
    encoding.writeVarUint8Array(e, update);
  });
}

const MARK_OPEN = 0x3c; // '<'
const MARK_E = 0x45; // 'E'
const MARK_CLOSE = 0x3e; // '>'
const ID_DIGITS = 8;

/** The text an edit inserts: a unique id that survives any relaying as contiguous UTF-8 bytes. */
export const editToken = (id: number): string => `<E${id.toString(36).padStart(ID_DIGITS, '0')}>`;

/** Calls `found` with every edit id present in `bytes`. */
export function scanEditIds(bytes: Uint8Array, found: (id: number) => void): void {
  const end = bytes.length - ID_DIGITS - 2;
  for (let i = bytes.indexOf(MARK_OPEN); i !== -1 && i < end; i = bytes.indexOf(MARK_OPEN, i + 1)) {
    if (bytes[i + 1] !== MARK_E || bytes[i + 2 + ID_DIGITS] !== MARK_CLOSE) continue;
    let id = 0;
    let ok = true;
    for (let k = i + 2; k < i + 2 + ID_DIGITS; k++) {
      const c = bytes[k]!;
      const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x7a ? c - 0x57 : -1;
      if (digit < 0) {
        ok = false;
        break;
      }
      id = id * 36 + digit;
    }
    if (ok) found(id);
  }
}

/** Edit ids: author index and sequence number packed in one integer. */
export const EDITS_PER_AUTHOR = 1_000_000;
