/** Hostile or stale requests, through raw HTTP and raw WebSockets. */
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken, newToken } from '../../server/ids';
import { CloseCode } from '../../shared/rooms';
import { bodyText, connect, storedText, typeParagraph, waitFor, type TestClient } from '../helpers/providers';
import { admittedOrCode, closeCodeOf } from '../helpers/sockets';
import { addMember, api, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';

describe('security', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await server.stop();
  });

  it('limits failed sign-ins per account with 429 and Retry-After, even for the right password', async () => {
    server = await startTestServer({ env: { LOGIN_ATTEMPTS_PER_ACCOUNT: '3' } });
    await setupWorkspace(server);
    for (let i = 0; i < 3; i++) {
      expect((await api(server, 'POST', '/api/session', { body: { email: 'claire@example.org', password: `wrong ${i} attempt` } })).status).toBe(401);
    }
    const blocked = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'claire@example.org', password: 'correct horse battery' }),
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await blocked.json()) as { error: { id: string } }).error.id).toBe('too_many_requests');
  });

  it('limits failed sign-ins per address across accounts', async () => {
    server = await startTestServer({ env: { LOGIN_ATTEMPTS_PER_ADDRESS: '4' } });
    await setupWorkspace(server);
    for (let i = 0; i < 4; i++) {
      await api(server, 'POST', '/api/session', { body: { email: `guess${i}@example.org`, password: 'some password' } });
    }
    const res = await api(server, 'POST', '/api/session', { body: { email: 'claire@example.org', password: 'correct horse battery' } });
    expect(res.status).toBe(429);
  });

  it('sends a Content-Security-Policy and other security headers', async () => {
    server = await startTestServer();
    const res = await fetch(`${server.url}/healthz`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('refuses sockets with an expired or a signed-out session', async () => {
    server = await startTestServer();
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    const token = newToken();
    const past = new Date(Date.now() - 1000).toISOString();
    await server.trame.store.createSession({ tokenHash: hashToken(token), memberId: coordinator.id, createdAt: past, expiresAt: past });
    const url = `${server.collabUrl}/${doc.room}`;
    expect(await closeCodeOf(url, { cookie: `trame_session=${token}`, origin: server.origin })).toBe(CloseCode.UNAUTHENTICATED);
    expect((await api(server, 'GET', '/api/me', { cookie: `trame_session=${token}` })).status).toBe(401);

    const second = await api(server, 'POST', '/api/session', { body: { email: 'claire@example.org', password: 'correct horse battery' } });
    const cookie = second.setCookie!.split(';')[0]!;
    await api(server, 'DELETE', '/api/session', { cookie });
    expect(await closeCodeOf(url, { cookie, origin: server.origin })).toBe(CloseCode.UNAUTHENTICATED);
  });

  it('never lets a commenter change the body, whatever the client sends', async () => {
    server = await startTestServer();
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const newcomer = await addMember(server, workspaceId, coordinator.cookie, 'newcomer', 'Nina');
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    const nina = connect(server.collabUrl, doc.room, { cookie: newcomer.cookie, origin: server.origin });
    clients.push(nina);
    await waitFor(() => nina.provider.synced, 'synced');
    expect(bodyText(nina.doc)).toContain('Budget'); // commenters read the body
    nina.doc.getXmlFragment('body').delete(0, 3);
    typeParagraph(nina.doc, 'Réécrit par un commentateur');
    await waitFor(() => nina.closeCodes.includes(CloseCode.READ_ONLY), 'closed as read-only');
    const stored = await server.trame.store.loadBody(doc.id);
    expect(stored!.updates).toHaveLength(1); // only the template: nothing was appended
  });

  it('limits connections per member and documents opened per minute', async () => {
    server = await startTestServer({ env: { MAX_CONNECTIONS_PER_MEMBER: '3', DOCUMENT_OPENS_PER_MINUTE: '5' } });
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    const headers = { cookie: coordinator.cookie, origin: server.origin };
    const held = [0, 1, 2].map(() => connect(server.collabUrl, doc.room, headers));
    clients.push(...held);
    await waitFor(() => held.every((c) => c.provider.synced), 'three connections');
    expect(await closeCodeOf(`${server.collabUrl}/${doc.room}`, headers)).toBe(CloseCode.TOO_MANY);
    held.forEach((c) => c.close());
    clients.splice(0);
    await waitFor(() => server.trame.rooms.membersIn(doc.id).length === 0, 'the server saw them leave');
    // Three opens were counted (the refusal for too many connections is not an open): two more
    // are admitted within the minute, the next is refused.
    const outcomes: (number | 'admitted')[] = [];
    for (let i = 0; i < 3; i++) outcomes.push(await admittedOrCode(`${server.collabUrl}/${doc.room}`, headers));
    expect(outcomes).toEqual(['admitted', 'admitted', CloseCode.TOO_MANY]);
  });

  it('refuses changes that would grow a document past its size limit, and keeps serving it', async () => {
    server = await startTestServer({ env: { MAX_DOCUMENT_BYTES: '20000' } });
    const { workspaceId, coordinator } = await setupWorkspace(server);
    const doc = await createDocument(server, workspaceId, coordinator.cookie);
    const writer = connect(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin });
    clients.push(writer);
    await waitFor(() => writer.provider.synced, 'synced');
    typeParagraph(writer.doc, 'Une phrase raisonnable.');
    await waitFor(async () => (await storedText(server.trame.store, doc.id)).includes('Une phrase raisonnable.'), 'small change stored');
    typeParagraph(writer.doc, 'x'.repeat(30_000));
    await waitFor(() => writer.closeCodes.includes(CloseCode.DOCUMENT_TOO_LARGE), 'refused as too large');
    expect(await storedText(server.trame.store, doc.id)).not.toContain('xxxxxxxxxx');
    const reader = connect(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin });
    clients.push(reader);
    await waitFor(() => reader.provider.synced && bodyText(reader.doc).includes('Une phrase raisonnable.'), 'still served');
  });

  it('never logs passwords, session tokens or invite tokens', async () => {
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write;
    try {
      server = await startTestServer({ env: { LOG_LEVEL: 'info' } });
      const { workspaceId, coordinator } = await setupWorkspace(server);
      const invite = await api(server, 'POST', `/api/workspaces/${workspaceId}/invites`, { body: { role: 'member' }, cookie: coordinator.cookie });
      await api(server, 'POST', `/api/invites/${invite.body.token}/accept`, { body: { name: 'Zoé', email: 'zoe@example.org', password: 'zoe secret password' } });
      await api(server, 'POST', '/api/session', { body: { email: 'claire@example.org', password: 'a wrong password here' } });
      const doc = await createDocument(server, workspaceId, coordinator.cookie);
      const client = connect(server.collabUrl, doc.room, { cookie: coordinator.cookie, origin: server.origin });
      clients.push(client);
      await waitFor(() => client.provider.synced, 'synced');
      const log = lines.join('');
      expect(log).toContain('room loaded'); // the logger did write
      for (const secret of ['correct horse battery', 'zoe secret password', 'a wrong password here', coordinator.cookie.split('=')[1]!, invite.body.token]) {
        expect(log).not.toContain(secret);
      }
    } finally {
      process.stderr.write = write;
    }
  });
});
