/** Collective membership: invitations, roles, removal. */
import {
  AcceptInviteRequest,
  ChangeRoleRequest,
  CreateInviteRequest,
  ErrorId,
  IdParam,
  type InviteInfoResponse,
  type InviteResponse,
  type WorkspaceMember,
} from '../../shared/api';
import { hashPassword } from '../auth/passwords';
import { AppError, conflict, notFound } from '../errors';
import { hashToken, newId, newToken } from '../ids';
import type { MemberRow } from '../store/Store';
import { parse, requireMembership, requireWorkspaceAction, summarize, type CommandContext } from './context';

const DAY_MS = 24 * 60 * 60 * 1000;
const inviteInvalid = () => new AppError(404, ErrorId.INVITE_INVALID, 'This invitation is unknown, already used or expired.');

/** Members of a collective (any member may see who is in it). */
export async function listMembers(ctx: CommandContext, actor: MemberRow, workspaceId: string): Promise<WorkspaceMember[]> {
  await requireMembership(ctx, actor, workspaceId);
  const rows = await ctx.store.listMemberships(workspaceId);
  return rows.map(({ member, role }) => ({ ...summarize(member), email: member.email, role }));
}

/** A single-use, expiring invitation link carrying a role (coordinators only). */
export async function createInvite(ctx: CommandContext, actor: MemberRow, workspaceId: string, input: unknown): Promise<InviteResponse> {
  const { role } = parse(CreateInviteRequest, input);
  await requireWorkspaceAction(ctx, actor, workspaceId, 'member.invite');
  const token = newToken();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + ctx.config.inviteDays * DAY_MS).toISOString();
  await ctx.store.createInvite({ tokenHash: hashToken(token), workspaceId, role, createdBy: actor.id, createdAt: now.toISOString(), expiresAt, usedAt: null, usedBy: null });
  return { token, path: `/invite/${token}`, role, expiresAt };
}

/** What an invitation offers, for the page the invitee opens; 404 invite_invalid when unusable. */
export async function inviteInfo(ctx: CommandContext, token: string): Promise<InviteInfoResponse> {
  const invite = await ctx.store.getInvite(hashToken(token));
  if (!invite || invite.usedAt !== null || invite.expiresAt <= ctx.now().toISOString()) throw inviteInvalid();
  const workspace = await ctx.store.getWorkspace(invite.workspaceId);
  if (!workspace) throw inviteInvalid();
  return { workspaceName: workspace.name, role: invite.role, expiresAt: invite.expiresAt };
}

/**
 * Accepts an invitation: a signed-in member joins with their account; otherwise a new account
 * is created from the body. Returns the member (to start a session for) and the collective joined.
 */
export async function acceptInvite(ctx: CommandContext, token: string, signedIn: MemberRow | null, input: unknown): Promise<{ memberId: string; workspaceId: string }> {
  const at = ctx.now().toISOString();
  let who: { newMember: MemberRow } | { existingMemberId: string };
  if (signedIn) {
    who = { existingMemberId: signedIn.id };
  } else {
    const body = parse(AcceptInviteRequest, input);
    who = { newMember: { id: newId(), email: body.email, name: body.name, passwordHash: await hashPassword(body.password), createdAt: at } };
  }
  const result = await ctx.store.acceptInvite(hashToken(token), who, at);
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
