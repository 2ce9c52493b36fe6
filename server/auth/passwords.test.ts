import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords';

describe('passwords', () => {
  it('encodes scrypt parameters, salt and a 64-byte key', async () => {
    const encoded = await hashPassword('correct horse battery');
    const [scheme, n, r, p, salt, key] = encoded.split('$');
    expect([scheme, n, r, p]).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64')).toHaveLength(64);
    expect(encoded).not.toContain('correct horse battery');
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const encoded = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', encoded)).toBe(true);
    expect(await verifyPassword('correct horse batterY', encoded)).toBe(false);
    expect(await verifyPassword('', encoded)).toBe(false);
  });

  it('salts every hash: the same password never hashes the same twice', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('verifies a password typed in another Unicode normal form', async () => {
    const composed = 'caf\u00e9 au lait!';
    const decomposed = 'cafe\u0301 au lait!';
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it('still verifies hashes made with other (bounded) parameters', async () => {
    // As an older release with other costs and a 32-byte key would have stored it.
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('legacy password', salt, 32, { N: 1024, r: 8, p: 1 });
    const encoded = `scrypt$1024$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    expect(await verifyPassword('legacy password', encoded)).toBe(true);
    expect(await verifyPassword('other password', encoded)).toBe(false);
  });

  it('returns false, never throws, for malformed or abusive encodings', async () => {
    const good = await hashPassword('correct horse battery');
    const [, , , , salt, key] = good.split('$');
    const malformed = [
      '',
      'not a hash',
      'bcrypt$16384$8$1$' + salt + '$' + key,
      good.replace(/\$[^$]+$/, ''),
      good + '$extra',
      `scrypt$16383$8$1$${salt}$${key}`, // N not a power of two
      `scrypt$0$8$1$${salt}$${key}`,
      `scrypt$-16384$8$1$${salt}$${key}`,
      `scrypt$1048576$8$1$${salt}$${key}`, // 1 GiB of memory
      `scrypt$16384$8$64$${salt}$${key}`, // 64 times the work
      `scrypt$16384$8$1$$${key}`,
      `scrypt$16384$8$1$${salt}$`,
      `scrypt$16384$8$1$${salt}$not*base64`,
      `scrypt$16384$8$1.5$${salt}$${key}`,
    ];
    for (const encoded of malformed) {
      await expect(verifyPassword('correct horse battery', encoded), encoded).resolves.toBe(false);
    }
  });
});
