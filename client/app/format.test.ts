import { describe, expect, it } from 'vitest';
import { formatRelative } from './format';

const now = Date.parse('2026-03-10T12:00:00Z');
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

describe('formatRelative', () => {
  it('says "now" under a minute', () => {
    expect(formatRelative(ago(20), now, 'fr')).toBe('maintenant');
    expect(formatRelative(ago(20), now, 'en')).toBe('now');
  });
  it('picks the largest fitting unit', () => {
    expect(formatRelative(ago(5 * 60), now, 'fr')).toBe('il y a 5 minutes');
    expect(formatRelative(ago(3 * 3600), now, 'en')).toBe('3 hours ago');
    expect(formatRelative(ago(24 * 3600), now, 'fr')).toBe('hier');
  });
  it('returns nothing for an invalid date', () => {
    expect(formatRelative('not a date', now, 'fr')).toBe('');
  });
});
