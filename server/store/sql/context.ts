/**
 * What every part of the store written over Kysely shares: the database and its engine, write
 * transactions that hold on both engines, and the few readings of engine errors the contract needs.
 * Parts use these instead of reaching for one engine's behaviour.
 */
import type Database from 'better-sqlite3';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { SqlEngine } from './dialect';
import type { Tables } from './tables';

/** The database a part of the store works on. */
export interface SqlContext {
  db: Kysely<Tables>;
  engine: SqlEngine;
  /**
   * On SQLite, the better-sqlite3 connection under `db`, for the one engine-specific path (the
   * group-committed appends, ../documents/sqliteAppends.ts). Use it only while holding `db`'s
   * connection (`db.connection().execute`): a Kysely transaction spans several ticks on it.
   */
  sqlite?: Database.Database | null;
}

/**
 * A part of the store that holds something to release before the database closes defines a
 * method under this key (a symbol: it is not put on the store with the part's other methods).
 */
export const closePart: unique symbol = Symbol('closePart');

/** A query runner: the database itself, or a transaction or connection taken from it. */
export type Queries = Kysely<Tables> | Transaction<Tables>;

/**
 * Runs `work` in one transaction that writes: everything or nothing. On SQLite it begins
 * IMMEDIATE, taking the write lock first, so that a check-then-write (first setup, an invitation
 * used once) also holds against another process on the same file; on PostgreSQL it is a
 * transaction at the default isolation, where such checks take a lock with `lockFor`.
 * Inside `work`, every query goes through `trx`: on SQLite the connection is held for the whole
 * transaction, and a query on `ctx.db` (or a nested writeTransaction) would wait for it forever.
 */
export async function writeTransaction<T>(ctx: SqlContext, work: (trx: Kysely<Tables>) => Promise<T>): Promise<T> {
  if (ctx.engine === 'postgres') return ctx.db.transaction().execute(work);
  return ctx.db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    try {
      const result = await work(conn);
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (err) {
      await sql`ROLLBACK`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
}

/**
 * Serialises, until the end of the current transaction, the transactions that take the same key:
 * PostgreSQL's transaction-scoped advisory lock. On SQLite the IMMEDIATE transaction already holds
 * the only write lock, so this does nothing.
 */
export async function lockFor(trx: Queries, engine: SqlEngine, key: string): Promise<void> {
  if (engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}

/** The error an engine reports for a UNIQUE or PRIMARY KEY violation (on `column`, when named and the engine says). */
export function isUniqueViolation(err: unknown, column?: string): boolean {
  const e = err as { code?: string; message?: string; detail?: string } | null;
  if (!e) return false;
  if (e.code === '23505') return !column || `${e.detail ?? ''} ${e.message ?? ''}`.includes(column.split('.').pop()!);
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return !column || (e.message ?? '').includes(column);
  return false;
}

/** The error an engine reports for a FOREIGN KEY violation. */
export function isForeignKeyViolation(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** How many rows a write changed (Kysely reports bigints). */
export const changed = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint; numInsertedOrUpdatedRows?: bigint } | undefined): number =>
  Number(result?.numUpdatedRows ?? result?.numDeletedRows ?? result?.numInsertedOrUpdatedRows ?? 0n);

/** Bytes as the store hands them out: a plain Uint8Array of its own (never a driver's Buffer view). */
export const ownBytes = (data: Uint8Array): Uint8Array => new Uint8Array(data);

/**
 * Names in the order people expect in a list, the same on both engines (their collations differ):
 * French rules, case and accents ignored (« Émilie » with the E's), the id breaking ties.
 */
const names = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
export function byName<T extends { name: string; id: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => names.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
