/**
 * The word count as rendered (server-side rendering: there is no DOM in these tests) in both
 * languages, and its throttled recount driven by a real headless editor and fake timers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { createInstance } from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { Editor, type JSONContent } from '@tiptap/core';
import { schemaExtensions } from '../../shared/editor/extensions';
import { fr } from '../../shared/i18n/fr';
import { en } from '../../shared/i18n/en';
import { WordCount, formatTextCounts, watchTextCounts, type TextCounts } from './WordCount';

const editors: Editor[] = [];
afterEach(() => {
  editors.splice(0).forEach((editor) => editor.destroy());
  vi.useRealTimers();
});

function editorWith(...paragraphs: string[]): Editor {
  const content: JSONContent[] = paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] }));
  const editor = new Editor({ extensions: schemaExtensions(), content: { type: 'doc', content } });
  editors.push(editor);
  return editor;
}

async function i18nIn(language: 'fr' | 'en') {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ resources: { fr: { translation: fr }, en: { translation: en } }, lng: language, fallbackLng: 'fr', interpolation: { escapeValue: false } });
  return i18n;
}

const render = async (language: 'fr' | 'en', editor: Editor) =>
  renderToStaticMarkup(createElement(I18nextProvider, { i18n: await i18nIn(language) }, createElement(WordCount, { editor })));

const counts = (words: number, characters: number, selection: [number, number] | null = null): TextCounts => ({
  document: { words, characters, charactersWithoutSpaces: characters },
  selection: selection && { words: selection[0], characters: selection[1], charactersWithoutSpaces: selection[1] },
});

describe('WordCount', () => {
  it('shows the counts in French, quietly for screen readers', async () => {
    const html = await render('fr', editorWith('L’équipe a écrit : « Bonjour ! »', 'Fin.'));
    expect(html).toContain('data-testid="word-count"');
    expect(html).toContain('aria-live="off"');
    expect(html).toContain('>5 mots · 36 caractères<');
    expect(html).toContain('title="29 caractères hors espaces"');
  });

  it('shows them in English', async () => {
    expect(await render('en', editorWith('One word', 'and more'))).toContain('>4 words · 16 characters<');
  });

  it('writes numbers and plurals the way each language does', async () => {
    const [frT, enT] = [(await i18nIn('fr')).t, (await i18nIn('en')).t];
    expect(formatTextCounts(frT, 'fr', counts(1234, 7890))).toBe('1\u202F234 mots · 7\u202F890 caractères');
    expect(formatTextCounts(enT, 'en', counts(1234, 7890))).toBe('1,234 words · 7,890 characters');
    expect(formatTextCounts(frT, 'fr', counts(0, 1))).toBe('0 mot · 1 caractère');
    expect(formatTextCounts(enT, 'en', counts(1, 0))).toBe('1 word · 0 characters');
    expect(formatTextCounts(frT, 'fr', counts(1_000_000, 2_000_000))).toBe('1\u202F000\u202F000 de mots · 2\u202F000\u202F000 de caractères');
  });

  it('gives the selection’s counts out of the whole', async () => {
    const [frT, enT] = [(await i18nIn('fr')).t, (await i18nIn('en')).t];
    expect(formatTextCounts(frT, 'fr', counts(1234, 7890, [12, 80]))).toBe('12 mots sur 1\u202F234 · 80 caractères sur 7\u202F890');
    expect(formatTextCounts(enT, 'en', counts(1234, 7890, [1, 5]))).toBe('1 of 1,234 words · 5 of 7,890 characters');
  });
});

describe('watchTextCounts', () => {
  it('recounts at most once per interval while typing, with the latest text', () => {
    vi.useFakeTimers();
    const editor = editorWith('Un');
    const seen: TextCounts[] = [];
    const stop = watchTextCounts(editor, 300, (c) => seen.push(c));
    for (const word of [' deux', ' trois', ' quatre']) {
      editor.commands.insertContentAt(editor.state.doc.content.size - 1, { type: 'text', text: word });
      vi.advanceTimersByTime(50);
    }
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(150);
    expect(seen.map((c) => c.document.words)).toEqual([4]);

    editor.commands.setTextSelection({ from: 1, to: 8 }); // "Un deux"
    vi.advanceTimersByTime(300);
    expect(seen.at(-1)?.selection?.words).toBe(2);

    stop();
    editor.commands.insertContentAt(editor.state.doc.content.size - 1, { type: 'text', text: ' cinq' });
    vi.advanceTimersByTime(1000);
    expect(seen).toHaveLength(2);
  });
});
