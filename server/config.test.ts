import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has defaults that need nothing but Node', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', store: 'sqlite' });
    expect(config.dataDir.endsWith('/data')).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['STORE', 'postgres'],
    ['COOKIE_SECURE', 'maybe'],
    ['MAX_MESSAGE_BYTES', '-1'],
    ['ALLOWED_ORIGINS', 'localhost:5173'],
    ['ALLOWED_ORIGINS', 'https://a.example, ftp://b.example'],
    ['JOIN_ATTEMPTS_PER_ADDRESS', '0'],
  ])('rejects %s=%s with a one-line message naming the variable', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(name);
    expect((error as Error).message).not.toContain('\n');
  });

  it('reads allowed origins as a list', () => {
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://a.example, https://b.example' }).allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('keeps allowed origins in the form browsers send them', () => {
    expect(loadConfig({ ALLOWED_ORIGINS: 'HTTP://Localhost:5173/, https://a.example:443' }).allowedOrigins).toEqual(['http://localhost:5173', 'https://a.example']);
  });

  it('takes PostgreSQL from DATABASE_URL, and SQLite without it', () => {
    expect(loadConfig({}).databaseUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: 'postgres://trame:pw@db.example:5432/trame' }).databaseUrl).toBe('postgres://trame:pw@db.example:5432/trame');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/trame' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/trame', STORE: 'memory' })).toThrow(/cannot be used together/);
  });
});
