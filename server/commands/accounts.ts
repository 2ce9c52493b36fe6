/** First-run setup, sign-in, sign-out everywhere, and the signed-in member's profile. */
import { ErrorId, SetupRequest, SignInRequest, type MeResponse, type SetupResponse } from '../../shared/api';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { AppError, conflict } from '../errors';
import { newId } from '../ids';
import type { MemberRow } from '../store/Store';
import { parse, summarize, type CommandContext } from './context';

/** Whether the installation still needs its first collective and coordinator. */
export async function setupNeeded(ctx: CommandContext): Promise<boolean> {
  return (await ctx.store.countMembers()) === 0;
}

/** Creates the first collective and its coordinator; 409 setup_done once anyone exists. */
export async function runSetup(ctx: CommandContext, input: unknown): Promise<SetupResponse> {
  // Cheap early answer; the store re-checks inside its transaction, which is what counts.
  if (!(await setupNeeded(ctx))) throw conflict(ErrorId.SETUP_DONE, 'Trame is already set up.');
  const body = parse(SetupRequest, input);
  const at = ctx.now().toISOString();
  const workspace = { id: newId(), name: body.workspaceName, createdAt: at };
  const member: MemberRow = { id: newId(), email: body.email, name: body.name, passwordHash: await hashPassword(body.password), createdAt: at };
  if (!(await ctx.store.setup(workspace, member))) throw conflict(ErrorId.SETUP_DONE, 'Trame is already set up.');
  return { workspaceId: workspace.id, memberId: member.id };
}

// Verified against when the email is unknown, so that response time does not reveal which emails exist.
let decoyHash: Promise<string> | null = null;

/** Checks email and password; returns the member or throws 401 invalid_credentials. */
export async function signIn(ctx: CommandContext, input: unknown): Promise<MemberRow> {
  const body = parse(SignInRequest, input);
  const member = await ctx.store.getMemberByEmail(body.email);
  decoyHash ??= hashPassword('decoy password that never matches');
  const ok = await verifyPassword(body.password, member?.passwordHash ?? (await decoyHash));
  if (!member || !ok) throw new AppError(401, ErrorId.INVALID_CREDENTIALS, 'Email or password is incorrect.');
  return member;
}

/** The signed-in member and their collectives. */
export async function profile(ctx: CommandContext, member: MemberRow): Promise<MeResponse> {
  const workspaces = await ctx.store.listWorkspacesOf(member.id);
  return {
    member: { ...summarize(member), email: member.email },
    workspaces: workspaces.map(({ workspace, role }) => ({ id: workspace.id, name: workspace.name, role })),
  };
}

/** Signs a member out everywhere: every session of theirs ends, and their open sockets close. */
export async function signOutEverywhere(ctx: CommandContext, member: MemberRow): Promise<void> {
  await ctx.store.deleteSessionsOf(member.id);
  ctx.events.publish('sessions.revoked', { memberId: member.id });
}
