/**
 * The database under the store on its three engines: an SQLite file, SQLite in memory and a real
 * PostgreSQL server (the run's throw-away cluster; skipped with a message when there is none, see
 * tests/helpers/postgresGlobalSetup.ts). Each opens at the same schema version with the same
 * tables, columns and rules (CHECKs, foreign keys, the first-version trigger), and a database that
 * is not Trame's is refused rather than written into.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase } from '../../../tests/helpers/postgres';
import { StoreOpenError } from '../sqliteSchema';
import { openSqlDatabase, redact, type DatabaseTarget, type SqlDatabase } from './connect';
import { LATEST_VERSION, schemaVersion } from './migrations';

const postgresUrl = inject('postgresUrl');

interface Engine {
  name: string;
  target: () => Promise<DatabaseTarget>;
}

let dir = '';
const made: string[] = [];
const ENGINES: Engine[] = [
  { name: 'SQLite file', target: async () => ({ engine: 'sqlite', file: path.join(dir, `trame-${made.push('f')}.db`) }) },
  { name: 'SQLite in memory', target: async () => ({ engine: 'sqlite', memory: true }) },
  ...(postgresUrl
    ? [{ name: 'PostgreSQL', target: async (): Promise<DatabaseTarget> => {
        const url = await createDatabase(postgresUrl);
        made.push(url);
        return { engine: 'postgres', url };
      } }]
    : []),
];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'trame-sql-'));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
  for (const url of made.filter((m) => m.startsWith('postgres'))) await dropDatabase(url);
});

/**
 * Tables and their columns (name and whether NULL is allowed), as the engine describes them. On
 * SQLite a TEXT PRIMARY KEY column is reported nullable (an old SQLite quirk) and invites.id is
 * required by a trigger rather than NOT NULL (SQLite could only add it as nullable): both count as
 * NOT NULL, as they are on PostgreSQL.
 */
async function shape(database: SqlDatabase): Promise<Record<string, string[]>> {
  const tables = await database.db.introspection.getTables();
  const required = (table: string, column: string): boolean => {
    if (!database.sqlite) return false;
    if (table === 'invites' && column === 'id') return true;
    const info = database.sqlite.prepare(`SELECT pk FROM pragma_table_info(?) WHERE name = ?`).get(table, column) as { pk: number } | undefined;
    return (info?.pk ?? 0) > 0;
  };
  return Object.fromEntries(
    tables
      .map((t) => [t.name, t.columns.filter((c) => c.name !== 'ord').map((c) => `${c.name}${c.isNullable && !required(t.name, c.name) ? '?' : ''}`).sort()] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

const now = '2026-12-03T10:00:00.000Z';

async function seed(database: SqlDatabase): Promise<void> {
  await database.db.insertInto('members').values({ id: 'm1', email: 'ada@example.org', name: 'Ada', passwordHash: 'x', createdAt: now }).execute();
  await database.db.insertInto('workspaces').values({ id: 'w1', name: 'Pôle', createdAt: now }).execute();
  await database.db
    .insertInto('documents')
    .values({ id: 'd1', workspaceId: 'w1', title: 'Charte', kind: 'charter', createdAt: now, createdBy: 'm1', updatedAt: now, updatedBy: 'm1' })
    .execute();
}

describe.each(ENGINES)('the store’s database on $name', (engine) => {
  let database: SqlDatabase;
  let sqliteShape: Record<string, string[]> | null = null;

  beforeAll(async () => {
    database = await openSqlDatabase(await engine.target());
    await seed(database);
    if (engine.name !== 'SQLite file') {
      const reference = await openSqlDatabase({ engine: 'sqlite', memory: true });
      sqliteShape = await shape(reference);
      await reference.close();
    }
  });

  afterAll(async () => {
    await database?.close();
  });

  it('opens at the latest schema version', async () => {
    expect(await schemaVersion(database.db)).toBe(LATEST_VERSION);
  });

  it('has the same tables and columns as the SQLite file', async () => {
    const mine = await shape(database);
    expect(Object.keys(mine)).toContain('documents');
    if (sqliteShape) expect(mine).toEqual(sqliteShape);
  });

  it('reads back what was written, with defaults, in camelCase', async () => {
    const doc = await database.db.selectFrom('documents').selectAll().where('id', '=', 'd1').executeTakeFirstOrThrow();
    expect(doc).toMatchObject({ workspaceId: 'w1', archived: 0, language: 'fr', typography: 1, updatedBy: 'm1' });
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await database.db.insertInto('documentUpdates').values({ documentId: 'd1', seq: 1, data: bytes }).execute();
    const row = await database.db.selectFrom('documentUpdates').select('data').executeTakeFirstOrThrow();
    expect(new Uint8Array(row.data)).toEqual(bytes);
    const count = await database.db.selectFrom('documentUpdates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  });

  it('enforces the same rules: CHECKs, foreign keys, one first version that is a snapshot', async () => {
    await expect(
      database.db.insertInto('documents').values({ id: 'd2', workspaceId: 'w1', title: 'X', kind: 'novel', createdAt: now, updatedAt: now, createdBy: null, updatedBy: null }).execute(),
    ).rejects.toThrow();
    await expect(database.db.insertInto('grants').values({ documentId: 'nope', memberId: 'm1', access: 'edit' }).execute()).rejects.toThrow();
    const version = { documentId: 'd1', kind: 'auto', createdAt: now, createdBy: 'm1', contentHash: 'h', data: new Uint8Array([1]) };
    await expect(database.db.insertInto('documentVersions').values({ ...version, id: 'v1', seq: 1, snapshot: 0 }).execute()).rejects.toThrow(/snapshot/);
    await database.db.insertInto('documentVersions').values({ ...version, id: 'v1', seq: 1, snapshot: 1 }).execute();
    await database.db.insertInto('documentVersions').values({ ...version, id: 'v2', seq: 2, snapshot: 0 }).execute();
    // Deleting a document takes its rows with it.
    await database.db.deleteFrom('documents').where('id', '=', 'd1').execute();
    expect(await database.db.selectFrom('documentVersions').selectAll().execute()).toEqual([]);
  });
});

describe.skipIf(!postgresUrl)('opening PostgreSQL databases', () => {
  it('migrates once when several processes open a new database at the same time', async () => {
    const url = await createDatabase(postgresUrl);
    made.push(url);
    const opened = await Promise.all([1, 2, 3].map(() => openSqlDatabase({ engine: 'postgres', url })));
    for (const database of opened) expect(await schemaVersion(database.db)).toBe(LATEST_VERSION);
    const versions = await sql<{ n: number }>`SELECT count(*)::int AS n FROM schema_version`.execute(opened[0]!.db);
    expect(versions.rows[0]!.n).toBe(1);
    await Promise.all(opened.map((d) => d.close()));
  });

  it('refuses a database that holds another application’s tables, and leaves it as it was', async () => {
    const url = await createDatabase(postgresUrl);
    made.push(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    await expect(openSqlDatabase({ engine: 'postgres', url })).rejects.toThrow(StoreOpenError);
    const tables = await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(tables.rows.map((r) => r.table_name)).toEqual(['invoices']);
    await client.end();
  });

  it('refuses a database from a newer release', async () => {
    const url = await createDatabase(postgresUrl);
    made.push(url);
    const database = await openSqlDatabase({ engine: 'postgres', url });
    await database.db.insertInto('schemaVersion').values({ version: LATEST_VERSION + 1, appliedAt: now }).execute();
    await database.close();
    await expect(openSqlDatabase({ engine: 'postgres', url })).rejects.toThrow(/knows up to/);
  });

  it('names the database without its password in errors', () => {
    expect(redact('postgres://trame:s3cret@db.example:5432/trame')).toBe('postgres://trame:***@db.example:5432/trame');
  });
});
