/**
 * The persistence contract. Asynchronous from day one so that a PostgreSQL store is a second
 * implementation, not a rewrite. Every method is atomic on its own: a command that must change
 * several rows together calls one method that does it in one transaction.
 * Implementation: the store written once over Kysely (`sql/SqlStore.ts`), on an SQLite file, SQLite
 * in memory (tests, benchmarks) or PostgreSQL; the suite in `contract.ts` runs on all three.
 */
import type { DocumentKind, DocumentLanguage, NotificationKind } from '../../shared/api';
import type { Access, Role } from '../../shared/permissions';
import type { AttendanceStore } from './attendanceStore';
import type { VersionStore } from './versionTypes';

/** Timestamps are ISO-8601 strings in UTC (`new Date().toISOString()`). */
export type Timestamp = string;

export interface MemberRow {
  id: string;
  /** Lower-cased, unique across the installation. */
  email: string;
  name: string;
  /** Encoded scrypt hash (see server/auth/passwords.ts); never leaves the server. */
  passwordHash: string;
  createdAt: Timestamp;
}

export interface WorkspaceRow {
  id: string;
  name: string;
  createdAt: Timestamp;
}

/** A member of a collective with their role in it. */
export interface MembershipRow {
  workspaceId: string;
  member: MemberRow;
  role: Role;
  joinedAt: Timestamp;
}

export interface SessionRow {
  /** SHA-256 (hex) of the cookie token; the token itself is never stored. */
  tokenHash: string;
  memberId: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
}

export interface InviteRow {
  /** Names the invitation in lists and revocations: the token itself is a secret, kept only hashed. */
  id: string;
  /** SHA-256 (hex) of the invite token. */
  tokenHash: string;
  workspaceId: string;
  role: Role;
  createdBy: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  usedAt: Timestamp | null;
  usedBy: string | null;
  /** Set when a coordinator withdrew the invitation before anyone used it. */
  revokedAt: Timestamp | null;
  revokedBy: string | null;
}

export interface DocumentRow {
  id: string;
  workspaceId: string;
  title: string;
  kind: DocumentKind;
  archived: boolean;
  createdAt: Timestamp;
  createdBy: string | null;
  updatedAt: Timestamp;
  updatedBy: string | null;
  /** The language the document is written in ('fr' for documents made before there was a choice). */
  language: DocumentLanguage;
  /** Whether French typography applies as one types (true unless turned off). */
  typography: boolean;
}

/** The changes `Store.updateDocument` accepts: only the fields named change. */
export interface DocumentPatch {
  title?: string;
  archived?: boolean;
  language?: DocumentLanguage;
  typography?: boolean;
}

export interface GrantRow {
  documentId: string;
  memberId: string;
  access: Access;
}

/** A document body as stored: the update log in order, and the sequence number of its last entry. */
export interface StoredBody {
  updates: Uint8Array[];
  lastSeq: number;
}

/** One update to append with `Store.appendUpdates`. */
export interface UpdateEntry {
  update: Uint8Array;
  memberId: string | null;
  at: Timestamp;
}

/** A comment thread anchored to a passage of a document body. */
export interface ThreadRow {
  id: string;
  documentId: string;
  /** Encoded Yjs relative positions (base64) of the passage's ends, and its text when commented. */
  anchorStart: string;
  anchorEnd: string;
  quote: string;
  createdBy: string;
  createdAt: Timestamp;
  resolvedAt: Timestamp | null;
  resolvedBy: string | null;
}

/** One comment of a thread; `body` is plain text. */
export interface CommentRow {
  id: string;
  threadId: string;
  authorId: string;
  body: string;
  /** Ids of the members mentioned in the body. */
  mentions: string[];
  createdAt: Timestamp;
  editedAt: Timestamp | null;
}

/** A thread with its comments, oldest first. */
export interface ThreadWithComments {
  thread: ThreadRow;
  comments: CommentRow[];
}

/**
 * Where a page of threads or comments starts: just after the row with this id and creation time,
 * in the list's order (oldest first, ties in insertion order). Should that row be gone, the page
 * starts at the first row created at that time or later: it may repeat a row, never skip one.
 */
export interface PageStart {
  createdAt: Timestamp;
  id: string;
}

/** An entry of a member's inbox, written with the comment that caused it. */
export interface NotificationRow {
  id: string;
  memberId: string;
  kind: NotificationKind;
  documentId: string;
  threadId: string;
  commentId: string;
  actorId: string;
  createdAt: Timestamp;
  readAt: Timestamp | null;
}

/** Outcome of accepting an invite. */
export type AcceptInviteResult =
  | { ok: true; memberId: string; workspaceId: string; role: Role }
  | { ok: false; reason: 'invalid' | 'email_taken' | 'already_member' };

/** Thrown by `createMember` and friends when a unique email is already used. */
export class EmailTakenError extends Error {
  readonly id = 'email_taken';
  constructor(email: string) {
    super(`email already registered: ${email}`);
  }
}

/** Attendance, mentoring, visits and live sessions: see attendanceStore.ts. */
export interface Store extends AttendanceStore, VersionStore {
  /** Flushes and closes; no method may be called afterwards. */
  close(): Promise<void>;

  // ---- members and collectives ----
  countMembers(): Promise<number>;
  /**
   * First-run setup: creates the collective, its coordinator and the membership, but only if no
   * member exists yet (checked in the same transaction). Returns false when someone already exists.
   */
  setup(workspace: WorkspaceRow, coordinator: MemberRow): Promise<boolean>;
  /** Throws EmailTakenError on a duplicate email. */
  createMember(member: MemberRow): Promise<void>;
  getMember(id: string): Promise<MemberRow | null>;
  getMemberByEmail(email: string): Promise<MemberRow | null>;
  listMembers(): Promise<MemberRow[]>;
  createWorkspace(workspace: WorkspaceRow): Promise<void>;
  getWorkspace(id: string): Promise<WorkspaceRow | null>;
  getWorkspaceByName(name: string): Promise<WorkspaceRow | null>;
  listWorkspaces(): Promise<WorkspaceRow[]>;
  /** Collectives a member belongs to, with their role in each, ordered by collective name. */
  listWorkspacesOf(memberId: string): Promise<{ workspace: WorkspaceRow; role: Role }[]>;
  /** Adds a member to a collective or changes their role there. */
  setMembership(workspaceId: string, memberId: string, role: Role, at: Timestamp): Promise<void>;
  getRole(workspaceId: string, memberId: string): Promise<Role | null>;
  /** Members of a collective, ordered by name. */
  listMemberships(workspaceId: string): Promise<MembershipRow[]>;
  /** Removes a member from a collective and their document grants there. Returns false if absent. */
  removeMembership(workspaceId: string, memberId: string): Promise<boolean>;

  // ---- sessions ----
  createSession(session: SessionRow): Promise<void>;
  /** The session if it exists and has not expired at `now`. */
  getSession(tokenHash: string, now: Timestamp): Promise<SessionRow | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteSessionsOf(memberId: string): Promise<void>;
  /** Deletes every session expired at `now` (expiresAt <= now); returns how many were deleted. */
  deleteExpiredSessions(now: Timestamp): Promise<number>;

  // ---- invites ----
  createInvite(invite: InviteRow): Promise<void>;
  getInvite(tokenHash: string): Promise<InviteRow | null>;
  /** A collective's invitations still pending at `now` (not used, revoked or expired), oldest first. */
  listPendingInvites(workspaceId: string, now: Timestamp): Promise<InviteRow[]>;
  /**
   * Revokes one of a collective's invitations if it is still pending at `at`; returns false when
   * there is no such pending invitation (unknown, another collective's, used, revoked or expired).
   */
  revokeInvite(workspaceId: string, inviteId: string, by: string, at: Timestamp): Promise<boolean>;
  /**
   * Uses an invite once, atomically: fails with 'invalid' if it is unknown, used, revoked or expired at `at`.
   * With `newMember`, creates that member (fails with 'email_taken' if the email exists); with
   * `existingMemberId`, adds that member (fails with 'already_member' if already in the collective).
   */
  acceptInvite(
    tokenHash: string,
    who: { newMember: MemberRow } | { existingMemberId: string },
    at: Timestamp,
  ): Promise<AcceptInviteResult>;

  // ---- documents ----
  /** Creates the document's row and its first stored body state in one transaction. */
  createDocument(document: DocumentRow, initialState: Uint8Array): Promise<void>;
  getDocument(id: string): Promise<DocumentRow | null>;
  /** Documents of a collective, most recently updated first. */
  listDocuments(workspaceId: string): Promise<DocumentRow[]>;
  /** Changes what the patch names (title, archived flag, language, typography). Returns the updated row, or null if absent. */
  updateDocument(id: string, patch: DocumentPatch): Promise<DocumentRow | null>;
  /** Sets (or with null removes) a member's access grant on a document. */
  setGrant(documentId: string, memberId: string, access: Access | null): Promise<void>;
  getGrant(documentId: string, memberId: string): Promise<Access | null>;
  listGrants(documentId: string): Promise<GrantRow[]>;

  // ---- document bodies (Yjs update log) ----
  /** The body's update log; null if the document has no stored body at all. */
  loadBody(documentId: string): Promise<StoredBody | null>;
  /**
   * Appends one Yjs update to the log and records who last edited and when, in one transaction.
   * Resolves only once the write is durable; returns the entry's sequence number.
   */
  appendUpdate(documentId: string, update: Uint8Array, memberId: string | null, at: Timestamp): Promise<number>;
  /**
   * Appends several updates of one document in order, all or none, and records the last entry's
   * member and time as the last edit. Resolves only once durable; returns their sequence numbers.
   * A store may commit concurrent calls together (group commit); each call stays atomic on its own.
   */
  appendUpdates(documentId: string, entries: readonly UpdateEntry[]): Promise<number[]>;
  /**
   * Like `appendUpdates`, in two stages, for stores that flush to disk after committing: `written`
   * once committed (later calls and reads see it), `durable` once on disk. Optional.
   */
  appendUpdatesStaged?(documentId: string, entries: readonly UpdateEntry[]): { written: Promise<number[]>; durable: Promise<number[]> };
  /**
   * Replaces every log entry with seq <= throughSeq by `mergedState` (which must contain them all),
   * in one transaction. Entries appended after throughSeq are kept.
   */
  compactBody(documentId: string, mergedState: Uint8Array, throughSeq: number): Promise<void>;

  // ---- comments and notifications ----
  /** Creates a thread with its first comment and the notifications it causes, in one transaction. */
  createThread(thread: ThreadRow, first: CommentRow, notifications: readonly NotificationRow[]): Promise<void>;
  /** Adds a reply and the notifications it causes, in one transaction. */
  addComment(comment: CommentRow, notifications: readonly NotificationRow[]): Promise<void>;
  getThread(id: string): Promise<ThreadRow | null>;
  getComment(id: string): Promise<CommentRow | null>;
  /** A document's threads, oldest first, each with its comments oldest first. */
  listThreads(documentId: string): Promise<ThreadWithComments[]>;
  /**
   * One page of a document's threads, oldest first: at most `limit`, from `after` (null: the first),
   * each with only its first `commentsPerThread` comments, oldest first. Read in one transaction.
   */
  listThreadPage(documentId: string, after: PageStart | null, limit: number, commentsPerThread: number): Promise<ThreadWithComments[]>;
  /** One page of a thread's comments, oldest first: at most `limit`, from `after` (null: the first). */
  listComments(threadId: string, after: PageStart | null, limit: number): Promise<CommentRow[]>;
  /** Changes a comment's text and mentions. Returns false if it does not exist. */
  updateComment(id: string, body: string, mentions: readonly string[], editedAt: Timestamp): Promise<boolean>;
  /**
   * Deletes a comment and its notifications; a thread left without comments is deleted with it.
   * Returns what was deleted (nothing if the comment did not exist).
   */
  deleteComment(id: string): Promise<{ deleted: boolean; threadDeleted: boolean }>;
  /** Resolves (with who and when) or reopens (null) a thread. Returns false if it does not exist. */
  setThreadResolved(id: string, resolved: { by: string; at: Timestamp } | null): Promise<boolean>;
  /** Number of unresolved threads per document of a collective (documents without any are absent). */
  countOpenThreads(workspaceId: string): Promise<Map<string, number>>;
  /** A member's latest notifications, newest first. */
  listNotifications(memberId: string, limit: number): Promise<NotificationRow[]>;
  /**
   * Number of a member's unread notifications per document (documents without any are absent):
   * the inbox counts only those of documents the member can still read.
   */
  countUnread(memberId: string): Promise<Map<string, number>>;
  /** Marks some (or, with null, all) of a member's notifications read; returns how many changed. */
  markRead(memberId: string, ids: readonly string[] | null, at: Timestamp): Promise<number>;
}

/** The comment and notification methods of a Store, which each backend keeps in a file of its own. */
export type CommentStore = Pick<
  Store,
  | 'createThread'
  | 'addComment'
  | 'getThread'
  | 'getComment'
  | 'listThreads'
  | 'listThreadPage'
  | 'listComments'
  | 'updateComment'
  | 'deleteComment'
  | 'setThreadResolved'
  | 'countOpenThreads'
  | 'listNotifications'
  | 'countUnread'
  | 'markRead'
>;
