/**
 * Mentoring: coordinators give each newcomer a mentor, members volunteer, a newcomer's documents
 * name their mentor, and a mentor's home lists their newcomers' documents with what changed since
 * they last had each one open (visits are recorded from presence, server/collab/attendance.ts).
 */
import { IdParam, SetMentorRequest, type DocumentMentorResponse, type MentoredDocument, type MentoringHomeResponse, type MentorshipView } from '../../shared/api';
import { canChangeMentor } from '../../shared/mentoring';
import { forbidden, notFound } from '../errors';
import type { MentorshipRow } from '../store/attendanceStore';
import type { DocumentRow, MemberRow } from '../store/Store';
import { accessTo, memberLookup, parse, requireDocument, requireMembership, type CommandContext } from './context';

/** Mentorships whose newcomer is still a newcomer of the collective and whose mentor is still in it. */
async function currentMentorships(ctx: CommandContext, workspaceId: string): Promise<MentorshipRow[]> {
  const roles = new Map((await ctx.store.listMemberships(workspaceId)).map((m) => [m.member.id, m.role]));
  return (await ctx.store.listMentorships(workspaceId)).filter((m) => roles.get(m.newcomerId) === 'newcomer' && roles.has(m.mentorId));
}

/** Every newcomer of a collective with a mentor (any member may see who mentors whom). */
export async function listMentorships(ctx: CommandContext, actor: MemberRow, workspaceId: string): Promise<MentorshipView[]> {
  await requireMembership(ctx, actor, workspaceId);
  const lookup = await memberLookup(ctx, workspaceId);
  return Promise.all(
    (await currentMentorships(ctx, workspaceId)).map(async (m) => ({ newcomer: await lookup(m.newcomerId), mentor: await lookup(m.mentorId), since: m.since })),
  );
}

/** Sets or removes a newcomer's mentor: coordinators for anyone, members only volunteering themselves. */
export async function setMentor(ctx: CommandContext, actor: MemberRow, workspaceId: string, newcomerId: string, input: unknown): Promise<void> {
  const { mentorId } = parse(SetMentorRequest, input);
  parse(IdParam, newcomerId);
  const actorRole = await requireMembership(ctx, actor, workspaceId);
  const newcomerRole = await ctx.store.getRole(workspaceId, newcomerId);
  if (newcomerRole === null) throw notFound('Member');
  const mentorRole = mentorId === null ? null : await ctx.store.getRole(workspaceId, mentorId);
  const current = (await ctx.store.listMentorships(workspaceId)).find((m) => m.newcomerId === newcomerId) ?? null;
  const facts = { actorId: actor.id, actorRole, newcomerId, newcomerRole, mentorId, mentorRole, currentMentorId: current?.mentorId ?? null };
  if (!canChangeMentor(facts)) throw forbidden('You cannot change this newcomer’s mentor.');
  const mentor = mentorId === null ? null : { mentorId, assignedBy: actor.id, since: ctx.now().toISOString() };
  await ctx.store.setMentorship(workspaceId, newcomerId, mentor);
  ctx.events.publish('mentorship.changed', { workspaceId, newcomerId });
}

/** The newcomer who created a document, and their mentor (nulls when its creator is no newcomer). */
export async function documentMentor(ctx: CommandContext, actor: MemberRow, documentId: string): Promise<DocumentMentorResponse> {
  const { document } = await requireDocument(ctx, actor, documentId);
  const creator = document.createdBy;
  if (creator === null || (await ctx.store.getRole(document.workspaceId, creator)) !== 'newcomer') return { newcomer: null, mentor: null };
  const lookup = await memberLookup(ctx, document.workspaceId);
  const mentorship = (await currentMentorships(ctx, document.workspaceId)).find((m) => m.newcomerId === creator);
  return { newcomer: await lookup(creator), mentor: mentorship ? await lookup(mentorship.mentorId) : null };
}

/**
 * The actor's newcomers and, for each, the documents they created or last edited that the actor
 * can read, with whether someone other than the actor changed them since the actor's last visit.
 */
export async function mentoringHome(ctx: CommandContext, actor: MemberRow, workspaceId: string): Promise<MentoringHomeResponse> {
  await requireMembership(ctx, actor, workspaceId);
  const mine = (await currentMentorships(ctx, workspaceId)).filter((m) => m.mentorId === actor.id);
  if (mine.length === 0) return { newcomers: [] };
  const lookup = await memberLookup(ctx, workspaceId);
  const visits = await ctx.store.listVisits(actor.id);
  const documents = (await ctx.store.listDocuments(workspaceId)).filter((d) => !d.archived);
  const readable: DocumentRow[] = [];
  for (const document of documents) {
    if ((await accessTo(ctx.store, actor.id, document)).access !== null) readable.push(document);
  }
  const toEntry = async (document: DocumentRow): Promise<MentoredDocument> => {
    const lastVisitedAt = visits.get(document.id) ?? null;
    const changed = document.updatedBy !== actor.id && (lastVisitedAt === null || document.updatedAt > lastVisitedAt);
    const { id, title, kind, updatedAt } = document;
    return { id, title, kind, updatedAt, updatedBy: await lookup(document.updatedBy), lastVisitedAt, changed };
  };
  const newcomers = mine.map(async (m) => ({
    newcomer: await lookup(m.newcomerId),
    since: m.since,
    documents: await Promise.all(readable.filter((d) => d.createdBy === m.newcomerId || d.updatedBy === m.newcomerId).map(toEntry)),
  }));
  return { newcomers: await Promise.all(newcomers) };
}
