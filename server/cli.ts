/**
 * Operator command line: `npm run trame -- <command>` (see `npm run trame -- help`).
 * Reads the same configuration as the server and works on the same store; the logic is in cli/.
 */
import { ConfigError, loadConfig } from './config';
import { CliError } from './cli/commands';
import { runCli } from './cli/run';
import { openStore } from './store/open';

/** The configured store; a bad environment variable is the operator's input, hence a CliError (exit 2). */
async function openConfiguredStore() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw err;
  }
  return openStore(config);
}

process.exitCode = await runCli(process.argv.slice(2), {
  openStore: openConfiguredStore,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
