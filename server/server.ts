/**
 * Composition: store, commands, HTTP API, WebSocket collaboration, all on one port.
 * `startTrame` is what main.ts runs and what integration tests start on port 0.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CommandContext } from './commands/context';
import { LiveUpdates } from './collab/live';
import { RoomManager } from './collab/RoomManager';
import { attachCollab } from './collab/websocket';
import type { Config } from './config';
import { DomainEvents } from './events';
import { createApp } from './http/app';
import { createLogger, type Logger } from './log';
import { openStore } from './store/open';
import type { Store } from './store/Store';

/** A running Trame server. */
export interface RunningTrame {
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  store: Store;
  rooms: RoomManager;
  events: DomainEvents;
  /** Stops accepting, closes sockets ("going away"), stores and compacts rooms, closes the store. */
  close(): Promise<void>;
}

/** Starts the server; `store` may be injected (tests), otherwise it is opened from config. */
export async function startTrame(config: Config, options: { store?: Store; log?: Logger } = {}): Promise<RunningTrame> {
  const log = options.log ?? createLogger(config.logLevel);
  const store = options.store ?? (await openStore(config));
  const events = new DomainEvents();
  let live: LiveUpdates | null = null;
  const rooms = new RoomManager({
    store,
    log,
    graceMs: config.roomGraceMs,
    compactAfterUpdates: config.compactAfterUpdates,
    maxDocumentBytes: config.maxDocumentBytes,
    now: () => new Date(),
    onDocumentActivity: (documentId, kind) => live?.onDocumentActivity(documentId, kind),
  });
  live = new LiveUpdates(rooms, store, events, log);
  const ctx: CommandContext = { store, events, config, presence: rooms, now: () => new Date() };
  const server = http.createServer(createApp(ctx, log));
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
      await live?.close();
      await rooms.close();
      wss.close();
      server.closeAllConnections();
      await store.close();
    })());
  return { url, port, store, rooms, events, close };
}
