/**
 * Opening Trame's SQLite file: connection settings, the schema as an ordered list of migrations,
 * and the code that brings a file up to date. A migration is never edited once released: a change
 * to the schema is a new entry.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DOCUMENT_KINDS, NOTIFICATION_KINDS } from '../../shared/api';
import { ACCESS_LEVELS, ROLES } from '../../shared/permissions';
import { DOCUMENT_STATUSES, REVIEW_DECISIONS } from '../../shared/review';
import { ACTIVITY_KINDS, VERSION_KINDS } from './versionTypes';

/** `'a', 'b', 'c'` for a CHECK (… IN (…)) clause; the values are our own constants, never input. */
const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/** The activity kinds migration 4 allowed, as released (ACTIVITY_KINDS has grown since: migration 7). */
const ISSUE_6_ACTIVITY_KINDS = ['status_changed', 'review_requested', 'approved', 'changes_requested', 'version_named', 'version_restored'] as const;

/** Migration n (1-based) is `MIGRATIONS[n - 1]`; `schema_version` records the last one applied. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE members (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
  );
  CREATE TABLE workspaces (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX workspaces_by_name ON workspaces (name);
  CREATE TABLE memberships (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    member_id    TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN (${sqlList(ROLES)})),
    joined_at    TEXT NOT NULL,
    PRIMARY KEY (workspace_id, member_id)
  );
  CREATE INDEX memberships_by_member ON memberships (member_id);
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    member_id  TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX sessions_by_member ON sessions (member_id);
  CREATE TABLE invites (
    token_hash   TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN (${sqlList(ROLES)})),
    created_by   TEXT NOT NULL REFERENCES members (id),
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    used_at      TEXT,
    used_by      TEXT REFERENCES members (id)
  );
  CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN (${sqlList(DOCUMENT_KINDS)})),
    archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at   TEXT NOT NULL,
    created_by   TEXT REFERENCES members (id),
    updated_at   TEXT NOT NULL,
    updated_by   TEXT REFERENCES members (id)
  );
  CREATE INDEX documents_by_workspace ON documents (workspace_id, updated_at DESC);
  CREATE TABLE grants (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    member_id   TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    access      TEXT NOT NULL CHECK (access IN (${sqlList(ACCESS_LEVELS)})),
    PRIMARY KEY (document_id, member_id)
  );
  CREATE INDEX grants_by_member ON grants (member_id);
  CREATE TABLE document_updates (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    data        BLOB NOT NULL,
    PRIMARY KEY (document_id, seq)
  );
  `,
  `
  CREATE TABLE comment_threads (
    id           TEXT PRIMARY KEY,
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    anchor_start TEXT NOT NULL,
    anchor_end   TEXT NOT NULL,
    quote        TEXT NOT NULL,
    created_by   TEXT NOT NULL REFERENCES members (id),
    created_at   TEXT NOT NULL,
    resolved_at  TEXT,
    resolved_by  TEXT REFERENCES members (id),
    CHECK ((resolved_at IS NULL) = (resolved_by IS NULL))
  );
  CREATE INDEX comment_threads_by_document ON comment_threads (document_id, created_at);
  CREATE TABLE comments (
    id         TEXT PRIMARY KEY,
    thread_id  TEXT NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
    author_id  TEXT NOT NULL REFERENCES members (id),
    body       TEXT NOT NULL,
    mentions   TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    edited_at  TEXT
  );
  CREATE INDEX comments_by_thread ON comments (thread_id, created_at);
  CREATE TABLE notifications (
    id          TEXT PRIMARY KEY,
    member_id   TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN (${sqlList(NOTIFICATION_KINDS)})),
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    thread_id   TEXT NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
    comment_id  TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    actor_id    TEXT NOT NULL REFERENCES members (id),
    created_at  TEXT NOT NULL,
    read_at     TEXT
  );
  CREATE INDEX notifications_by_member ON notifications (member_id, created_at DESC);
  CREATE INDEX notifications_unread ON notifications (member_id) WHERE read_at IS NULL;
  -- Deleting a comment or a thread cascades to its notifications: without these, each deletion scans them all.
  CREATE INDEX notifications_by_comment ON notifications (comment_id);
  CREATE INDEX notifications_by_thread ON notifications (thread_id);
  `,
  // 3 — issue 7: attendance and live-session participation, mentoring, visits, live sessions.
  // Session invitations have a table of their own rather than rows in notifications: that table's
  // kind CHECK and its NOT NULL thread and comment columns belong to released migration 2, and
  // changing them would mean rebuilding it. The inbox reads both tables.
  `
  CREATE TABLE mentorships (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    newcomer_id  TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    mentor_id    TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    assigned_by  TEXT NOT NULL REFERENCES members (id),
    since        TEXT NOT NULL,
    PRIMARY KEY (workspace_id, newcomer_id),
    CHECK (newcomer_id <> mentor_id)
  );
  CREATE INDEX mentorships_by_mentor ON mentorships (mentor_id);
  CREATE TABLE document_visits (
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    member_id    TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    last_seen_at TEXT NOT NULL,
    PRIMARY KEY (member_id, document_id)
  );
  CREATE TABLE live_sessions (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    started_by  TEXT NOT NULL REFERENCES members (id),
    started_at  TEXT NOT NULL,
    ended_at    TEXT,
    ended_by    TEXT REFERENCES members (id),
    CHECK ((ended_at IS NULL) = (ended_by IS NULL))
  );
  CREATE INDEX live_sessions_by_document ON live_sessions (document_id, started_at);
  -- At most one session under way per document.
  CREATE UNIQUE INDEX live_sessions_one_active ON live_sessions (document_id) WHERE ended_at IS NULL;
  CREATE TABLE session_invitations (
    id         TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
    member_id  TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    read_at    TEXT,
    UNIQUE (session_id, member_id)
  );
  CREATE INDEX session_invitations_by_member ON session_invitations (member_id, created_at DESC);
  -- A member's time in a document: meeting attendance (session_id NULL) or taking part in a live
  -- session. last_seen_at is the last activity written while open: a crash leaves left_at NULL,
  -- and the next start closes the interval at last_seen_at.
  CREATE TABLE presence_intervals (
    id           TEXT PRIMARY KEY,
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    session_id   TEXT REFERENCES live_sessions (id) ON DELETE CASCADE,
    member_id    TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    joined_at    TEXT NOT NULL,
    left_at      TEXT,
    last_seen_at TEXT NOT NULL,
    edits        INTEGER NOT NULL DEFAULT 0 CHECK (edits >= 0)
  );
  CREATE INDEX presence_intervals_by_document ON presence_intervals (document_id, session_id, joined_at);
  CREATE INDEX presence_intervals_by_session ON presence_intervals (session_id) WHERE session_id IS NOT NULL;
  CREATE INDEX presence_intervals_open ON presence_intervals (left_at) WHERE left_at IS NULL;
  `,
  // 4 — issue 6: versions (full state every 10th, deflated diffs between), statuses, review requests and decisions, activity.
  `
  CREATE TABLE document_versions (
    id           TEXT PRIMARY KEY,
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN (${sqlList(VERSION_KINDS)})),
    name         TEXT,
    created_at   TEXT NOT NULL,
    created_by   TEXT REFERENCES members (id),
    authors      TEXT NOT NULL DEFAULT '[]',
    content_hash TEXT NOT NULL,
    snapshot     INTEGER NOT NULL CHECK (snapshot IN (0, 1)),
    data         BLOB NOT NULL,
    UNIQUE (document_id, seq)
  );
  -- The first version of a document is always a full state: every chain starts at a snapshot.
  CREATE TRIGGER document_versions_first_is_snapshot BEFORE INSERT ON document_versions
    WHEN NEW.snapshot = 0 AND NOT EXISTS (SELECT 1 FROM document_versions WHERE document_id = NEW.document_id)
    BEGIN SELECT RAISE(ABORT, 'the first version of a document must be a snapshot'); END;
  CREATE TABLE document_status (
    document_id         TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    status              TEXT NOT NULL CHECK (status IN (${sqlList(DOCUMENT_STATUSES)})),
    amount_granted      REAL,
    refusal_reason      TEXT,
    effective_date      TEXT,
    adopted_version_id  TEXT REFERENCES document_versions (id),
    changed_at          TEXT NOT NULL,
    changed_by          TEXT NOT NULL REFERENCES members (id)
  );
  CREATE TABLE review_requests (
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    reviewer_id  TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    requested_by TEXT NOT NULL REFERENCES members (id),
    requested_at TEXT NOT NULL,
    PRIMARY KEY (document_id, reviewer_id)
  );
  CREATE INDEX review_requests_by_reviewer ON review_requests (reviewer_id);
  CREATE TABLE review_decisions (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    reviewer_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    decision    TEXT NOT NULL CHECK (decision IN (${sqlList(REVIEW_DECISIONS)})),
    message     TEXT,
    version_id  TEXT NOT NULL REFERENCES document_versions (id),
    created_at  TEXT NOT NULL
  );
  CREATE INDEX review_decisions_by_document ON review_decisions (document_id, created_at);
  CREATE TABLE document_activity (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN (${sqlList(ISSUE_6_ACTIVITY_KINDS)})),
    actor_id    TEXT NOT NULL REFERENCES members (id),
    at          TEXT NOT NULL,
    version_id  TEXT REFERENCES document_versions (id),
    details     TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX document_activity_by_document ON document_activity (document_id, at DESC);
  CREATE TABLE workspace_review_settings (
    workspace_id       TEXT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    approvals_required INTEGER NOT NULL CHECK (approvals_required >= 1)
  );
  `,
  // Every stored edit rewrites its document's updated_at: with updated_at in this index, each edit
  // also moved an index entry, one more page written per document per commit. A collective's list
  // (a few hundred rows) is sorted without it.
  `
  DROP INDEX documents_by_workspace;
  CREATE INDEX documents_by_workspace ON documents (workspace_id);
  `,
  // 6 — issue 12: coordinators list and revoke pending invitations, which needs an id (the token is
  // stored only as its hash, and a hash in a URL would be a second secret to guard). ALTER TABLE
  // cannot add a NOT NULL column without a default: existing rows get random ids here, and the
  // trigger refuses new rows without one. Expired sessions are purged by expiry: hence its index.
  `
  ALTER TABLE invites ADD COLUMN id TEXT;
  ALTER TABLE invites ADD COLUMN revoked_at TEXT;
  ALTER TABLE invites ADD COLUMN revoked_by TEXT REFERENCES members (id);
  UPDATE invites SET id = lower(hex(randomblob(12)));
  CREATE UNIQUE INDEX invites_by_id ON invites (id);
  CREATE INDEX invites_by_workspace ON invites (workspace_id, created_at);
  CREATE TRIGGER invites_id_required BEFORE INSERT ON invites
    WHEN NEW.id IS NULL
    BEGIN SELECT RAISE(ABORT, 'an invite needs an id'); END;
  CREATE INDEX sessions_by_expiry ON sessions (expires_at);
  `,
  // 7 — issue 13: archiving and restoring a document are written in its activity log. SQLite cannot
  // change a CHECK constraint: the table is copied into one that allows the new kinds (rowids kept,
  // since they order entries written in the same millisecond). Nothing references this table.
  `
  CREATE TABLE document_activity_7 (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN (${sqlList(ACTIVITY_KINDS)})),
    actor_id    TEXT NOT NULL REFERENCES members (id),
    at          TEXT NOT NULL,
    version_id  TEXT REFERENCES document_versions (id),
    details     TEXT NOT NULL DEFAULT '{}'
  );
  INSERT INTO document_activity_7 (rowid, id, document_id, kind, actor_id, at, version_id, details)
    SELECT rowid, id, document_id, kind, actor_id, at, version_id, details FROM document_activity;
  DROP TABLE document_activity;
  ALTER TABLE document_activity_7 RENAME TO document_activity;
  CREATE INDEX document_activity_by_document ON document_activity (document_id, at DESC);
  `,
  // 8 — issue 13: each document's language and whether French typography applies as one types.
  // Existing documents were all written in French, with no typography setting: 'fr' and on. The
  // languages are written out, not taken from DOCUMENT_LANGUAGES: a released migration never changes.
  `
  ALTER TABLE documents ADD COLUMN language TEXT NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en'));
  ALTER TABLE documents ADD COLUMN typography INTEGER NOT NULL DEFAULT 1 CHECK (typography IN (0, 1));
  `,
];

/** Thrown when a file cannot be used as Trame's database; the message names the file and why. */
export class StoreOpenError extends Error {
  readonly id = 'store_open';
}

/** The schema version recorded in the file, or 0 for a fresh (empty) database. */
function currentVersion(db: Database.Database, filePath: string): number {
  const hasVersionTable = db
    .prepare<[], { n: number }>(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'`)
    .get()!.n;
  if (hasVersionTable === 0) {
    const tables = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM sqlite_master`).get()!.n;
    // Another application's database: adding our tables to it would mix two programs' data.
    if (tables > 0) throw new StoreOpenError(`${filePath} is an SQLite database, but not Trame's (no schema_version table)`);
    return 0;
  }
  const row = db.prepare<[], { version: number | null }>(`SELECT max(version) AS version FROM schema_version`).get();
  return row?.version ?? 0;
}

/** Applies every migration the file has not seen yet, each in its own transaction. */
export function migrate(db: Database.Database, filePath: string): void {
  const from = currentVersion(db, filePath);
  if (from > MIGRATIONS.length) {
    // Running an older release against a newer file could silently misread or drop new columns.
    throw new StoreOpenError(`${filePath} has schema version ${from}; this release knows up to ${MIGRATIONS.length}`);
  }
  const apply = db.transaction((version: number, sql: string) => {
    if (version === 1) db.exec(`CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`);
    db.exec(sql);
    db.prepare(`INSERT INTO schema_version (version, applied_at) VALUES (?, ?)`).run(version, new Date().toISOString());
  });
  for (let version = from + 1; version <= MIGRATIONS.length; version++) {
    apply.immediate(version, MIGRATIONS[version - 1]!);
  }
}

/** Milliseconds a writer waits for another connection's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/** Connection settings; journal_mode is checked because some filesystems silently refuse WAL. */
function configure(db: Database.Database, filePath: string): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new StoreOpenError(`${filePath}: could not switch to WAL mode (got ${String(mode)})`);
  // FULL also syncs the WAL at every commit: an acknowledged update survives power loss, not only a crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

/**
 * Opens (or creates) the database at `filePath`, creating its directory, configures and migrates
 * it. Throws StoreOpenError if the file exists but is not a usable Trame database: SQLite only
 * notices a foreign file at its first read, so that read happens here rather than in a request.
 */
export function openDatabase(filePath: string): Database.Database {
  fs.mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true });
  const db = new Database(filePath);
  try {
    configure(db, filePath);
    migrate(db, filePath);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof StoreOpenError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new StoreOpenError(`cannot open ${filePath} as Trame's SQLite database: ${reason}`, { cause: err });
  }
}

/**
 * A database in memory with the same schema (tests and the benchmark's "trame-memory" twin): the
 * same code as the file, without the disk. Gone when closed.
 */
export function openMemoryDatabase(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, ':memory:');
  return db;
}
