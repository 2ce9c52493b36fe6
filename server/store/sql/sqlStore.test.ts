/**
 * The store written once over Kysely passes the Store contract on its three engines: an SQLite
 * file, SQLite in memory, and a real PostgreSQL server (the run's throw-away cluster; skipped with
 * a message when there is none, required in CI).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { createDatabase, dropDatabase } from '../../../tests/helpers/postgres';
import { storeContractSuite } from '../contract';
import { openSqlStore } from './SqlStore';

const postgresUrl = inject('postgresUrl');

storeContractSuite('SqlStore on an SQLite file', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'trame-sqlstore-'));
  const store = await openSqlStore({ engine: 'sqlite', file: path.join(dir, 'trame.db') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
});

storeContractSuite('SqlStore on SQLite in memory', async () => {
  const store = await openSqlStore({ engine: 'sqlite', memory: true });
  return { store, cleanup: () => store.close() };
});

if (postgresUrl) {
  // One database for the file, emptied after each test (creating one per test costs ~0.3 s each).
  let url: Promise<string> | null = null;
  storeContractSuite('SqlStore on PostgreSQL', async () => {
    url ??= createDatabase(postgresUrl);
    const store = await openSqlStore({ engine: 'postgres', url: await url });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await emptyDatabase(await url!);
      },
    };
  });
  afterAll(async () => {
    if (url) await dropDatabase(await url);
  });
}

/** Removes every row but the schema version's. */
async function emptyDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'schema_version'`,
    );
    await client.query(`TRUNCATE ${tables.rows.map((t) => `"${t.name}"`).join(', ')} RESTART IDENTITY CASCADE`);
  } finally {
    await client.end();
  }
}
