/** Collective membership: invitations, roles, removal. */
import {
  AcceptInviteRequest,
  ChangeRoleRequest,
  CreateInviteRequest,
  ErrorId,
  IdParam,
  type InviteInfoResponse,
  type InviteResponse,
  type PendingInvite,
  type WorkspaceMember,
} from '../../shared/api';
import { canGrantRole, canInWorkspace } from '../../shared/permissions';
import { hashPassword } from '../auth/passwords';
import { AppError, conflict, forbidden, notFound } from '../errors';
import { hashToken, newId, newToken } from '../ids';
import type { InviteRow, MemberRow } from '../store/Store';
import { memberLookup, parse, requireMembership, requireWorkspaceAction, summarize, type CommandContext } from './context';

const DAY_MS = 24 * 60 * 60 * 1000;
const inviteInvalid = () => new AppError(404, ErrorId.INVITE_INVALID, 'This invitation is unknown, already used, withdrawn or expired.');

/**
 * Members of a collective (any member may see who is in it). E-mail addresses only for those who
 * manage members, and one's own: the rest of the collective co-writes by name.
 */
export async function listMembers(ctx: CommandContext, actor: MemberRow, workspaceId: string): Promise<WorkspaceMember[]> {
  const actorRole = await requireMembership(ctx, actor, workspaceId);
  const seesEmails = canInWorkspace(actorRole, 'member.readEmail');
  const rows = await ctx.store.listMemberships(workspaceId);
  return rows.map(({ member, role }) => ({
    ...summarize(member),
    ...(seesEmails || member.id === actor.id ? { email: member.email } : {}),
    role,
  }));
}

/** A single-use, expiring invitation link carrying a role (coordinators only, up to their own role). */
export async function createInvite(ctx: CommandContext, actor: MemberRow, workspaceId: string, input: unknown): Promise<InviteResponse> {
  const { role } = parse(CreateInviteRequest, input);
  if (!canGrantRole(await requireMembership(ctx, actor, workspaceId), role)) throw forbidden();
  const token = newToken();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + ctx.config.inviteDays * DAY_MS).toISOString();
  await ctx.store.createInvite({
    id: newId(),
    tokenHash: hashToken(token),
    workspaceId,
    role,
    createdBy: actor.id,
    createdAt: now.toISOString(),
    expiresAt,
    usedAt: null,
    usedBy: null,
    revokedAt: null,
    revokedBy: null,
  });
  return { token, path: `/invite/${token}`, role, expiresAt };
}

/**
 * Whether an invitation still speaks for its author: a link is worth what its author could grant
 * now, so a coordinator demoted or removed after sending it no longer lets anyone in with it.
 */
async function authorStillVouches(ctx: CommandContext, invite: InviteRow): Promise<boolean> {
  return canGrantRole(await ctx.store.getRole(invite.workspaceId, invite.createdBy), invite.role);
}

/** The invitation behind a token if it can be used now; 404 invite_invalid otherwise. */
async function usableInvite(ctx: CommandContext, tokenHash: string): Promise<InviteRow> {
  const invite = await ctx.store.getInvite(tokenHash);
  const pending = invite && invite.usedAt === null && invite.revokedAt === null && invite.expiresAt > ctx.now().toISOString();
  if (!pending || !(await authorStillVouches(ctx, invite))) throw inviteInvalid();
  return invite;
}

/** What an invitation offers, for the page the invitee opens; 404 invite_invalid when unusable. */
export async function inviteInfo(ctx: CommandContext, token: string): Promise<InviteInfoResponse> {
  const invite = await usableInvite(ctx, hashToken(token));
  const workspace = await ctx.store.getWorkspace(invite.workspaceId);
  if (!workspace) throw inviteInvalid();
  return { workspaceName: workspace.name, role: invite.role, expiresAt: invite.expiresAt };
}

/** A collective's pending invitations that can still be accepted, oldest first (coordinators only; never their tokens). */
export async function listInvites(ctx: CommandContext, actor: MemberRow, workspaceId: string): Promise<PendingInvite[]> {
  await requireWorkspaceAction(ctx, actor, workspaceId, 'member.invite');
  const pending = await ctx.store.listPendingInvites(workspaceId, ctx.now().toISOString());
  const author = await memberLookup(ctx, workspaceId);
  const views: PendingInvite[] = [];
  for (const invite of pending) {
    if (!(await authorStillVouches(ctx, invite))) continue;
    views.push({ id: invite.id, role: invite.role, createdBy: await author(invite.createdBy), createdAt: invite.createdAt, expiresAt: invite.expiresAt });
  }
  return views;
}

/** Withdraws a pending invitation (coordinators only): its link then answers invite_invalid. */
export async function revokeInvite(ctx: CommandContext, actor: MemberRow, workspaceId: string, inviteId: string): Promise<void> {
  parse(IdParam, inviteId);
  await requireWorkspaceAction(ctx, actor, workspaceId, 'member.invite');
  if (!(await ctx.store.revokeInvite(workspaceId, inviteId, actor.id, ctx.now().toISOString()))) throw notFound('Invitation');
}

/** A new member from the acceptance form, with their password hashed. */
async function newMemberFrom(input: unknown, at: string): Promise<MemberRow> {
  const body = parse(AcceptInviteRequest, input);
  return { id: newId(), email: body.email, name: body.name, passwordHash: await hashPassword(body.password), createdAt: at };
}

/**
 * Accepts an invitation: a signed-in member joins with their account; otherwise a new account
 * is created from the body. Returns the member (to start a session for) and the collective joined.
 */
export async function acceptInvite(ctx: CommandContext, token: string, signedIn: MemberRow | null, input: unknown): Promise<{ memberId: string; workspaceId: string }> {
  const tokenHash = hashToken(token);
  // The link first: a bogus or dead one costs a lookup, never a password hash (scrypt is slow
  // and memory-hungry on purpose, and anyone can send this request).
  await usableInvite(ctx, tokenHash);
  const at = ctx.now().toISOString();
  const who = signedIn ? { existingMemberId: signedIn.id } : { newMember: await newMemberFrom(input, at) };
  // Again after hashing, which is long enough for the author to be demoted meanwhile; use, expiry
  // and revocation are then checked once more inside the store's transaction.
  await usableInvite(ctx, tokenHash);
  const result = await ctx.store.acceptInvite(tokenHash, who, at);
  if (result.ok) return { memberId: result.memberId, workspaceId: result.workspaceId };
  if (result.reason === 'email_taken') throw conflict(ErrorId.EMAIL_TAKEN, 'An account already uses this email: sign in first, then open the link again.');
  if (result.reason === 'already_member') throw conflict(ErrorId.ALREADY_MEMBER, 'You are already a member of this collective.');
  throw inviteInvalid();
}

/** Keeps at least one coordinator in every collective. */
async function assertNotLastCoordinator(ctx: CommandContext, workspaceId: string, memberId: string): Promise<void> {
  const coordinators = (await ctx.store.listMemberships(workspaceId)).filter((m) => m.role === 'coordinator');
  if (coordinators.length === 1 && coordinators[0]!.member.id === memberId) {
    throw conflict(ErrorId.LAST_COORDINATOR, 'A collective needs at least one coordinator.');
  }
}

/** Changes a member's role (coordinators only); open connections pick up the new rights. */
export async function changeRole(ctx: CommandContext, actor: MemberRow, workspaceId: string, memberId: string, input: unknown): Promise<void> {
  const { role } = parse(ChangeRoleRequest, input);
  parse(IdParam, memberId);
  await requireWorkspaceAction(ctx, actor, workspaceId, 'member.changeRole');
  const current = await ctx.store.getRole(workspaceId, memberId);
  if (current === null) throw notFound('Member');
  if (current === 'coordinator' && role !== 'coordinator') await assertNotLastCoordinator(ctx, workspaceId, memberId);
  await ctx.store.setMembership(workspaceId, memberId, role, ctx.now().toISOString());
  ctx.events.publish('role.changed', { workspaceId, memberId });
}

/** Removes a member from a collective (coordinators only); their open sockets there are closed. */
export async function removeMember(ctx: CommandContext, actor: MemberRow, workspaceId: string, memberId: string): Promise<void> {
  parse(IdParam, memberId);
  await requireWorkspaceAction(ctx, actor, workspaceId, 'member.remove');
  await assertNotLastCoordinator(ctx, workspaceId, memberId);
  if (!(await ctx.store.removeMembership(workspaceId, memberId))) throw notFound('Member');
  ctx.events.publish('member.removed', { workspaceId, memberId });
}
