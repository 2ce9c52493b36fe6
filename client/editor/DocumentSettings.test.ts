/** The document settings control as rendered (server-side rendering: no DOM here), and the settings the editor gets. */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { createInstance } from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { fr } from '../../shared/i18n/fr';
import { en } from '../../shared/i18n/en';
import { DocumentSettings, documentTextSettings, type DocumentSettingsProps } from './DocumentSettings';

async function render(language: 'fr' | 'en', props: DocumentSettingsProps): Promise<string> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ resources: { fr: { translation: fr }, en: { translation: en } }, lng: language, interpolation: { escapeValue: false } });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(DocumentSettings, props)));
}

describe('documentTextSettings', () => {
  it('prefers the live values, then the fetched document, then French with typography on', () => {
    expect(documentTextSettings({ language: 'en' }, { language: 'fr', typography: false })).toEqual({ language: 'en', typography: false, frenchTypography: false });
    expect(documentTextSettings({ typography: true }, { language: 'fr', typography: false })).toEqual({ language: 'fr', typography: true, frenchTypography: true });
    expect(documentTextSettings({}, {})).toEqual({ language: 'fr', typography: true, frenchTypography: true });
    expect(documentTextSettings({}, null).frenchTypography).toBe(true);
  });

  it('applies French typography only to French documents', () => {
    expect(documentTextSettings({ language: 'en', typography: true }).frenchTypography).toBe(false);
    expect(documentTextSettings({ language: 'fr', typography: false }).frenchTypography).toBe(false);
  });
});

describe('DocumentSettings', () => {
  it('shows the language and the typography switch, usable by an editor', async () => {
    const html = await render('fr', { documentId: 'doc_12345678', language: 'fr', typography: true, canEdit: true });
    expect(html).toContain('data-testid="document-settings"');
    expect(html).not.toMatch(/<fieldset[^>]*disabled/);
    expect(html).toMatch(/<option value="fr" lang="fr" selected="">Français<\/option>/);
    expect(html).toContain('Typographie française automatique');
    expect(html).toMatch(/<input[^>]*type="checkbox"[^>]*data-testid="document-typography" checked=""/);
  });

  it('is disabled, and says why, for those who cannot edit', async () => {
    const html = await render('en', { documentId: 'doc_12345678', language: 'en', typography: false, canEdit: false });
    expect(html).toMatch(/<fieldset[^>]*disabled=""/);
    expect(html).toMatch(/<option value="en" lang="en" selected="">English<\/option>/);
    expect(html).not.toMatch(/<input[^>]*checked=""/);
    expect(html).toContain('Only for documents in French.');
    expect(html).toContain('Only people who can edit the document can change these settings.');
  });
});
