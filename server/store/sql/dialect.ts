/**
 * What differs between the two engines where the store's queries meet it, in one place: which
 * column breaks ties in insertion order. Everything else is the same query on both.
 */
import { sql, type RawBuilder } from 'kysely';

export type SqlEngine = 'sqlite' | 'postgres';

/**
 * The insertion-order column of a table listed in INSERTION_ORDERED (tables.ts), optionally
 * qualified by a table alias: SQLite's implicit `rowid`, PostgreSQL's `ord` identity column.
 */
export function insertionOrder(engine: SqlEngine, alias?: string): RawBuilder<number> {
  const column = engine === 'sqlite' ? 'rowid' : 'ord';
  return alias ? sql<number>`${sql.ref(`${alias}.${column}`)}` : sql<number>`${sql.ref(column)}`;
}
