/**
 * The behaviour every Store must have, as one Vitest suite run against each implementation
 * (sql/sqlStore.test.ts: on an SQLite file, SQLite in memory and PostgreSQL). A behaviour the server relies on belongs here,
 * not in one implementation's tests, so that a new backend cannot silently differ.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmailTakenError, type Store } from './Store';
import { at, inviteRow, memberRow, seedCollective, workspaceRow, documentRow } from './contractFixtures';
import { attendanceContract } from './contractAttendance';
import { commentsContract } from './contractComments';
import { documentsContract } from './contractDocuments';
import { versionsContract } from './contractVersions';

/** A store under test and how to dispose of it (close, delete its files). */
export interface StoreUnderTest {
  store: Store;
  cleanup: () => Promise<void>;
}

/** Registers the contract suite for one Store implementation; `makeStore` gives a fresh, empty store. */
export function storeContractSuite(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`Store contract: ${name}`, () => {
    let current: StoreUnderTest;
    beforeEach(async () => {
      current = await makeStore();
    });
    afterEach(async () => {
      await current.cleanup();
    });
    const store = (): Store => current.store;

    membersContract(store);
    membershipsContract(store);
    sessionsContract(store);
    invitesContract(store);
    documentsContract(store);
    commentsContract(store);
    versionsContract(store);
    attendanceContract(store);

    it('refuses calls once closed', async () => {
      await store().close();
      await expect(store().countMembers()).rejects.toThrow();
    });
  });
}

function membersContract(store: () => Store): void {
  describe('setup and members', () => {
    it('sets up the first collective and its coordinator only once', async () => {
      const workspace = workspaceRow({ name: 'Atelier' });
      const coordinator = memberRow({ name: 'Ada' });
      expect(await store().setup(workspace, coordinator)).toBe(true);
      expect(await store().getRole(workspace.id, coordinator.id)).toBe('coordinator');
      expect(await store().getWorkspaceByName('Atelier')).toEqual(workspace);

      const second = workspaceRow();
      expect(await store().setup(second, memberRow())).toBe(false);
      expect(await store().countMembers()).toBe(1);
      expect(await store().getWorkspace(second.id)).toBeNull();
    });

    it('finds members by id and by email, whatever the case of the email', async () => {
      const ada = memberRow({ email: 'Ada@Example.org', name: 'Ada' });
      await store().createMember(ada);
      const stored = { ...ada, email: 'ada@example.org' };
      expect(await store().getMember(ada.id)).toEqual(stored);
      expect(await store().getMemberByEmail('ADA@example.ORG')).toEqual(stored);
      expect(await store().getMember('unknown_id')).toBeNull();
      expect(await store().getMemberByEmail('nobody@example.org')).toBeNull();
      expect(await store().countMembers()).toBe(1);
    });

    it('refuses a second member with the same email with EmailTakenError', async () => {
      await store().createMember(memberRow({ email: 'ada@example.org' }));
      const attempt = store().createMember(memberRow({ email: 'ADA@example.org' }));
      await expect(attempt).rejects.toBeInstanceOf(EmailTakenError);
      await expect(attempt).rejects.toMatchObject({ id: 'email_taken' });
      expect(await store().countMembers()).toBe(1);
    });

    it('lists members by name and collectives by name', async () => {
      for (const name of ['Zoé', 'ada', 'Bea']) await store().createMember(memberRow({ name }));
      expect((await store().listMembers()).map((m) => m.name)).toEqual(['ada', 'Bea', 'Zoé']);
      for (const name of ['Verger', 'atelier', 'Bureau']) await store().createWorkspace(workspaceRow({ name }));
      expect((await store().listWorkspaces()).map((w) => w.name)).toEqual(['atelier', 'Bureau', 'Verger']);
      expect(await store().getWorkspaceByName('Nowhere')).toBeNull();
    });

    it('returns copies: changing a returned row does not change the store', async () => {
      const ada = memberRow({ name: 'Ada' });
      await store().createMember(ada);
      ada.name = 'changed after insert';
      const fetched = (await store().getMember(ada.id))!;
      fetched.name = 'changed after read';
      (await store().listMembers())[0]!.name = 'changed in list';
      expect((await store().getMember(ada.id))!.name).toBe('Ada');
    });
  });
}

function membershipsContract(store: () => Store): void {
  describe('memberships', () => {
    it('adds a member, changes their role and keeps the date they joined', async () => {
      const { workspace } = await seedCollective(store());
      const bea = memberRow({ name: 'Bea' });
      await store().createMember(bea);
      await store().setMembership(workspace.id, bea.id, 'newcomer', at(1));
      await store().setMembership(workspace.id, bea.id, 'member', at(2));
      expect(await store().getRole(workspace.id, bea.id)).toBe('member');
      const row = (await store().listMemberships(workspace.id)).find((m) => m.member.id === bea.id);
      expect(row).toEqual({ workspaceId: workspace.id, member: bea, role: 'member', joinedAt: at(1) });
    });

    it('lists a collective’s members by name and a member’s collectives by name', async () => {
      const verger = workspaceRow({ name: 'Verger' });
      const atelier = workspaceRow({ name: 'Atelier' });
      await store().createWorkspace(verger);
      await store().createWorkspace(atelier);
      const [zoe, ada] = [memberRow({ name: 'Zoé' }), memberRow({ name: 'Ada' })];
      for (const m of [zoe, ada]) await store().createMember(m);
      await store().setMembership(verger.id, zoe.id, 'guest', at(1));
      await store().setMembership(verger.id, ada.id, 'coordinator', at(1));
      await store().setMembership(atelier.id, zoe.id, 'member', at(1));

      expect((await store().listMemberships(verger.id)).map((m) => [m.member.name, m.role])).toEqual([
        ['Ada', 'coordinator'],
        ['Zoé', 'guest'],
      ]);
      expect(await store().listWorkspacesOf(zoe.id)).toEqual([
        { workspace: atelier, role: 'member' },
        { workspace: verger, role: 'guest' },
      ]);
      expect(await store().getRole(atelier.id, ada.id)).toBeNull();
    });

    it('refuses a membership of an unknown member or collective', async () => {
      const { workspace } = await seedCollective(store());
      await expect(store().setMembership(workspace.id, 'unknown_member', 'member', at(1))).rejects.toThrow();
      const bea = memberRow();
      await store().createMember(bea);
      await expect(store().setMembership('unknown_ws', bea.id, 'member', at(1))).rejects.toThrow();
    });

    it('removes a member from a collective with their grants there, and only there', async () => {
      const { workspace, coordinator } = await seedCollective(store());
      const other = await seedCollective(store());
      const bea = memberRow();
      await store().createMember(bea);
      await store().setMembership(workspace.id, bea.id, 'member', at(1));
      await store().setMembership(other.workspace.id, bea.id, 'member', at(1));
      const here = documentRow(workspace.id, { createdBy: coordinator.id });
      const there = documentRow(other.workspace.id);
      await store().createDocument(here, new Uint8Array([0, 0]));
      await store().createDocument(there, new Uint8Array([0, 0]));
      await store().setGrant(here.id, bea.id, 'view');
      await store().setGrant(there.id, bea.id, 'comment');

      expect(await store().removeMembership(workspace.id, bea.id)).toBe(true);
      expect(await store().getRole(workspace.id, bea.id)).toBeNull();
      expect(await store().getGrant(here.id, bea.id)).toBeNull();
      expect(await store().getGrant(there.id, bea.id)).toBe('comment');
      expect(await store().getRole(other.workspace.id, bea.id)).toBe('member');
      expect(await store().removeMembership(workspace.id, bea.id)).toBe(false);
    });
  });
}

function sessionsContract(store: () => Store): void {
  describe('sessions', () => {
    it('returns a session until it expires, and forgets deleted ones', async () => {
      const [ada, bea] = [memberRow(), memberRow()];
      for (const m of [ada, bea]) await store().createMember(m);
      const session = { tokenHash: 'hash_ada_1', memberId: ada.id, createdAt: at(0), expiresAt: at(30) };
      await store().createSession(session);
      await store().createSession({ ...session, tokenHash: 'hash_ada_2' });
      await store().createSession({ ...session, tokenHash: 'hash_bea_1', memberId: bea.id });

      expect(await store().getSession('hash_ada_1', at(29))).toEqual(session);
      expect(await store().getSession('hash_ada_1', at(30))).toBeNull();
      expect(await store().getSession('unknown_hash', at(1))).toBeNull();

      await store().deleteSession('hash_ada_1');
      expect(await store().getSession('hash_ada_1', at(1))).toBeNull();
      await store().deleteSessionsOf(ada.id);
      expect(await store().getSession('hash_ada_2', at(1))).toBeNull();
      expect(await store().getSession('hash_bea_1', at(1))).not.toBeNull();
    });

    it('deletes the sessions expired at a given time, and only those', async () => {
      const ada = memberRow();
      await store().createMember(ada);
      for (const [tokenHash, expiresAt] of [['hash_old', at(10)], ['hash_edge', at(20)], ['hash_live', at(21)]] as const) {
        await store().createSession({ tokenHash, memberId: ada.id, createdAt: at(0), expiresAt });
      }
      expect(await store().deleteExpiredSessions(at(20))).toBe(2);
      // Asked as of minute 0, when all three were valid: the expired rows are gone, not just hidden.
      expect(await store().getSession('hash_old', at(0))).toBeNull();
      expect(await store().getSession('hash_edge', at(0))).toBeNull();
      expect(await store().getSession('hash_live', at(0))).not.toBeNull();
      expect(await store().deleteExpiredSessions(at(20))).toBe(0);
    });
  });
}

function invitesContract(store: () => Store): void {
  describe('invites', () => {
    it('accepts an invite once, creating the member with the invite’s role', async () => {
      const { workspace, coordinator } = await seedCollective(store());
      const invite = inviteRow(workspace.id, coordinator.id, { role: 'newcomer' });
      await store().createInvite(invite);
      expect(await store().getInvite(invite.tokenHash)).toEqual(invite);

      const bea = memberRow({ email: 'Bea@Example.org' });
      const result = await store().acceptInvite(invite.tokenHash, { newMember: bea }, at(5));
      expect(result).toEqual({ ok: true, memberId: bea.id, workspaceId: workspace.id, role: 'newcomer' });
      expect(await store().getMemberByEmail('bea@example.org')).toMatchObject({ id: bea.id });
      expect(await store().getRole(workspace.id, bea.id)).toBe('newcomer');
      expect(await store().getInvite(invite.tokenHash)).toEqual({ ...invite, usedAt: at(5), usedBy: bea.id });

      const again = await store().acceptInvite(invite.tokenHash, { newMember: memberRow() }, at(6));
      expect(again).toEqual({ ok: false, reason: 'invalid' });
      expect(await store().countMembers()).toBe(2);
    });

    it('refuses unknown and expired invites', async () => {
      const { workspace, coordinator } = await seedCollective(store());
      const invite = inviteRow(workspace.id, coordinator.id, { expiresAt: at(10) });
      await store().createInvite(invite);
      expect(await store().acceptInvite('unknown_hash', { newMember: memberRow() }, at(1))).toEqual({ ok: false, reason: 'invalid' });
      expect(await store().acceptInvite(invite.tokenHash, { newMember: memberRow() }, at(10))).toEqual({ ok: false, reason: 'invalid' });
      expect(await store().countMembers()).toBe(1);
    });

    it('refuses a taken email and leaves the invite usable', async () => {
      const { workspace, coordinator } = await seedCollective(store());
      const invite = inviteRow(workspace.id, coordinator.id);
      await store().createInvite(invite);
      const clash = memberRow({ email: coordinator.email.toUpperCase() });
      expect(await store().acceptInvite(invite.tokenHash, { newMember: clash }, at(1))).toEqual({ ok: false, reason: 'email_taken' });
      expect((await store().getInvite(invite.tokenHash))!.usedAt).toBeNull();
      expect((await store().acceptInvite(invite.tokenHash, { newMember: memberRow() }, at(2))).ok).toBe(true);
    });

    it('adds an existing member, but not one already in the collective', async () => {
      const { workspace, coordinator } = await seedCollective(store());
      const [first, second] = [inviteRow(workspace.id, coordinator.id), inviteRow(workspace.id, coordinator.id, { role: 'guest' })];
      await store().createInvite(first);
      await store().createInvite(second);
      const already = await store().acceptInvite(first.tokenHash, { existingMemberId: coordinator.id }, at(1));
      expect(already).toEqual({ ok: false, reason: 'already_member' });
      expect(await store().getRole(workspace.id, coordinator.id)).toBe('coordinator');
      expect((await store().getInvite(first.tokenHash))!.usedAt).toBeNull();

      const bea = memberRow();
      await store().createMember(bea);
      const joined = await store().acceptInvite(second.tokenHash, { existingMemberId: bea.id }, at(2));
      expect(joined).toEqual({ ok: true, memberId: bea.id, workspaceId: workspace.id, role: 'guest' });
      expect(await store().getRole(workspace.id, bea.id)).toBe('guest');
    });

    it('lists a collective’s pending invites oldest first, without used, revoked, expired or other collectives’ ones', async () => {
      const { workspace, coordinator } = await seedCollective(store());
      const other = await seedCollective(store());
      const later = inviteRow(workspace.id, coordinator.id, { createdAt: at(2), role: 'guest' });
      const earlier = inviteRow(workspace.id, coordinator.id, { createdAt: at(1) });
      const used = inviteRow(workspace.id, coordinator.id);
      const revoked = inviteRow(workspace.id, coordinator.id);
      const expired = inviteRow(workspace.id, coordinator.id, { expiresAt: at(5) });
      const elsewhere = inviteRow(other.workspace.id, other.coordinator.id);
      for (const invite of [later, earlier, used, revoked, expired, elsewhere]) await store().createInvite(invite);
      await store().acceptInvite(used.tokenHash, { newMember: memberRow() }, at(3));
      await store().revokeInvite(workspace.id, revoked.id, coordinator.id, at(3));

      expect(await store().listPendingInvites(workspace.id, at(5))).toEqual([earlier, later]);
      expect((await store().listPendingInvites(workspace.id, at(4))).map((i) => i.id)).toEqual([expired.id, earlier.id, later.id]);
      expect(await store().listPendingInvites(workspace.id, at(60))).toEqual([]);
    });

    it('revokes a pending invite of its collective once; a revoked invite cannot be accepted', async () => {
      const { workspace, coordinator } = await seedCollective(store());
      const other = await seedCollective(store());
      const invite = inviteRow(workspace.id, coordinator.id);
      await store().createInvite(invite);

      expect(await store().revokeInvite(other.workspace.id, invite.id, other.coordinator.id, at(1))).toBe(false);
      expect(await store().revokeInvite(workspace.id, 'unknown_invite', coordinator.id, at(1))).toBe(false);
      expect(await store().revokeInvite(workspace.id, invite.id, coordinator.id, at(2))).toBe(true);
      expect(await store().getInvite(invite.tokenHash)).toEqual({ ...invite, revokedAt: at(2), revokedBy: coordinator.id });
      expect(await store().revokeInvite(workspace.id, invite.id, coordinator.id, at(3))).toBe(false);
      expect(await store().acceptInvite(invite.tokenHash, { newMember: memberRow() }, at(3))).toEqual({ ok: false, reason: 'invalid' });
      expect(await store().countMembers()).toBe(2);
    });

    it('does not revoke an invite already used or expired', async () => {
      const { workspace, coordinator } = await seedCollective(store());
      const used = inviteRow(workspace.id, coordinator.id);
      const expired = inviteRow(workspace.id, coordinator.id, { expiresAt: at(10) });
      await store().createInvite(used);
      await store().createInvite(expired);
      await store().acceptInvite(used.tokenHash, { newMember: memberRow() }, at(1));
      expect(await store().revokeInvite(workspace.id, used.id, coordinator.id, at(2))).toBe(false);
      expect(await store().revokeInvite(workspace.id, expired.id, coordinator.id, at(10))).toBe(false);
      expect((await store().getInvite(used.tokenHash))!.revokedAt).toBeNull();
    });

    it('lets exactly one of two simultaneous accepts through', async () => {
      const { workspace, coordinator } = await seedCollective(store());
      const invite = inviteRow(workspace.id, coordinator.id);
      await store().createInvite(invite);
      const results = await Promise.all([
        store().acceptInvite(invite.tokenHash, { newMember: memberRow() }, at(1)),
        store().acceptInvite(invite.tokenHash, { newMember: memberRow() }, at(1)),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(await store().countMembers()).toBe(2);
    });

    it('tells the second of two invitations accepted at once with one new address that it is taken', async () => {
      const { workspace, coordinator } = await seedCollective(store());
      const first = inviteRow(workspace.id, coordinator.id);
      const second = inviteRow(workspace.id, coordinator.id);
      await store().createInvite(first);
      await store().createInvite(second);
      const results = await Promise.all([
        store().acceptInvite(first.tokenHash, { newMember: memberRow({ email: 'dana@example.org' }) }, at(1)),
        store().acceptInvite(second.tokenHash, { newMember: memberRow({ email: 'Dana@Example.org' }) }, at(1)),
      ]);
      expect(results.map((r) => (r.ok ? 'ok' : r.reason)).sort()).toEqual(['email_taken', 'ok']);
      expect(await store().countMembers()).toBe(2);
    });
  });
}
