/**
 * The persistence contract. Asynchronous from day one so that a PostgreSQL store is a second
 * implementation, not a rewrite. Every method is atomic on its own: a command that must change
 * several rows together calls one method that does it in one transaction.
 * Implementations: `SqliteStore` (default, one file) and `MemoryStore` (tests, benchmarks).
 * Both pass the suite in `contract.ts`.
 */
import type { DocumentKind } from '../../shared/api';
import type { Access, Role } from '../../shared/permissions';

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
  /** SHA-256 (hex) of the invite token. */
  tokenHash: string;
  workspaceId: string;
  role: Role;
  createdBy: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  usedAt: Timestamp | null;
  usedBy: string | null;
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

export interface Store {
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

  // ---- invites ----
  createInvite(invite: InviteRow): Promise<void>;
  getInvite(tokenHash: string): Promise<InviteRow | null>;
  /**
   * Uses an invite once, atomically: fails with 'invalid' if it is unknown, used or expired at `at`.
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
  /** Changes title and/or archived flag. Returns the updated row, or null if absent. */
  updateDocument(id: string, patch: { title?: string; archived?: boolean }): Promise<DocumentRow | null>;
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
   * Replaces every log entry with seq <= throughSeq by `mergedState` (which must contain them all),
   * in one transaction. Entries appended after throughSeq are kept.
   */
  compactBody(documentId: string, mergedState: Uint8Array, throughSeq: number): Promise<void>;
}
