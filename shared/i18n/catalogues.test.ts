import { describe, expect, it } from 'vitest';
import { fr } from './fr';
import { en } from './en';

/** Flattens a nested catalogue into `a.b.c` → value pairs. */
function flatten(tree: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of flatten(value, path)) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

/** The `{{name}}` interpolation variables of a message, sorted. */
const variables = (message: string): string[] => [...message.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();

const catalogues = { fr: flatten(fr), en: flatten(en) };

describe('message catalogues', () => {
  it('have exactly the same keys in French and English', () => {
    expect([...catalogues.en.keys()].sort()).toEqual([...catalogues.fr.keys()].sort());
  });

  it.each(Object.entries(catalogues))('%s has only non-empty strings', (_lang, messages) => {
    for (const [key, value] of messages) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });

  it('use the same interpolation variables in both languages', () => {
    for (const [key, frMessage] of catalogues.fr) {
      const enMessage = catalogues.en.get(key) as string;
      expect(variables(enMessage), key).toEqual(variables(frMessage as string));
    }
  });

  it('give every plural a `_one` and an `_other` form', () => {
    const keys = [...catalogues.fr.keys()];
    for (const key of keys.filter((k) => /_(one|many|other)$/.test(k))) {
      const base = key.replace(/_(one|many|other)$/, '');
      expect(keys, base).toContain(`${base}_one`);
      expect(keys, base).toContain(`${base}_other`);
    }
  });
});
