import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { kindLabel, orderedDiff } from './versionLabels';

describe('history labels', () => {
  const i18n = i18next.createInstance();
  let t: TFunction;
  beforeAll(async () => {
    await i18n.init({ lng: 'fr', resources: { fr: { translation: fr }, en: { translation: en } }, interpolation: { escapeValue: false } });
    t = i18n.t.bind(i18n) as TFunction;
  });

  it('names the statuses a status version went from and to', () => {
    expect(kindLabel(t, { kind: 'status', statusChange: { from: 'in_review', to: 'approved' } })).toBe('Statut : En relecture → Approuvé');
    expect(kindLabel(t, { kind: 'status', statusChange: { from: null, to: 'in_discussion' } })).toBe('Statut : En discussion');
    expect(i18n.getFixedT('en')('history.statusChange', { from: 'Draft', to: 'In review' })).toBe('Status: Draft → In review');
  });

  it('falls back to the kind when the change is not known, and names other kinds', () => {
    expect(kindLabel(t, { kind: 'status', statusChange: null })).toBe('Changement de statut');
    expect(kindLabel(t, { kind: 'auto', statusChange: null })).toBe('Enregistrement automatique');
  });

  it('compares the older version with the newer whichever was picked first', () => {
    const older = { id: 'v-old', seq: 3 };
    const newer = { id: 'v-new', seq: 7 };
    expect(orderedDiff(older, newer)).toEqual({ mode: 'diff', from: 'v-old', to: 'v-new' });
    expect(orderedDiff(newer, older)).toEqual({ mode: 'diff', from: 'v-old', to: 'v-new' });
  });
});
