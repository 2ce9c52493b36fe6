/**
 * The WebSocket door: `/collab/<room>` upgrades are checked (Origin, session cookie, room access,
 * protocol version) before a connection may join its room. Refusals complete the handshake and
 * close with a code from shared/rooms.ts, so that browsers can tell the user why.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CloseCode, COLLAB_PATH, parseRoom, PROTOCOL_VERSION } from '../../shared/rooms';
import { signedInFromCookie } from '../auth/sessions';
import { summarize } from '../commands/context';
import type { Config } from '../config';
import { originAllowed } from '../http/origin';
import type { Logger } from '../log';
import type { Store } from '../store/Store';
import { roomAccess } from './access';
import { StoreWriteError } from './BodyLog';
import { ConnectionLimits } from './limits';
import { Connection } from './Connection';
import { ProtocolError } from './protocol';
import { RoomDivergedError, type Room } from './Room';
import { RoomUnavailableError, type RoomManager } from './RoomManager';

const KEEPALIVE_MS = 30_000;

/** Dependencies of the WebSocket endpoint. */
export interface CollabDeps {
  store: Store;
  rooms: RoomManager;
  config: Pick<Config, 'maxMessageBytes' | 'allowedOrigins' | 'cookieSecure' | 'connectionLimits'>;
  log: Logger;
}

type Door = CollabDeps & { limits: ConnectionLimits };

const toBytes = (data: RawData): Uint8Array =>
  Array.isArray(data) ? new Uint8Array(Buffer.concat(data)) : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** Attaches the collaboration endpoint to an HTTP server; returns the WebSocket server. */
export function attachCollab(server: Server, deps: CollabDeps): WebSocketServer {
  // ws enforces a hard ceiling; messages between the configured limit and it get our own close code.
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.config.maxMessageBytes * 2 });
  const door: Door = { ...deps, limits: new ConnectionLimits(deps.config.connectionLimits) };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node removes its own error listener from a socket it hands to 'upgrade': without this one, a
    // client resetting the connection while we answer would be an uncaught error that ends the process.
    socket.on('error', (error) => onSocketError(error, socket, deps.log));
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      path = '';
    }
    if (!path.startsWith(`${COLLAB_PATH}/`)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // First, before any frame is read: ws reports a malformed frame (reserved bits, bad opcode,
      // unmasked, invalid UTF-8, oversized) as an 'error' event, fatal to the process without a
      // listener. ws has already closed the connection with the matching code (1002, 1007, 1009).
      ws.on('error', (error) => deps.log.info('websocket closed on a protocol error', { error: error.message, code: (error as { code?: string }).code }));
      handleConnection(ws, req, door).catch((error) => {
        deps.log.error('connection setup failed', error);
        ws.close(CloseCode.INTERNAL_ERROR, 'internal error');
      });
    });
  });
  const keepalive = setInterval(() => {
    for (const ws of wss.clients) {
      const alive = ws as WebSocket & { trameAlive?: boolean };
      if (alive.trameAlive === false) ws.terminate();
      else {
        alive.trameAlive = false;
        ws.ping();
      }
    }
  }, KEEPALIVE_MS);
  keepalive.unref();
  wss.on('close', () => clearInterval(keepalive));
  return wss;
}

/** A raw socket failed during the upgrade (reset, broken pipe): that connection alone is dropped. */
function onSocketError(error: Error, socket: Duplex, log: Logger): void {
  log.info('upgrade socket error', { error: error.message, code: (error as { code?: string }).code });
  socket.destroy();
}

type DoorResult = { ok: true; room: Room; connection: Connection; release: () => void } | { ok: false; code: number; reason: string };

async function admit(ws: WebSocket, req: IncomingMessage, deps: Door): Promise<DoorResult> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!originAllowed(req.headers.origin, req.headers.host, deps.config)) {
    return { ok: false, code: CloseCode.FORBIDDEN, reason: 'origin not allowed' };
  }
  const protocol = url.searchParams.get('protocol');
  if (protocol !== null && protocol !== String(PROTOCOL_VERSION)) return { ok: false, code: CloseCode.OUTDATED_CLIENT, reason: 'reload the page' };
  let name: string;
  try {
    name = decodeURIComponent(url.pathname.slice(COLLAB_PATH.length + 1));
  } catch {
    return { ok: false, code: CloseCode.BAD_MESSAGE, reason: 'bad room name' };
  }
  const ref = parseRoom(name);
  if (!ref) return { ok: false, code: CloseCode.BAD_MESSAGE, reason: 'bad room name' };
  const signedIn = await signedInFromCookie(deps.store, req.headers.cookie);
  if (!signedIn) return { ok: false, code: CloseCode.UNAUTHENTICATED, reason: 'sign in first' };
  const { member, session } = signedIn;
  const decision = await roomAccess(deps.store, member.id, ref);
  if (!decision.ok) return decision;
  const barred = deps.rooms.barredCode(name, member.id);
  if (barred !== null) return { ok: false, code: barred, reason: 'a change of yours was refused here: retry in a minute' };
  const refusal = await deps.limits.refusal(member.id);
  if (refusal) return { ok: false, code: CloseCode.TOO_MANY, reason: refusal };
  const release = deps.limits.hold(member.id);
  let room: Room;
  try {
    room = await deps.rooms.acquire(name, ref);
  } catch (error) {
    release();
    if (!(error instanceof RoomUnavailableError)) throw error;
    deps.log.error('room refused', error, { room: name });
    return { ok: false, code: error.code, reason: error.message };
  }
  const socket = { send: (data: Uint8Array) => ws.send(data), close: (code: number, reason: string) => ws.close(code, reason) };
  const connection = new Connection(socket, summarize(member), decision.access, protocol !== null, { tokenHash: session.tokenHash, expiresAt: session.expiresAt });
  return { ok: true, room, connection, release };
}

async function handleConnection(ws: WebSocket, req: IncomingMessage, deps: Door): Promise<void> {
  // Messages that arrive while the door check and the room load run wait here, in order.
  const early: Uint8Array[] = [];
  let deliver: (data: Uint8Array) => void = (data) => early.push(data);
  ws.on('message', (data: RawData) => deliver(toBytes(data)));
  ws.on('pong', () => ((ws as WebSocket & { trameAlive?: boolean }).trameAlive = true));
  let closed = false;
  ws.on('close', () => (closed = true));

  const result = await admit(ws, req, deps);
  if (!result.ok) {
    ws.close(result.code, result.reason);
    return;
  }
  const { room, connection, release } = result;
  if (closed) {
    release();
    return;
  }
  deps.rooms.attach(room, connection);
  const expiry = closeAtExpiry(connection);
  ws.on('close', () => {
    expiry.cancel();
    release();
    connection.markClosed();
    room.leave(connection);
  });
  deliver = (data) => {
    if (data.byteLength > deps.config.maxMessageBytes) {
      connection.close(CloseCode.TOO_LARGE, 'message too large');
      return;
    }
    connection.enqueue(() => room.receive(connection, data)).catch((error) => onMessageError(error, connection, room, deps.log));
  };
  early.splice(0).forEach((data) => deliver(data));
}

/** setTimeout's longest delay (about 24.8 days); longer waits are made of several. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Closes a connection when its sign-in session expires (sessions last SESSION_DAYS). */
function closeAtExpiry(connection: Connection): { cancel: () => void } {
  let timer: NodeJS.Timeout;
  const arm = () => {
    const left = Date.parse(connection.session.expiresAt) - Date.now();
    if (left <= 0) return connection.close(CloseCode.UNAUTHENTICATED, 'session expired');
    timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  return { cancel: () => clearTimeout(timer) };
}

function onMessageError(error: unknown, connection: Connection, room: Room, log: Logger): void {
  if (error instanceof ProtocolError) {
    connection.close(CloseCode.BAD_MESSAGE, 'malformed message');
  } else if (error instanceof StoreWriteError || error instanceof RoomDivergedError) {
    log.error('update not stored', error, { room: room.name });
    connection.close(CloseCode.STORE_FAILED, 'changes not saved, retrying');
  } else {
    log.error('message handling failed', error, { room: room.name });
    connection.close(CloseCode.INTERNAL_ERROR, 'internal error');
  }
}
