/**
 * The store's comment threads, comments and notifications, written once over Kysely for SQLite and PostgreSQL (see ../sql/context.ts).
 * TODO(issue #14): being written; its methods are those of the `Store` interface for this domain.
 */
import type { SqlContext } from '../sql/context';

export class SqlComments {
  constructor(private readonly ctx: SqlContext) {}
}
