/**
 * Opening the database the store is written over, on either engine, migrated to the latest schema:
 * an SQLite file (the default), SQLite in memory (tests, the benchmark's memory twin) or a
 * PostgreSQL database named by a `postgres://` URL. The same Kysely instance, with the same table
 * types, serves all three; the raw better-sqlite3 handle is kept for SQLite's durable append path.
 */
import Database from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { StoreOpenError, openDatabase, openMemoryDatabase } from '../sqliteSchema';
import type { SqlEngine } from './dialect';
import { migrateShared } from './migrations';
import { POSTGRES_BASELINE, POSTGRES_BASELINE_VERSION } from './postgresBaseline';
import type { Tables } from './tables';

/** An open, migrated database. */
export interface SqlDatabase {
  db: Kysely<Tables>;
  engine: SqlEngine;
  /** The SQLite connection under `db` (null on PostgreSQL): the append path and backups use it directly. */
  sqlite: Database.Database | null;
  /** Closes the connection (or the pool); idempotent. */
  close(): Promise<void>;
}

const plugins = [new CamelCasePlugin()];

/** Where the database is: an SQLite file path, ':memory:', or a postgres:// URL. */
export type DatabaseTarget = { engine: 'sqlite'; file: string } | { engine: 'sqlite'; memory: true } | { engine: 'postgres'; url: string };

/** Opens and migrates the database at `target`; rejects with StoreOpenError when it cannot be used. */
export async function openSqlDatabase(target: DatabaseTarget): Promise<SqlDatabase> {
  if (target.engine === 'postgres') return openPostgres(target.url);
  const raw = 'memory' in target ? openMemoryDatabase() : openDatabase(target.file);
  return wrapSqlite(raw, 'memory' in target ? ':memory:' : target.file);
}

async function wrapSqlite(raw: Database.Database, where: string): Promise<SqlDatabase> {
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: raw }), plugins });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await db.destroy(); // closes `raw` too
  };
  try {
    await migrateShared(db, 'sqlite', where);
  } catch (err) {
    await close();
    throw asOpenError(err, where);
  }
  return { db, engine: 'sqlite', sqlite: raw, close };
}

/** PostgreSQL's BIGINT (type 20: identity columns, count(*)) comes back as a string by default; these stay far below 2^53. */
const pgTypes = {
  getTypeParser: ((oid: number, format?: string) => (oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser,
};

/** An advisory lock key: Trame processes starting together on one database migrate one at a time. */
const MIGRATION_LOCK = 0x7472616d; // 'tram'

async function openPostgres(url: string): Promise<SqlDatabase> {
  const where = redact(url);
  const pool = new pg.Pool({ connectionString: url, types: pgTypes, max: 10 });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }), plugins });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await db.destroy(); // ends the pool
  };
  try {
    // One connection holds the lock while the baseline and the later migrations run.
    await db.connection().execute(async (conn) => {
      await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
      try {
        await conn.transaction().execute(async (trx) => {
          const exists = await sql<{ found: string | null }>`SELECT to_regclass('schema_version')::text AS found`.execute(trx);
          if (exists.rows[0]?.found) return;
          const tables = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema()`.execute(trx);
          // Another application's database: adding our tables to it would mix two programs' data.
          if ((tables.rows[0]?.n ?? 0) > 0) throw new StoreOpenError(`${where} is a PostgreSQL database, but not Trame's (no schema_version table)`);
          await sql.raw(POSTGRES_BASELINE).execute(trx);
          await trx.insertInto('schemaVersion').values({ version: POSTGRES_BASELINE_VERSION, appliedAt: new Date().toISOString() }).execute();
        });
        await migrateShared(conn, 'postgres', where);
      } finally {
        await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
      }
    });
  } catch (err) {
    await close();
    throw asOpenError(err, where);
  }
  return { db, engine: 'postgres', sqlite: null, close };
}

function asOpenError(err: unknown, where: string): StoreOpenError {
  if (err instanceof StoreOpenError) return err;
  const reason = err instanceof Error ? err.message : String(err);
  return new StoreOpenError(`cannot open ${where} as Trame's database: ${reason}`, { cause: err });
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the PostgreSQL database (unparsable URL)';
  }
}
