/**
 * Real storage faults under a running server: a database locked by another process, and a disk
 * that fills up. A write that fails is never acknowledged, the client keeps its change and
 * resends it when storage is back, and nothing stored is damaged.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DATABASE_FILE } from '../../server/store/open';
import { CloseCode, MessageType, PROTOCOL_VERSION } from '../../shared/rooms';
import { bodyText, connect, typeParagraph, waitFor, type TestClient } from '../helpers/providers';
import { createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';

/** A Trame client that counts the server's save acknowledgements. */
function ackingClient(server: TestServer, room: string, cookie: string): TestClient & { saved: number[]; check: (n: number) => void } {
  const client = connect(server.collabUrl, room, { cookie, origin: server.origin }, { params: { protocol: String(PROTOCOL_VERSION) } });
  const saved: number[] = [];
  client.provider.messageHandlers[MessageType.SAVED] = (_e, decoder) => {
    saved.push(decoding.readVarUint(decoder));
  };
  const check = (n: number) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.SAVE_CHECK);
    encoding.writeVarUint(e, n);
    client.provider.ws?.send(encoding.toUint8Array(e));
  };
  return Object.assign(client, { saved, check });
}

function storedText(file: string, documentId: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT data FROM document_updates WHERE document_id = ? ORDER BY seq').all(documentId) as { data: Buffer }[];
    const doc = new Y.Doc();
    rows.forEach((r) => Y.applyUpdate(doc, new Uint8Array(r.data)));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return bodyText(doc);
  } finally {
    db.close();
  }
}

describe('storage faults', () => {
  let server: TestServer | null = null;
  let client: TestClient | null = null;
  afterEach(async () => {
    client?.close();
    await server?.stop();
  });

  it('a database locked by another process: not acknowledged, then saved once the lock is gone', async () => {
    server = await startTestServer();
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    const file = path.join(server.dataDir, DATABASE_FILE);
    const c = ackingClient(server, doc.room, coordinator.cookie);
    client = c;
    await waitFor(() => c.provider.synced, 'synced');

    const other = new Database(file);
    other.prepare('BEGIN IMMEDIATE').run(); // holds the write lock, as a stuck operator script would
    try {
      typeParagraph(c.doc, 'Pendant le verrou');
      c.check(1);
      await waitFor(() => c.closeCodes.includes(CloseCode.STORE_FAILED), 'closed as not stored', 15_000);
      expect(c.saved).not.toContain(1);
      expect(bodyText(c.doc)).toContain('Pendant le verrou'); // the client keeps its change
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    await waitFor(() => storedText(file, doc.id).includes('Pendant le verrou'), 'resent and stored after the lock', 15_000);
  });

  it('a full disk: not acknowledged, nothing damaged, saved once space is freed', async () => {
    const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'trame-full-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint]);
    } catch (error) {
      throw new Error(`this test mounts a 2 MB tmpfs to fill it; it needs root (${(error as Error).message})`);
    }
    try {
      server = await startTestServer({ dataDir: path.join(mountPoint, 'data') });
      const { workspaceId, coordinator } = await setupWorkspace(server);
      const doc = await createDocument(server, workspaceId, coordinator.cookie);
      const file = path.join(server.dataDir, DATABASE_FILE);
      const c = ackingClient(server, doc.room, coordinator.cookie);
      client = c;
      await waitFor(() => c.provider.synced, 'synced');
      typeParagraph(c.doc, 'Avant que le disque soit plein');
      await waitFor(() => storedText(file, doc.id).includes('Avant que le disque'), 'stored');

      const ballast = path.join(mountPoint, 'ballast');
      try {
        fs.writeFileSync(ballast, Buffer.alloc(4 * 1024 * 1024)); // more than the space left
      } catch {
        // ENOSPC: the disk is now full, which is the point
      }
      typeParagraph(c.doc, 'x'.repeat(200_000)); // needs new pages in the WAL
      c.check(2);
      await waitFor(() => c.closeCodes.includes(CloseCode.STORE_FAILED), 'closed as not stored');
      expect(c.saved).not.toContain(2);
      fs.rmSync(ballast, { force: true });
      await waitFor(() => storedText(file, doc.id).includes('x'.repeat(1000)), 'saved after space freed', 15_000);
      expect(storedText(file, doc.id)).toContain('Avant que le disque soit plein');
    } finally {
      client?.close();
      client = null;
      await server?.stop();
      server = null;
      execFileSync('umount', [mountPoint]);
      fs.rmSync(mountPoint, { recursive: true, force: true });
    }
  });
});
