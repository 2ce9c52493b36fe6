/**
 * The part of the Store contract for working together (issue 7): who was in a document and when
 * (meeting attendance and live-session participation), mentors of newcomers, each member's last
 * visit of each document, and live sessions with their invitations. Implemented in
 * attendance/attendance.ts; contractAttendance.ts is its contract suite.
 */
import type { Timestamp } from './Store';

/**
 * A member's stay in a document: meeting attendance when `sessionId` is null, otherwise their part
 * in that live session. `leftAt` is null while they are there; `lastSeenAt` is the last activity
 * written while open (a crash leaves the interval open: it is closed at `lastSeenAt` on restart).
 */
export interface PresenceIntervalRow {
  id: string;
  documentId: string;
  sessionId: string | null;
  memberId: string;
  joinedAt: Timestamp;
  leftAt: Timestamp | null;
  lastSeenAt: Timestamp;
  /** Batches of changes to the body the member made during the interval. */
  edits: number;
}

/** A newcomer's mentor in one collective. */
export interface MentorshipRow {
  workspaceId: string;
  newcomerId: string;
  mentorId: string;
  /** The coordinator who assigned the mentor, or the mentor who volunteered. */
  assignedBy: string;
  since: Timestamp;
}

/** A live working session started from a document; `endedAt` null while under way. */
export interface LiveSessionRow {
  id: string;
  documentId: string;
  startedBy: string;
  startedAt: Timestamp;
  endedAt: Timestamp | null;
  endedBy: string | null;
}

/** An invitation to a live session, shown in the invitee's inbox. */
export interface SessionInvitationRow {
  id: string;
  sessionId: string;
  memberId: string;
  createdAt: Timestamp;
  readAt: Timestamp | null;
}

/** A session with the members it invited. */
export interface LiveSessionWithInvitations {
  session: LiveSessionRow;
  invitations: SessionInvitationRow[];
}

/** The attendance, mentoring, visit and live-session methods of a Store. */
export interface AttendanceStore {
  /** Starts an interval (its `leftAt` must be null). */
  openInterval(interval: PresenceIntervalRow): Promise<void>;
  /** Writes an interval's progress, or closes it with `leftAt`. Returns false if it does not exist. */
  saveInterval(id: string, state: { lastSeenAt: Timestamp; edits: number; leftAt: Timestamp | null }): Promise<boolean>;
  /** A document's meeting attendance (`sessionId` null) or one session's intervals, by arrival. */
  listIntervals(documentId: string, sessionId: string | null): Promise<PresenceIntervalRow[]>;
  /** Closes every interval still open at its `lastSeenAt` (after a crash); returns how many. */
  closeAbandonedIntervals(): Promise<number>;

  /** Sets (or with null removes) a newcomer's mentor in a collective. */
  setMentorship(workspaceId: string, newcomerId: string, mentor: { mentorId: string; assignedBy: string; since: Timestamp } | null): Promise<void>;
  /** The mentorships of a collective. */
  listMentorships(workspaceId: string): Promise<MentorshipRow[]>;

  /** Records that a member had a document open at `at` (an earlier time never replaces a later one). */
  recordVisit(documentId: string, memberId: string, at: Timestamp): Promise<void>;
  /** When a member last had each document open (documents never opened are absent). */
  listVisits(memberId: string): Promise<Map<string, Timestamp>>;

  /**
   * Starts a live session with its invitations in one transaction, unless the document already
   * has one under way (then nothing is written and it returns false).
   */
  createLiveSession(session: LiveSessionRow, invitations: readonly SessionInvitationRow[]): Promise<boolean>;
  getLiveSession(id: string): Promise<LiveSessionWithInvitations | null>;
  /** A document's sessions, newest first. */
  listLiveSessions(documentId: string): Promise<LiveSessionWithInvitations[]>;
  /** Ends a session under way; false if it does not exist or has already ended. */
  endLiveSession(id: string, by: string, at: Timestamp): Promise<boolean>;
  /** A member's latest session invitations with their sessions, newest first. */
  listInvitations(memberId: string, limit: number): Promise<{ invitation: SessionInvitationRow; session: LiveSessionRow }[]>;
  /** A member's unread invitations per document (documents without any are absent). */
  countUnreadInvitations(memberId: string): Promise<Map<string, number>>;
  /** Marks some (or, with null, all) of a member's invitations read; returns how many changed. */
  markInvitationsRead(memberId: string, ids: readonly string[] | null, at: Timestamp): Promise<number>;
}
