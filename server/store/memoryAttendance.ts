/**
 * Attendance, mentoring, visits and live sessions of MemoryStore, in insertion-ordered Maps. Like
 * SQLite it refuses rows that reference missing ones, checks before the first write, and copies
 * rows in and out; equal timestamps keep insertion order, as SQLite's rowid does.
 */
import type { AttendanceStore, LiveSessionRow, LiveSessionWithInvitations, MentorshipRow, PresenceIntervalRow, SessionInvitationRow } from './attendanceStore';
import type { Timestamp } from './Store';

/** What these tables need to know about the rest of the store (their foreign keys). */
export interface AttendanceReferences {
  hasMember(id: string): boolean;
  hasDocument(id: string): boolean;
  hasWorkspace(id: string): boolean;
}

function ensure(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`MemoryStore: ${message}`);
}

const byTime = <T>(key: (row: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
/** Newest first, later insertions first among equal times (SQLite: `ORDER BY time DESC, rowid DESC`). */
const newestFirst = <T>(rows: T[], key: (row: T) => string): T[] => rows.reverse().sort((a, b) => byTime(key)(b, a));

/** The AttendanceStore part of the contract, over Maps. */
export class MemoryAttendance implements AttendanceStore {
  private readonly intervals = new Map<string, PresenceIntervalRow>();
  /** `${workspaceId} ${newcomerId}` → mentorship */
  private readonly mentorships = new Map<string, MentorshipRow>();
  /** `${memberId} ${documentId}` → last seen */
  private readonly visits = new Map<string, { documentId: string; memberId: string; at: Timestamp }>();
  private readonly sessions = new Map<string, LiveSessionRow>();
  private readonly invitations = new Map<string, SessionInvitationRow>();

  constructor(private readonly refs: AttendanceReferences) {}

  async openInterval(interval: PresenceIntervalRow): Promise<void> {
    ensure(!this.intervals.has(interval.id), `interval ${interval.id} exists`);
    ensure(this.refs.hasDocument(interval.documentId), `unknown document ${interval.documentId}`);
    ensure(this.refs.hasMember(interval.memberId), `unknown member ${interval.memberId}`);
    ensure(interval.sessionId === null || this.sessions.has(interval.sessionId), `unknown session ${interval.sessionId}`);
    this.intervals.set(interval.id, { ...interval });
  }

  async saveInterval(id: string, state: { lastSeenAt: Timestamp; edits: number; leftAt: Timestamp | null }): Promise<boolean> {
    const interval = this.intervals.get(id);
    if (!interval) return false;
    ensure(Number.isInteger(state.edits) && state.edits >= 0, 'edits must be a count');
    Object.assign(interval, state);
    return true;
  }

  async listIntervals(documentId: string, sessionId: string | null): Promise<PresenceIntervalRow[]> {
    return [...this.intervals.values()]
      .filter((i) => i.documentId === documentId && i.sessionId === sessionId)
      .sort(byTime((i) => i.joinedAt))
      .map((i) => ({ ...i }));
  }

  async closeAbandonedIntervals(): Promise<number> {
    let closed = 0;
    for (const interval of this.intervals.values()) {
      if (interval.leftAt !== null) continue;
      interval.leftAt = interval.lastSeenAt;
      closed++;
    }
    return closed;
  }

  async setMentorship(workspaceId: string, newcomerId: string, mentor: { mentorId: string; assignedBy: string; since: Timestamp } | null): Promise<void> {
    const key = `${workspaceId} ${newcomerId}`;
    if (mentor === null) {
      this.mentorships.delete(key);
      return;
    }
    ensure(this.refs.hasWorkspace(workspaceId), `unknown workspace ${workspaceId}`);
    for (const id of [newcomerId, mentor.mentorId, mentor.assignedBy]) ensure(this.refs.hasMember(id), `unknown member ${id}`);
    ensure(newcomerId !== mentor.mentorId, 'a newcomer cannot mentor themself');
    this.mentorships.set(key, { workspaceId, newcomerId, ...mentor });
  }

  async listMentorships(workspaceId: string): Promise<MentorshipRow[]> {
    return [...this.mentorships.values()].filter((m) => m.workspaceId === workspaceId).map((m) => ({ ...m }));
  }

  async recordVisit(documentId: string, memberId: string, at: Timestamp): Promise<void> {
    ensure(this.refs.hasDocument(documentId), `unknown document ${documentId}`);
    ensure(this.refs.hasMember(memberId), `unknown member ${memberId}`);
    const key = `${memberId} ${documentId}`;
    const previous = this.visits.get(key);
    if (!previous || previous.at < at) this.visits.set(key, { documentId, memberId, at });
  }

  async listVisits(memberId: string): Promise<Map<string, Timestamp>> {
    return new Map([...this.visits.values()].filter((v) => v.memberId === memberId).map((v) => [v.documentId, v.at]));
  }

  async createLiveSession(session: LiveSessionRow, invitations: readonly SessionInvitationRow[]): Promise<boolean> {
    ensure(!this.sessions.has(session.id), `session ${session.id} exists`);
    ensure(this.refs.hasDocument(session.documentId), `unknown document ${session.documentId}`);
    ensure(this.refs.hasMember(session.startedBy), `unknown member ${session.startedBy}`);
    const members = new Set<string>();
    for (const invitation of invitations) {
      ensure(invitation.sessionId === session.id, `invitation ${invitation.id} is for another session`);
      ensure(!this.invitations.has(invitation.id), `invitation ${invitation.id} exists`);
      ensure(this.refs.hasMember(invitation.memberId), `unknown member ${invitation.memberId}`);
      ensure(!members.has(invitation.memberId), `member ${invitation.memberId} invited twice`);
      members.add(invitation.memberId);
    }
    const underWay = [...this.sessions.values()].some((s) => s.documentId === session.documentId && s.endedAt === null);
    if (underWay && session.endedAt === null) return false;
    this.sessions.set(session.id, { ...session });
    for (const invitation of invitations) this.invitations.set(invitation.id, { ...invitation });
    return true;
  }

  async getLiveSession(id: string): Promise<LiveSessionWithInvitations | null> {
    const session = this.sessions.get(id);
    return session ? this.withInvitations(session) : null;
  }

  async listLiveSessions(documentId: string): Promise<LiveSessionWithInvitations[]> {
    const sessions = [...this.sessions.values()].filter((s) => s.documentId === documentId);
    return newestFirst(sessions, (s) => s.startedAt).map((s) => this.withInvitations(s));
  }

  async endLiveSession(id: string, by: string, at: Timestamp): Promise<boolean> {
    const session = this.sessions.get(id);
    if (!session || session.endedAt !== null) return false;
    ensure(this.refs.hasMember(by), `unknown member ${by}`);
    Object.assign(session, { endedAt: at, endedBy: by });
    return true;
  }

  async listInvitations(memberId: string, limit: number): Promise<{ invitation: SessionInvitationRow; session: LiveSessionRow }[]> {
    const mine = newestFirst([...this.invitations.values()].filter((i) => i.memberId === memberId), (i) => i.createdAt);
    return mine.slice(0, Math.max(0, limit)).map((invitation) => ({ invitation: { ...invitation }, session: { ...this.sessions.get(invitation.sessionId)! } }));
  }

  async countUnreadInvitations(memberId: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const invitation of this.invitations.values()) {
      if (invitation.memberId !== memberId || invitation.readAt !== null) continue;
      const documentId = this.sessions.get(invitation.sessionId)!.documentId;
      counts.set(documentId, (counts.get(documentId) ?? 0) + 1);
    }
    return counts;
  }

  async markInvitationsRead(memberId: string, ids: readonly string[] | null, at: Timestamp): Promise<number> {
    const wanted = ids === null ? null : new Set(ids);
    let changed = 0;
    for (const invitation of this.invitations.values()) {
      if (invitation.memberId !== memberId || invitation.readAt !== null || (wanted !== null && !wanted.has(invitation.id))) continue;
      invitation.readAt = at;
      changed++;
    }
    return changed;
  }

  private withInvitations(session: LiveSessionRow): LiveSessionWithInvitations {
    const invitations = [...this.invitations.values()].filter((i) => i.sessionId === session.id).map((i) => ({ ...i }));
    return { session: { ...session }, invitations };
  }
}
