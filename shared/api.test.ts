import { describe, expect, it } from 'vitest';
import { AcceptInviteRequest, PersonName } from './api';

describe('PersonName', () => {
  it.each([
    ['Claire', 'Claire'],
    ['  Nadia Benali  ', 'Nadia Benali'],
    ['Zoe\u0301', 'Zoé'], // e + combining acute, composed to one code point
    ['محمد', 'محمد'], // right-to-left scripts are names like any other
    ['李 小龍', '李 小龍'],
    ['Ana\u200DMaria', 'Ana\u200DMaria'], // a joiner inside a visible name is harmless
  ])('accepts %j as %j', (input, stored) => {
    expect(PersonName.parse(input)).toBe(stored);
  });

  it.each([
    ['right-to-left override', '\u202Eeilrahc'],
    ['left-to-right embedding', 'Claire\u202A'],
    ['pop directional formatting', 'Cl\u202Caire'],
    ['right-to-left isolate', '\u2067Claire\u2069'],
    ['first strong isolate', '\u2068Claire'],
    ['left-to-right mark', 'Claire\u200E'],
    ['right-to-left mark', '\u200FClaire'],
    ['Arabic letter mark', 'Claire\u061C'],
    ['zero-width space only', '\u200B\u200B'],
    ['zero-width joiner and spaces only', ' \u200D \uFEFF '],
    ['no-break spaces only', '\u00A0\u00A0'],
    ['a newline', 'Claire\nCoordinatrice'],
    ['empty', ''],
    ['too long', 'x'.repeat(81)],
  ])('refuses a name with %s', (_what, input) => {
    expect(PersonName.safeParse(input).success).toBe(false);
  });

  it('is the name validator of invitation acceptance', () => {
    const body = { name: '\u202Eeilrahc', email: 'eve@example.org', password: 'a long enough password' };
    expect(AcceptInviteRequest.safeParse(body).success).toBe(false);
    expect(AcceptInviteRequest.parse({ ...body, name: ' Eve ' }).name).toBe('Eve');
  });
});
