/**
 * Attendance, mentoring, visits and live sessions in SQLite (tables of migration 3): their
 * statements and the AttendanceStore methods SqliteStore delegates to. Lists break ties between
 * equal timestamps by rowid, i.e. by insertion order.
 */
import type Database from 'better-sqlite3';
import type { AttendanceStore, LiveSessionRow, LiveSessionWithInvitations, MentorshipRow, PresenceIntervalRow, SessionInvitationRow } from './attendanceStore';
import type { Timestamp } from './Store';

const INTERVAL = `id, document_id AS documentId, session_id AS sessionId, member_id AS memberId, joined_at AS joinedAt,
  left_at AS leftAt, last_seen_at AS lastSeenAt, edits`;
const SESSION = `s.id, s.document_id AS documentId, s.started_by AS startedBy, s.started_at AS startedAt, s.ended_at AS endedAt, s.ended_by AS endedBy`;
const INVITATION = `i.id, i.session_id AS sessionId, i.member_id AS memberId, i.created_at AS createdAt, i.read_at AS readAt`;

type IntervalParams = [string, string, string | null, string, string, string | null, string, number];
type SessionParams = [string, string, string, string, string | null, string | null];

function prepareAttendanceStatements(db: Database.Database) {
  return {
    insertInterval: db.prepare<IntervalParams>(
      `INSERT INTO presence_intervals (id, document_id, session_id, member_id, joined_at, left_at, last_seen_at, edits) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    saveInterval: db.prepare<[string, number, string | null, string]>(`UPDATE presence_intervals SET last_seen_at = ?, edits = ?, left_at = ? WHERE id = ?`),
    meetingIntervals: db.prepare<[string], PresenceIntervalRow>(
      `SELECT ${INTERVAL} FROM presence_intervals WHERE document_id = ? AND session_id IS NULL ORDER BY joined_at, rowid`,
    ),
    sessionIntervals: db.prepare<[string, string], PresenceIntervalRow>(
      `SELECT ${INTERVAL} FROM presence_intervals WHERE document_id = ? AND session_id = ? ORDER BY joined_at, rowid`,
    ),
    closeAbandoned: db.prepare(`UPDATE presence_intervals SET left_at = last_seen_at WHERE left_at IS NULL`),
    upsertMentorship: db.prepare<[string, string, string, string, string]>(
      `INSERT INTO mentorships (workspace_id, newcomer_id, mentor_id, assigned_by, since) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (workspace_id, newcomer_id) DO UPDATE SET mentor_id = excluded.mentor_id, assigned_by = excluded.assigned_by, since = excluded.since`,
    ),
    deleteMentorship: db.prepare<[string, string]>(`DELETE FROM mentorships WHERE workspace_id = ? AND newcomer_id = ?`),
    listMentorships: db.prepare<[string], MentorshipRow>(
      `SELECT workspace_id AS workspaceId, newcomer_id AS newcomerId, mentor_id AS mentorId, assigned_by AS assignedBy, since
       FROM mentorships WHERE workspace_id = ? ORDER BY rowid`,
    ),
    recordVisit: db.prepare<[string, string, string]>(
      `INSERT INTO document_visits (document_id, member_id, last_seen_at) VALUES (?, ?, ?)
       ON CONFLICT (member_id, document_id) DO UPDATE SET last_seen_at = max(last_seen_at, excluded.last_seen_at)`,
    ),
    listVisits: db.prepare<[string], { documentId: string; at: string }>(
      `SELECT document_id AS documentId, last_seen_at AS at FROM document_visits WHERE member_id = ?`,
    ),
    insertSession: db.prepare<SessionParams>(
      `INSERT INTO live_sessions (id, document_id, started_by, started_at, ended_at, ended_by) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    activeSessions: db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM live_sessions WHERE document_id = ? AND ended_at IS NULL`),
    insertInvitation: db.prepare<[string, string, string, string, string | null]>(
      `INSERT INTO session_invitations (id, session_id, member_id, created_at, read_at) VALUES (?, ?, ?, ?, ?)`,
    ),
    getSession: db.prepare<[string], LiveSessionRow>(`SELECT ${SESSION} FROM live_sessions s WHERE s.id = ?`),
    sessionsOf: db.prepare<[string], LiveSessionRow>(`SELECT ${SESSION} FROM live_sessions s WHERE s.document_id = ? ORDER BY s.started_at DESC, s.rowid DESC`),
    invitationsOfSession: db.prepare<[string], SessionInvitationRow>(`SELECT ${INVITATION} FROM session_invitations i WHERE i.session_id = ? ORDER BY i.rowid`),
    invitationsOfDocument: db.prepare<[string], SessionInvitationRow>(
      `SELECT ${INVITATION} FROM session_invitations i JOIN live_sessions s ON s.id = i.session_id WHERE s.document_id = ? ORDER BY i.rowid`,
    ),
    endSession: db.prepare<[string, string, string]>(`UPDATE live_sessions SET ended_at = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL`),
    invitationsOf: db.prepare<[string, number], SessionInvitationRow>(
      `SELECT ${INVITATION} FROM session_invitations i WHERE i.member_id = ? ORDER BY i.created_at DESC, i.rowid DESC LIMIT ?`,
    ),
    countUnread: db.prepare<[string], { documentId: string; n: number }>(
      `SELECT s.document_id AS documentId, count(*) AS n FROM session_invitations i JOIN live_sessions s ON s.id = i.session_id
       WHERE i.member_id = ? AND i.read_at IS NULL GROUP BY s.document_id`,
    ),
    markAllRead: db.prepare<[string, string]>(`UPDATE session_invitations SET read_at = ? WHERE member_id = ? AND read_at IS NULL`),
    markSomeRead: db.prepare<[string, string, string]>(
      `UPDATE session_invitations SET read_at = ? WHERE member_id = ? AND read_at IS NULL AND id IN (SELECT value FROM json_each(?))`,
    ),
  };
}

/** The AttendanceStore methods over one SQLite connection. */
export class SqliteAttendance implements AttendanceStore {
  private readonly q: ReturnType<typeof prepareAttendanceStatements>;
  private readonly tx: ReturnType<SqliteAttendance['transactions']>;

  constructor(private readonly db: Database.Database) {
    this.q = prepareAttendanceStatements(db);
    this.tx = this.transactions();
  }

  private transactions() {
    const db = this.db;
    return {
      // The check and the insert in one IMMEDIATE transaction; the partial unique index backs it.
      createLiveSession: db.transaction((s: LiveSessionRow, invitations: readonly SessionInvitationRow[]): boolean => {
        if (s.endedAt === null && this.q.activeSessions.get(s.documentId)!.n > 0) return false;
        this.q.insertSession.run(s.id, s.documentId, s.startedBy, s.startedAt, s.endedAt, s.endedBy);
        for (const i of invitations) this.q.insertInvitation.run(i.id, i.sessionId, i.memberId, i.createdAt, i.readAt);
        return true;
      }),
      listLiveSessions: db.transaction((documentId: string) => ({
        sessions: this.q.sessionsOf.all(documentId),
        invitations: this.q.invitationsOfDocument.all(documentId),
      })),
    };
  }

  async openInterval(i: PresenceIntervalRow): Promise<void> {
    this.q.insertInterval.run(i.id, i.documentId, i.sessionId, i.memberId, i.joinedAt, i.leftAt, i.lastSeenAt, i.edits);
  }

  async saveInterval(id: string, state: { lastSeenAt: Timestamp; edits: number; leftAt: Timestamp | null }): Promise<boolean> {
    return this.q.saveInterval.run(state.lastSeenAt, state.edits, state.leftAt, id).changes > 0;
  }

  async listIntervals(documentId: string, sessionId: string | null): Promise<PresenceIntervalRow[]> {
    return sessionId === null ? this.q.meetingIntervals.all(documentId) : this.q.sessionIntervals.all(documentId, sessionId);
  }

  async closeAbandonedIntervals(): Promise<number> {
    return this.q.closeAbandoned.run().changes;
  }

  async setMentorship(workspaceId: string, newcomerId: string, mentor: { mentorId: string; assignedBy: string; since: Timestamp } | null): Promise<void> {
    if (mentor === null) this.q.deleteMentorship.run(workspaceId, newcomerId);
    else this.q.upsertMentorship.run(workspaceId, newcomerId, mentor.mentorId, mentor.assignedBy, mentor.since);
  }

  async listMentorships(workspaceId: string): Promise<MentorshipRow[]> {
    return this.q.listMentorships.all(workspaceId);
  }

  async recordVisit(documentId: string, memberId: string, at: Timestamp): Promise<void> {
    this.q.recordVisit.run(documentId, memberId, at);
  }

  async listVisits(memberId: string): Promise<Map<string, Timestamp>> {
    return new Map(this.q.listVisits.all(memberId).map((row) => [row.documentId, row.at]));
  }

  async createLiveSession(session: LiveSessionRow, invitations: readonly SessionInvitationRow[]): Promise<boolean> {
    return this.tx.createLiveSession.immediate(session, invitations);
  }

  async getLiveSession(id: string): Promise<LiveSessionWithInvitations | null> {
    const session = this.q.getSession.get(id);
    return session ? { session, invitations: this.q.invitationsOfSession.all(id) } : null;
  }

  async listLiveSessions(documentId: string): Promise<LiveSessionWithInvitations[]> {
    const { sessions, invitations } = this.tx.listLiveSessions(documentId);
    return sessions.map((session) => ({ session, invitations: invitations.filter((i) => i.sessionId === session.id) }));
  }

  async endLiveSession(id: string, by: string, at: Timestamp): Promise<boolean> {
    return this.q.endSession.run(at, by, id).changes > 0;
  }

  async listInvitations(memberId: string, limit: number): Promise<{ invitation: SessionInvitationRow; session: LiveSessionRow }[]> {
    return this.q.invitationsOf.all(memberId, Math.max(0, limit)).map((invitation) => ({ invitation, session: this.q.getSession.get(invitation.sessionId)! }));
  }

  async countUnreadInvitations(memberId: string): Promise<Map<string, number>> {
    return new Map(this.q.countUnread.all(memberId).map((row) => [row.documentId, row.n]));
  }

  async markInvitationsRead(memberId: string, ids: readonly string[] | null, at: Timestamp): Promise<number> {
    const result = ids === null ? this.q.markAllRead.run(at, memberId) : this.q.markSomeRead.run(at, memberId, JSON.stringify(ids));
    return result.changes;
  }
}
