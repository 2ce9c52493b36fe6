/**
 * Benchmark child: Trame's real server (startTrame) on 127.0.0.1, with its SQLite store on a
 * file (BENCH_STORE=sqlite, BENCH_DATA_DIR) or in memory. Seeds one collective and coordinator
 * directly in the store and reports the session cookie clients authenticate with.
 */
import * as Y from 'yjs';
import { parseRoom } from '../../../shared/rooms';
import { startSession } from '../../../server/auth/sessions';
import { createDocument } from '../../../server/commands/documents';
import { loadConfig } from '../../../server/config';
import { startTrame } from '../../../server/server';
import type { Store } from '../../../server/store/Store';
import { serveIpc } from './ipc';

const COORDINATOR = { id: 'benchCoordinator01', email: 'bench@example.org', name: 'Bench', passwordHash: 'not-a-real-hash', createdAt: new Date(0).toISOString() };
const WORKSPACE = { id: 'benchWorkspace001', name: 'Bench', createdAt: new Date(0).toISOString() };

async function seed(store: Store): Promise<void> {
  if ((await store.countMembers()) === 0) await store.setup(WORKSPACE, COORDINATOR);
}

/** Bytes the store holds for the documents' bodies, and the size of their encoded states. */
async function storedBytes(store: Store, rooms: string[]): Promise<{ stored: number; encoded: number; entries: number }> {
  let stored = 0;
  let encoded = 0;
  let entries = 0;
  for (const room of rooms) {
    const body = await store.loadBody(parseRoom(room)!.id);
    if (!body) continue;
    const doc = new Y.Doc();
    body.updates.forEach((update) => Y.applyUpdate(doc, update));
    stored += body.updates.reduce((sum, u) => sum + u.byteLength, 0);
    encoded += Y.encodeStateAsUpdate(doc).byteLength;
    entries += body.updates.length;
    doc.destroy();
  }
  return { stored, encoded, entries };
}

async function main(): Promise<void> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: process.env.BENCH_DATA_DIR ?? './bench-results/data',
    STORE: process.env.BENCH_STORE === 'memory' ? 'memory' : 'sqlite',
    LOG_LEVEL: 'error',
    // Every load client signs in as the same member: lift the per-member door limits.
    MAX_CONNECTIONS_PER_MEMBER: '100000',
    DOCUMENT_OPENS_PER_MINUTE: '1000000',
    ...(process.env.BENCH_GRACE_MS ? { ROOM_GRACE_MS: process.env.BENCH_GRACE_MS } : {}),
  });
  // Scenario 6 serves its own client build, so that a concurrent `npm run build` of dist/ cannot disturb it.
  const trame = await startTrame(process.env.BENCH_CLIENT_DIR ? { ...config, clientDir: process.env.BENCH_CLIENT_DIR } : config);
  await seed(trame.store);
  const setCookie = await startSession(trame.store, config, COORDINATOR.id);
  const cookie = setCookie.split(';')[0]!;
  const ctx = { store: trame.store, events: trame.events, config, presence: trame.rooms, now: () => new Date() };
  const created: string[] = [];
  serveIpc(
    {
      createDocuments: async (request) => {
        const rooms: string[] = [];
        for (let i = 0; i < Number(request.count); i++) {
          const created = await createDocument(ctx, COORDINATOR, WORKSPACE.id, { title: `Bench ${i}`, kind: 'proposal' });
          rooms.push(created.room);
        }
        created.push(...rooms);
        return { rooms };
      },
      storedBytes: () => storedBytes(trame.store, created),
    },
    () => trame.rooms.all().length,
  );
  const stop = () => void trame.close().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.send?.({ port: trame.port, cookie, origin: trame.url });
}

main().catch((error) => {
  console.error('bench trame server failed:', error);
  process.exit(1);
});
