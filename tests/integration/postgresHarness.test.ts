/**
 * The PostgreSQL test harness itself: the cluster started by the global setup answers, and
 * `createDatabase` gives empty, separate databases in it. Skipped only when the global setup found
 * no PostgreSQL binaries and was allowed to skip (not in CI, not with TRAME_REQUIRE_POSTGRES=1).
 */
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase } from '../helpers/postgres';

const postgresUrl = inject('postgresUrl');

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

const tables = (client: pg.Client) =>
  client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name").then((r) => r.rows.map((row) => row.table_name));

it('provides a PostgreSQL URL whenever PostgreSQL is required', () => {
  if (process.env.TRAME_REQUIRE_POSTGRES === '1' || process.env.CI) expect(postgresUrl).toMatch(/^postgres:\/\//);
});

describe.skipIf(!postgresUrl)('PostgreSQL test harness', () => {
  const made: string[] = [];
  afterAll(async () => {
    for (const url of made) await dropDatabase(url);
  });

  it('connects to the run database as the cluster superuser', async () => {
    const url = new URL(postgresUrl);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname).toBe('/trame_test');
    const row = await withClient(postgresUrl, async (c) => (await c.query<{ db: string; usr: string; version: string }>('SELECT current_database() AS db, current_user AS usr, version() AS version')).rows[0]);
    expect(row).toMatchObject({ db: 'trame_test', usr: 'trame' });
    expect(row?.version).toMatch(/^PostgreSQL \d+/);
  });

  it('writes and reads a row in a fresh, empty database', async () => {
    const url = await createDatabase(postgresUrl);
    made.push(url);
    await withClient(url, async (c) => {
      expect(await tables(c)).toEqual([]);
      await c.query('CREATE TABLE notes (id integer PRIMARY KEY, body text NOT NULL, written_at timestamptz NOT NULL DEFAULT now())');
      await c.query('INSERT INTO notes (id, body) VALUES ($1, $2)', [1, 'Écrire ensemble — « en direct »']);
    });
    // A second connection sees the committed row.
    const rows = await withClient(url, async (c) => (await c.query<{ id: number; body: string }>('SELECT id, body FROM notes')).rows);
    expect(rows).toEqual([{ id: 1, body: 'Écrire ensemble — « en direct »' }]);
  });

  it('gives each caller its own database', async () => {
    const [a, b] = [await createDatabase(postgresUrl), await createDatabase(postgresUrl)];
    made.push(a, b);
    expect(a).not.toBe(b);
    await withClient(a, (c) => c.query('CREATE TABLE only_in_a (x integer)'));
    expect(await withClient(b, tables)).toEqual([]);
    expect(await withClient(a, tables)).toEqual(['only_in_a']);
  });

  it('refuses unsafe database names', async () => {
    await expect(createDatabase(postgresUrl, 'x"; DROP DATABASE trame_test; --')).rejects.toThrow(/unsafe database name/);
  });
});
