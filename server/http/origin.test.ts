import { describe, expect, it } from 'vitest';
import { originAllowed } from './origin';

const plain = { allowedOrigins: [], cookieSecure: false };
const https = { allowedOrigins: [], cookieSecure: true };

describe('originAllowed', () => {
  it.each([
    ['the plain-HTTP server’s own origin', 'http://trame.example:3000', 'trame.example:3000', plain, true],
    ['the same host over the other scheme', 'https://trame.example:3000', 'trame.example:3000', plain, false],
    ['the HTTPS deployment’s own origin', 'https://trame.example', 'trame.example', https, true],
    ['plain HTTP on an HTTPS deployment', 'http://trame.example', 'trame.example', https, false],
    ['a default port written out', 'https://trame.example:443', 'trame.example', https, true],
    ['another port', 'http://trame.example:3001', 'trame.example:3000', plain, false],
    ['another host', 'http://evil.example:3000', 'trame.example:3000', plain, false],
    ['a host that only starts like ours', 'http://trame.example.evil.example', 'trame.example', plain, false],
    ['an opaque origin', 'null', 'trame.example', plain, false],
    ['a non-web scheme', 'file://trame.example', 'trame.example', plain, false],
    ['garbage', 'not an origin', 'trame.example', plain, false],
    ['no Origin', undefined, 'trame.example', plain, false],
    ['no Host', 'http://trame.example', undefined, plain, false],
  ])('%s: %s with Host %s → %s', (_what, origin, host, policy, expected) => {
    expect(originAllowed(origin, host, policy)).toBe(expected);
  });

  it('allows the configured extra origins, with their scheme, however the header spells them', () => {
    const policy = { allowedOrigins: ['http://localhost:5173'], cookieSecure: false };
    expect(originAllowed('http://localhost:5173', '127.0.0.1:3000', policy)).toBe(true);
    expect(originAllowed('HTTP://LOCALHOST:5173', '127.0.0.1:3000', policy)).toBe(true);
    expect(originAllowed('https://localhost:5173', '127.0.0.1:3000', policy)).toBe(false);
  });
});
