/**
 * The store's documents, access grants and document bodies (the Yjs update log: load, append, compact), written once over Kysely for SQLite and PostgreSQL (see ../sql/context.ts).
 * TODO(issue #14): being written; its methods are those of the `Store` interface for this domain.
 */
import type { SqlContext } from '../sql/context';

export class SqlDocuments {
  constructor(private readonly ctx: SqlContext) {}
}
