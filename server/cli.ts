/**
 * Operator command line: `npm run trame -- <command>` (see `npm run trame -- help`).
 * Reads the same configuration as the server and works on the same store; the logic is in cli/.
 */
import { ConfigError, loadConfig } from './config';
import { CliError } from './cli/commands';
import { runCli } from './cli/run';
import path from 'node:path';
import { DATABASE_FILE, openStore } from './store/open';

/** The configuration; a bad environment variable is the operator's input, hence a CliError (exit 2). */
function configuration() {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw err;
  }
}

process.exitCode = await runCli(process.argv.slice(2), {
  openStore: () => openStore(configuration()),
  database: () => {
    const config = configuration();
    // PostgreSQL has its own tools for this (pg_dump, pg_restore).
    return config.store === 'sqlite' && !config.databaseUrl ? { file: path.join(config.dataDir, DATABASE_FILE), dataDir: config.dataDir } : null;
  },
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
