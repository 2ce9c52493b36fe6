/** Chooses and opens the configured Store. */
import path from 'node:path';
import type { Config } from '../config';
import type { Store } from './Store';
import { openSqlStore } from './sql/SqlStore';

/** File name of the SQLite database inside the data directory. */
export const DATABASE_FILE = 'trame.db';

/**
 * Opens the store the configuration names, the one written over Kysely (issue #14): PostgreSQL
 * when DATABASE_URL is set, else SQLite at `<dataDir>/trame.db` (created with its directory if
 * missing), or the same store in memory. Rejects with StoreOpenError on an unusable file or database.
 */
export async function openStore(config: Pick<Config, 'store' | 'dataDir' | 'databaseUrl'>): Promise<Store> {
  if (config.databaseUrl) return openSqlStore({ engine: 'postgres', url: config.databaseUrl });
  if (config.store === 'memory') return openSqlStore({ engine: 'sqlite', memory: true });
  return openSqlStore({ engine: 'sqlite', file: path.join(config.dataDir, DATABASE_FILE) });
}
