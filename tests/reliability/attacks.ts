/**
 * The hostile-input, access, storage-fault and backup suites of `npm test`, run again by
 * `npm run reliability` (the fuzzer with many more inputs) so that the report lists them beside
 * the durability runs. Each suite runs in its own Vitest process; its test results make one row.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ReportRow } from './report';

interface Suite {
  file: string;
  fault: string;
  mustHold: string;
}

const SUITES: readonly Suite[] = [
  {
    file: 'tests/integration/fuzz.test.ts',
    fault: 'hostile WebSocket messages: random bytes, truncated and corrupted y-protocol messages, unknown message types, oversized messages',
    mustHold: 'each bad connection is closed with a close code from shared/rooms.ts; the server stays up; the stored document still loads after a restart, unharmed',
  },
  {
    file: 'tests/integration/frameFuzz.test.ts',
    fault: 'broken WebSocket frames from raw TCP clients (reserved bits and opcodes, unmasked, fragmented or oversized control frames, invalid UTF-8, bad close codes, stray continuations, lengths above the ceiling, random frames and bytes) on every room kind, with and without a session; malformed HTTP; upgrade requests reset mid-answer',
    mustHold: 'the server process stays up and answers every later client; each bad connection is closed alone, with a standard or shared/rooms.ts code; the document served afterwards is the one stored before',
  },
  {
    file: 'tests/integration/invalidContent.test.ts',
    fault: 'body updates no editor can show, from a signed-in editor: bare text at the top of the body, unknown node and mark names, a paragraph in a paragraph, bad attributes, writes outside the body fragment (71 more cases in the unit suite server/collab/bodySchema.test.ts)',
    mustHold: 'the sender is closed with 4422 and nothing is stored or relayed; the others reconnect (4503) and resend; the stored body and a fresh client are unchanged and still render; good edits before and after go through',
  },
  {
    file: 'tests/integration/presence.test.ts',
    fault: 'hostile presence (awareness): malformed cursor, forged user and colour, unknown fields, many client ids from one connection, 5,000 entries in one message, oversized state, a flood of 300 updates',
    mustHold: 'only fields following shared/presence.ts are relayed, user stamped from the session; one client id per connection; oversized or crowded messages close the connection (4400); a flood is throttled and ends on the latest state',
  },
  {
    file: 'tests/integration/signinSockets.test.ts',
    fault: 'sockets outliving their sign-in session: sign-out in one browser while another session of the member stays; a session expiring while its socket is open',
    mustHold: 'the signed-out session\'s sockets close with 4401 and the same cookie opens nothing; the other session keeps its socket; a socket closes at its session\'s expiry',
  },
  {
    file: 'tests/integration/collab.test.ts',
    fault: 'no cookie, foreign or missing Origin (cross-site WebSocket hijacking), member of another collective, guessed document id, view-only connection sending updates, failed load',
    mustHold: 'refused with 4401/4403/4404/4405, nothing applied or stored; a failed load refuses the room (4500) instead of serving an empty document',
  },
  {
    file: 'tests/integration/security.test.ts',
    fault: 'expired and signed-out sessions (raw sockets), a commenter writing the body, repeated failed sign-ins per account and per address, too many connections or document opens, missing security headers, secrets in logs',
    mustHold: 'refused (4401, 4405, 429 with Retry-After, 4429); CSP and security headers sent; no password, session or invite token in the logs',
  },
  {
    file: 'tests/integration/api.test.ts',
    fault: 'bad HTTP input: invalid or extra fields, oversized bodies, malformed JSON, unknown ids, cross-site writes, second setup, reused invitation',
    mustHold: '4xx with a stable error id, and nothing changed in the store',
  },
  {
    file: 'tests/integration/accounts.test.ts',
    fault: 'sign-in and joining abused: 60 parallel wrong passwords for one account, bursts over many accounts from one address, bogus invitation links with passwords to hash, invitations used after their author was demoted or removed, revoked links, guests reading e-mails, names with bidi overrides or nothing visible, a foreign scheme in Origin',
    mustHold: 'attempts counted before the password check (no more checks than the limit, then 429 with Retry-After); a bogus link is 404 before any hashing; a link is re-checked against its author\'s current role and can be listed and revoked; e-mails only for coordinators; bad names 400; foreign origins 403',
  },
  {
    file: 'tests/integration/versions.test.ts',
    fault: 'versions abused: alternating restores of a large and an empty version against MAX_DOCUMENT_BYTES; naming unchanged content again and again',
    mustHold: 'the stored log stays within the document limit (a restore that cannot fit is 413 document_too_large and changes nothing); unchanged content is renamed, never copied again',
  },
  {
    file: 'tests/integration/writeLimits.test.ts',
    fault: 'floods of API writes: one member creating threads and documents past their budgets, many members and anonymous requests from one address, named versions and restores repeated on one document',
    mustHold: '429 too_many_requests with Retry-After and nothing stored past a budget; reads, sign-in and other members\' budgets unaffected',
  },
  {
    file: 'tests/integration/storageFaults.test.ts',
    fault: 'database locked by another process; disk full (a 2 MB tmpfs filled up)',
    mustHold: 'the write is never acknowledged (4503, no SAVED), the client keeps its change, nothing stored is damaged (integrity_check ok), saved once storage is back',
  },
  {
    file: 'tests/integration/backup.test.ts',
    fault: 'online backup while the server writes; restore of that backup; restore of a file that is not a Trame database',
    mustHold: 'the restored store equals the store at backup time; a bogus file is refused and the live database untouched',
  },
];

/** Runs one suite; resolves with its passed and failed test counts. */
async function runSuite(file: string, env: Record<string, string>): Promise<{ passed: number; failed: number }> {
  const output = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'trame-vitest-')), 'result.json');
  const code = await new Promise<number>((resolve) => {
    const child = spawn('npx', ['vitest', 'run', file, '--reporter=json', `--outputFile=${output}`], { env: { ...process.env, ...env }, stdio: 'ignore' });
    child.on('exit', (c) => resolve(c ?? 1));
  });
  try {
    const result = JSON.parse(await fs.readFile(output, 'utf8')) as { numPassedTests: number; numFailedTests: number };
    return { passed: result.numPassedTests, failed: result.numFailedTests + (code !== 0 && result.numFailedTests === 0 ? 1 : 0) };
  } catch {
    return { passed: 0, failed: 1 };
  } finally {
    await fs.rm(path.dirname(output), { recursive: true, force: true });
  }
}

/** Runs every suite (the fuzzer with `fuzzRuns` inputs) and returns one report row each. */
export async function runAttackSuites(fuzzRuns: number, log: (line: string) => void): Promise<ReportRow[]> {
  const rows: ReportRow[] = [];
  for (const suite of SUITES) {
    const started = Date.now();
    const { passed, failed } = await runSuite(suite.file, { FUZZ_RUNS: String(fuzzRuns), FRAME_FUZZ_RUNS: String(fuzzRuns) });
    const seconds = Math.round((Date.now() - started) / 1000);
    log(`${suite.file}: ${passed} passed, ${failed} failed in ${seconds} s`);
    const fuzz = suite.file.includes('frameFuzz')
      ? `${fuzzRuns.toLocaleString('en')} random frame streams + 20 named frames × 6 targets × 4 ways + 6 bad requests + 120 resets; `
      : suite.file.includes('fuzz')
        ? `${fuzzRuns.toLocaleString('en')} random inputs + oversized; `
        : '';
    rows.push({
      fault: suite.fault,
      mustHold: suite.mustHold,
      runs: `${fuzz}${passed + failed} test${passed + failed === 1 ? '' : 's'}`,
      result: failed === 0 && passed > 0 ? 'pass' : 'FAIL',
      figures: `\`${suite.file}\`: ${passed} passed, ${failed} failed, ${seconds} s`,
    });
  }
  return rows;
}
