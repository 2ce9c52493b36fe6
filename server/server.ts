/**
 * Composition: store, commands, HTTP API, WebSocket collaboration, all on one port.
 * `startTrame` is what main.ts runs and what integration tests start on port 0.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SessionPurge } from './auth/sessionPurge';
import type { CommandContext } from './commands/context';
import { AttendanceTracker } from './collab/attendance';
import { LiveUpdates } from './collab/live';
import { RoomManager } from './collab/RoomManager';
import { publishSessionRevisions } from './collab/sessionLive';
import { attachCollab } from './collab/websocket';
import type { Config } from './config';
import { DomainEvents } from './events';
import { createApp } from './http/app';
import { versionRouter } from './http/versionRoutes';
import { VersionService } from './versions/VersionService';
import { createLogger, type Logger } from './log';
import { openStore } from './store/open';
import type { Store } from './store/Store';

/** Expired sessions are refused anyway; deleting their rows hourly keeps the table small. */
const SESSION_PURGE_EVERY_MS = 60 * 60 * 1000;

/** A running Trame server. */
export interface RunningTrame {
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  store: Store;
  rooms: RoomManager;
  events: DomainEvents;
  /** Records visits, meeting attendance and live-session participation from presence. */
  attendance: AttendanceTracker;
  /** Stops accepting, closes sockets ("going away"), stores and compacts rooms, closes the store. */
  close(): Promise<void>;
}

/** Starts the server; `store` may be injected (tests), otherwise it is opened from config. */
export async function startTrame(config: Config, options: { store?: Store; log?: Logger } = {}): Promise<RunningTrame> {
  const log = options.log ?? createLogger(config.logLevel);
  const store = options.store ?? (await openStore(config));
  const events = new DomainEvents();
  // Intervals a crash left open end at their last recorded activity (their join time when nothing
  // was recorded after it): the server cannot know how much longer those members stayed.
  const abandoned = await store.closeAbandonedIntervals();
  if (abandoned > 0) log.info('closed presence intervals left open by a crash', { count: abandoned });
  const sessionPurge = new SessionPurge({ store, log, everyMs: SESSION_PURGE_EVERY_MS, now: () => new Date() });
  await sessionPurge.start();
  const attendance = new AttendanceTracker({ store, events, log, now: () => new Date() });
  let live: LiveUpdates | null = null;
  let versions: VersionService | null = null;
  const rooms = new RoomManager({
    store,
    log,
    graceMs: config.roomGraceMs,
    refusedSenderCooldownMs: config.refusedSenderCooldownMs,
    compactAfterUpdates: config.compactAfterUpdates,
    maxDocumentBytes: config.maxDocumentBytes,
    now: () => new Date(),
    onDocumentActivity: (documentId, kind, room, member) => {
      live?.onDocumentActivity(documentId, kind);
      attendance.onActivity(documentId, kind, () => room.members().map((m) => m.id), member?.id);
      if (kind === 'edit') versions?.noteEdit(documentId, member?.id);
    },
  });
  live = new LiveUpdates(rooms, store, events, log);
  versions = new VersionService({ store, rooms, events, log, pauseMs: config.versionPauseMs, now: () => new Date() });
  const unpublishSessions = publishSessionRevisions(rooms, events);
  const ctx: CommandContext = { store, events, config, presence: rooms, now: () => new Date() };
  const server = http.createServer(createApp(ctx, log, [versionRouter({ ...ctx, versions, rooms })]));
  answerClientErrors(server, log);
  const wss = attachCollab(server, { store, rooms, config, log });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log.info('trame listening', { url });

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      server.close();
      await sessionPurge.stop();
      await live?.close();
      // Edits written but not yet on disk are counted (attendance, versions) only once durable.
      await rooms.settle();
      // Before the rooms close their connections: everyone present leaves at the same moment.
      await attendance.close();
      // Before the rooms unload: versions still waiting for a pause in editing are taken now.
      await versions?.close();
      unpublishSessions();
      await rooms.close();
      wss.close();
      server.closeAllConnections();
      await store.close();
    })());
  return { url, port, store, rooms, events, attendance, close };
}

/**
 * A request the HTTP parser refuses (malformed, headers too large, timed out) or a connection
 * reset mid-request: answered and closed on that connection alone, with one log line.
 */
function answerClientErrors(server: http.Server, log: Logger): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    log.info('http client error', { code: error.code ?? null });
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
  });
}
