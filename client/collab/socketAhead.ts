/**
 * The WebSocket of a document's body room, opened as the app starts on the document's link (see
 * app/ahead.ts), long before Yjs and the provider are loaded: the handshake and the server's
 * loading of the room then happen while the page's code downloads. The room's provider takes the
 * socket over on its first connection (CollabSession passes `SocketAheadOrNew` as its WebSocket
 * class) and receives, in order, everything the socket saw meanwhile. Nothing is sent on it before
 * that: the sync starts as usual, once the local copy is loaded.
 */
import { PROTOCOL_VERSION } from '../../shared/rooms';
import { collabServerUrl } from './collabUrl';

/** A socket nobody took within this time (the page never came: signed out, error) is closed. */
const UNCLAIMED_MS = 15_000;

interface SocketAhead {
  url: string;
  socket: WebSocket;
  opened: boolean;
  received: MessageEvent[];
  closed: CloseEvent | null;
  timer: ReturnType<typeof setTimeout>;
}

let ahead: SocketAhead | null = null;

/** The URL y-websocket's provider builds for `room` with Trame's parameters (see CollabSession). */
const roomSocketUrl = (room: string): string => `${collabServerUrl()}/${room}?protocol=${PROTOCOL_VERSION}`;

/** Opens the socket of `room` now, for a provider that will take it over soon. */
export function openSocketAhead(room: string): void {
  const url = roomSocketUrl(room);
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  const entry: SocketAhead = {
    url,
    socket,
    opened: false,
    received: [],
    closed: null,
    timer: setTimeout(() => {
      if (ahead !== entry) return;
      ahead = null;
      socket.close();
    }, UNCLAIMED_MS),
  };
  socket.onopen = () => (entry.opened = true);
  socket.onmessage = (event: MessageEvent) => entry.received.push(event);
  socket.onclose = (event) => (entry.closed = event);
  socket.onerror = () => {};
  ahead = entry;
}

/**
 * The socket opened ahead to `url`, once. The caller sets its handlers right away (synchronously);
 * what the socket saw before is then replayed to them, in the order it happened.
 */
function takeSocketAhead(url: string): WebSocket | null {
  const entry = ahead;
  if (!entry || entry.url !== url) return null;
  ahead = null;
  clearTimeout(entry.timer);
  const { socket } = entry;
  socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
  // A microtask: before any event still to come, which the browser delivers as a later task.
  queueMicrotask(() => {
    if (entry.opened) socket.onopen?.(new Event('open'));
    for (const event of entry.received) socket.onmessage?.(event);
    if (entry.closed) socket.onclose?.(entry.closed);
  });
  return socket;
}

/** A WebSocket "class" for the provider: the socket opened ahead for that URL if any, else a new one. */
export const SocketAheadOrNew = function (url: string, protocols?: string | string[]) {
  return takeSocketAhead(url) ?? new WebSocket(url, protocols);
} as unknown as typeof WebSocket;
