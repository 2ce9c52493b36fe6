/**
 * French typography as one types, as TipTap input rules: a narrow no-break space (U+202F) before
 * ; ! ?, a no-break space (U+00A0) before : and inside « », straight quotes turned into « » and the
 * apostrophe into ’. Being input rules, TipTap leaves code (inline code, code blocks) alone and
 * Backspace right after a change undoes it (`undoInputRule`, bound to Backspace by TipTap's core
 * keymap), giving back exactly what was typed.
 *
 * Only what is typed is changed, never pasted text or what others write: each member's editor
 * turns their own keystrokes into the typographic characters, which then travel like any text.
 */
import { Extension, InputRule, type InputRuleMatch } from '@tiptap/core';

/** Espace insécable: before a colon, inside guillemets. */
export const NBSP = '\u00A0';
/** Espace fine insécable: before ; ! ? */
export const NNBSP = '\u202F';

/** What to do with one typed character: replace the last `replace` characters before it, and the character, by `insert`. */
export interface TypographyChange {
  replace: number;
  insert: string;
}

const isSpace = (char: string | undefined): boolean => char !== undefined && /\s/u.test(char);
/** A character after which ; ! ? take their space even when none was typed. */
const endsWord = (char: string | undefined): boolean => char !== undefined && /[\p{L}\p{N})\]}»]/u.test(char);
/** The same for a colon, but not after a digit: 12:30 and 16:9 keep theirs. */
const endsWordNotNumber = (char: string | undefined): boolean => char !== undefined && /[\p{L})\]}»]/u.test(char);
/** After these a straight double quote opens (with nothing before it, too). */
const opensAfter = (char: string | undefined): boolean => char === undefined || isSpace(char) || /[([{‘“—–]/u.test(char);

/**
 * URL schemes: `http:` and the like keep their colon as typed. A list rather than a pattern, since
 * any word looks like a scheme (« Note: » is prose, « https: » is not).
 */
const URL_SCHEMES = new Set(['http', 'https', 'ftp', 'ftps', 'sftp', 'ssh', 'git', 'file', 'mailto', 'tel', 'sms', 'ws', 'wss', 'data', 'irc', 'xmpp', 'geo', 'magnet', 'urn', 'news', 'webcal']);

/** The run of non-space characters just before the cursor: the word being typed. */
const currentWord = (before: string): string => /\S*$/u.exec(before)![0];

/**
 * Whether the word being typed is an address rather than prose: it has a scheme (`http:`,
 * `mailto:`), slashes, an @, a backslash or starts with www. Nothing is changed inside it.
 */
function looksLikeAddress(word: string): boolean {
  return /^www\./iu.test(word) || /[/@\\]/u.test(word) || /^[a-z][a-z0-9+.-]*:/iu.test(word);
}

/** Whether the text before the cursor has a guillemet still open. */
function quoteOpen(before: string): boolean {
  let depth = 0;
  for (const char of before) {
    if (char === '«') depth++;
    else if (char === '»' && depth > 0) depth--;
  }
  return depth > 0;
}

/** Plain spaces (U+0020) typed at the end, counted only when something that is not a space is before them. */
function trailingPlainSpaces(before: string): number {
  const spaces = / +$/u.exec(before)?.[0].length ?? 0;
  return spaces > 0 && before.length > spaces && !isSpace(before[before.length - spaces - 1]) ? spaces : 0;
}

/**
 * The space a mark of punctuation takes before it: the plain spaces typed before it become one
 * `space`; none typed, one is added after `joins` characters; after a space already there (one of
 * ours, or one the writer typed on purpose), nothing is added.
 */
function spaceBefore(before: string, mark: string, space: string, joins: (char: string | undefined) => boolean): TypographyChange | null {
  const spaces = trailingPlainSpaces(before);
  if (spaces > 0) return { replace: spaces, insert: space + mark };
  const last = before[before.length - 1];
  if (!joins(last) || looksLikeAddress(currentWord(before))) return null;
  return { replace: 0, insert: space + mark };
}

/** A closing guillemet: a no-break space before it, whatever preceded it (but not at the start of a line). */
function closingQuote(before: string): TypographyChange | null {
  return spaceBefore(before, '»', NBSP, (char) => char !== undefined && !isSpace(char));
}

/**
 * The change French typography makes to the character `typed` when `before` is the text of the
 * paragraph before the cursor, or null for none. Pure, so that the rules are tested on their own.
 */
export function typographyChange(before: string, typed: string): TypographyChange | null {
  const last = before[before.length - 1];
  // After an opening guillemet: the space typed becomes a no-break one, or one comes before the word.
  if (last === '«' && typed !== '»' && typed !== '"' && !looksLikeAddress(currentWord(before.slice(0, -1)))) {
    if (typed === ' ') return { replace: 0, insert: NBSP };
    if (isSpace(typed)) return null;
    return { replace: 0, insert: NBSP + typed };
  }
  switch (typed) {
    case ';':
    case '!':
    case '?':
      return spaceBefore(before, typed, NNBSP, endsWord);
    case ':': {
      const word = currentWord(before);
      if (URL_SCHEMES.has(word.toLowerCase())) return null;
      return spaceBefore(before, ':', NBSP, endsWordNotNumber);
    }
    case '»':
      return closingQuote(before);
    case '"':
      if (looksLikeAddress(currentWord(before))) return null;
      // Opens at the start or after a space, unless a guillemet is open: then it closes it.
      if (!quoteOpen(before) && opensAfter(last)) return { replace: 0, insert: '«' };
      return closingQuote(before);
    case "'":
      return looksLikeAddress(currentWord(before)) ? null : { replace: 0, insert: '’' };
    default:
      return null;
  }
}

export interface FrenchTypographyOptions {
  /**
   * Read at every keystroke: whether the rules apply (the document is in French and its setting
   * allows them). A function, so that a change of setting needs no new editor.
   */
  enabled: () => boolean;
}

/** TipTap extension applying `typographyChange` to what the member types. */
export const FrenchTypography = Extension.create<FrenchTypographyOptions>({
  name: 'frenchTypography',

  addOptions() {
    return { enabled: () => true };
  },

  addInputRules() {
    const { enabled } = this.options;
    // TipTap gives the text of the paragraph up to the cursor with the typed text appended.
    const find = (text: string): InputRuleMatch | null => {
      if (text === '' || !enabled()) return null;
      const change = typographyChange(text.slice(0, -1), text.slice(-1));
      if (!change) return null;
      const index = text.length - 1 - change.replace;
      return { index, text: text.slice(index), data: { insert: change.insert } };
    };
    return [
      new InputRule({
        find,
        handler: ({ state, range, match }) => {
          const { selection } = state;
          // One character typed at the cursor (IME or autocorrect input of several is left as typed):
          // the match is the replaced characters, then that one.
          if (selection.from - range.from !== match[0].length - 1) return null;
          // Code typed with the code mark on (nothing around it carries it yet, so TipTap cannot tell).
          const marks = state.storedMarks ?? selection.$from.marks();
          if (marks.some((mark) => mark.type.spec.code)) return null;
          state.tr.insertText(String(match.data?.insert), range.from, range.to);
        },
      }),
    ];
  },
});
