/**
 * French starting content for each kind of document, as ProseMirror JSON in the shared schema.
 * The server turns it into the first stored state of a new document.
 */
import type { DocumentKind } from './api';

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
const section = (title: string, hint: string): PmNode[] => [heading(2, title), paragraph(hint)];

const TEMPLATES: Record<DocumentKind, () => PmNode[]> = {
  proposal: () => [
    heading(1, 'Réponse à l’appel à projets'),
    paragraph('Financeur, intitulé de l’appel, date limite de dépôt.'),
    ...section('Contexte', 'Le territoire, les constats et les besoins auxquels le projet répond.'),
    ...section('Public visé', 'Les personnes de plus de 60 ans concernées : nombre, lieux, situations.'),
    ...section('Objectifs', 'Ce que le projet veut changer pour le public, de façon mesurable.'),
    heading(2, 'Actions'),
    bullets(['Action 1 : description, lieu, fréquence', 'Action 2 : description, lieu, fréquence']),
    ...section('Partenaires', 'Les structures associées et leur rôle.'),
    ...section('Calendrier', 'Les grandes étapes, de la préparation au bilan.'),
    heading(2, 'Budget'),
    table(
      ['Poste de dépense', 'Montant (€)', 'Financement demandé (€)'],
      [
        ['Animation', '', ''],
        ['Déplacements', '', ''],
        ['Total', '', ''],
      ],
    ),
    ...section('Évaluation', 'Les indicateurs suivis et la manière de les recueillir.'),
  ],
  charter: () => [
    heading(1, 'Raison d’être du collectif'),
    ...section('Ce qui nous rassemble', 'Pourquoi ce collectif existe.'),
    ...section('Nos valeurs', 'Ce à quoi nous tenons dans notre manière de travailler.'),
    ...section('Notre ambition', 'Ce que nous voulons accomplir ensemble.'),
  ],
  rules: () => [
    heading(1, 'Règlement du collectif'),
    ...section('Article 1 — Objet', 'Ce que règle ce texte.'),
    ...section('Article 2 — Membres', 'Comment on entre dans le collectif et comment on en sort.'),
    ...section('Article 3 — Décisions', 'Comment le collectif prend ses décisions.'),
  ],
  procedure: () => [
    heading(1, 'Procédure'),
    ...section('Quand l’appliquer', 'La situation qui déclenche cette procédure.'),
    heading(2, 'Étapes'),
    { type: 'orderedList', content: [{ type: 'listItem', content: [paragraph('Première étape')] }] },
    ...section('Qui s’en charge', 'Les rôles et les personnes concernées.'),
  ],
  meeting: () => [
    heading(1, 'Compte rendu de réunion'),
    paragraph('Date, lieu, personnes présentes.'),
    heading(2, 'Ordre du jour'),
    bullets(['Point 1']),
    ...section('Décisions', 'Ce qui a été décidé.'),
    heading(2, 'Actions à mener'),
    bullets(['Qui fait quoi, pour quand']),
  ],
  note: () => [paragraph()],
};

/** The starting document (a `doc` node) for a new document of the given kind. */
export function templateFor(kind: DocumentKind): PmNode {
  const content = TEMPLATES[kind]();
  // Ends with a paragraph, where the editor lets people go on writing after a final list or table.
  if (content[content.length - 1]?.type !== 'paragraph') content.push(paragraph());
  return { type: 'doc', content };
}
