/**
 * Words and characters of a document (or of a part of it), counted the way word processors do:
 * a word is a run of characters between spaces that holds at least one letter or digit. So
 * « l’équipe », « aujourd’hui », « peut-être » and an address are one word each, 2026 is a word,
 * a lone « ! » or « — » is none, and every space separates words, no-break ones (U+00A0, U+202F)
 * included: « 1 234 » written with a no-break space is two. Paragraphs, cells and line breaks
 * separate words too.
 *
 * Characters are what the reader sees as one (an accented letter typed as e + accent, an emoji
 * with its skin tone: one each), spaces within a paragraph included, the breaks between
 * paragraphs not. `charactersWithoutSpaces` leaves the spaces out.
 */
import type { Node as PmNode } from '@tiptap/pm/model';

export interface TextCount {
  words: number;
  characters: number;
  charactersWithoutSpaces: number;
}

const ZERO_WIDTH_JOINER = 0x200d;

function isSpaceCode(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Code points drawn as part of the character before them: combining marks, emoji modifiers, variation selectors. */
const EXTENDS = /[\p{M}\u{1F3FB}-\u{1F3FF}]/u;

function isLetterOrDigit(code: number, char: string): boolean {
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  if (code >= 0xc0 && code <= 0x24f) return code !== 0xd7 && code !== 0xf7; // Latin-1 and Latin Extended letters
  return LETTER_OR_DIGIT.test(char);
}

/** Counts as it reads the text in order; `boundary()` wherever a word cannot go on (a new block, a leaf). */
class Counter implements TextCount {
  words = 0;
  characters = 0;
  charactersWithoutSpaces = 0;
  private inWord = false;
  private wordHasLetter = false;
  private afterJoiner = false;

  read(text: string): void {
    for (const char of text) {
      const code = char.codePointAt(0)!;
      if (isSpaceCode(code)) {
        this.boundary();
        this.characters++;
        continue;
      }
      this.inWord = true;
      if (!this.wordHasLetter && isLetterOrDigit(code, char)) this.wordHasLetter = true;
      // A character joined to the previous one (accent, skin tone, emoji sequence) adds no character.
      const joined = this.afterJoiner || code === ZERO_WIDTH_JOINER || (code >= 0x300 && EXTENDS.test(char));
      this.afterJoiner = code === ZERO_WIDTH_JOINER;
      if (joined) continue;
      this.characters++;
      this.charactersWithoutSpaces++;
    }
  }

  boundary(): void {
    if (this.inWord && this.wordHasLetter) this.words++;
    this.inWord = false;
    this.wordHasLetter = false;
    this.afterJoiner = false;
  }

  result(): TextCount {
    this.boundary();
    return { words: this.words, characters: this.characters, charactersWithoutSpaces: this.charactersWithoutSpaces };
  }
}

/**
 * Counts the words and characters of `doc` between `from` and `to` (the whole document by
 * default; a selection's `from`/`to` for what is selected). A word cut by the range's ends counts.
 */
export function countText(doc: PmNode, from = 0, to = doc.content.size): TextCount {
  const counter = new Counter();
  if (from >= to) return counter.result();
  doc.nodesBetween(from, to, (node, pos) => {
    if (node.isText) {
      const text = node.text!;
      counter.read(from > pos || to < pos + text.length ? text.slice(Math.max(0, from - pos), Math.min(text.length, to - pos)) : text);
    } else if (node.isBlock || node.isLeaf) {
      // A new paragraph, cell or list item, or a line break: the word before it ends.
      counter.boundary();
    }
    return true;
  });
  return counter.result();
}
