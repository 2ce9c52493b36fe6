/**
 * The starting content of each kind of document, as ProseMirror JSON in the shared schema, in the
 * creator's language; the server turns it into the first stored state of a new document. Also
 * finds which template section a heading stands for, so the editor can show its guidance.
 */
import type { CreateDocumentRequest, DocumentKind } from './api';
import { TEMPLATE_TEXT, type SectionText } from './templateText';

/** A ProseMirror JSON node (the shape TipTap's `getJSON()` returns). */
export interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

const text = (value: string): PmNode => ({ type: 'text', text: value });
const heading = (level: number, value: string): PmNode => ({ type: 'heading', attrs: { level }, content: [text(value)] });
const paragraph = (value?: string): PmNode => ({ type: 'paragraph', ...(value ? { content: [text(value)] } : {}) });
const bullets = (items: string[]): PmNode => ({
  type: 'bulletList',
  content: items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })),
});
const cell = (type: 'tableHeader' | 'tableCell', value: string): PmNode => ({ type, content: [paragraph(value || undefined)] });
const table = (header: string[], rows: string[][]): PmNode => ({
  type: 'table',
  content: [
    { type: 'tableRow', content: header.map((h) => cell('tableHeader', h)) },
    ...rows.map((row) => ({ type: 'tableRow', content: row.map((c) => cell('tableCell', c)) })),
  ],
});
/** What a section starts with: where the writer begins, and where its guidance shows. */
export type SectionStart = 'paragraph' | 'bullets' | 'steps';

/** A table under a section's first paragraph: a header row, then one row per label with empty cells. */
export interface TableSpec {
  readonly columns: readonly string[];
  readonly rows: readonly string[];
}

/** One section of a template: a heading, then an empty paragraph (or list item) to write in. */
export interface SectionSpec {
  /** Names the section in the dictionaries of ./templateText.ts. */
  readonly key: string;
  readonly level: 1 | 2;
  /** An empty paragraph unless said otherwise. */
  readonly start?: SectionStart;
  readonly table?: TableSpec;
}

/** The sections of each kind of document, in order; their words are in ./templateText.ts. */
export const TEMPLATE_SECTIONS = {
  // Generic to any call for projects: who funds, which call, by when, then what funders ask for.
  proposal: [
    { key: 'title', level: 1 },
    { key: 'funder', level: 2 },
    { key: 'call', level: 2 },
    { key: 'deadline', level: 2 },
    { key: 'context', level: 2 },
    { key: 'public', level: 2 },
    { key: 'objectives', level: 2 },
    { key: 'actions', level: 2, start: 'bullets' },
    { key: 'partners', level: 2 },
    { key: 'timeline', level: 2 },
    { key: 'budget', level: 2, table: { columns: ['expense', 'amount', 'requested'], rows: ['staff', 'running', 'equipment', 'total'] } },
    { key: 'evaluation', level: 2 },
    { key: 'attachments', level: 2 },
  ],
  charter: [
    { key: 'title', level: 1 },
    { key: 'together', level: 2 },
    { key: 'values', level: 2 },
    { key: 'ambition', level: 2 },
  ],
  rules: [
    { key: 'title', level: 1 },
    { key: 'purpose', level: 2 },
    { key: 'members', level: 2 },
    { key: 'decisions', level: 2 },
  ],
  procedure: [
    { key: 'title', level: 1 },
    { key: 'when', level: 2 },
    { key: 'steps', level: 2, start: 'steps' },
    { key: 'who', level: 2 },
  ],
  meeting: [
    { key: 'title', level: 1 },
    { key: 'agenda', level: 2, start: 'bullets' },
    { key: 'decisions', level: 2 },
    { key: 'todo', level: 2, start: 'bullets' },
  ],
  note: [],
} as const satisfies Record<DocumentKind, readonly SectionSpec[]>;

type SectionOf<K extends DocumentKind> = (typeof TEMPLATE_SECTIONS)[K][number];
/** The section keys of a kind's template. */
export type SectionKey<K extends DocumentKind> = SectionOf<K>['key'];
/** The table labels (column headers and row names) of a kind's template. */
export type TableLabelKey<K extends DocumentKind> =
  SectionOf<K> extends infer S ? (S extends { table: TableSpec } ? S['table']['columns'][number] | S['table']['rows'][number] : never) : never;

/** Languages templates are written in: the interface languages. */
export type TemplateLanguage = NonNullable<CreateDocumentRequest['language']>;
export const TEMPLATE_LANGUAGES = ['fr', 'en'] as const satisfies readonly TemplateLanguage[];

const sectionsOf = (kind: DocumentKind): readonly SectionSpec[] => TEMPLATE_SECTIONS[kind];

function wordsOf(kind: DocumentKind, language: TemplateLanguage): { sections: Record<string, SectionText>; labels: Record<string, string> } {
  return TEMPLATE_TEXT[language][kind];
}

function start(kind: SectionStart | undefined): PmNode {
  if (kind === 'bullets') return bullets(['']);
  if (kind === 'steps') return { type: 'orderedList', content: [{ type: 'listItem', content: [paragraph()] }] };
  return paragraph();
}

/**
 * The starting document (a `doc` node) for a new document of the given kind, in the given language:
 * headings and table labels only, each section starting empty (its guidance is shown, not stored).
 */
export function templateFor(kind: DocumentKind, language: TemplateLanguage = 'fr'): PmNode {
  const { sections, labels } = wordsOf(kind, language);
  const content: PmNode[] = [];
  for (const spec of sectionsOf(kind)) {
    content.push(heading(spec.level, sections[spec.key]!.title), start(spec.start));
    if (spec.table) {
      const { columns, rows } = spec.table;
      content.push(table(columns.map((c) => labels[c]!), rows.map((r) => [labels[r]!, ...columns.slice(1).map(() => '')])));
    }
  }
  // Ends with a paragraph, where the editor lets people go on writing after a final list or table.
  if (content[content.length - 1]?.type !== 'paragraph') content.push(paragraph());
  return { type: 'doc', content };
}

/** A section of some kind's template. */
export interface TemplateSection {
  kind: DocumentKind;
  key: string;
}

/** Heading text compared loosely: case, spacing, apostrophes and dashes as people (or typography rules) type them. */
export const normalizeHeading = (text: string): string =>
  text.normalize('NFC').replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u2010-\u2015]/g, '-').replace(/\s+/g, ' ').trim().toLocaleLowerCase('fr');

let headingIndex: Map<string, TemplateSection[]> | null = null;

/** Template sections by normalized heading, in every language. */
function sectionsByHeading(): Map<string, TemplateSection[]> {
  if (headingIndex) return headingIndex;
  headingIndex = new Map();
  for (const kind of Object.keys(TEMPLATE_SECTIONS) as DocumentKind[]) {
    for (const { key } of sectionsOf(kind)) {
      for (const language of TEMPLATE_LANGUAGES) {
        const name = normalizeHeading(wordsOf(kind, language).sections[key]!.title);
        const known = headingIndex.get(name) ?? [];
        if (!known.some((s) => s.kind === kind && s.key === key)) headingIndex.set(name, [...known, { kind, key }]);
      }
    }
  }
  return headingIndex;
}

/**
 * The template section a heading stands for, in either language: among the sections of `kind`
 * when given, else of any kind (a heading names at most one section: templates.test.ts checks it).
 */
export function sectionOfHeading(heading: string, kind?: DocumentKind): TemplateSection | null {
  const found = sectionsByHeading().get(normalizeHeading(heading)) ?? [];
  return (kind ? found.find((s) => s.kind === kind) : found[0]) ?? null;
}

/** What to write in a section, in the given language. */
export function sectionGuidance(section: TemplateSection, language: TemplateLanguage): string {
  return wordsOf(section.kind, language).sections[section.key]?.guidance ?? '';
}
