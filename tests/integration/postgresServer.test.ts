/**
 * Trame on PostgreSQL end to end (DATABASE_URL): a real server on the run's throw-away cluster,
 * stock y-websocket providers, settings and an archive through the API, a restart; what was written is in
 * PostgreSQL and comes back to a fresh client after the restart. Skipped only when the run has no
 * PostgreSQL (never in CI).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase } from '../helpers/postgres';
import { bodyText, connect, typeParagraph, waitFor, type TestClient } from '../helpers/providers';
import { addMember, api, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';

const postgresUrl = inject('postgresUrl');

describe.skipIf(!postgresUrl)('Trame on PostgreSQL', () => {
  let url = '';
  let server: TestServer;
  let cookie = '';
  let doc: { id: string; room: string };
  const clients: TestClient[] = [];

  const rows = async (query: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(query, values)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    url = await createDatabase(postgresUrl);
    server = await startTestServer({ env: { DATABASE_URL: url } });
    const { workspaceId, coordinator } = await setupWorkspace(server);
    cookie = coordinator.cookie;
    await addMember(server, workspaceId, cookie, 'member', 'Béa');
    doc = await createDocument(server, workspaceId, cookie, 'Charte du pôle', 'charter');
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.stop();
    if (url) await dropDatabase(url);
  });

  it('keeps the collective, its members and the document in PostgreSQL', async () => {
    const members = await rows('SELECT name FROM members ORDER BY name');
    expect(members.map((m) => m.name)).toEqual(['Béa', 'Claire Coordinatrice']);
    const docs = await rows('SELECT title, kind FROM documents WHERE id = $1', [doc.id]);
    expect(docs).toEqual([{ title: 'Charte du pôle', kind: 'charter' }]);
    const list = await api(server, 'GET', `/api/documents/${doc.id}`, { cookie });
    expect(list.status).toBe(200);
    expect(list.body.document.title).toBe('Charte du pôle');
  });

  it('two members write together; each update is in PostgreSQL', async () => {
    const a = connect(server.collabUrl, doc.room, { cookie, origin: server.origin });
    const b = connect(server.collabUrl, doc.room, { cookie, origin: server.origin });
    clients.push(a, b);
    await waitFor(() => a.provider.synced && b.provider.synced, 'both synced');
    typeParagraph(a.doc, 'Article premier : le pôle décide ensemble.');
    typeParagraph(b.doc, 'Article 2 : chacun relit.');
    await waitFor(() => bodyText(a.doc).includes('Article 2') && bodyText(b.doc).includes('Article premier'), 'both see both');
    await waitFor(async () => Number((await rows('SELECT count(*) AS n FROM document_updates WHERE document_id = $1', [doc.id]))[0].n) >= 3, 'updates stored in PostgreSQL');
  });

  it('settings and an archive go through the API into PostgreSQL, with the journal entry', async () => {
    expect((await api(server, 'PATCH', `/api/documents/${doc.id}`, { cookie, origin: server.origin, body: { language: 'en' } })).status).toBe(200);
    expect((await api(server, 'POST', `/api/documents/${doc.id}/archive`, { cookie, origin: server.origin })).status).toBe(200);
    expect(await rows('SELECT language, archived FROM documents WHERE id = $1', [doc.id])).toEqual([{ language: 'en', archived: 1 }]);
    expect((await api(server, 'POST', `/api/documents/${doc.id}/restore`, { cookie, origin: server.origin })).status).toBe(200);
    const journal = await rows('SELECT kind FROM document_activity WHERE document_id = $1 ORDER BY ord', [doc.id]);
    expect(journal.map((j) => j.kind)).toEqual(['document_archived', 'document_restored']);
  });

  it('after a restart, a fresh client gets everything back from PostgreSQL', async () => {
    for (const c of clients.splice(0)) c.close();
    await server.restart();
    const fresh = connect(server.collabUrl, doc.room, { cookie, origin: server.origin });
    clients.push(fresh);
    await waitFor(() => fresh.provider.synced, 'fresh client synced');
    expect(bodyText(fresh.doc)).toContain('Article premier : le pôle décide ensemble.');
    expect(bodyText(fresh.doc)).toContain('Article 2 : chacun relit.');
  });
});
