/** The HTTP API through a real server: setup, sign-in, invites, roles, documents, bad input. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMember, api, cookieOf, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';

describe('HTTP API', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('reports health once the store is open', async () => {
    const res = await api(server, 'GET', '/healthz');
    expect(res.status).toBe(200);
  });

  it('sets up once, then answers 409 setup_done and changes nothing', async () => {
    expect((await api(server, 'GET', '/api/setup')).body).toEqual({ needed: true });
    const { coordinator } = await setupWorkspace(server);
    expect((await api(server, 'GET', '/api/setup')).body).toEqual({ needed: false });
    const again = await api(server, 'POST', '/api/setup', { body: { workspaceName: 'Pirate', name: 'X', email: 'x@example.org', password: 'another long password' } });
    expect(again.status).toBe(409);
    expect(again.body.error.id).toBe('setup_done');
    expect(await server.trame.store.getMemberByEmail('x@example.org')).toBeNull();
    const me = await api(server, 'GET', '/api/me', { cookie: coordinator.cookie });
    expect(me.body.workspaces).toHaveLength(1);
  });

  it('signs in with an httpOnly SameSite=Lax cookie, refuses bad passwords, and signs out for good', async () => {
    await setupWorkspace(server);
    const wrong = await api(server, 'POST', '/api/session', { body: { email: 'claire@example.org', password: 'not the password' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.id).toBe('invalid_credentials');
    const unknown = await api(server, 'POST', '/api/session', { body: { email: 'nobody@example.org', password: 'whatever it is' } });
    expect(unknown.status).toBe(401);

    const ok = await api(server, 'POST', '/api/session', { body: { email: 'Claire@Example.org ', password: 'correct horse battery' } });
    expect(ok.status).toBe(200);
    expect(ok.setCookie).toMatch(/HttpOnly/i);
    expect(ok.setCookie).toMatch(/SameSite=Lax/i);
    const cookie = cookieOf(ok.setCookie);
    expect((await api(server, 'GET', '/api/me', { cookie })).status).toBe(200);
    expect((await api(server, 'DELETE', '/api/session', { cookie })).status).toBe(204);
    const after = await api(server, 'GET', '/api/me', { cookie });
    expect(after.status).toBe(401);
    expect(after.body.error.id).toBe('unauthenticated');
  });

  it('invites by single-use link carrying the role', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const invite = await api(server, 'POST', `/api/workspaces/${workspaceId}/invites`, { body: { role: 'newcomer' }, cookie: coordinator.cookie });
    expect(invite.status).toBe(201);
    expect(invite.body.path).toBe(`/invite/${invite.body.token}`);
    const info = await api(server, 'GET', `/api/invites/${invite.body.token}`);
    expect(info.body).toMatchObject({ workspaceName: 'Pôle Autonomie', role: 'newcomer' });
    const accepted = await api(server, 'POST', `/api/invites/${invite.body.token}/accept`, { body: { name: 'Nadia', email: 'nadia@example.org', password: 'nadia long password' } });
    expect(accepted.status).toBe(201);
    expect(accepted.body.workspaces[0]).toMatchObject({ id: workspaceId, role: 'newcomer' });
    const reused = await api(server, 'POST', `/api/invites/${invite.body.token}/accept`, { body: { name: 'Eve', email: 'eve@example.org', password: 'eve long password' } });
    expect(reused.status).toBe(404);
    expect(reused.body.error.id).toBe('invite_invalid');
    expect(await server.trame.store.getMemberByEmail('eve@example.org')).toBeNull();
  });

  it('lets only coordinators invite, change roles and remove, and keeps one coordinator', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const member = await addMember(server, workspaceId, coordinator.cookie, 'member');
    const byMember = await api(server, 'POST', `/api/workspaces/${workspaceId}/invites`, { body: { role: 'coordinator' }, cookie: member.cookie });
    expect(byMember.status).toBe(403);
    expect((await api(server, 'PATCH', `/api/workspaces/${workspaceId}/members/${member.id}`, { body: { role: 'coordinator' }, cookie: member.cookie })).status).toBe(403);
    const demoteSelf = await api(server, 'PATCH', `/api/workspaces/${workspaceId}/members/${coordinator.id}`, { body: { role: 'member' }, cookie: coordinator.cookie });
    expect(demoteSelf.body.error.id).toBe('last_coordinator');
    expect((await api(server, 'PATCH', `/api/workspaces/${workspaceId}/members/${member.id}`, { body: { role: 'newcomer' }, cookie: coordinator.cookie })).status).toBe(204);
    expect(await server.trame.store.getRole(workspaceId, member.id)).toBe('newcomer');
    expect((await api(server, 'DELETE', `/api/workspaces/${workspaceId}/members/${member.id}`, { cookie: coordinator.cookie })).status).toBe(204);
    expect(await server.trame.store.getRole(workspaceId, member.id)).toBeNull();
    expect((await api(server, 'GET', `/api/workspaces/${workspaceId}/documents`, { cookie: member.cookie })).status).toBe(404);
  });

  it('creates documents from templates and lists them with last editor; guests see only what is shared', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const guest = await addMember(server, workspaceId, coordinator.cookie, 'guest', 'Invitée');
    const created = await api(server, 'POST', `/api/workspaces/${workspaceId}/documents`, { body: { title: 'Réponse CFPPA', kind: 'proposal' }, cookie: coordinator.cookie });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: created.body.id, room: `doc.${created.body.id}`, fragment: 'body' });
    await createDocument(server, workspaceId, coordinator.cookie, 'Règlement intérieur', 'rules');
    const list = await api(server, 'GET', `/api/workspaces/${workspaceId}/documents`, { cookie: coordinator.cookie });
    expect(list.body.documents.map((d: { title: string }) => d.title).sort()).toEqual(['Règlement intérieur', 'Réponse CFPPA']);
    expect(list.body.documents[0].updatedBy.name).toBe('Claire Coordinatrice');

    expect((await api(server, 'GET', `/api/workspaces/${workspaceId}/documents`, { cookie: guest.cookie })).body.documents).toEqual([]);
    await api(server, 'PUT', `/api/documents/${created.body.id}/access/${guest.id}`, { body: { access: 'comment' }, cookie: coordinator.cookie });
    const guestList = await api(server, 'GET', `/api/workspaces/${workspaceId}/documents`, { cookie: guest.cookie });
    expect(guestList.body.documents.map((d: { title: string; access: string }) => [d.title, d.access])).toEqual([['Réponse CFPPA', 'comment']]);
  });

  it('renames, archives and restores; archived documents leave the list', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    const renamed = await api(server, 'PATCH', `/api/documents/${doc.id}`, { body: { title: 'Nouveau titre' }, cookie: coordinator.cookie });
    expect(renamed.body.document.title).toBe('Nouveau titre');
    expect((await api(server, 'POST', `/api/documents/${doc.id}/archive`, { cookie: coordinator.cookie })).body.document).toMatchObject({ archived: true, access: 'view' });
    expect((await api(server, 'GET', `/api/workspaces/${workspaceId}/documents`, { cookie: coordinator.cookie })).body.documents).toEqual([]);
    expect((await api(server, 'GET', `/api/workspaces/${workspaceId}/documents?archived=true`, { cookie: coordinator.cookie })).body.documents).toHaveLength(1);
    expect((await api(server, 'POST', `/api/documents/${doc.id}/restore`, { cookie: coordinator.cookie })).body.document).toMatchObject({ archived: false, access: 'edit' });
  });

  it('answers bad input with a stable error id and changes nothing', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const cases: [string, string, unknown, number, string][] = [
      ['POST', `/api/workspaces/${workspaceId}/documents`, { title: '', kind: 'proposal' }, 400, 'invalid_input'],
      ['POST', `/api/workspaces/${workspaceId}/documents`, { title: 'x', kind: 'poem' }, 400, 'invalid_input'],
      ['POST', `/api/workspaces/${workspaceId}/documents`, { title: 'x', kind: 'note', extra: 1 }, 400, 'invalid_input'],
      ['POST', `/api/workspaces/${workspaceId}/documents`, { title: 'x'.repeat(300_000), kind: 'note' }, 413, 'payload_too_large'],
      ['POST', `/api/workspaces/nope-not-a-workspace/documents`, { title: 'x', kind: 'note' }, 404, 'not_found'],
      ['PATCH', `/api/documents/unknownDocument`, { title: 'x' }, 404, 'not_found'],
      ['POST', '/api/session', 'not json', 400, 'invalid_input'],
    ];
    for (const [method, path, body, status, id] of cases) {
      const res = await api(server, method, path, { body, cookie: coordinator.cookie });
      expect([res.status, res.body.error.id], `${method} ${path}`).toEqual([status, id]);
    }
    const raw = await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' });
    expect(raw.status).toBe(400);
    expect((await api(server, 'GET', `/api/workspaces/${workspaceId}/documents`, { cookie: coordinator.cookie })).body.documents).toEqual([]);
  });

  it('refuses cross-site writes', async () => {
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const res = await api(server, 'POST', `/api/workspaces/${workspaceId}/documents`, { body: { title: 'x', kind: 'note' }, cookie: coordinator.cookie, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body.error.id).toBe('bad_origin');
    expect((await api(server, 'GET', `/api/workspaces/${workspaceId}/documents`, { cookie: coordinator.cookie })).body.documents).toEqual([]);
  });
});
