/**
 * Abuse limits on API writes through a real server (issue #12): past a budget a write is answered
 * 429 too_many_requests with Retry-After and stores nothing, while reads, other members and
 * sign-in go on. Each test starts a server with small limits of its own.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { addMember, api, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';
import { storedAnchor } from '../helpers/providers';

/** A server with these limits (the others generous), stopped after the test. */
async function serverWith(env: Record<string, string>): Promise<TestServer> {
  const server = await startTestServer({ env: { WRITES_PER_MINUTE_PER_MEMBER: '1000', WRITES_PER_MINUTE_PER_ADDRESS: '1000', ...env } });
  onTestFinished(() => server.stop());
  return server;
}

/** A write, with the Retry-After header of its answer. */
async function write(server: TestServer, method: string, path: string, cookie: string | null, body?: unknown) {
  const response = await fetch(server.url + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, retryAfter: response.headers.get('retry-after') };
}

/** Expects a refusal for too many writes, with a wait of at least a second and at most the window. */
function expectTooMany(res: Awaited<ReturnType<typeof write>>, windowSeconds: number): void {
  expect([res.status, res.body?.error?.id]).toEqual([429, 'too_many_requests']);
  expect(Number(res.retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(res.retryAfter)).toBeLessThanOrEqual(windowSeconds);
}

describe('write limits', () => {
  it('refuses a member’s writes past their budget, stores nothing of them, and leaves reads and other members alone', async () => {
    const server = await serverWith({ WRITES_PER_MINUTE_PER_MEMBER: '6' });
    const { workspaceId, coordinator: claire } = await setupWorkspace(server);
    const nina = await addMember(server, workspaceId, claire.cookie, 'newcomer', 'Nina');
    const doc = await createDocument(server, workspaceId, claire.cookie);
    const anchor = await storedAnchor(server.trame.store, doc.id);
    const openThread = (cookie: string, body: string) => write(server, 'POST', `/api/documents/${doc.id}/threads`, cookie, { anchor, body });

    for (let i = 1; i <= 6; i++) expect((await openThread(nina.cookie, `Remarque ${i}`)).status).toBe(201);
    expectTooMany(await openThread(nina.cookie, 'Une de trop'), 60);
    expectTooMany(await write(server, 'POST', `/api/workspaces/${workspaceId}/documents`, nina.cookie, { title: 'Encore', kind: 'note' }), 60);
    const stored = await server.trame.store.listThreads(doc.id);
    expect(stored.map((t) => t.comments[0]!.body)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `Remarque ${i}`));
    expect((await server.trame.store.listDocuments(workspaceId)).map((d) => d.title)).toEqual(['Appel à projets']);

    // Reads go on for her; another member's writes are counted apart.
    const threads = await api(server, 'GET', `/api/documents/${doc.id}/threads`, { cookie: nina.cookie });
    expect([threads.status, threads.body.threads.length]).toEqual([200, 6]);
    expect((await api(server, 'GET', `/api/workspaces/${workspaceId}/documents`, { cookie: nina.cookie })).status).toBe(200);
    expect((await openThread(claire.cookie, 'Réponse de Claire')).status).toBe(201);
    expect((await server.trame.store.listThreads(doc.id)).length).toBe(7);
  });

  it('gives document creation a tighter budget of its own', async () => {
    const server = await serverWith({ DOCUMENTS_PER_MINUTE_PER_MEMBER: '3' });
    const { workspaceId, coordinator: claire } = await setupWorkspace(server);
    const bea = await addMember(server, workspaceId, claire.cookie, 'member', 'Béa');
    const create = (cookie: string, title: string) => write(server, 'POST', `/api/workspaces/${workspaceId}/documents`, cookie, { title, kind: 'note' });
    for (const title of ['Un', 'Deux', 'Trois']) expect((await create(claire.cookie, title)).status).toBe(201);
    expectTooMany(await create(claire.cookie, 'Quatre'), 60);
    const titles = async () => (await api(server, 'GET', `/api/workspaces/${workspaceId}/documents`, { cookie: claire.cookie })).body.documents.map((d: { title: string }) => d.title).sort();
    expect(await titles()).toEqual(['Deux', 'Trois', 'Un']);

    // Her other writes and Béa's documents are not held back.
    const first = (await server.trame.store.listDocuments(workspaceId)).find((d) => d.title === 'Un')!;
    expect((await write(server, 'PATCH', `/api/documents/${first.id}`, claire.cookie, { title: 'Un, renommé' })).status).toBe(200);
    expect((await create(bea.cookie, 'Celui de Béa')).status).toBe(201);
    expect(await titles()).toEqual(['Celui de Béa', 'Deux', 'Trois', 'Un, renommé']);
  });

  it('counts every write from one address, signed in or not, but never sign-in itself', async () => {
    const server = await serverWith({ WRITES_PER_MINUTE_PER_ADDRESS: '5' });
    const { workspaceId, coordinator: claire } = await setupWorkspace(server);
    const bea = await addMember(server, workspaceId, claire.cookie, 'member', 'Béa'); // 1: the invitation
    const doc = await createDocument(server, workspaceId, claire.cookie); // 2
    expect((await write(server, 'PATCH', `/api/documents/${doc.id}`, bea.cookie, { title: 'Renommé par Béa' })).status).toBe(200); // 3
    expect((await write(server, 'POST', `/api/workspaces/${workspaceId}/documents`, null, { title: 'Anonyme', kind: 'note' })).status).toBe(401); // 4
    expect((await write(server, 'PATCH', `/api/documents/${doc.id}`, claire.cookie, { title: 'Renommé par Claire' })).status).toBe(200); // 5
    expectTooMany(await write(server, 'PATCH', `/api/documents/${doc.id}`, bea.cookie, { title: 'Refusé' }), 60);
    expectTooMany(await write(server, 'POST', `/api/workspaces/${workspaceId}/invites`, claire.cookie, { role: 'member' }), 60);
    expect((await server.trame.store.getDocument(doc.id))!.title).toBe('Renommé par Claire');

    const signIn = await write(server, 'POST', '/api/session', null, { email: 'claire@example.org', password: 'correct horse battery' });
    expect(signIn.status).toBe(200);
    expect((await api(server, 'GET', `/api/documents/${doc.id}`, { cookie: bea.cookie })).status).toBe(200);
  });

  it('limits named versions and restores per member and document, storing no version past the limit', async () => {
    const server = await serverWith({ VERSIONS_PER_HOUR_PER_DOCUMENT: '2' });
    const { workspaceId, coordinator: claire } = await setupWorkspace(server);
    const bea = await addMember(server, workspaceId, claire.cookie, 'member', 'Béa');
    const doc = await createDocument(server, workspaceId, claire.cookie);
    const other = await createDocument(server, workspaceId, claire.cookie, 'Charte', 'charter');
    const name = (cookie: string, documentId: string, versionName: string) => write(server, 'POST', `/api/documents/${documentId}/versions`, cookie, { name: versionName });

    const first = await name(claire.cookie, doc.id, 'Premier jet');
    expect(first.status).toBe(201);
    expect((await write(server, 'POST', `/api/documents/${doc.id}/versions/${first.body.id}/restore`, claire.cookie)).status).toBe(201);
    const versionsBefore = await server.trame.store.listVersions(doc.id);
    expectTooMany(await name(claire.cookie, doc.id, 'De trop'), 3600);
    expectTooMany(await write(server, 'POST', `/api/documents/${doc.id}/versions/${first.body.id}/restore`, claire.cookie), 3600);
    expect(await server.trame.store.listVersions(doc.id)).toEqual(versionsBefore);

    // Another document, and another member on this one, have budgets of their own.
    expect((await name(claire.cookie, other.id, 'Charte initiale')).status).toBe(201);
    expect((await name(bea.cookie, doc.id, 'Relu par Béa')).status).toBeLessThan(300);
  });
});
