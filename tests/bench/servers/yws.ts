/**
 * Benchmark child: @y/websocket-server 0.1.1 as its README runs it (in memory, no persistence),
 * on 127.0.0.1. The room is the URL path.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { docs, setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import { serveIpc } from './ipc';

const server = http.createServer((_req, res) => res.end('okay'));
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
server.listen(0, '127.0.0.1', () => {
  serveIpc({}, () => docs.size);
  process.once('SIGTERM', () => process.exit(0));
  process.send?.({ port: (server.address() as AddressInfo).port });
});
