/**
 * The database's tables as Kysely sees them, in the code's camelCase (the CamelCasePlugin maps
 * `documentId` to the column `document_id`). One description for both engines: SQLite and
 * PostgreSQL store the same columns with the same meaning.
 *
 * - Timestamps are ISO-8601 text in UTC on both engines: they compare and sort as text, exactly
 *   as the code writes them, with no time-zone conversion on the way in or out.
 * - Booleans are integers 0/1 (SQLite has no boolean type; PostgreSQL keeps the same CHECK).
 * - Binary columns (Yjs updates, version data) are BLOB on SQLite and BYTEA on PostgreSQL; both
 *   drivers hand back a Buffer.
 * - JSON columns (mentions, authors, details) are text holding JSON, read and written by the code.
 */
import type { Generated } from 'kysely';

export interface MembersTable {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  createdAt: string;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  createdAt: string;
}

export interface MembershipsTable {
  workspaceId: string;
  memberId: string;
  role: string;
  joinedAt: string;
}

export interface SessionsTable {
  tokenHash: string;
  memberId: string;
  createdAt: string;
  expiresAt: string;
}

export interface InvitesTable {
  tokenHash: string;
  workspaceId: string;
  role: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedBy: string | null;
  /** Required by a trigger on both engines (SQLite could only add the column as nullable). */
  id: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

export interface DocumentsTable {
  id: string;
  workspaceId: string;
  title: string;
  kind: string;
  archived: Generated<number>;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
  language: Generated<string>;
  typography: Generated<number>;
}

export interface GrantsTable {
  documentId: string;
  memberId: string;
  access: string;
}

export interface DocumentUpdatesTable {
  documentId: string;
  seq: number;
  data: Uint8Array;
}

export interface CommentThreadsTable {
  id: string;
  documentId: string;
  anchorStart: string;
  anchorEnd: string;
  quote: string;
  createdBy: string;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export interface CommentsTable {
  id: string;
  threadId: string;
  authorId: string;
  body: string;
  /** JSON array of member ids. */
  mentions: Generated<string>;
  createdAt: string;
  editedAt: string | null;
}

export interface NotificationsTable {
  id: string;
  memberId: string;
  kind: string;
  documentId: string;
  threadId: string;
  commentId: string;
  actorId: string;
  createdAt: string;
  readAt: string | null;
}

export interface MentorshipsTable {
  workspaceId: string;
  newcomerId: string;
  mentorId: string;
  assignedBy: string;
  since: string;
}

export interface DocumentVisitsTable {
  documentId: string;
  memberId: string;
  lastSeenAt: string;
}

export interface LiveSessionsTable {
  id: string;
  documentId: string;
  startedBy: string;
  startedAt: string;
  endedAt: string | null;
  endedBy: string | null;
}

export interface SessionInvitationsTable {
  id: string;
  sessionId: string;
  memberId: string;
  createdAt: string;
  readAt: string | null;
}

export interface PresenceIntervalsTable {
  id: string;
  documentId: string;
  sessionId: string | null;
  memberId: string;
  joinedAt: string;
  leftAt: string | null;
  lastSeenAt: string;
  edits: Generated<number>;
}

export interface DocumentVersionsTable {
  id: string;
  documentId: string;
  seq: number;
  kind: string;
  name: string | null;
  createdAt: string;
  createdBy: string | null;
  /** JSON array of member ids. */
  authors: Generated<string>;
  contentHash: string;
  snapshot: number;
  data: Uint8Array;
}

export interface DocumentStatusTable {
  documentId: string;
  status: string;
  amountGranted: number | null;
  refusalReason: string | null;
  effectiveDate: string | null;
  adoptedVersionId: string | null;
  changedAt: string;
  changedBy: string;
}

export interface ReviewRequestsTable {
  documentId: string;
  reviewerId: string;
  requestedBy: string;
  requestedAt: string;
}

export interface ReviewDecisionsTable {
  id: string;
  documentId: string;
  reviewerId: string;
  decision: string;
  message: string | null;
  versionId: string;
  createdAt: string;
}

export interface DocumentActivityTable {
  id: string;
  documentId: string;
  kind: string;
  actorId: string;
  at: string;
  versionId: string | null;
  /** JSON object. */
  details: Generated<string>;
}

export interface WorkspaceReviewSettingsTable {
  workspaceId: string;
  approvalsRequired: number;
}

export interface SchemaVersionTable {
  version: number;
  appliedAt: string;
}

/** Every table, by its SQL name. */
export interface Tables {
  members: MembersTable;
  workspaces: WorkspacesTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  invites: InvitesTable;
  documents: DocumentsTable;
  grants: GrantsTable;
  documentUpdates: DocumentUpdatesTable;
  commentThreads: CommentThreadsTable;
  comments: CommentsTable;
  notifications: NotificationsTable;
  mentorships: MentorshipsTable;
  documentVisits: DocumentVisitsTable;
  liveSessions: LiveSessionsTable;
  sessionInvitations: SessionInvitationsTable;
  presenceIntervals: PresenceIntervalsTable;
  documentVersions: DocumentVersionsTable;
  documentStatus: DocumentStatusTable;
  reviewRequests: ReviewRequestsTable;
  reviewDecisions: ReviewDecisionsTable;
  documentActivity: DocumentActivityTable;
  workspaceReviewSettings: WorkspaceReviewSettingsTable;
  schemaVersion: SchemaVersionTable;
}

/**
 * The tables whose lists break ties between equal timestamps by insertion order: SQLite's implicit
 * `rowid`, PostgreSQL's `ord` identity column (see dialect.ts, `insertionOrder`).
 */
export const INSERTION_ORDERED = [
  'mentorships',
  'presence_intervals',
  'live_sessions',
  'session_invitations',
  'comment_threads',
  'comments',
  'notifications',
  'review_requests',
  'review_decisions',
  'document_activity',
] as const;
