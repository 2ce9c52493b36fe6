/**
 * The Store written once over Kysely, on SQLite (a file or in memory) or PostgreSQL: its parts,
 * one per domain, each a small class over the shared database, put together into one object that
 * has every method of the `Store` interface. No forwarding methods: each part's methods are bound
 * onto the store as they are.
 */
import type { Store } from '../Store';
import { openSqlDatabase, type DatabaseTarget } from './connect';
import { closePart, type SqlContext } from './context';
import { SqlAccounts } from '../accounts/accounts';
import { SqlDocuments } from '../documents/documents';
import { SqlComments } from '../comments/comments';
import { SqlVersions } from '../versions/versions';
import { SqlAttendance } from '../attendance/attendance';

/** The parts of the store, in the order their methods are put together. */
const PARTS = [SqlAccounts, SqlDocuments, SqlComments, SqlVersions, SqlAttendance] as const;

type UnionToIntersection<U> = (U extends unknown ? (part: U) => void : never) extends (part: infer I) => void ? I : never;
/** A part's public methods (its private members would make the intersection below `never`). */
type PublicOf<T> = T extends unknown ? { [K in keyof T]: T[K] } : never;
/** What the parts give together. */
type Parts = UnionToIntersection<PublicOf<InstanceType<(typeof PARTS)[number]>>>;
/** Fails to compile when a method of the Store (but `close`) has no part. */
export const partsCoverTheStore = (parts: Parts): Omit<Store, 'close'> => parts;

/** Opens the store on `target`, migrated; close() releases the connection or the pool. */
export async function openSqlStore(target: DatabaseTarget): Promise<Store> {
  const database = await openSqlDatabase(target);
  const ctx: SqlContext = { db: database.db, engine: database.engine, sqlite: database.sqlite };
  let closed = false;
  let closing: Promise<void> | null = null;
  const parts: Record<PropertyKey, unknown>[] = [];
  const store: Record<string, unknown> = {
    close: () =>
      (closing ??= (async () => {
        closed = true;
        try {
          // What a part still holds (SQLite's appends waiting, their flush) goes before the database.
          for (const part of parts) await (part[closePart] as (() => Promise<void>) | undefined)?.call(part);
        } finally {
          await database.close();
        }
      })()),
  };
  for (const Part of PARTS) {
    const part = new Part(ctx) as unknown as Record<PropertyKey, unknown>;
    parts.push(part);
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(part))) {
      if (name === 'constructor' || typeof part[name] !== 'function') continue;
      if (name in store) throw new Error(`two parts of the store define ${name}`);
      const method = part[name] as (...args: unknown[]) => unknown;
      store[name] = (...args: unknown[]) => {
        if (closed && name === 'appendUpdatesStaged') {
          const refused = Promise.reject(new Error('the store is closed'));
          refused.catch(() => undefined);
          return { written: refused, durable: refused };
        }
        if (closed) return Promise.reject(new Error('the store is closed'));
        return method.apply(part, args);
      };
    }
  }
  return store as unknown as Store;
}
