import { describe, expect, it } from 'vitest';
import { Node } from '@tiptap/pm/model';
import { DOCUMENT_KINDS, type DocumentKind } from './api';
import { editorSchema } from './editor/extensions';
import { normalizeHeading, sectionGuidance, sectionOfHeading, TEMPLATE_LANGUAGES, TEMPLATE_SECTIONS, templateFor, type PmNode } from './templates';
import { TEMPLATE_TEXT } from './templateText';

/** The shape of a tree without its words: node types, heading levels, children. */
const shape = (node: PmNode): unknown => ({ type: node.type, level: node.attrs?.level, content: node.content?.filter((c) => c.type !== 'text').map(shape) });
/** Every text of a tree, in order. */
const texts = (node: PmNode): string[] => (node.text !== undefined ? [node.text] : (node.content ?? []).flatMap(texts));
const headings = (doc: PmNode): string[] => (doc.content ?? []).filter((n) => n.type === 'heading').map((n) => texts(n).join(''));
const words = (kind: DocumentKind, language: 'fr' | 'en') => TEMPLATE_TEXT[language][kind];

describe('document templates', () => {
  it.each(DOCUMENT_KINDS)('exist for %s in every language and fit the editor schema', (kind) => {
    for (const language of TEMPLATE_LANGUAGES) {
      const doc = Node.fromJSON(editorSchema(), templateFor(kind, language));
      expect(() => doc.check()).not.toThrow();
      expect(doc.lastChild?.type.name).toBe('paragraph'); // somewhere to go on writing
    }
  });

  it.each(DOCUMENT_KINDS)('have the same sections, structure and labels in French and English (%s)', (kind) => {
    const [fr, en] = [words(kind, 'fr'), words(kind, 'en')];
    expect(Object.keys(en.sections).sort()).toEqual(Object.keys(fr.sections).sort());
    expect(Object.keys(en.labels).sort()).toEqual(Object.keys(fr.labels).sort());
    expect(Object.keys(fr.sections).sort()).toEqual(TEMPLATE_SECTIONS[kind].map((s) => s.key).sort());
    expect(shape(templateFor(kind, 'en'))).toEqual(shape(templateFor(kind, 'fr')));
    for (const text of [...Object.values(fr.sections), ...Object.values(en.sections)].flatMap((s) => [s.title, s.guidance]).concat(Object.values(fr.labels), Object.values(en.labels))) {
      expect(text.trim()).not.toBe('');
    }
  });

  it('are written in the requested language, French by default', () => {
    expect(headings(templateFor('proposal'))).toEqual(headings(templateFor('proposal', 'fr')));
    expect(headings(templateFor('proposal', 'fr'))[0]).toBe('Réponse à l’appel à projets');
    expect(headings(templateFor('proposal', 'en'))[0]).toBe('Response to the call for projects');
    expect(texts(templateFor('proposal', 'en'))).toEqual(expect.arrayContaining(['Budget', 'Expense item', 'Amount (€)', 'Total']));
    expect(texts(templateFor('meeting', 'en'))).toEqual(['Meeting minutes', 'Agenda', 'Decisions', 'Action items']);
  });

  it.each(DOCUMENT_KINDS)('hold headings and table labels only: every section starts empty, no guidance is stored (%s)', (kind) => {
    for (const language of TEMPLATE_LANGUAGES) {
      const doc = templateFor(kind, language);
      const { sections, labels } = words(kind, language);
      expect(texts(doc).sort()).toEqual([...Object.values(sections).map((s) => s.title), ...Object.values(labels)].sort());
      const blocks = doc.content!;
      blocks.forEach((block, i) => {
        if (block.type !== 'heading') return;
        let first = blocks[i + 1]!;
        while (first.type !== 'paragraph') first = first.content![0]!; // into a list's first item
        expect(first.content, `after ${texts(block).join('')}`).toBeUndefined();
      });
    }
  });

  it('gives the proposal the parts of any call for projects, for no public in particular', () => {
    expect(TEMPLATE_SECTIONS.proposal.map((s) => s.key)).toEqual(['title', 'funder', 'call', 'deadline', 'context', 'public', 'objectives', 'actions', 'partners', 'timeline', 'budget', 'evaluation', 'attachments']);
    for (const language of TEMPLATE_LANGUAGES) {
      const all = JSON.stringify(TEMPLATE_TEXT[language].proposal);
      expect(all).not.toMatch(/60|âgé|senior|retrait|elderly|older/i);
    }
    expect(headings(templateFor('proposal', 'fr'))).toEqual(expect.arrayContaining(['Financeur', 'Appel à projets', 'Date limite de dépôt', 'Public visé', 'Pièces jointes']));
  });
});

describe('finding the section a heading stands for', () => {
  it('matches every template heading, in either language, to its section', () => {
    for (const kind of DOCUMENT_KINDS) {
      for (const { key } of TEMPLATE_SECTIONS[kind]) {
        for (const language of TEMPLATE_LANGUAGES) {
          const title = (words(kind, language).sections as Record<string, { title: string }>)[key]!.title;
          expect(sectionOfHeading(title, kind), title).toEqual({ kind, key });
        }
      }
    }
  });

  it('names at most one section per heading, so headings can be matched without knowing the kind', () => {
    const owners = new Map<string, Set<string>>();
    for (const kind of DOCUMENT_KINDS) {
      for (const language of TEMPLATE_LANGUAGES) {
        for (const [key, { title }] of Object.entries(words(kind, language).sections)) {
          const name = normalizeHeading(title);
          owners.set(name, (owners.get(name) ?? new Set()).add(`${kind}.${key}`));
        }
      }
    }
    for (const [name, sections] of owners) expect([...sections], name).toHaveLength(1);
    expect(sectionOfHeading('Agenda')).toEqual({ kind: 'meeting', key: 'agenda' });
  });

  it('ignores case, spacing, apostrophes and dashes as typed, but not other words', () => {
    expect(sectionOfHeading('  public   VISÉ ')).toEqual({ kind: 'proposal', key: 'public' });
    expect(sectionOfHeading("Quand l'appliquer", 'procedure')).toEqual({ kind: 'procedure', key: 'when' });
    expect(sectionOfHeading('Article 2 - Membres')).toEqual({ kind: 'rules', key: 'members' });
    expect(sectionOfHeading('Budget prévisionnel')).toBeNull();
    expect(sectionOfHeading('Budget', 'note')).toBeNull(); // not a section of that kind
  });

  it('gives the guidance in the asked language whatever the heading’s', () => {
    const section = sectionOfHeading('Target audience')!;
    expect(sectionGuidance(section, 'fr')).toBe(TEMPLATE_TEXT.fr.proposal.sections.public.guidance);
    expect(sectionGuidance(section, 'en')).toBe(TEMPLATE_TEXT.en.proposal.sections.public.guidance);
    expect(sectionGuidance(section, 'fr')).toMatch(/^Les personnes/);
  });
});
