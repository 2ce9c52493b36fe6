/**
 * Vitest global setup: one throw-away PostgreSQL cluster for the whole run (see postgres.ts),
 * its URL given to test files as `inject('postgresUrl')`. PostgreSQL suites take a fresh
 * database from it with `createDatabase` and use `describe.skipIf(!inject('postgresUrl'))`.
 *
 * Without PostgreSQL server binaries the URL is '' and the suites are skipped, with one line
 * saying so; in CI (`CI` set) or with TRAME_REQUIRE_POSTGRES=1 the run fails instead. Binaries
 * that are present but cannot start a cluster always fail the run, with the server log.
 */
import type { TestProject } from 'vitest/node';
import { findPostgresBin, startPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the run's PostgreSQL test database, or '' when PostgreSQL tests are skipped. */
    postgresUrl: string;
  }
}

function required(): boolean {
  const ci = process.env.CI;
  return (!!ci && ci !== '0' && ci !== 'false') || process.env.TRAME_REQUIRE_POSTGRES === '1';
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const bin = findPostgresBin();
  if (!bin) {
    const where = process.env.PG_BIN ? `PG_BIN=${process.env.PG_BIN} has no initdb` : 'none in /usr/lib/postgresql/*/bin';
    if (required()) {
      throw new Error(
        `PostgreSQL tests are required (${process.env.TRAME_REQUIRE_POSTGRES === '1' ? 'TRAME_REQUIRE_POSTGRES=1' : 'CI is set'}) ` +
          `but no PostgreSQL server binaries were found (${where}). ` +
          'Install them with `apt-get install -y postgresql` (Debian), or point PG_BIN at the directory holding initdb and pg_ctl.',
      );
    }
    console.warn(
      'PostgreSQL tests skipped: no PostgreSQL server binaries found (apt-get install -y postgresql, or set PG_BIN); set TRAME_REQUIRE_POSTGRES=1 to make this an error',
    );
    project.provide('postgresUrl', '');
    return async () => {};
  }
  const postgres = await startPostgres({ bin });
  project.provide('postgresUrl', postgres.url);
  return () => postgres.stop();
}
