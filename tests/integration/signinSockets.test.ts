/**
 * A WebSocket lives no longer than the sign-in session it was opened with: signing out closes
 * that session's sockets (other sessions of the member keep theirs), and so does its expiry.
 */
import { describe, expect, it } from 'vitest';
import { hashToken, newToken } from '../../server/ids';
import { CloseCode } from '../../shared/rooms';
import { waitFor } from '../helpers/providers';
import { api, cookieOf, createDocument, setupWorkspace } from '../helpers/server';
import { serverPerTest } from '../helpers/serverPerTest';

describe('sockets and sign-in sessions', () => {
  const { server, open } = serverPerTest();

  it('closes the sockets of a session that signs out, and only those', async () => {
    const s = server();
    const { workspaceId, coordinator } = await setupWorkspace(s);
    const doc = await createDocument(s, workspaceId, coordinator.cookie);
    const other = await api(s, 'POST', '/api/session', { body: { email: 'claire@example.org', password: 'correct horse battery' } });
    const otherCookie = cookieOf(other.setCookie);
    const leaving = open(s.collabUrl, doc.room, { cookie: coordinator.cookie, origin: s.origin });
    const staying = open(s.collabUrl, doc.room, { cookie: otherCookie, origin: s.origin });
    await waitFor(() => leaving.provider.synced && staying.provider.synced, 'both synced');
    expect((await api(s, 'DELETE', '/api/session', { cookie: coordinator.cookie })).status).toBe(204);
    await waitFor(() => leaving.closeCodes.includes(CloseCode.UNAUTHENTICATED), 'the signed-out socket closed');
    // The session is gone: the same cookie no longer opens anything.
    const again = open(s.collabUrl, doc.room, { cookie: coordinator.cookie, origin: s.origin });
    await waitFor(() => again.closeCodes.includes(CloseCode.UNAUTHENTICATED), 'a new socket with the old cookie refused');
    expect(staying.closeCodes).toEqual([]);
    expect(staying.provider.wsconnected).toBe(true);
  });

  it('closes a socket when its session expires', async () => {
    const s = server();
    const { workspaceId, coordinator } = await setupWorkspace(s);
    const doc = await createDocument(s, workspaceId, coordinator.cookie);
    const token = newToken();
    const now = Date.now();
    await s.trame.store.createSession({ tokenHash: hashToken(token), memberId: coordinator.id, createdAt: new Date(now).toISOString(), expiresAt: new Date(now + 1500).toISOString() });
    const client = open(s.collabUrl, doc.room, { cookie: `trame_session=${token}`, origin: s.origin });
    await waitFor(() => client.provider.synced, 'synced with the short session');
    await waitFor(() => client.closeCodes.includes(CloseCode.UNAUTHENTICATED), 'closed at expiry');
    expect(Date.now() - now).toBeGreaterThanOrEqual(1400);
  });
});
