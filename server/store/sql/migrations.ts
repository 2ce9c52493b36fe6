/**
 * Migrations after version 8, written once with Kysely and run on both engines. SQLite files reach
 * version 8 through their released SQL migrations (sqliteSchema.ts), new PostgreSQL databases
 * through the baseline (postgresBaseline.ts); from there both take the same steps. A migration is
 * never edited once released: a change to the schema is a new entry.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { SqlEngine } from './dialect';
import type { Tables } from './tables';

export interface Migration {
  /** The schema version it leads to (9, 10…, in order, without gaps). */
  version: number;
  /** Applies it inside the migration's transaction. */
  up(trx: Transaction<Tables>, engine: SqlEngine): Promise<void>;
}

/** The version both engines share a schema from. */
export const SHARED_FROM_VERSION = 8;

/** Every migration after the shared starting point, in order. */
export const MIGRATIONS_AFTER_8: readonly Migration[] = [];

/** The highest schema version this release knows. */
export const LATEST_VERSION = SHARED_FROM_VERSION + MIGRATIONS_AFTER_8.length;

/** The last version recorded in `schema_version` (the table exists on both engines at version 8 and later). */
export async function schemaVersion(db: Kysely<Tables>): Promise<number> {
  const row = await db.selectFrom('schemaVersion').select(sql<number>`max(version)`.as('version')).executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** Applies, each in its own transaction, the shared migrations the database has not seen yet. */
export async function migrateShared(db: Kysely<Tables>, engine: SqlEngine, where: string): Promise<void> {
  const from = await schemaVersion(db);
  if (from > LATEST_VERSION) {
    // Running an older release against a newer database could silently misread or drop new columns.
    throw new Error(`${where} has schema version ${from}; this release knows up to ${LATEST_VERSION}`);
  }
  for (const migration of MIGRATIONS_AFTER_8) {
    if (migration.version <= from) continue;
    await db.transaction().execute(async (trx) => {
      await migration.up(trx, engine);
      await trx.insertInto('schemaVersion').values({ version: migration.version, appliedAt: new Date().toISOString() }).execute();
    });
  }
}
