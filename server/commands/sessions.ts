/**
 * Live sessions started from a document: who was invited (told through their inbox and, if they
 * have the document open, its meta room), who took part and when (intervals recorded from
 * presence by server/collab/attendance.ts), how many changes each made, and the comments written
 * meanwhile — the recap kept with the document.
 */
import { ErrorId, IdParam, StartSessionRequest, type SessionComment, type SessionListResponse, type SessionParticipant, type SessionView } from '../../shared/api';
import { canEndSession, canStartSession } from '../../shared/mentoring';
import type { Role } from '../../shared/permissions';
import { AppError, conflict, forbidden, notFound } from '../errors';
import { newId } from '../ids';
import type { LiveSessionRow, LiveSessionWithInvitations, PresenceIntervalRow } from '../store/attendanceStore';
import type { DocumentRow, MemberRow, ThreadWithComments } from '../store/Store';
import { accessTo, memberLookup, parse, requireDocument, type CommandContext, type MemberLookup } from './context';
import { excerpt } from './inbox';

/** What every view of one document's sessions shares. */
interface ViewContext {
  actor: MemberRow;
  role: Role;
  lookup: MemberLookup;
  threads: ThreadWithComments[];
}

/** Each participant once, in order of arrival, with their intervals cut to the session's end. */
async function participants(intervals: readonly PresenceIntervalRow[], session: LiveSessionRow, lookup: MemberLookup): Promise<SessionParticipant[]> {
  const byMember = new Map<string, { intervals: { from: string; to: string | null }[]; edits: number }>();
  for (const row of intervals) {
    const entry = byMember.get(row.memberId) ?? { intervals: [], edits: 0 };
    // The tracker closes the intervals just after the session ends: until then, the end is theirs.
    const to = session.endedAt === null ? row.leftAt : row.leftAt === null || row.leftAt > session.endedAt ? session.endedAt : row.leftAt;
    entry.intervals.push({ from: row.joinedAt, to });
    entry.edits += row.edits;
    byMember.set(row.memberId, entry);
  }
  return Promise.all([...byMember].map(async ([memberId, entry]) => ({ member: await lookup(memberId), ...entry })));
}

/** Comments written while the session was under way, oldest first. */
async function commentsDuring(threads: readonly ThreadWithComments[], session: LiveSessionRow, lookup: MemberLookup): Promise<SessionComment[]> {
  const during = threads
    .flatMap((t) => t.comments)
    .filter((c) => c.createdAt >= session.startedAt && (session.endedAt === null || c.createdAt <= session.endedAt))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  return Promise.all(
    during.map(async (c) => ({ threadId: c.threadId, commentId: c.id, author: await lookup(c.authorId), excerpt: excerpt(c.body), createdAt: c.createdAt })),
  );
}

async function sessionView(ctx: CommandContext, { session, invitations }: LiveSessionWithInvitations, view: ViewContext): Promise<SessionView> {
  const { lookup } = view;
  const invited = invitations.map((i) => i.memberId);
  return {
    id: session.id,
    documentId: session.documentId,
    startedBy: await lookup(session.startedBy),
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    endedBy: await lookup(session.endedBy),
    invited: await Promise.all(invited.map((id) => lookup(id))),
    participants: await participants(await ctx.store.listIntervals(session.documentId, session.id), session, lookup),
    comments: await commentsDuring(view.threads, session, lookup),
    canEnd: session.endedAt === null && canEndSession({ actorId: view.actor.id, actorRole: view.role, startedBy: session.startedBy, invited }),
  };
}

async function viewContext(ctx: CommandContext, actor: MemberRow, document: DocumentRow, role: Role): Promise<ViewContext> {
  return { actor, role, lookup: await memberLookup(ctx, document.workspaceId), threads: await ctx.store.listThreads(document.id) };
}

/** The session under way on a document, if any, and every session with its recap, newest first. */
export async function listSessions(ctx: CommandContext, actor: MemberRow, documentId: string): Promise<SessionListResponse> {
  const { document, role } = await requireDocument(ctx, actor, documentId);
  const view = await viewContext(ctx, actor, document, role);
  const sessions = await Promise.all((await ctx.store.listLiveSessions(document.id)).map((s) => sessionView(ctx, s, view)));
  return { active: sessions.find((s) => s.endedAt === null) ?? null, sessions };
}

/** Members a session may invite: distinct, not the starter, each able to read the document. */
async function checkInvitees(ctx: CommandContext, actor: MemberRow, document: DocumentRow, ids: readonly string[]): Promise<string[]> {
  const invitees = [...new Set(ids)].filter((id) => id !== actor.id);
  for (const id of invitees) {
    if ((await accessTo(ctx.store, id, document)).access === null) {
      throw new AppError(400, ErrorId.INVALID_INPUT, 'The request is not valid.', [{ path: 'invite', message: `${id} cannot read this document` }]);
    }
  }
  return invitees;
}

/** Starts a live session on a document and invites members to it; 409 session_active if one is under way. */
export async function startSession(ctx: CommandContext, actor: MemberRow, documentId: string, input: unknown): Promise<SessionView> {
  const { invite } = parse(StartSessionRequest, input);
  const { document, role, access } = await requireDocument(ctx, actor, documentId);
  if (!canStartSession(access) || document.archived) throw forbidden('You cannot start a session on this document.');
  const invitees = await checkInvitees(ctx, actor, document, invite);
  const at = ctx.now().toISOString();
  const session: LiveSessionRow = { id: newId(), documentId: document.id, startedBy: actor.id, startedAt: at, endedAt: null, endedBy: null };
  const invitations = invitees.map((memberId) => ({ id: newId(), sessionId: session.id, memberId, createdAt: at, readAt: null }));
  if (!(await ctx.store.createLiveSession(session, invitations))) throw conflict(ErrorId.SESSION_ACTIVE, 'A session is already under way on this document.');
  ctx.events.publish('session.started', { documentId: document.id, sessionId: session.id, at });
  for (const memberId of invitees) ctx.events.publish('inbox.changed', { memberId });
  return sessionView(ctx, { session, invitations }, await viewContext(ctx, actor, document, role));
}

/** Ends a session under way (its starter, an invitee or a coordinator); one already ended stays as it was. */
export async function endSession(ctx: CommandContext, actor: MemberRow, sessionId: string): Promise<SessionView> {
  parse(IdParam, sessionId);
  const found = await ctx.store.getLiveSession(sessionId);
  if (!found) throw notFound('Session');
  const { document, role } = await requireDocument(ctx, actor, found.session.documentId, 'Session');
  const invited = found.invitations.map((i) => i.memberId);
  if (!canEndSession({ actorId: actor.id, actorRole: role, startedBy: found.session.startedBy, invited })) throw forbidden('You cannot end this session.');
  const at = ctx.now().toISOString();
  if (await ctx.store.endLiveSession(sessionId, actor.id, at)) ctx.events.publish('session.ended', { documentId: document.id, sessionId, at });
  const ended = (await ctx.store.getLiveSession(sessionId)) ?? found;
  return sessionView(ctx, ended, await viewContext(ctx, actor, document, role));
}
