/**
 * Password hashing with scrypt from node:crypto (no native dependency). The encoded form carries
 * its own parameters, `scrypt$N$r$p$saltB64$hashB64`, so the cost can be raised later while old
 * hashes still verify.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Cost parameters for new hashes (about 16 MiB and ~50 ms per hash on a small server). */
const N = 16384;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 64;

/**
 * Bounds on parameters read from a stored hash. A tampered or corrupt row must not make a sign-in
 * allocate gigabytes or spin for minutes (scrypt memory is 128·N·r bytes).
 */
const MAX_MEMORY_BYTES = 64 * 1024 * 1024;
/** Time grows with N·r·p; allow four times today's cost for future upgrades, no more. */
const MAX_WORK = 4 * N * R * P;
const MAX_KEY_BYTES = 256;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DECIMAL = /^[1-9][0-9]{0,9}$/;

/** Promise wrapper over the callback API: the async variant runs on libuv's pool, off the event loop. */
function derive(password: string, salt: Buffer, keyBytes: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyBytes, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/**
 * The same password typed on two systems can arrive as different Unicode sequences (é as one code
 * point or as e + accent); normalising makes both verify.
 */
const normalise = (password: string): string => password.normalize('NFC');

/** Hashes a password with a fresh random salt; returns the encoded `scrypt$…` string. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(normalise(password), salt, KEY_BYTES, { N, r: R, p: P, maxmem: MAX_MEMORY_BYTES * 2 });
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

/** Parses an encoded hash; null for anything malformed or outside the accepted bounds. */
function parseHash(encoded: string): ParsedHash | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, nText, rText, pText, saltText, keyText] = parts as [string, string, string, string, string, string];
  if (![nText, rText, pText].every((t) => DECIMAL.test(t))) return null;
  if (!BASE64.test(saltText) || !BASE64.test(keyText)) return null;
  const [n, r, p] = [Number(nText), Number(rText), Number(pText)];
  const powerOfTwo = n > 1 && (n & (n - 1)) === 0;
  if (!powerOfTwo || 128 * n * r > MAX_MEMORY_BYTES || n * r * p > MAX_WORK) return null;
  const salt = Buffer.from(saltText, 'base64');
  const key = Buffer.from(keyText, 'base64');
  if (salt.length === 0 || key.length === 0 || key.length > MAX_KEY_BYTES) return null;
  return { N: n, r, p, salt, key };
}

/**
 * Whether `password` matches `encoded`. Never throws: a malformed or unsupported hash is simply
 * not a match, so a corrupt row cannot turn a sign-in into a 500 that reveals the account exists.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  if (parsed === null) return false;
  try {
    const { N: n, r, p, salt, key } = parsed;
    const candidate = await derive(normalise(password), salt, key.length, { N: n, r, p, maxmem: MAX_MEMORY_BYTES * 2 });
    // Constant-time: comparing byte by byte with early exit would leak how much of the hash matched.
    return timingSafeEqual(candidate, key);
  } catch {
    return false;
  }
}
