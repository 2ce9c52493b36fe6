/** A minimal structured logger: one JSON line per event on stderr; never given secrets. */

/** Fields attached to a log line (ids, room names — never passwords, tokens or cookies). */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** What the server logs through. */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  error(message: string, error: unknown, fields?: LogFields): void;
}

/** A logger writing JSON lines to stderr at the given level. */
export function createLogger(level: 'error' | 'info' | 'silent'): Logger {
  const write = (line: object) => process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
  return {
    info: (message, fields) => {
      if (level === 'info') write({ level: 'info', message, ...fields });
    },
    error: (message, error, fields) => {
      if (level === 'silent') return;
      const err = error instanceof Error ? { error: error.message, stack: error.stack } : { error: String(error) };
      write({ level: 'error', message, ...fields, ...err });
    },
  };
}
