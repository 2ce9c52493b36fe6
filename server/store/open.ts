/** Chooses and opens the configured Store. */
import path from 'node:path';
import type { Config } from '../config';
import { SqliteStore } from './sqlite';
import type { Store } from './Store';
import { openSqlStore } from './sql/SqlStore';

/** File name of the SQLite database inside the data directory. */
export const DATABASE_FILE = 'trame.db';

/**
 * Opens the store the configuration names: PostgreSQL when DATABASE_URL is set, else SQLite at
 * `<dataDir>/trame.db` (created with its directory if missing), or the same store in memory.
 * Rejects with StoreOpenError on an unusable file or database.
 */
export async function openStore(config: Pick<Config, 'store' | 'dataDir' | 'databaseUrl'>): Promise<Store> {
  // PostgreSQL goes through the store written once over Kysely (issue #14). SQLite keeps its own
  // implementation until that store has SQLite's group-committed appends (same speed, measured).
  if (config.databaseUrl) return openSqlStore({ engine: 'postgres', url: config.databaseUrl });
  if (config.store === 'memory') return SqliteStore.openMemory();
  return SqliteStore.open(path.join(config.dataDir, DATABASE_FILE));
}
