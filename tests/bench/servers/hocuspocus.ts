/**
 * Benchmark child: @hocuspocus/server 4.7 with its SQLite extension on a file (BENCH_DATA_DIR),
 * default settings (stores 2 s after the last change, unloads a document when its last client leaves).
 */
import path from 'node:path';
import fs from 'node:fs';
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';
import { serveIpc } from './ipc';

async function main(): Promise<void> {
  const dir = process.env.BENCH_DATA_DIR ?? './bench-results/data';
  fs.mkdirSync(dir, { recursive: true });
  const server = new Server({ address: '127.0.0.1', port: 0, quiet: true, extensions: [new SQLite({ database: path.join(dir, 'hocuspocus.db') })] });
  await server.listen();
  serveIpc({}, () => server.hocuspocus.getDocumentsCount());
  process.once('SIGTERM', () => void server.destroy().finally(() => process.exit(0)));
  const address = server.httpServer.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
}

main().catch((error) => {
  console.error('bench hocuspocus server failed:', error);
  process.exit(1);
});
