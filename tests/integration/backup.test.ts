/** Backup while the server runs, restore while it is stopped, and compare what the store holds. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli/run';
import { PID_FILE } from '../../server/store/backup';
import { DATABASE_FILE } from '../../server/store/open';
import { openSqlStore } from '../../server/store/sql/SqlStore';
import type { Store } from '../../server/store/Store';
import { connect, storedAnchor, storedText, typeParagraph, waitFor } from '../helpers/providers';
import { api, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';

/** Everything a store holds that members would notice, in a comparable form. */
async function contents(store: Store, documentId: string) {
  const workspaces = await store.listWorkspaces();
  return {
    members: (await store.listMembers()).map((m) => [m.email, m.name]),
    workspaces: workspaces.map((w) => w.name),
    documents: (await store.listDocuments(workspaces[0]!.id)).map((d) => [d.id, d.title, d.updatedAt]),
    text: await storedText(store, documentId),
    comments: (await store.listThreads(documentId)).map(({ thread, comments }) => [thread.quote, ...comments.map((c) => c.body)]),
  };
}

describe('backup and restore', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
  });

  it('backs up a live server and restores exactly that moment', async () => {
    server = await startTestServer();
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    const client = connect(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin });
    try {
      await waitFor(() => client.provider.synced, 'synced');
      typeParagraph(client.doc, 'Avant la sauvegarde');
      await waitFor(async () => (await storedText(server.trame.store, doc.id)).includes('Avant la sauvegarde'), 'stored');
      const anchor = await storedAnchor(server.trame.store, doc.id);
      const thread = await api(server, 'POST', `/api/documents/${doc.id}/threads`, { cookie: coordinator.cookie, body: { anchor, body: 'Commentaire sauvegardé' } });
      const database = { file: path.join(server.dataDir, DATABASE_FILE), dataDir: server.dataDir };
      const out: string[] = [];
      const deps = { openStore: () => Promise.reject(new Error('not used')), database: () => database, out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
      const backupFile = path.join(server.dataDir, 'sauvegarde.db');

      expect(await runCli(['backup', backupFile], deps)).toBe(0);
      const atBackup = await contents(server.trame.store, doc.id);
      typeParagraph(client.doc, 'Après la sauvegarde');
      await api(server, 'POST', `/api/threads/${thread.body.id}/comments`, { cookie: coordinator.cookie, body: { body: 'Réponse après' } });
      await waitFor(async () => (await storedText(server.trame.store, doc.id)).includes('Après la sauvegarde'), 'stored after');
      expect(await runCli(['backup', backupFile], deps)).toBe(1); // never overwrites a file

      fs.writeFileSync(path.join(server.dataDir, PID_FILE), String(process.pid)); // as a running server does
      expect(await runCli(['restore', backupFile], deps)).toBe(1);
      expect(out.join('\n')).toMatch(/stop it first/);
      fs.rmSync(path.join(server.dataDir, PID_FILE));

      client.close();
      await server.trame.close();
      expect(await runCli(['restore', backupFile], deps)).toBe(0);
      const restored = await openSqlStore({ engine: 'sqlite', file: database.file });
      try {
        expect(await contents(restored, doc.id)).toEqual(atBackup);
        expect(atBackup.text).toContain('Avant la sauvegarde');
        expect(atBackup.text).not.toContain('Après la sauvegarde');
        expect(atBackup.comments).toEqual([[anchor.quote, 'Commentaire sauvegardé']]);
      } finally {
        await restored.close();
      }
      expect(fs.readdirSync(server.dataDir).some((f) => f.startsWith(`${DATABASE_FILE}.before-restore-`))).toBe(true);
    } finally {
      client.close();
    }
  });

  it('refuses to restore a file that is not a Trame database', async () => {
    server = await startTestServer();
    const bogus = path.join(server.dataDir, 'bogus.db');
    fs.writeFileSync(bogus, 'not a database at all');
    const err: string[] = [];
    const database = { file: path.join(server.dataDir, DATABASE_FILE), dataDir: server.dataDir };
    const code = await runCli(['restore', bogus], { openStore: () => Promise.reject(new Error('unused')), database: () => database, out: () => {}, err: (l) => err.push(l) });
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/not a Trame database/);
    expect(await server.trame.store.countMembers()).toBe(0); // the live database is untouched
  });
});
