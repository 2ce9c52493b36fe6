/**
 * The store's members, collectives (workspaces), memberships, sign-in sessions and invitations,
 * written once over Kysely for SQLite and PostgreSQL (see ../sql/context.ts). A port of the
 * former hand-written SQLite store's behaviour: emails normalised, setup only
 * while no member exists, an invitation used once, a role change keeping the date joined.
 *
 * Lists are ordered in the code, not by the database: names with `byName` (the engines'
 * collations differ), ids and timestamps by their code units (PostgreSQL's text collation may
 * ignore case and punctuation, SQLite's BINARY does not).
 */
import type { Role } from '../../../shared/permissions';
import { EmailTakenError } from '../Store';
import type { AcceptInviteResult, InviteRow, MemberRow, MembershipRow, SessionRow, Store, Timestamp, WorkspaceRow } from '../Store';
import { byName, changed, isUniqueViolation, lockFor, writeTransaction, type Queries, type SqlContext } from '../sql/context';

/** Emails are unique regardless of case; the store normalises so a careless caller cannot split one. */
const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** Who accepts an invite (the second parameter of `Store.acceptInvite`). */
type InviteAcceptor = Parameters<Store['acceptInvite']>[1];

/** Compares text by code units, as SQLite's BINARY collation does, whatever the engine. */
const binary = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const MEMBER = ['id', 'email', 'name', 'passwordHash', 'createdAt'] as const;
const WORKSPACE = ['id', 'name', 'createdAt'] as const;
const INVITE = ['id', 'tokenHash', 'workspaceId', 'role', 'createdBy', 'createdAt', 'expiresAt', 'usedAt', 'usedBy', 'revokedAt', 'revokedBy'] as const;

type AccountMethods =
  | 'countMembers'
  | 'setup'
  | 'createMember'
  | 'getMember'
  | 'getMemberByEmail'
  | 'listMembers'
  | 'createWorkspace'
  | 'getWorkspace'
  | 'getWorkspaceByName'
  | 'listWorkspaces'
  | 'listWorkspacesOf'
  | 'setMembership'
  | 'getRole'
  | 'listMemberships'
  | 'removeMembership'
  | 'createSession'
  | 'getSession'
  | 'deleteSession'
  | 'deleteSessionsOf'
  | 'deleteExpiredSessions'
  | 'createInvite'
  | 'getInvite'
  | 'listPendingInvites'
  | 'revokeInvite'
  | 'acceptInvite';

export class SqlAccounts implements Pick<Store, AccountMethods> {
  constructor(private readonly ctx: SqlContext) {}

  // ---- members and collectives ----

  async countMembers(): Promise<number> {
    return countMembersIn(this.ctx.db);
  }

  async setup(workspace: WorkspaceRow, coordinator: MemberRow): Promise<boolean> {
    return writeTransaction(this.ctx, async (trx) => {
      // Checked inside the transaction: two first visitors racing must not both become coordinator.
      await lockFor(trx, this.ctx.engine, 'setup');
      if ((await countMembersIn(trx)) > 0) return false;
      await trx.insertInto('workspaces').values({ id: workspace.id, name: workspace.name, createdAt: workspace.createdAt }).execute();
      await insertMember(trx, coordinator);
      await upsertMembership(trx, workspace.id, coordinator.id, 'coordinator', workspace.createdAt);
      return true;
    });
  }

  async createMember(member: MemberRow): Promise<void> {
    await insertMember(this.ctx.db, member);
  }

  async getMember(id: string): Promise<MemberRow | null> {
    return getMemberIn(this.ctx.db, id);
  }

  async getMemberByEmail(email: string): Promise<MemberRow | null> {
    return getMemberByEmailIn(this.ctx.db, email);
  }

  async listMembers(): Promise<MemberRow[]> {
    return byName(await this.ctx.db.selectFrom('members').select(MEMBER).execute());
  }

  async createWorkspace(workspace: WorkspaceRow): Promise<void> {
    await this.ctx.db.insertInto('workspaces').values({ id: workspace.id, name: workspace.name, createdAt: workspace.createdAt }).execute();
  }

  async getWorkspace(id: string): Promise<WorkspaceRow | null> {
    return (await this.ctx.db.selectFrom('workspaces').select(WORKSPACE).where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async getWorkspaceByName(name: string): Promise<WorkspaceRow | null> {
    // Names are not unique; the oldest collective of that name wins, deterministically.
    const rows = await this.ctx.db.selectFrom('workspaces').select(WORKSPACE).where('name', '=', name).execute();
    rows.sort((a, b) => binary(a.createdAt, b.createdAt) || binary(a.id, b.id));
    return rows[0] ?? null;
  }

  async listWorkspaces(): Promise<WorkspaceRow[]> {
    return byName(await this.ctx.db.selectFrom('workspaces').select(WORKSPACE).execute());
  }

  async listWorkspacesOf(memberId: string): Promise<{ workspace: WorkspaceRow; role: Role }[]> {
    const rows = await this.ctx.db
      .selectFrom('memberships as ms')
      .innerJoin('workspaces as w', 'w.id', 'ms.workspaceId')
      .select(['w.id', 'w.name', 'w.createdAt', 'ms.role'])
      .where('ms.memberId', '=', memberId)
      .execute();
    return byName(rows).map(({ role, ...workspace }) => ({ workspace, role: role as Role }));
  }

  async setMembership(workspaceId: string, memberId: string, role: Role, at: Timestamp): Promise<void> {
    await upsertMembership(this.ctx.db, workspaceId, memberId, role, at);
  }

  async getRole(workspaceId: string, memberId: string): Promise<Role | null> {
    return getRoleIn(this.ctx.db, workspaceId, memberId);
  }

  async listMemberships(workspaceId: string): Promise<MembershipRow[]> {
    const rows = await this.ctx.db
      .selectFrom('memberships as ms')
      .innerJoin('members as m', 'm.id', 'ms.memberId')
      .select(['m.id', 'm.email', 'm.name', 'm.passwordHash', 'm.createdAt', 'ms.workspaceId', 'ms.role', 'ms.joinedAt'])
      .where('ms.workspaceId', '=', workspaceId)
      .execute();
    return byName(rows).map(({ workspaceId: ws, role, joinedAt, ...member }) => ({ workspaceId: ws, member, role: role as Role, joinedAt }));
  }

  async removeMembership(workspaceId: string, memberId: string): Promise<boolean> {
    return writeTransaction(this.ctx, async (trx) => {
      // Grants would otherwise come back to life if the member were invited again later.
      await trx
        .deleteFrom('grants')
        .where('memberId', '=', memberId)
        .where('documentId', 'in', trx.selectFrom('documents').select('id').where('workspaceId', '=', workspaceId))
        .execute();
      const result = await trx.deleteFrom('memberships').where('workspaceId', '=', workspaceId).where('memberId', '=', memberId).executeTakeFirst();
      return changed(result) > 0;
    });
  }

  // ---- sessions ----

  async createSession(session: SessionRow): Promise<void> {
    await this.ctx.db
      .insertInto('sessions')
      .values({ tokenHash: session.tokenHash, memberId: session.memberId, createdAt: session.createdAt, expiresAt: session.expiresAt })
      .execute();
  }

  async getSession(tokenHash: string, now: Timestamp): Promise<SessionRow | null> {
    // ISO-8601 UTC strings of one format sort like the instants they name, so text comparison is exact.
    const row = await this.ctx.db
      .selectFrom('sessions')
      .select(['tokenHash', 'memberId', 'createdAt', 'expiresAt'])
      .where('tokenHash', '=', tokenHash)
      .where('expiresAt', '>', now)
      .executeTakeFirst();
    return row ?? null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.ctx.db.deleteFrom('sessions').where('tokenHash', '=', tokenHash).execute();
  }

  async deleteSessionsOf(memberId: string): Promise<void> {
    await this.ctx.db.deleteFrom('sessions').where('memberId', '=', memberId).execute();
  }

  async deleteExpiredSessions(now: Timestamp): Promise<number> {
    return changed(await this.ctx.db.deleteFrom('sessions').where('expiresAt', '<=', now).executeTakeFirst());
  }

  // ---- invites ----

  async createInvite(invite: InviteRow): Promise<void> {
    await this.ctx.db
      .insertInto('invites')
      .values({
        id: invite.id,
        tokenHash: invite.tokenHash,
        workspaceId: invite.workspaceId,
        role: invite.role,
        createdBy: invite.createdBy,
        createdAt: invite.createdAt,
        expiresAt: invite.expiresAt,
        usedAt: invite.usedAt,
        usedBy: invite.usedBy,
        revokedAt: invite.revokedAt,
        revokedBy: invite.revokedBy,
      })
      .execute();
  }

  async getInvite(tokenHash: string): Promise<InviteRow | null> {
    return getInviteIn(this.ctx.db, tokenHash);
  }

  async listPendingInvites(workspaceId: string, now: Timestamp): Promise<InviteRow[]> {
    const rows = await this.ctx.db
      .selectFrom('invites')
      .select(INVITE)
      .where('workspaceId', '=', workspaceId)
      .where('usedAt', 'is', null)
      .where('revokedAt', 'is', null)
      .where('expiresAt', '>', now)
      .execute();
    return (rows as InviteRow[]).sort((a, b) => binary(a.createdAt, b.createdAt) || binary(a.id, b.id));
  }

  async revokeInvite(workspaceId: string, inviteId: string, by: string, at: Timestamp): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable('invites')
      .set({ revokedAt: at, revokedBy: by })
      .where('workspaceId', '=', workspaceId)
      .where('id', '=', inviteId)
      .where('usedAt', 'is', null)
      .where('revokedAt', 'is', null)
      .where('expiresAt', '>', at)
      .executeTakeFirst();
    return changed(result) > 0;
  }

  async acceptInvite(tokenHash: string, who: InviteAcceptor, at: Timestamp): Promise<AcceptInviteResult> {
    return writeTransaction(this.ctx, async (trx) => {
      // Two accepts of one invitation at once: the second waits here, then finds it used.
      await lockFor(trx, this.ctx.engine, `invite:${tokenHash}`);
      const invite = await getInviteIn(trx, tokenHash);
      if (!invite || invite.usedAt !== null || invite.revokedAt !== null || invite.expiresAt <= at) return { ok: false, reason: 'invalid' };
      let memberId: string;
      if ('newMember' in who) {
        // Two invitations accepted at once with one new address: the second finds it taken (not a unique violation).
        await lockFor(trx, this.ctx.engine, `email:${normaliseEmail(who.newMember.email)}`);
        if (await getMemberByEmailIn(trx, who.newMember.email)) return { ok: false, reason: 'email_taken' };
        await insertMember(trx, who.newMember);
        memberId = who.newMember.id;
      } else {
        memberId = who.existingMemberId;
        if (!(await getMemberIn(trx, memberId))) throw new Error(`acceptInvite: unknown member ${memberId}`);
        if (await getRoleIn(trx, invite.workspaceId, memberId)) return { ok: false, reason: 'already_member' };
      }
      await upsertMembership(trx, invite.workspaceId, memberId, invite.role, at);
      await trx.updateTable('invites').set({ usedAt: at, usedBy: memberId }).where('tokenHash', '=', tokenHash).where('usedAt', 'is', null).execute();
      return { ok: true, memberId, workspaceId: invite.workspaceId, role: invite.role };
    });
  }
}

async function countMembersIn(q: Queries): Promise<number> {
  const row = await q.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function insertMember(q: Queries, m: MemberRow): Promise<void> {
  const email = normaliseEmail(m.email);
  try {
    await q.insertInto('members').values({ id: m.id, email, name: m.name, passwordHash: m.passwordHash, createdAt: m.createdAt }).execute();
  } catch (err) {
    if (isUniqueViolation(err, 'members.email')) throw new EmailTakenError(email);
    throw err;
  }
}

async function getMemberIn(q: Queries, id: string): Promise<MemberRow | null> {
  return (await q.selectFrom('members').select(MEMBER).where('id', '=', id).executeTakeFirst()) ?? null;
}

async function getMemberByEmailIn(q: Queries, email: string): Promise<MemberRow | null> {
  return (await q.selectFrom('members').select(MEMBER).where('email', '=', normaliseEmail(email)).executeTakeFirst()) ?? null;
}

async function getRoleIn(q: Queries, workspaceId: string, memberId: string): Promise<Role | null> {
  const row = await q.selectFrom('memberships').select('role').where('workspaceId', '=', workspaceId).where('memberId', '=', memberId).executeTakeFirst();
  return (row?.role as Role | undefined) ?? null;
}

async function getInviteIn(q: Queries, tokenHash: string): Promise<InviteRow | null> {
  return ((await q.selectFrom('invites').select(INVITE).where('tokenHash', '=', tokenHash).executeTakeFirst()) as InviteRow | undefined) ?? null;
}

/** Adds a membership or changes its role; a role change keeps the original joined_at ("member since" does not reset on promotion). */
async function upsertMembership(q: Queries, workspaceId: string, memberId: string, role: Role, at: Timestamp): Promise<void> {
  await q
    .insertInto('memberships')
    .values({ workspaceId, memberId, role, joinedAt: at })
    .onConflict((oc) => oc.columns(['workspaceId', 'memberId']).doUpdateSet({ role: (eb) => eb.ref('excluded.role') }))
    .execute();
}
