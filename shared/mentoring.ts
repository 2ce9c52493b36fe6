/**
 * Who may mentor whom, and who may start and end live sessions: pure rules, enforced by the
 * server's commands and used by the client to show only the controls a member can use.
 */
import { canOnDocument, type Access, type Role } from './permissions';

/** Roles whose members may mentor a newcomer. */
export const MENTOR_ROLES: readonly Role[] = ['coordinator', 'member'];

/** Facts that decide whether an actor may set or remove a newcomer's mentor. */
export interface MentorChangeFacts {
  actorId: string;
  /** The actor's role in the collective (null: not a member). */
  actorRole: Role | null;
  newcomerId: string;
  /** The mentored person's role (null: not a member). */
  newcomerRole: Role | null;
  /** The mentor to set, or null to remove the current one. */
  mentorId: string | null;
  mentorRole: Role | null;
  /** The newcomer's mentor now, if any. */
  currentMentorId: string | null;
}

/**
 * Coordinators assign any coordinator or member as a newcomer's mentor, or remove one. A member
 * (or coordinator) may volunteer only themself, only for a newcomer who has no mentor yet, and
 * may stop mentoring. Newcomers and guests never assign. Only newcomers are mentored.
 */
export function canChangeMentor(f: MentorChangeFacts): boolean {
  if (f.actorRole === null || !MENTOR_ROLES.includes(f.actorRole)) return false;
  if (f.mentorId === null) return f.actorRole === 'coordinator' || (f.currentMentorId !== null && f.currentMentorId === f.actorId);
  if (f.newcomerRole !== 'newcomer' || f.mentorId === f.newcomerId) return false;
  if (f.mentorRole === null || !MENTOR_ROLES.includes(f.mentorRole)) return false;
  if (f.actorRole === 'coordinator') return true;
  return f.mentorId === f.actorId && (f.currentMentorId === null || f.currentMentorId === f.actorId);
}

/** Starting a live session from a document asks for at least the right to comment on it. */
export function canStartSession(access: Access | null): boolean {
  return canOnDocument(access, 'comment');
}

/** A session is ended by whoever started it, one of its invitees, or a coordinator. */
export function canEndSession(f: { actorId: string; actorRole: Role | null; startedBy: string; invited: readonly string[] }): boolean {
  if (f.actorRole === null) return false;
  return f.actorRole === 'coordinator' || f.actorId === f.startedBy || f.invited.includes(f.actorId);
}
