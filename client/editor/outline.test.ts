import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { schemaExtensions } from '../../shared/editor/extensions';
import { templateFor } from '../../shared/templates';
import { outlineOf, sectionAt } from './outline';

const schema = getSchema(schemaExtensions());
const proposal = Node.fromJSON(schema, templateFor('proposal'));

describe('outlineOf', () => {
  it('lists the template headings with their levels', () => {
    const outline = outlineOf(proposal);
    expect(outline[0]).toMatchObject({ level: 1, text: 'Réponse à l’appel à projets' });
    expect(outline.map((h) => h.text)).toContain('Budget');
    expect(outline.filter((h) => h.level === 2).length).toBeGreaterThan(3);
  });
});

describe('sectionAt', () => {
  it('names the heading above a position', () => {
    const budget = outlineOf(proposal).find((h) => h.text === 'Budget')!;
    expect(sectionAt(proposal, budget.pos + 3)).toBe('Budget');
    expect(sectionAt(proposal, budget.pos - 1)).not.toBe('Budget');
  });

  it('is null before the first heading', () => {
    const note = Node.fromJSON(schema, templateFor('note'));
    expect(sectionAt(note, 1)).toBeNull();
  });
});
