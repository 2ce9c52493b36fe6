/**
 * Accounts under hostile input (issue #12): sign-in and invitation limits under parallel bursts,
 * invitations that outlive their author's rights, listing and revoking invitations, who sees
 * e-mails, the origin check's scheme, and the purge of expired sessions.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken, newToken } from '../../server/ids';
import { CloseCode } from '../../shared/rooms';
import { admittedOrCode, closeCodeOf } from '../helpers/sockets';
import { addMember, api, createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';

const CLAIRE = { email: 'claire@example.org', password: 'correct horse battery' };

/** Statuses of `count` sign-ins sent all at once. */
async function burstOfSignIns(server: TestServer, count: number, body: (i: number) => { email: string; password: string }): Promise<number[]> {
  const answers = await Promise.all(Array.from({ length: count }, (_, i) => api(server, 'POST', '/api/session', { body: body(i) })));
  return answers.map((a) => a.status);
}

const countOf = (statuses: number[], status: number): number => statuses.filter((s) => s === status).length;

const newcomerBody = (name: string) => ({ name, email: `${name.toLowerCase()}@example.org`, password: 'a long enough password' });

describe('accounts under hostile input', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
  });

  describe('sign-in limits', () => {
    it('counts an attempt before checking the password: a parallel burst gets at most the limit of 401s', async () => {
      server = await startTestServer({ env: { LOGIN_ATTEMPTS_PER_ACCOUNT: '5' } });
      await setupWorkspace(server);
      const statuses = await burstOfSignIns(server, 60, (i) => ({ email: CLAIRE.email, password: `wrong password ${i}` }));
      expect(countOf(statuses, 401)).toBeLessThanOrEqual(5);
      expect(countOf(statuses, 429)).toBeGreaterThanOrEqual(55);
      expect(countOf(statuses, 401) + countOf(statuses, 429)).toBe(60);
      expect((await api(server, 'POST', '/api/session', { body: CLAIRE })).status).toBe(429);
    });

    it('holds the per-address limit against a parallel burst over many accounts', async () => {
      server = await startTestServer({ env: { LOGIN_ATTEMPTS_PER_ADDRESS: '5' } });
      await setupWorkspace(server);
      const statuses = await burstOfSignIns(server, 60, (i) => ({ email: `guess${i}@example.org`, password: 'some password' }));
      expect(countOf(statuses, 401)).toBeLessThanOrEqual(5);
      expect(countOf(statuses, 401) + countOf(statuses, 429)).toBe(60);
      expect((await api(server, 'POST', '/api/session', { body: CLAIRE })).status).toBe(429);
    });

    it('does not count successful sign-ins, nor requests that are not sign-ins at all', async () => {
      server = await startTestServer({ env: { LOGIN_ATTEMPTS_PER_ACCOUNT: '2', LOGIN_ATTEMPTS_PER_ADDRESS: '2' } });
      await setupWorkspace(server);
      for (let i = 0; i < 4; i++) expect((await api(server, 'POST', '/api/session', { body: { email: CLAIRE.email } })).status).toBe(400);
      for (let i = 0; i < 5; i++) expect((await api(server, 'POST', '/api/session', { body: CLAIRE })).status).toBe(200);
      expect((await api(server, 'POST', '/api/session', { body: { ...CLAIRE, password: 'wrong password' } })).status).toBe(401);
      expect((await api(server, 'POST', '/api/session', { body: CLAIRE })).status).toBe(200);
    });
  });

  describe('invitation acceptance', () => {
    it('answers a bogus link with invite_invalid before looking at the body', async () => {
      server = await startTestServer();
      await setupWorkspace(server);
      const res = await api(server, 'POST', `/api/invites/${newToken()}/accept`, { body: { name: '', email: 'not an email', password: 'short' } });
      expect([res.status, res.body.error.id]).toEqual([404, 'invite_invalid']);
    });

    it('limits failed acceptances per address with 429 and Retry-After, even with a good link', async () => {
      server = await startTestServer({ env: { JOIN_ATTEMPTS_PER_ADDRESS: '3' } });
      const { workspaceId, coordinator } = await setupWorkspace(server);
      for (let i = 0; i < 3; i++) {
        const bogus = await api(server, 'POST', `/api/invites/${newToken()}/accept`, { body: newcomerBody(`Eve${i}`) });
        expect(bogus.status).toBe(404);
      }
      const invite = await api(server, 'POST', `/api/workspaces/${workspaceId}/invites`, { body: { role: 'member' }, cookie: coordinator.cookie });
      const blocked = await fetch(`${server.url}/api/invites/${invite.body.token}/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(newcomerBody('Nadia')),
      });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await blocked.json()) as { error: { id: string } }).error.id).toBe('too_many_requests');
      expect(await server.trame.store.getMemberByEmail('nadia@example.org')).toBeNull();
    });

    it('holds the acceptance limit against a parallel burst of bogus links', async () => {
      server = await startTestServer({ env: { JOIN_ATTEMPTS_PER_ADDRESS: '4' } });
      await setupWorkspace(server);
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => api(server, 'POST', `/api/invites/${newToken()}/accept`, { body: newcomerBody(`Eve${i}`) })));
      const statuses = answers.map((a) => a.status);
      expect(countOf(statuses, 404)).toBeLessThanOrEqual(4);
      expect(countOf(statuses, 404) + countOf(statuses, 429)).toBe(30);
    });

    it('does not count acceptances that succeed', async () => {
      server = await startTestServer({ env: { JOIN_ATTEMPTS_PER_ADDRESS: '1' } });
      const { workspaceId, coordinator } = await setupWorkspace(server);
      for (let i = 0; i < 3; i++) await addMember(server, workspaceId, coordinator.cookie, 'member');
      expect((await api(server, 'GET', `/api/workspaces/${workspaceId}/members`, { cookie: coordinator.cookie })).body.members).toHaveLength(4);
    });

    it('limits set-up attempts per address in the same way', async () => {
      server = await startTestServer({ env: { JOIN_ATTEMPTS_PER_ADDRESS: '2' } });
      await setupWorkspace(server);
      const attempt = () => api(server, 'POST', '/api/setup', { body: { workspaceName: 'Pirate', name: 'Eve', email: 'eve@example.org', password: 'another long password' } });
      expect((await attempt()).status).toBe(409);
      expect((await attempt()).status).toBe(409);
      expect((await attempt()).status).toBe(429);
    });
  });

  describe('invitations and their author’s rights', () => {
    it('refuses a coordinator’s link once its author is no longer a coordinator, and changes nothing', async () => {
      server = await startTestServer();
      const { workspaceId, coordinator } = await setupWorkspace(server);
      const bruno = await addMember(server, workspaceId, coordinator.cookie, 'coordinator', 'Bruno');
      const invite = await api(server, 'POST', `/api/workspaces/${workspaceId}/invites`, { body: { role: 'coordinator' }, cookie: bruno.cookie });
      expect(invite.status).toBe(201);
      expect((await api(server, 'PATCH', `/api/workspaces/${workspaceId}/members/${bruno.id}`, { body: { role: 'member' }, cookie: coordinator.cookie })).status).toBe(204);

      const info = await api(server, 'GET', `/api/invites/${invite.body.token}`);
      expect([info.status, info.body.error.id]).toEqual([404, 'invite_invalid']);
      const accepted = await api(server, 'POST', `/api/invites/${invite.body.token}/accept`, { body: newcomerBody('Mallory') });
      expect([accepted.status, accepted.body.error.id]).toEqual([404, 'invite_invalid']);
      expect(await server.trame.store.getMemberByEmail('mallory@example.org')).toBeNull();
      const members = (await api(server, 'GET', `/api/workspaces/${workspaceId}/members`, { cookie: coordinator.cookie })).body.members;
      expect(members.filter((m: { role: string }) => m.role === 'coordinator')).toHaveLength(1);
    });

    it('refuses the link of an author who was removed from the collective, also to a signed-in member', async () => {
      server = await startTestServer();
      const { workspaceId, coordinator } = await setupWorkspace(server);
      const bruno = await addMember(server, workspaceId, coordinator.cookie, 'coordinator', 'Bruno');
      const invite = await api(server, 'POST', `/api/workspaces/${workspaceId}/invites`, { body: { role: 'member' }, cookie: bruno.cookie });
      expect((await api(server, 'DELETE', `/api/workspaces/${workspaceId}/members/${bruno.id}`, { cookie: coordinator.cookie })).status).toBe(204);
      const accepted = await api(server, 'POST', `/api/invites/${invite.body.token}/accept`, { body: {}, cookie: bruno.cookie });
      expect([accepted.status, accepted.body.error.id]).toEqual([404, 'invite_invalid']);
      expect(await server.trame.store.getRole(workspaceId, bruno.id)).toBeNull();
    });
  });

  describe('pending invitations', () => {
    it('lists pending invitations to coordinators, without their tokens', async () => {
      server = await startTestServer();
      const { workspaceId, coordinator } = await setupWorkspace(server);
      const member = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Marc');
      const first = await api(server, 'POST', `/api/workspaces/${workspaceId}/invites`, { body: { role: 'guest' }, cookie: coordinator.cookie });
      const second = await api(server, 'POST', `/api/workspaces/${workspaceId}/invites`, { body: { role: 'newcomer' }, cookie: coordinator.cookie });
      await api(server, 'POST', `/api/invites/${first.body.token}/accept`, { body: newcomerBody('Gaston') });

      const list = await api(server, 'GET', `/api/workspaces/${workspaceId}/invites`, { cookie: coordinator.cookie });
      expect(list.status).toBe(200);
      expect(list.body.invites).toEqual([
        {
          id: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
          role: 'newcomer',
          createdBy: { id: coordinator.id, name: 'Claire Coordinatrice', color: expect.any(String) },
          createdAt: expect.any(String),
          expiresAt: second.body.expiresAt,
        },
      ]);
      expect(JSON.stringify(list.body)).not.toContain(second.body.token);
      expect(JSON.stringify(list.body)).not.toContain(hashToken(second.body.token));
      const byMember = await api(server, 'GET', `/api/workspaces/${workspaceId}/invites`, { cookie: member.cookie });
      expect([byMember.status, byMember.body.error.id]).toEqual([403, 'forbidden']);
    });

    it('revokes an invitation: its link answers invite_invalid and nothing else changes', async () => {
      server = await startTestServer();
      const { workspaceId, coordinator } = await setupWorkspace(server);
      const member = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Marc');
      const kept = await api(server, 'POST', `/api/workspaces/${workspaceId}/invites`, { body: { role: 'member' }, cookie: coordinator.cookie });
      const revoked = await api(server, 'POST', `/api/workspaces/${workspaceId}/invites`, { body: { role: 'coordinator' }, cookie: coordinator.cookie });
      const listed = (await api(server, 'GET', `/api/workspaces/${workspaceId}/invites`, { cookie: coordinator.cookie })).body.invites;
      const target = listed.find((i: { role: string }) => i.role === 'coordinator');

      const byMember = await api(server, 'DELETE', `/api/workspaces/${workspaceId}/invites/${target.id}`, { cookie: member.cookie });
      expect(byMember.status).toBe(403);
      expect((await api(server, 'DELETE', `/api/workspaces/${workspaceId}/invites/${target.id}`, { cookie: coordinator.cookie })).status).toBe(204);
      const again = await api(server, 'DELETE', `/api/workspaces/${workspaceId}/invites/${target.id}`, { cookie: coordinator.cookie });
      expect([again.status, again.body.error.id]).toEqual([404, 'not_found']);
      const bad = await api(server, 'DELETE', `/api/workspaces/${workspaceId}/invites/not*an*id`, { cookie: coordinator.cookie });
      expect([bad.status, bad.body.error.id]).toEqual([400, 'invalid_input']);

      const accepted = await api(server, 'POST', `/api/invites/${revoked.body.token}/accept`, { body: newcomerBody('Mallory') });
      expect([accepted.status, accepted.body.error.id]).toEqual([404, 'invite_invalid']);
      expect((await api(server, 'GET', `/api/invites/${revoked.body.token}`)).status).toBe(404);
      expect(await server.trame.store.getMemberByEmail('mallory@example.org')).toBeNull();
      const remaining = (await api(server, 'GET', `/api/workspaces/${workspaceId}/invites`, { cookie: coordinator.cookie })).body.invites;
      expect(remaining.map((i: { role: string }) => i.role)).toEqual(['member']);
      expect((await api(server, 'POST', `/api/invites/${kept.body.token}/accept`, { body: newcomerBody('Nadia') })).status).toBe(201);
    });

    it('does not revoke another collective’s invitation', async () => {
      server = await startTestServer();
      const { workspaceId, coordinator } = await setupWorkspace(server);
      await api(server, 'POST', `/api/workspaces/${workspaceId}/invites`, { body: { role: 'member' }, cookie: coordinator.cookie });
      const [invite] = (await api(server, 'GET', `/api/workspaces/${workspaceId}/invites`, { cookie: coordinator.cookie })).body.invites;
      const other = { id: 'other_collective_1', name: 'Ailleurs', createdAt: new Date().toISOString() };
      await server.trame.store.createWorkspace(other);
      await server.trame.store.setMembership(other.id, coordinator.id, 'coordinator', other.createdAt);
      const res = await api(server, 'DELETE', `/api/workspaces/${other.id}/invites/${invite.id}`, { cookie: coordinator.cookie });
      expect(res.status).toBe(404);
      expect((await api(server, 'GET', `/api/workspaces/${workspaceId}/invites`, { cookie: coordinator.cookie })).body.invites).toHaveLength(1);
    });
  });

  describe('who sees e-mail addresses', () => {
    it('shows every e-mail to coordinators, and to others only their own', async () => {
      server = await startTestServer();
      const { workspaceId, coordinator } = await setupWorkspace(server);
      const guest = await addMember(server, workspaceId, coordinator.cookie, 'guest', 'Gaston');
      const member = await addMember(server, workspaceId, coordinator.cookie, 'member', 'Marc');
      const emailsSeenBy = async (cookie: string) =>
        (await api(server, 'GET', `/api/workspaces/${workspaceId}/members`, { cookie })).body.members.map((m: { name: string; email?: string }) => [m.name, m.email ?? null]);

      expect(await emailsSeenBy(coordinator.cookie)).toEqual([
        ['Claire Coordinatrice', CLAIRE.email],
        ['Gaston', guest.email],
        ['Marc', member.email],
      ]);
      expect(await emailsSeenBy(guest.cookie)).toEqual([
        ['Claire Coordinatrice', null],
        ['Gaston', guest.email],
        ['Marc', null],
      ]);
      expect(await emailsSeenBy(member.cookie)).toEqual([
        ['Claire Coordinatrice', null],
        ['Gaston', null],
        ['Marc', member.email],
      ]);
    });
  });

  describe('names', () => {
    it('refuses a name that reorders text or shows nothing, and creates no account', async () => {
      server = await startTestServer();
      const { workspaceId, coordinator } = await setupWorkspace(server);
      for (const name of ['\u202EeriaLC', '\u200B\u200D\uFEFF']) {
        const invite = await api(server, 'POST', `/api/workspaces/${workspaceId}/invites`, { body: { role: 'member' }, cookie: coordinator.cookie });
        const res = await api(server, 'POST', `/api/invites/${invite.body.token}/accept`, { body: { name, email: 'eve@example.org', password: 'a long enough password' } });
        expect([res.status, res.body.error.id]).toEqual([400, 'invalid_input']);
      }
      expect(await server.trame.store.getMemberByEmail('eve@example.org')).toBeNull();
    });
  });

  describe('origin check', () => {
    const write = (s: TestServer, cookie: string, workspaceId: string, origin: string) =>
      api(s, 'POST', `/api/workspaces/${workspaceId}/documents`, { body: { title: 'Note', kind: 'note' }, cookie, origin });

    it('compares the scheme too: https://<host> is not the plain-HTTP server’s own origin', async () => {
      server = await startTestServer();
      const { workspaceId, coordinator } = await setupWorkspace(server);
      const host = new URL(server.url).host;
      const foreign = await write(server, coordinator.cookie, workspaceId, `https://${host}`);
      expect([foreign.status, foreign.body.error.id]).toEqual([403, 'bad_origin']);
      expect((await write(server, coordinator.cookie, workspaceId, `http://${host}`)).status).toBe(201);

      const doc = await createDocument(server, workspaceId, coordinator.cookie);
      const url = `${server.collabUrl}/${doc.room}`;
      expect(await closeCodeOf(url, { cookie: coordinator.cookie, origin: `https://${host}` })).toBe(CloseCode.FORBIDDEN);
      expect(await admittedOrCode(url, { cookie: coordinator.cookie, origin: `http://${host}` })).toBe('admitted');
    });

    it('behind HTTPS (COOKIE_SECURE), takes https://<host> as its own origin and refuses http://<host>', async () => {
      server = await startTestServer({ env: { COOKIE_SECURE: 'true' } });
      const { workspaceId, coordinator } = await setupWorkspace(server);
      const host = new URL(server.url).host;
      expect((await write(server, coordinator.cookie, workspaceId, `http://${host}`)).status).toBe(403);
      expect((await write(server, coordinator.cookie, workspaceId, `https://${host}`)).status).toBe(201);
      const doc = await createDocument(server, workspaceId, coordinator.cookie);
      const url = `${server.collabUrl}/${doc.room}`;
      expect(await closeCodeOf(url, { cookie: coordinator.cookie, origin: `http://${host}` })).toBe(CloseCode.FORBIDDEN);
      expect(await admittedOrCode(url, { cookie: coordinator.cookie, origin: `https://${host}` })).toBe('admitted');
    });

    it('accepts an extra allowed origin whatever its spelling, and only with its scheme', async () => {
      server = await startTestServer({ env: { ALLOWED_ORIGINS: 'HTTP://Localhost:5173/' } });
      const { workspaceId, coordinator } = await setupWorkspace(server);
      expect((await write(server, coordinator.cookie, workspaceId, 'http://localhost:5173')).status).toBe(201);
      expect((await write(server, coordinator.cookie, workspaceId, 'https://localhost:5173')).status).toBe(403);
    });
  });

  describe('expired sessions', () => {
    it('deletes session rows that have expired when the server starts', async () => {
      server = await startTestServer();
      const { coordinator } = await setupWorkspace(server);
      const store = () => server.trame.store;
      const expired = hashToken(newToken());
      const expiresAt = new Date(Date.now() - 60_000).toISOString();
      const longBefore = new Date(Date.now() - 3_600_000).toISOString();
      await store().createSession({ tokenHash: expired, memberId: coordinator.id, createdAt: longBefore, expiresAt });
      // Asked as of an earlier time, the row is there: it is expired, not yet deleted.
      expect(await store().getSession(expired, longBefore)).not.toBeNull();
      await server.restart();
      expect(await store().getSession(expired, longBefore)).toBeNull();
      // The live session (the coordinator's cookie) is kept.
      expect((await api(server, 'GET', '/api/me', { cookie: coordinator.cookie })).status).toBe(200);
    });
  });
});
