/** Chooses and opens the configured Store. */
import path from 'node:path';
import type { Config } from '../config';
import { SqliteStore } from './sqlite';
import type { Store } from './Store';

/** File name of the SQLite database inside the data directory. */
export const DATABASE_FILE = 'trame.db';

/**
 * Opens the store the configuration names: SQLite at `<dataDir>/trame.db` (created with its
 * directory if missing), or the same store in memory. Rejects with StoreOpenError on an unusable file.
 */
export async function openStore(config: Pick<Config, 'store' | 'dataDir'>): Promise<Store> {
  if (config.store === 'memory') return SqliteStore.openMemory();
  return SqliteStore.open(path.join(config.dataDir, DATABASE_FILE));
}
