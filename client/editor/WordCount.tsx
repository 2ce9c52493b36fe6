/**
 * « 1 234 mots · 7 890 caractères » for the status bar, and « 12 mots sur 1 234 · … » while text
 * is selected. Recounted at most every `interval` ms while the document or the selection changes
 * (a keystroke in a long document costs no recount of its own), and never read out by screen
 * readers as it changes (`aria-live="off"`): it is there to be looked at.
 */
import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import type { Editor } from '@tiptap/core';
import { useTranslation } from 'react-i18next';
import { countText, type TextCount } from './textCount';

/** The counts shown: the whole document's, and the selection's (null when nothing is selected). */
export interface TextCounts {
  document: TextCount;
  selection: TextCount | null;
}

/** What `WordCount` shows for the editor's current state. */
export function measureText(editor: Editor): TextCounts {
  const { doc, selection } = editor.state;
  return { document: countText(doc), selection: selection.empty ? null : countText(doc, selection.from, selection.to) };
}

const sameCount = (a: TextCount | null, b: TextCount | null): boolean =>
  a === b || (a !== null && b !== null && a.words === b.words && a.characters === b.characters && a.charactersWithoutSpaces === b.charactersWithoutSpaces);

/**
 * Calls `onCounts` with the editor's counts after it changes (text or selection), at most once per
 * `interval` ms and only when they differ from the last ones given. Returns the unsubscribe.
 */
export function watchTextCounts(editor: Editor, interval: number, onCounts: (counts: TextCounts) => void, initial: TextCounts = measureText(editor)): () => void {
  let last = initial;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const recount = () => {
    timer = null;
    const next = measureText(editor);
    if (sameCount(next.document, last.document) && sameCount(next.selection, last.selection)) return;
    last = next;
    onCounts(next);
  };
  const schedule = () => {
    timer ??= setTimeout(recount, interval);
  };
  const stop = () => {
    editor.off('update', schedule);
    editor.off('selectionUpdate', schedule);
    editor.off('destroy', stop);
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  editor.on('update', schedule);
  editor.on('selectionUpdate', schedule);
  editor.on('destroy', stop);
  return stop;
}

const formats = new Map<string, Intl.NumberFormat>();
/** Numbers as the language writes them: 1 234 (with a narrow no-break space) in French, 1,234 in English. */
function formatNumber(language: string, value: number): string {
  let format = formats.get(language);
  if (!format) formats.set(language, (format = new Intl.NumberFormat(language)));
  return format.format(value);
}

/** The sentence shown for `counts`, in `language` (`t` must be in that language). */
export function formatTextCounts(t: TFunction, language: string, counts: TextCounts): string {
  const n = (value: number) => formatNumber(language, value);
  const { document, selection } = counts;
  if (selection === null) {
    return t('wordCount.summary', {
      words: t('wordCount.words', { count: document.words, formatted: n(document.words) }),
      characters: t('wordCount.characters', { count: document.characters, formatted: n(document.characters) }),
    });
  }
  return t('wordCount.summary', {
    words: t('wordCount.selectedWords', { count: selection.words, formatted: n(selection.words), total: n(document.words) }),
    characters: t('wordCount.selectedCharacters', { count: selection.characters, formatted: n(selection.characters), total: n(document.characters) }),
  });
}

export interface WordCountProps {
  editor: Editor;
  /** Recount at most this often while typing, in ms. */
  interval?: number;
}

/** Word and character counts of the document (or of the selection); `data-testid="word-count"`. */
export function WordCount({ editor, interval = 300 }: WordCountProps) {
  const { t, i18n } = useTranslation();
  const [counts, setCounts] = useState(() => measureText(editor));

  useEffect(() => {
    // A new editor (another document): count it now, then follow it.
    const now = measureText(editor);
    setCounts(now);
    return watchTextCounts(editor, interval, setCounts, now);
  }, [editor, interval]);

  const language = i18n.resolvedLanguage ?? i18n.language;
  const withoutSpaces = (counts.selection ?? counts.document).charactersWithoutSpaces;
  return (
    <span className="word-count" data-testid="word-count" aria-live="off" title={t('wordCount.withoutSpaces', { count: withoutSpaces, formatted: formatNumber(language, withoutSpaces) })}>
      {formatTextCounts(t, language, counts)}
    </span>
  );
}
