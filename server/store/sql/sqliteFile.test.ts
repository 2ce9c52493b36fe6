/**
 * The store written over Kysely on an SQLite file: what only a file shows (moved from the tests of
 * the former hand-written SqliteStore): close and reopen, WAL mode, refusing files that are not
 * Trame's, and migrating files written by earlier schema versions.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at, documentRow, memberRow, replay, seedCollective, typedUpdates } from '../contractFixtures';
import { MIGRATIONS, StoreOpenError } from '../sqliteSchema';
import { openSqlStore } from './SqlStore';

/** A fresh directory per store, removed afterwards with everything SQLite put in it (-wal, -shm). */
async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'trame-sqlfile-'));
}

describe('SqlStore on an SQLite file', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await tempDir();
    file = path.join(dir, 'nested', 'trame.db');
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('keeps members, documents and bodies across close and reopen', async () => {
    const first = await openSqlStore({ engine: 'sqlite', file });
    const { workspace, coordinator } = await seedCollective(first);
    const doc = documentRow(workspace.id, { createdBy: coordinator.id });
    const { initialState, updates } = typedUpdates(['Rules ', 'of the garden']);
    await first.createDocument(doc, initialState);
    for (const update of updates) await first.appendUpdate(doc.id, update, coordinator.id, at(1));
    await first.close();

    const second = await openSqlStore({ engine: 'sqlite', file });
    try {
      expect(await second.getMemberByEmail(coordinator.email)).toEqual(coordinator);
      expect(await second.getRole(workspace.id, coordinator.id)).toBe('coordinator');
      expect(await second.getDocument(doc.id)).toEqual({ ...doc, updatedAt: at(1), updatedBy: coordinator.id });
      const body = (await second.loadBody(doc.id))!;
      expect(body.lastSeq).toBe(3);
      expect(replay(body.updates)).toBe('Rules of the garden');
    } finally {
      await second.close();
    }
  });

  it('uses WAL journaling, recorded in the file itself', async () => {
    const store = await openSqlStore({ engine: 'sqlite', file });
    await store.createMember(memberRow());
    // A second connection sees the file's journal mode; WAL persists in the database header.
    const peek = new Database(file, { readonly: true });
    try {
      expect(peek.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(peek.prepare('SELECT max(version) AS v FROM schema_version').get()).toEqual({ v: MIGRATIONS.length });
    } finally {
      peek.close();
      await store.close();
    }
  });

  it('refuses a file that is not an SQLite database and leaves it untouched', async () => {
    const store = await openSqlStore({ engine: 'sqlite', file });
    await store.createMember(memberRow());
    await store.close();
    const garbage = Buffer.from('These are the minutes of our meeting, not a database.\n'.repeat(100));
    await fs.writeFile(file, garbage);

    await expect(openSqlStore({ engine: 'sqlite', file })).rejects.toThrow(StoreOpenError);
    await expect(openSqlStore({ engine: 'sqlite', file })).rejects.toThrow(/trame\.db.*not a database/);
    expect(await fs.readFile(file)).toEqual(garbage);
  });

  it('refuses another application’s SQLite database', async () => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const foreign = new Database(file);
    foreign.exec('CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)');
    foreign.close();
    await expect(openSqlStore({ engine: 'sqlite', file })).rejects.toThrow(/not Trame's/);
  });

  it('refuses a file written by a newer schema version', async () => {
    await (await openSqlStore({ engine: 'sqlite', file })).close();
    const db = new Database(file);
    db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (99, ?)').run(at(0));
    db.close();
    await expect(openSqlStore({ engine: 'sqlite', file })).rejects.toThrow(/schema version 99/);
  });

  it('gives invitations made before migration 6 an id, so that they can be listed and revoked', async () => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const old = new Database(file);
    old.exec(`CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`);
    MIGRATIONS.slice(0, 5).forEach((sql, i) => {
      old.exec(sql);
      old.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(i + 1, at(0));
    });
    old.prepare(`INSERT INTO members (id, email, name, password_hash, created_at) VALUES ('mem_old_1', 'ada@example.org', 'Ada', 'x', ?)`).run(at(0));
    old.prepare(`INSERT INTO workspaces (id, name, created_at) VALUES ('ws_old_1', 'Atelier', ?)`).run(at(0));
    old.prepare(`INSERT INTO invites (token_hash, workspace_id, role, created_by, created_at, expires_at) VALUES ('hash_old', 'ws_old_1', 'member', 'mem_old_1', ?, ?)`).run(at(0), at(60));
    old.close();

    const store = await openSqlStore({ engine: 'sqlite', file });
    try {
      const [invite] = await store.listPendingInvites('ws_old_1', at(1));
      expect(invite).toMatchObject({ tokenHash: 'hash_old', revokedAt: null, revokedBy: null });
      expect(invite!.id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
      expect(await store.revokeInvite('ws_old_1', invite!.id, 'mem_old_1', at(2))).toBe(true);
      expect(await store.listPendingInvites('ws_old_1', at(3))).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('keeps the activity log, in its order, through migration 7, which lets it record archiving', async () => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const old = new Database(file);
    old.exec(`CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`);
    MIGRATIONS.slice(0, 6).forEach((sql, i) => {
      old.exec(sql);
      old.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(i + 1, at(0));
    });
    old.prepare(`INSERT INTO members (id, email, name, password_hash, created_at) VALUES ('mem_old_1', 'ada@example.org', 'Ada', 'x', ?)`).run(at(0));
    old.prepare(`INSERT INTO workspaces (id, name, created_at) VALUES ('ws_old_1', 'Atelier', ?)`).run(at(0));
    old
      .prepare(`INSERT INTO documents (id, workspace_id, title, kind, archived, created_at, created_by, updated_at, updated_by) VALUES ('doc_old_1', 'ws_old_1', 'Charte', 'charter', 0, ?, 'mem_old_1', ?, 'mem_old_1')`)
      .run(at(0), at(0));
    const insert = old.prepare(`INSERT INTO document_activity (id, document_id, kind, actor_id, at, details) VALUES (?, 'doc_old_1', ?, 'mem_old_1', ?, '{}')`);
    // Two entries in the same millisecond: their order is the rowid's.
    insert.run('act_1', 'status_changed', at(1));
    insert.run('act_2', 'review_requested', at(1));
    insert.run('act_3', 'version_named', at(2));
    expect(() => insert.run('act_4', 'document_archived', at(3))).toThrow(/CHECK/);
    old.close();

    const store = await openSqlStore({ engine: 'sqlite', file });
    try {
      expect((await store.listActivity('doc_old_1', 10)).map((a) => a.id)).toEqual(['act_3', 'act_2', 'act_1']);
      const entry = { id: 'act_5', documentId: 'doc_old_1', kind: 'document_archived' as const, actorId: 'mem_old_1', at: at(4), versionId: null, details: {} };
      expect(await store.setArchived('doc_old_1', true, entry)).toBe(true);
      expect((await store.listActivity('doc_old_1', 10)).map((a) => a.id)).toEqual(['act_5', 'act_3', 'act_2', 'act_1']);
    } finally {
      await store.close();
    }
  });

  it('rejects a role outside the four through its CHECK constraint', async () => {
    const store = await openSqlStore({ engine: 'sqlite', file });
    try {
      const { workspace } = await seedCollective(store);
      const bea = memberRow();
      await store.createMember(bea);
      const bogus = 'owner' as unknown as 'member';
      await expect(store.setMembership(workspace.id, bea.id, bogus, at(1))).rejects.toThrow(/CHECK/);
    } finally {
      await store.close();
    }
  });

  it('keeps documents made before migration 8 in French with typography on, and refuses another language', async () => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const old = new Database(file);
    old.exec(`CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`);
    MIGRATIONS.slice(0, 7).forEach((sql, i) => {
      old.exec(sql);
      old.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(i + 1, at(0));
    });
    old.prepare(`INSERT INTO workspaces (id, name, created_at) VALUES ('ws_old_8', 'Atelier', ?)`).run(at(0));
    old.prepare(`INSERT INTO documents (id, workspace_id, title, kind, archived, created_at, updated_at) VALUES ('doc_old_8', 'ws_old_8', 'Charte', 'charter', 0, ?, ?)`).run(at(0), at(0));
    old.close();

    const store = await openSqlStore({ engine: 'sqlite', file });
    try {
      expect(await store.getDocument('doc_old_8')).toMatchObject({ title: 'Charte', language: 'fr', typography: true });
      expect(await store.updateDocument('doc_old_8', { language: 'en', typography: false })).toMatchObject({ language: 'en', typography: false });
      const bogus = 'de' as unknown as 'en';
      await expect(store.updateDocument('doc_old_8', { language: bogus })).rejects.toThrow(/CHECK/);
      expect(await store.getDocument('doc_old_8')).toMatchObject({ language: 'en', typography: false });
    } finally {
      await store.close();
    }
  });
});
