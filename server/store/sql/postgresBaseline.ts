/**
 * A new PostgreSQL database starts here: the schema SQLite files reach with their migrations 1 to
 * 8 (sqliteSchema.ts), in one step, recorded as version 8. Those eight were released for SQLite
 * alone; every migration after them is written once and runs on both engines (migrations.ts).
 *
 * What PostgreSQL spells differently, and only that: BYTEA for BLOB, DOUBLE PRECISION for REAL,
 * triggers as PL/pgSQL functions, and an `ord` identity column on the tables whose lists break
 * ties between equal timestamps by insertion order (SQLite has its implicit rowid for that). Names
 * sort in the code, not by the database's collation (the two engines' collations differ).
 *
 * Like a released migration, this text never changes: the value lists are written out as they
 * were at version 8, not taken from the constants that may grow later.
 */

/** The schema version this baseline stands for. */
export const POSTGRES_BASELINE_VERSION = 8;

const ORD = 'ord BIGINT GENERATED ALWAYS AS IDENTITY';

export const POSTGRES_BASELINE = `
CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);

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
  role         TEXT NOT NULL CHECK (role IN ('coordinator', 'member', 'newcomer', 'guest')),
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
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE TABLE invites (
  token_hash   TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  role         TEXT NOT NULL CHECK (role IN ('coordinator', 'member', 'newcomer', 'guest')),
  created_by   TEXT NOT NULL REFERENCES members (id),
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  used_at      TEXT,
  used_by      TEXT REFERENCES members (id),
  id           TEXT NOT NULL,
  revoked_at   TEXT,
  revoked_by   TEXT REFERENCES members (id)
);
CREATE UNIQUE INDEX invites_by_id ON invites (id);
CREATE INDEX invites_by_workspace ON invites (workspace_id, created_at);

CREATE TABLE documents (
  id           TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  title        TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('proposal', 'charter', 'rules', 'procedure', 'meeting', 'note')),
  archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at   TEXT NOT NULL,
  created_by   TEXT REFERENCES members (id),
  updated_at   TEXT NOT NULL,
  updated_by   TEXT REFERENCES members (id),
  language     TEXT NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en')),
  typography   INTEGER NOT NULL DEFAULT 1 CHECK (typography IN (0, 1))
);
CREATE INDEX documents_by_workspace ON documents (workspace_id);
CREATE TABLE grants (
  document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  member_id   TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  access      TEXT NOT NULL CHECK (access IN ('edit', 'suggest', 'comment', 'view')),
  PRIMARY KEY (document_id, member_id)
);
CREATE INDEX grants_by_member ON grants (member_id);
CREATE TABLE document_updates (
  document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  data        BYTEA NOT NULL,
  PRIMARY KEY (document_id, seq)
);

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
  ${ORD},
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
  edited_at  TEXT,
  ${ORD}
);
CREATE INDEX comments_by_thread ON comments (thread_id, created_at);
CREATE TABLE notifications (
  id          TEXT PRIMARY KEY,
  member_id   TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('mention', 'reply', 'thread')),
  document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  thread_id   TEXT NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
  comment_id  TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  actor_id    TEXT NOT NULL REFERENCES members (id),
  created_at  TEXT NOT NULL,
  read_at     TEXT,
  ${ORD}
);
CREATE INDEX notifications_by_member ON notifications (member_id, created_at DESC);
CREATE INDEX notifications_unread ON notifications (member_id) WHERE read_at IS NULL;
CREATE INDEX notifications_by_comment ON notifications (comment_id);
CREATE INDEX notifications_by_thread ON notifications (thread_id);

CREATE TABLE mentorships (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  newcomer_id  TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  mentor_id    TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  assigned_by  TEXT NOT NULL REFERENCES members (id),
  since        TEXT NOT NULL,
  ${ORD},
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
  ${ORD},
  CHECK ((ended_at IS NULL) = (ended_by IS NULL))
);
CREATE INDEX live_sessions_by_document ON live_sessions (document_id, started_at);
CREATE UNIQUE INDEX live_sessions_one_active ON live_sessions (document_id) WHERE ended_at IS NULL;
CREATE TABLE session_invitations (
  id         TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
  member_id  TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  read_at    TEXT,
  ${ORD},
  UNIQUE (session_id, member_id)
);
CREATE INDEX session_invitations_by_member ON session_invitations (member_id, created_at DESC);
CREATE TABLE presence_intervals (
  id           TEXT PRIMARY KEY,
  document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  session_id   TEXT REFERENCES live_sessions (id) ON DELETE CASCADE,
  member_id    TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  joined_at    TEXT NOT NULL,
  left_at      TEXT,
  last_seen_at TEXT NOT NULL,
  edits        INTEGER NOT NULL DEFAULT 0 CHECK (edits >= 0),
  ${ORD}
);
CREATE INDEX presence_intervals_by_document ON presence_intervals (document_id, session_id, joined_at);
CREATE INDEX presence_intervals_by_session ON presence_intervals (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX presence_intervals_open ON presence_intervals (left_at) WHERE left_at IS NULL;

CREATE TABLE document_versions (
  id           TEXT PRIMARY KEY,
  document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  seq          INTEGER NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('auto', 'manual', 'status', 'review', 'restore')),
  name         TEXT,
  created_at   TEXT NOT NULL,
  created_by   TEXT REFERENCES members (id),
  authors      TEXT NOT NULL DEFAULT '[]',
  content_hash TEXT NOT NULL,
  snapshot     INTEGER NOT NULL CHECK (snapshot IN (0, 1)),
  data         BYTEA NOT NULL,
  UNIQUE (document_id, seq)
);
CREATE TABLE document_status (
  document_id        TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  status             TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'approved', 'submitted', 'accepted', 'refused', 'in_discussion', 'adopted')),
  amount_granted     DOUBLE PRECISION,
  refusal_reason     TEXT,
  effective_date     TEXT,
  adopted_version_id TEXT REFERENCES document_versions (id),
  changed_at         TEXT NOT NULL,
  changed_by         TEXT NOT NULL REFERENCES members (id)
);
CREATE TABLE review_requests (
  document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  reviewer_id  TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  requested_by TEXT NOT NULL REFERENCES members (id),
  requested_at TEXT NOT NULL,
  ${ORD},
  PRIMARY KEY (document_id, reviewer_id)
);
CREATE INDEX review_requests_by_reviewer ON review_requests (reviewer_id);
CREATE TABLE review_decisions (
  id          TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  reviewer_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  decision    TEXT NOT NULL CHECK (decision IN ('approve', 'changes')),
  message     TEXT,
  version_id  TEXT NOT NULL REFERENCES document_versions (id),
  created_at  TEXT NOT NULL,
  ${ORD}
);
CREATE INDEX review_decisions_by_document ON review_decisions (document_id, created_at);
CREATE TABLE document_activity (
  id          TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('status_changed', 'review_requested', 'approved', 'changes_requested', 'version_named', 'version_restored', 'document_archived', 'document_restored')),
  actor_id    TEXT NOT NULL REFERENCES members (id),
  at          TEXT NOT NULL,
  version_id  TEXT REFERENCES document_versions (id),
  details     TEXT NOT NULL DEFAULT '{}',
  ${ORD}
);
CREATE INDEX document_activity_by_document ON document_activity (document_id, at DESC);
CREATE TABLE workspace_review_settings (
  workspace_id       TEXT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  approvals_required INTEGER NOT NULL CHECK (approvals_required >= 1)
);

-- The first version of a document is always a full state: every chain starts at a snapshot.
CREATE FUNCTION document_versions_first_is_snapshot() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.snapshot = 0 AND NOT EXISTS (SELECT 1 FROM document_versions WHERE document_id = NEW.document_id) THEN
    RAISE EXCEPTION 'the first version of a document must be a snapshot';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER document_versions_first_is_snapshot BEFORE INSERT ON document_versions
  FOR EACH ROW EXECUTE FUNCTION document_versions_first_is_snapshot();
`;
