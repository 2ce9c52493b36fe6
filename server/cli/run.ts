/**
 * Command-line parsing and dispatch for `npm run trame -- <command>`. Takes its store factory and
 * output streams as arguments so tests run it against a store in memory and read what it printed.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupDatabase, BackupError, restoreDatabase } from '../store/backup';
import type { Store } from '../store/Store';
import { addMember, CliError, formatTable, listCollectives, listMembers, type AddMemberOptions } from './commands';

/** Where the CLI gets its store and writes its output. */
export interface CliDeps {
  openStore: () => Promise<Store>;
  /** The SQLite file and its data directory (null with STORE=memory). */
  database?: () => { file: string; dataDir: string } | null;
  out: (line: string) => void;
  err: (line: string) => void;
  now?: () => Date;
}

/** Usage text printed by `help`. */
export const USAGE = `Usage: npm run trame -- <command> [options]

Commands:
  member add --email E --name N --password P --collective NAME --role ROLE
      Creates the member if the email is new (name 1-80 characters, password at least 10),
      creates the collective if none has that name, and sets the member's role in it.
      Roles: coordinator, member, newcomer, guest.
  member list [--collective NAME]
      Members (of one collective, or all) with every collective they belong to.
  collective list
      Collectives with their number of members and coordinators.
  backup FILE
      Copies the database to FILE (a new file), consistently, while the server keeps running.
  restore FILE
      Replaces the database with the backup FILE; the server must be stopped. The current
      database is kept beside it as trame.db.before-restore-<time>.
  help
      This text.

The database is DATA_DIR/trame.db (DATA_DIR defaults to ./data). It can stay open in a running
server meanwhile. With STORE=memory nothing outlives the command.`;

const OPTIONS = {
  email: { type: 'string' },
  name: { type: 'string' },
  password: { type: 'string' },
  collective: { type: 'string' },
  role: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof OPTIONS;
type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

interface Command {
  options: readonly OptionName[];
  /** Commands on the database file itself (backup, restore) do not open the store. */
  file?: (file: string, database: { file: string; dataDir: string }, deps: CliDeps) => Promise<void>;
  run?: (store: Store, values: Values, deps: CliDeps) => Promise<void>;
}

const needsDatabase = (deps: CliDeps) => {
  const database = deps.database?.() ?? null;
  if (!database) throw new CliError('backup and restore work on the SQLite file (STORE=sqlite, no DATABASE_URL); for PostgreSQL use pg_dump and pg_restore');
  return database;
};

const COMMANDS: Readonly<Record<string, Command>> = {
  'member add': {
    options: ['email', 'name', 'password', 'collective', 'role'],
    run: async (store, values, deps) => {
      const { email, name, password, collective, role } = values;
      const options: AddMemberOptions = { email, name, password, collective, role };
      const result = await addMember(store, options, deps.now?.() ?? new Date());
      for (const note of result.notes) deps.err(`warning: ${note}`);
      const what = result.createdMember ? 'created member' : 'member';
      const change = result.previousRole && result.previousRole !== result.role ? ` (was ${result.previousRole})` : '';
      const where = result.createdCollective ? `new collective "${result.collective.name}"` : `"${result.collective.name}"`;
      deps.out(`${what} ${result.member.email}: ${result.role}${change} in ${where}`);
    },
  },
  'member list': {
    options: ['collective'],
    run: async (store, values, deps) => {
      const rows = await listMembers(store, values.collective);
      deps.out(formatTable(['EMAIL', 'NAME', 'COLLECTIVES'], rows.map((r) => [r.email, r.name, r.collectives])));
    },
  },
  backup: {
    options: [],
    file: async (file, database, deps) => {
      const { bytes } = await backupDatabase(database.file, path.resolve(file));
      deps.out(`backed up ${database.file} to ${path.resolve(file)} (${bytes} bytes, verified)`);
    },
  },
  restore: {
    options: [],
    file: async (file, database, deps) => {
      const { keptAs } = restoreDatabase(path.resolve(file), database.file, database.dataDir);
      deps.out(`restored ${database.file} from ${path.resolve(file)}${keptAs ? `; the previous database is kept as ${keptAs}` : ''}`);
    },
  },
  'collective list': {
    options: [],
    run: async (store, _values, deps) => {
      const rows = await listCollectives(store);
      const cells = rows.map((r) => [r.name, String(r.members), String(r.coordinators), r.createdAt, r.id]);
      deps.out(formatTable(['NAME', 'MEMBERS', 'COORDINATORS', 'CREATED', 'ID'], cells));
    },
  },
};

/** Parses argv (without `node script`), finds the command and checks it was given only its options. */
function parseCommand(argv: readonly string[]): { name: string; command: Command; values: Values; file: string | null } | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    // parseArgs reports unknown options and missing values as TypeErrors with a readable message.
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  // backup and restore take one file argument after the command word.
  const takesFile = positionals[0] === 'backup' || positionals[0] === 'restore';
  const name = takesFile ? positionals[0]! : positionals.join(' ');
  if (values.help || name === 'help') return 'help';
  if (name === '') throw new CliError('no command given');
  if (takesFile && positionals.length !== 2) throw new CliError(`usage: ${name} FILE`);
  const command = COMMANDS[name];
  if (!command) throw new CliError(`unknown command "${name}"`);
  const stray = Object.keys(values).filter((o) => !command.options.includes(o as OptionName));
  if (stray.length > 0) throw new CliError(`"${name}" does not take ${stray.map((o) => `--${o}`).join(', ')}`);
  return { name, command, values, file: takesFile ? positionals[1]! : null };
}

/** Runs one CLI invocation; resolves to the process exit code (0 ok, 2 bad input, 1 failure). */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  let store: Store | null = null;
  try {
    const parsed = parseCommand(argv);
    if (parsed === 'help') {
      deps.out(USAGE);
      return 0;
    }
    if (parsed.command.file) {
      await parsed.command.file(parsed.file!, needsDatabase(deps), deps);
      return 0;
    }
    store = await deps.openStore();
    await parsed.command.run!(store, parsed.values, deps);
    return 0;
  } catch (err) {
    if (err instanceof BackupError) {
      deps.err(`error: ${err.message}`);
      return 1;
    }
    if (err instanceof CliError) {
      deps.err(`error: ${err.message}`);
      deps.err('Run `npm run trame -- help` for usage.');
      return err.exitCode;
    }
    // Unexpected (an unreadable database, a full disk): the message, never the arguments, which hold the password.
    deps.err(`error: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await store?.close();
  }
}
