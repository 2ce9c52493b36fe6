/**
 * Server configuration, read from the environment once at start-up, validated, and frozen.
 * Nothing else in the server reads `process.env`.
 */
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** An origin (scheme://host[:port]) written any way, kept as browsers send it in Origin headers. */
const origin = z.url({ protocol: /^https?$/ }).transform((url) => new URL(url).origin);

const EnvSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Store the data in memory only (benchmarks); never the default. */
  STORE: z.enum(['sqlite', 'memory']).default('sqlite'),
  /** A PostgreSQL database instead of the SQLite file (`postgres://user:password@host:port/database`). */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'expected postgres://user:password@host:port/database').optional(),
  /** Mark the session cookie Secure (set when served over HTTPS). */
  COOKIE_SECURE: bool.default(false),
  /** Extra origins allowed to call the API and open WebSockets, comma-separated. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(origin)),
  SESSION_DAYS: positiveInt.default(30),
  INVITE_DAYS: positiveInt.default(7),
  /** Largest WebSocket message accepted, in bytes. */
  MAX_MESSAGE_BYTES: positiveInt.default(4 * 1024 * 1024),
  /** Largest document accepted (its stored log, in bytes): changes beyond are refused with 4414. */
  MAX_DOCUMENT_BYTES: positiveInt.default(32 * 1024 * 1024),
  /** Largest JSON request body accepted, in bytes. */
  MAX_BODY_BYTES: positiveInt.default(256 * 1024),
  /** How long an empty room stays loaded after its last member leaves. */
  ROOM_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /** How long a member whose update had a room reset (malformed, or not fitting the schema) stays out of that document. */
  REFUSED_SENDER_COOLDOWN_SECONDS: z.coerce.number().int().min(0).default(60),
  /** A version is taken automatically once a changed document has had no edit for this long. */
  VERSION_PAUSE_MS: positiveInt.default(5 * 60_000),
  /** Compact a document's update log once it holds this many entries. */
  COMPACT_AFTER_UPDATES: positiveInt.default(500),
  /** Connections one member may hold at once, and documents they may open per minute. */
  MAX_CONNECTIONS_PER_MEMBER: positiveInt.default(32),
  DOCUMENT_OPENS_PER_MINUTE: positiveInt.default(120),
  /** Failed sign-ins allowed per account, and per address, within LOGIN_WINDOW_SECONDS. */
  LOGIN_ATTEMPTS_PER_ACCOUNT: positiveInt.default(10),
  LOGIN_ATTEMPTS_PER_ADDRESS: positiveInt.default(50),
  LOGIN_WINDOW_SECONDS: positiveInt.default(900),
  /** Failed attempts to join (invitation acceptances, first-run setup) per address within LOGIN_WINDOW_SECONDS. */
  JOIN_ATTEMPTS_PER_ADDRESS: positiveInt.default(20),
  /**
   * State-changing API requests allowed per minute per member and per client address (sign-in,
   * setup and invitations have their own limits), documents one member may create per minute, and
   * named versions and restores one member may make on one document per hour.
   */
  WRITES_PER_MINUTE_PER_MEMBER: positiveInt.default(120),
  WRITES_PER_MINUTE_PER_ADDRESS: positiveInt.default(600),
  DOCUMENTS_PER_MINUTE_PER_MEMBER: positiveInt.default(30),
  VERSIONS_PER_HOUR_PER_DOCUMENT: positiveInt.default(30),
  /** Log level: errors only, or also connections and rooms. */
  LOG_LEVEL: z.enum(['error', 'info', 'silent']).default('info'),
});

/** The validated, frozen configuration. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  store: 'sqlite' | 'memory';
  /** Set when the data lives in PostgreSQL rather than SQLite. */
  databaseUrl: string | null;
  cookieSecure: boolean;
  allowedOrigins: readonly string[];
  sessionDays: number;
  inviteDays: number;
  maxMessageBytes: number;
  maxBodyBytes: number;
  maxDocumentBytes: number;
  roomGraceMs: number;
  refusedSenderCooldownMs: number;
  versionPauseMs: number;
  compactAfterUpdates: number;
  logLevel: 'error' | 'info' | 'silent';
  loginLimits: { perAccount: number; perAddress: number; windowSeconds: number };
  joinLimits: { perAddress: number; windowSeconds: number };
  writeLimits: { perMemberPerMinute: number; perAddressPerMinute: number; documentsPerMinute: number; versionsPerHourPerDocument: number };
  connectionLimits: { maxConnectionsPerMember: number; documentOpensPerMinute: number };
  /** Directory of the built client (served as static files). */
  clientDir: string;
}

/** Thrown when a variable has a bad value; its message is one line naming the variable. */
export class ConfigError extends Error {}

/** Parses and validates configuration from an environment; throws ConfigError on a bad value. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Invalid ${name}=${JSON.stringify(present[name] ?? '')}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.DATABASE_URL && e.STORE === 'memory') throw new ConfigError('STORE=memory and DATABASE_URL cannot be used together: choose one store');
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    store: e.STORE,
    databaseUrl: e.DATABASE_URL ?? null,
    cookieSecure: e.COOKIE_SECURE,
    allowedOrigins: Object.freeze(e.ALLOWED_ORIGINS),
    sessionDays: e.SESSION_DAYS,
    inviteDays: e.INVITE_DAYS,
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    maxBodyBytes: e.MAX_BODY_BYTES,
    maxDocumentBytes: e.MAX_DOCUMENT_BYTES,
    roomGraceMs: e.ROOM_GRACE_MS,
    refusedSenderCooldownMs: e.REFUSED_SENDER_COOLDOWN_SECONDS * 1000,
    versionPauseMs: e.VERSION_PAUSE_MS,
    compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
    logLevel: e.LOG_LEVEL,
    connectionLimits: Object.freeze({ maxConnectionsPerMember: e.MAX_CONNECTIONS_PER_MEMBER, documentOpensPerMinute: e.DOCUMENT_OPENS_PER_MINUTE }),
    loginLimits: Object.freeze({ perAccount: e.LOGIN_ATTEMPTS_PER_ACCOUNT, perAddress: e.LOGIN_ATTEMPTS_PER_ADDRESS, windowSeconds: e.LOGIN_WINDOW_SECONDS }),
    joinLimits: Object.freeze({ perAddress: e.JOIN_ATTEMPTS_PER_ADDRESS, windowSeconds: e.LOGIN_WINDOW_SECONDS }),
    writeLimits: Object.freeze({
      perMemberPerMinute: e.WRITES_PER_MINUTE_PER_MEMBER,
      perAddressPerMinute: e.WRITES_PER_MINUTE_PER_ADDRESS,
      documentsPerMinute: e.DOCUMENTS_PER_MINUTE_PER_MEMBER,
      versionsPerHourPerDocument: e.VERSIONS_PER_HOUR_PER_DOCUMENT,
    }),
    clientDir: path.resolve('dist/client'),
    ...overrides,
  });
}
