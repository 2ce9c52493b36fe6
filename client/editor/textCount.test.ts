import { describe, expect, it } from 'vitest';
import { getSchema, type JSONContent } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { schemaExtensions } from '../../shared/editor/extensions';
import { templateFor } from '../../shared/templates';
import { countText } from './textCount';

const schema = getSchema(schemaExtensions());
const text = (value: string, marks?: JSONContent['marks']): JSONContent => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const doc = (...content: JSONContent[]) => Node.fromJSON(schema, { type: 'doc', content });
const count = (...paragraphs: string[]) => countText(doc(...paragraphs.map((p) => (p ? paragraph(text(p)) : { type: 'paragraph' }))));

describe('countText', () => {
  it('counts an empty document as nothing', () => {
    expect(countText(doc({ type: 'paragraph' }))).toEqual({ words: 0, characters: 0, charactersWithoutSpaces: 0 });
  });

  it('counts elisions, hyphenated words and addresses as one word, numbers as words, punctuation alone as none', () => {
    expect(count('l’équipe d’aujourd’hui').words).toBe(2);
    expect(count("l'équipe peut-être").words).toBe(2);
    expect(count('Voir https://exemple.org/a?b=1 ou ada@exemple.org').words).toBe(4);
    expect(count('En 2026, 3,5 % de plus').words).toBe(5);
    expect(count('Bonjour\u202F! « citation » — fin …').words).toBe(3);
  });

  it('separates words at no-break spaces, line breaks and block boundaries', () => {
    expect(count('1\u00A0234 et 5\u202F678').words).toBe(5);
    expect(count('fin', 'début').words).toBe(2);
    expect(countText(doc(paragraph(text('avant'), { type: 'hardBreak' }, text('après')))).words).toBe(2);
    const cells = doc({
      type: 'table',
      content: [{ type: 'tableRow', content: ['un', 'deux'].map((c) => ({ type: 'tableCell', content: [paragraph(text(c))] })) }],
    });
    expect(countText(cells).words).toBe(2);
  });

  it('counts one word across marks', () => {
    expect(countText(doc(paragraph(text('gr'), text('as', [{ type: 'bold' }]), text(' et '), text('fin', [{ type: 'italic' }])))).words).toBe(3);
  });

  it('counts characters as seen, spaces within paragraphs included', () => {
    expect(count('Été !')).toEqual({ words: 1, characters: 5, charactersWithoutSpaces: 4 });
    // e + combining acute accent, and a waving hand with a skin tone: one character each.
    expect(count('Ete\u0301 👋🏽')).toEqual({ words: 1, characters: 5, charactersWithoutSpaces: 4 });
    expect(count('ab', '', 'cd')).toEqual({ words: 2, characters: 4, charactersWithoutSpaces: 4 });
  });

  it('counts a range, such as a selection, cutting words at its ends', () => {
    const d = doc(paragraph(text('Un deux trois')), paragraph(text('quatre cinq')));
    // The first paragraph's text is at 1 to 14 ("deux trois" at 4 to 14), the second's at 16 to 27.
    expect(countText(d, 4, 14)).toEqual({ words: 2, characters: 10, charactersWithoutSpaces: 9 });
    // "ux trois" and "quatre ci": four words, whole or cut.
    expect(countText(d, 6, 25)).toEqual({ words: 4, characters: 17, charactersWithoutSpaces: 15 });
    expect(countText(d, 5, 5).words).toBe(0);
  });

  it('counts a template document', () => {
    const proposal = Node.fromJSON(schema, templateFor('proposal'));
    const counted = countText(proposal);
    expect(counted.words).toBe(proposal.textBetween(0, proposal.content.size, ' ', ' ').split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length);
    expect(counted.words).toBeGreaterThan(3);
  });
});
