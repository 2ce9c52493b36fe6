/**
 * A document's language and French typography setting through a real server over SQLite: chosen at
 * creation, changed by editors only, validated, published live in the meta room and kept across a
 * restart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { META_MAP, metaRoom } from '../../shared/rooms';
import { addMember, api, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { clientPool, waitFor } from '../helpers/providers';

describe('document language and typography', () => {
  let server: TestServer;
  const { open, closeAll } = clientPool();
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    closeAll();
    await server.stop();
  });

  const settingsOf = async (documentId: string, cookie: string) => {
    const res = await api(server, 'GET', `/api/documents/${documentId}`, { cookie });
    expect(res.status).toBe(200);
    return { language: res.body.document.language, typography: res.body.document.typography };
  };

  it('creates documents in French with typography on, or in the language the creator asks', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const french = await createDocument(server, workspaceId, coordinator.cookie, 'Charte', 'charter');
    expect(await settingsOf(french.id, coordinator.cookie)).toEqual({ language: 'fr', typography: true });

    const created = await api(server, 'POST', `/api/workspaces/${workspaceId}/documents`, { body: { title: 'Funding bid', kind: 'proposal', language: 'en' }, cookie: coordinator.cookie });
    expect(created.status).toBe(201);
    expect(await settingsOf(created.body.id, coordinator.cookie)).toEqual({ language: 'en', typography: true });
    const list = await api(server, 'GET', `/api/workspaces/${workspaceId}/documents`, { cookie: coordinator.cookie });
    expect(list.body.documents.map((d: { title: string; language: string }) => [d.title, d.language]).sort()).toEqual([
      ['Charte', 'fr'],
      ['Funding bid', 'en'],
    ]);
  });

  it('shows a change to a second member live, and keeps it across a restart', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const bea = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Béa');
    const doc = await createDocument(server, workspaceId, coordinator.cookie, 'Compte rendu', 'meeting');
    const watcher = open(server.collabUrl, metaRoom(doc.id), { cookie: bea.cookie, origin: server.origin });
    const meta = () => watcher.doc.getMap(META_MAP);
    await waitFor(() => meta().get('language') === 'fr' && meta().get('typography') === true, 'initial settings in the meta room');

    const changed = await api(server, 'PATCH', `/api/documents/${doc.id}`, { body: { language: 'en', typography: false }, cookie: coordinator.cookie });
    expect(changed.status).toBe(200);
    expect(changed.body.document).toMatchObject({ title: 'Compte rendu', language: 'en', typography: false });
    await waitFor(() => meta().get('language') === 'en' && meta().get('typography') === false, 'Béa sees the new settings');

    // The server rebuilds meta rooms when it restarts: like the app (liveRoomConnection.ts), a
    // client joins again with a fresh doc.
    watcher.close();
    await server.restart();
    // The first request may meet a kept-alive socket of the stopped server: ask until the new one answers.
    const answers = async () => (await api(server, 'GET', '/api/me', { cookie: bea.cookie }).catch(() => null))?.status === 200;
    await waitFor(answers, 'the restarted server answers');
    expect(await settingsOf(doc.id, bea.cookie)).toEqual({ language: 'en', typography: false });
    const again = open(server.collabUrl, metaRoom(doc.id), { cookie: bea.cookie, origin: server.origin });
    const metaAgain = () => again.doc.getMap(META_MAP);
    await waitFor(() => metaAgain().get('language') === 'en' && metaAgain().get('typography') === false, 'settings after the restart');

    // One setting at a time: the other one stays, and so does the title.
    expect((await api(server, 'PATCH', `/api/documents/${doc.id}`, { body: { typography: true }, cookie: bea.cookie })).status).toBe(200);
    await waitFor(() => metaAgain().get('typography') === true, 'typography back on, live');
    expect(metaAgain().get('language')).toBe('en');
    expect(metaAgain().get('title')).toBe('Compte rendu');
  });

  it('lets only those who may edit the document change them', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const commenter = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Chloé');
    const guest = await addMember(server, workspaceId, coordinator.cookie, 'guest', 'Invitée');
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    await api(server, 'PUT', `/api/documents/${doc.id}/access/${commenter.id}`, { body: { access: 'comment' }, cookie: coordinator.cookie });

    const byCommenter = await api(server, 'PATCH', `/api/documents/${doc.id}`, { body: { language: 'en' }, cookie: commenter.cookie });
    expect([byCommenter.status, byCommenter.body.error.id]).toEqual([403, 'forbidden']);
    const byGuest = await api(server, 'PATCH', `/api/documents/${doc.id}`, { body: { typography: false }, cookie: guest.cookie });
    expect([byGuest.status, byGuest.body.error.id]).toEqual([404, 'not_found']);

    await api(server, 'POST', `/api/documents/${doc.id}/archive`, { cookie: coordinator.cookie });
    const whileArchived = await api(server, 'PATCH', `/api/documents/${doc.id}`, { body: { typography: false }, cookie: coordinator.cookie });
    expect([whileArchived.status, whileArchived.body.error.id]).toEqual([403, 'forbidden']);
    expect(await server.trame.store.getDocument(doc.id)).toMatchObject({ language: 'fr', typography: true });
  });

  it('answers bad values with 400 invalid_input and changes nothing', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const doc = await createDocument(server, workspaceId, coordinator.cookie, 'Règlement', 'rules');
    const bodies: unknown[] = [{ language: 'de' }, { language: 'FR' }, { language: null }, { typography: 'yes' }, { typography: 1 }, {}, { language: 'en', colour: 'red' }];
    for (const body of bodies) {
      const res = await api(server, 'PATCH', `/api/documents/${doc.id}`, { body, cookie: coordinator.cookie });
      expect([res.status, res.body.error.id], JSON.stringify(body)).toEqual([400, 'invalid_input']);
    }
    const create = await api(server, 'POST', `/api/workspaces/${workspaceId}/documents`, { body: { title: 'x', kind: 'note', language: 'es' }, cookie: coordinator.cookie });
    expect([create.status, create.body.error.id]).toEqual([400, 'invalid_input']);
    expect(await server.trame.store.getDocument(doc.id)).toMatchObject({ title: 'Règlement', language: 'fr', typography: true });
    expect((await api(server, 'GET', `/api/workspaces/${workspaceId}/documents`, { cookie: coordinator.cookie })).body.documents).toHaveLength(1);
  });
});
