/**
 * Every SQL statement SqliteStore runs, prepared once per connection, and the mapping of the few
 * rows whose SQLite shape differs from the Store's (0/1 booleans, joined member columns).
 * Columns are aliased to the Store's camelCase names so most rows need no mapping at all.
 */
import type Database from 'better-sqlite3';
import type { DocumentLanguage } from '../../shared/api';
import type { Access, Role } from '../../shared/permissions';
import type { DocumentRow, GrantRow, InviteRow, MemberRow, MembershipRow, SessionRow, WorkspaceRow } from './Store';

/** A documents row as SQLite returns it: `archived` and `typography` are 0 or 1. */
export type DocumentRecord = Omit<DocumentRow, 'archived' | 'typography'> & { archived: number; typography: number };

/** A membership joined with its member, flattened. */
export type MembershipRecord = MemberRow & { workspaceId: string; role: Role; joinedAt: string };

const MEMBER = `id, email, name, password_hash AS passwordHash, created_at AS createdAt`;
const WORKSPACE = `id, name, created_at AS createdAt`;
const DOCUMENT = `id, workspace_id AS workspaceId, title, kind, archived, created_at AS createdAt,
  created_by AS createdBy, updated_at AS updatedAt, updated_by AS updatedBy, language, typography`;
const INVITE = `id, token_hash AS tokenHash, workspace_id AS workspaceId, role, created_by AS createdBy,
  created_at AS createdAt, expires_at AS expiresAt, used_at AS usedAt, used_by AS usedBy,
  revoked_at AS revokedAt, revoked_by AS revokedBy`;
/** An invitation that can still be used at the time given as the statement's `now` parameter. */
const PENDING = `used_at IS NULL AND revoked_at IS NULL AND expires_at > @now`;
// Names sort case-insensitively (ASCII) with the id breaking ties, so lists are stable.
const BY_NAME = `name COLLATE NOCASE, id`;

/** Prepares all statements on `db`; call once per connection. */
export function prepareStatements(db: Database.Database) {
  return {
    ...memberStatements(db),
    ...sessionAndInviteStatements(db),
    ...documentStatements(db),
  };
}

/** The prepared statements of one connection. */
export type Statements = ReturnType<typeof prepareStatements>;

function memberStatements(db: Database.Database) {
  return {
    countMembers: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM members`),
    insertMember: db.prepare<[string, string, string, string, string]>(
      `INSERT INTO members (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)`,
    ),
    getMember: db.prepare<[string], MemberRow>(`SELECT ${MEMBER} FROM members WHERE id = ?`),
    getMemberByEmail: db.prepare<[string], MemberRow>(`SELECT ${MEMBER} FROM members WHERE email = ?`),
    listMembers: db.prepare<[], MemberRow>(`SELECT ${MEMBER} FROM members ORDER BY ${BY_NAME}`),
    insertWorkspace: db.prepare<[string, string, string]>(`INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)`),
    getWorkspace: db.prepare<[string], WorkspaceRow>(`SELECT ${WORKSPACE} FROM workspaces WHERE id = ?`),
    // Names are not unique; the oldest collective of that name wins, deterministically.
    getWorkspaceByName: db.prepare<[string], WorkspaceRow>(
      `SELECT ${WORKSPACE} FROM workspaces WHERE name = ? ORDER BY created_at, id LIMIT 1`,
    ),
    listWorkspaces: db.prepare<[], WorkspaceRow>(`SELECT ${WORKSPACE} FROM workspaces ORDER BY ${BY_NAME}`),
    listWorkspacesOf: db.prepare<[string], WorkspaceRow & { role: Role }>(
      `SELECT w.id, w.name, w.created_at AS createdAt, ms.role FROM memberships ms
       JOIN workspaces w ON w.id = ms.workspace_id WHERE ms.member_id = ? ORDER BY w.name COLLATE NOCASE, w.id`,
    ),
    // A role change keeps the original joined_at: "member since" should not reset on promotion.
    upsertMembership: db.prepare<[string, string, Role, string]>(
      `INSERT INTO memberships (workspace_id, member_id, role, joined_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (workspace_id, member_id) DO UPDATE SET role = excluded.role`,
    ),
    getRole: db.prepare<[string, string], { role: Role }>(
      `SELECT role FROM memberships WHERE workspace_id = ? AND member_id = ?`,
    ),
    listMemberships: db.prepare<[string], MembershipRecord>(
      `SELECT m.id, m.email, m.name, m.password_hash AS passwordHash, m.created_at AS createdAt,
              ms.workspace_id AS workspaceId, ms.role, ms.joined_at AS joinedAt
       FROM memberships ms JOIN members m ON m.id = ms.member_id
       WHERE ms.workspace_id = ? ORDER BY m.name COLLATE NOCASE, m.id`,
    ),
    deleteMembership: db.prepare<[string, string]>(`DELETE FROM memberships WHERE workspace_id = ? AND member_id = ?`),
    deleteGrantsInWorkspace: db.prepare<[string, string]>(
      `DELETE FROM grants WHERE member_id = ? AND document_id IN (SELECT id FROM documents WHERE workspace_id = ?)`,
    ),
  };
}

function sessionAndInviteStatements(db: Database.Database) {
  return {
    insertSession: db.prepare<[string, string, string, string]>(
      `INSERT INTO sessions (token_hash, member_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
    ),
    // ISO-8601 UTC strings of one format sort like the instants they name, so text comparison is exact.
    getSession: db.prepare<[string, string], SessionRow>(
      `SELECT token_hash AS tokenHash, member_id AS memberId, created_at AS createdAt, expires_at AS expiresAt
       FROM sessions WHERE token_hash = ? AND expires_at > ?`,
    ),
    deleteSession: db.prepare<[string]>(`DELETE FROM sessions WHERE token_hash = ?`),
    deleteSessionsOf: db.prepare<[string]>(`DELETE FROM sessions WHERE member_id = ?`),
    deleteExpiredSessions: db.prepare<[string]>(`DELETE FROM sessions WHERE expires_at <= ?`),
    insertInvite: db.prepare<[InviteRow]>(
      `INSERT INTO invites (id, token_hash, workspace_id, role, created_by, created_at, expires_at, used_at, used_by, revoked_at, revoked_by)
       VALUES (@id, @tokenHash, @workspaceId, @role, @createdBy, @createdAt, @expiresAt, @usedAt, @usedBy, @revokedAt, @revokedBy)`,
    ),
    getInvite: db.prepare<[string], InviteRow>(`SELECT ${INVITE} FROM invites WHERE token_hash = ?`),
    listPendingInvites: db.prepare<[{ workspaceId: string; now: string }], InviteRow>(
      `SELECT ${INVITE} FROM invites WHERE workspace_id = @workspaceId AND ${PENDING} ORDER BY created_at, id`,
    ),
    revokeInvite: db.prepare<[{ workspaceId: string; id: string; by: string; now: string }]>(
      `UPDATE invites SET revoked_at = @now, revoked_by = @by WHERE workspace_id = @workspaceId AND id = @id AND ${PENDING}`,
    ),
    markInviteUsed: db.prepare<[string, string, string]>(
      `UPDATE invites SET used_at = ?, used_by = ? WHERE token_hash = ? AND used_at IS NULL`,
    ),
  };
}

function documentStatements(db: Database.Database) {
  return {
    insertDocument: db.prepare<[string, string, string, string, number, string, string | null, string, string | null, DocumentLanguage, number]>(
      `INSERT INTO documents (id, workspace_id, title, kind, archived, created_at, created_by, updated_at, updated_by, language, typography)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    getDocument: db.prepare<[string], DocumentRecord>(`SELECT ${DOCUMENT} FROM documents WHERE id = ?`),
    listDocuments: db.prepare<[string], DocumentRecord>(
      `SELECT ${DOCUMENT} FROM documents WHERE workspace_id = ? ORDER BY updated_at DESC, created_at DESC, id`,
    ),
    patchDocument: db.prepare<[string | null, number | null, DocumentLanguage | null, number | null, string]>(
      `UPDATE documents SET title = coalesce(?, title), archived = coalesce(?, archived), language = coalesce(?, language),
       typography = coalesce(?, typography) WHERE id = ?`,
    ),
    touchDocument: db.prepare<[string, string | null, string]>(
      `UPDATE documents SET updated_at = ?, updated_by = ? WHERE id = ?`,
    ),
    upsertGrant: db.prepare<[string, string, Access]>(
      `INSERT INTO grants (document_id, member_id, access) VALUES (?, ?, ?)
       ON CONFLICT (document_id, member_id) DO UPDATE SET access = excluded.access`,
    ),
    deleteGrant: db.prepare<[string, string]>(`DELETE FROM grants WHERE document_id = ? AND member_id = ?`),
    getGrant: db.prepare<[string, string], { access: Access }>(
      `SELECT access FROM grants WHERE document_id = ? AND member_id = ?`,
    ),
    listGrants: db.prepare<[string], GrantRow>(
      `SELECT document_id AS documentId, member_id AS memberId, access FROM grants WHERE document_id = ? ORDER BY member_id`,
    ),
    loadBody: db.prepare<[string], { seq: number; data: Buffer }>(
      `SELECT seq, data FROM document_updates WHERE document_id = ? ORDER BY seq`,
    ),
    lastSeq: db.prepare<[string], { seq: number }>(
      `SELECT coalesce(max(seq), 0) AS seq FROM document_updates WHERE document_id = ?`,
    ),
    insertUpdate: db.prepare<[string, number, Buffer]>(`INSERT INTO document_updates (document_id, seq, data) VALUES (?, ?, ?)`),
    /** Appends an update after the document's last one, returning its sequence number. */
    appendUpdate: db.prepare<[{ documentId: string; data: Buffer }], { seq: number }>(
      `INSERT INTO document_updates (document_id, seq, data)
       SELECT @documentId, coalesce(max(seq), 0) + 1, @data FROM document_updates WHERE document_id = @documentId RETURNING seq`,
    ),
    deleteUpdatesThrough: db.prepare<[string, number]>(`DELETE FROM document_updates WHERE document_id = ? AND seq <= ?`),
  };
}

/** Maps SQLite's 0/1 to the Store's booleans. */
export function toDocumentRow(record: DocumentRecord): DocumentRow {
  return { ...record, archived: record.archived === 1, typography: record.typography === 1 };
}

/** Splits a flattened membership record into the Store's nested shape. */
export function toMembershipRow(record: MembershipRecord): MembershipRow {
  const { workspaceId, role, joinedAt, ...member } = record;
  return { workspaceId, role, joinedAt, member };
}
