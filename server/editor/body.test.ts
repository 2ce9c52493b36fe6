import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_KINDS } from '../../shared/api';
import { TEMPLATE_LANGUAGES } from '../../shared/templates';
import { TEMPLATE_TEXT } from '../../shared/templateText';
import { bodyToJSON, initialBody, plainText } from './body';

/** The body a new document is stored with, as the editor will read it. */
function storedFirstState(...args: Parameters<typeof initialBody>) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initialBody(...args));
  const json = bodyToJSON(doc);
  doc.destroy();
  return json;
}

describe('the first stored state of a new document', () => {
  it.each(DOCUMENT_KINDS)('holds the %s template’s headings in the creator’s language and none of its guidance', (kind) => {
    for (const language of TEMPLATE_LANGUAGES) {
      const text = plainText(storedFirstState(kind, language));
      const { sections, labels } = TEMPLATE_TEXT[language][kind];
      for (const { title, guidance } of Object.values(sections)) {
        expect(text).toContain(title);
        expect(text).not.toContain(guidance);
      }
      for (const label of Object.values(labels)) expect(text).toContain(label);
      // Nor the other language's guidance.
      for (const other of TEMPLATE_LANGUAGES) {
        for (const { guidance } of Object.values(TEMPLATE_TEXT[other][kind].sections)) expect(text).not.toContain(guidance);
      }
    }
  });

  it('is French without a language, and English when asked', () => {
    const headings = (json: ReturnType<typeof bodyToJSON>) => json.content!.filter((n) => n.type === 'heading').map(plainText);
    expect(headings(storedFirstState('proposal'))).toEqual(headings(storedFirstState('proposal', 'fr')));
    expect(headings(storedFirstState('proposal', 'en'))).toEqual([
      'Response to the call for projects',
      'Funder',
      'Call for projects',
      'Deadline',
      'Context',
      'Target audience',
      'Objectives',
      'Actions',
      'Partners',
      'Timeline',
      'Budget',
      'Evaluation',
      'Attachments',
    ]);
  });

  it('starts each section with an empty paragraph to write in', () => {
    const blocks = storedFirstState('charter', 'en').content!;
    expect(blocks.map((b) => [b.type, plainText(b)])).toEqual([
      ['heading', 'Purpose of the collective'],
      ['paragraph', ''],
      ['heading', 'What brings us together'],
      ['paragraph', ''],
      ['heading', 'Our values'],
      ['paragraph', ''],
      ['heading', 'Our ambition'],
      ['paragraph', ''],
    ]);
  });
});
