import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_KINDS } from '../../shared/api';
import { BODY_FRAGMENT } from '../../shared/rooms';
import type { PmNode } from '../../shared/templates';
import { editorSchema, initialBody } from '../editor/body';
import { replaceBodyUpdate } from '../versions/bodyState';
import { batchClients, checkBodyTransaction, InvalidContentError, MAX_DEPTH, updateHolding } from './bodySchema';

const text = (value: string, marks?: PmNode['marks']): PmNode => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });
const paragraph = (...content: PmNode[]): PmNode => ({ type: 'paragraph', content });
const cell = (type: string, value: string): PmNode => ({ type, content: [paragraph(text(value))] });

/** A body using every node and mark of the schema, as the editor would write it. */
const RICH: PmNode = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [text('Budget')] },
    paragraph(text('Un '), text('passage', [{ type: 'bold' }]), text(' et un '), text('lien', [{ type: 'link', attrs: { href: 'https://example.org' } }]), { type: 'hardBreak' }, text('fin')),
    { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('premier')), paragraph(text('second'))] }] },
    { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [paragraph(text('trois'))] }] },
    { type: 'blockquote', content: [paragraph(text('cité'))] },
    { type: 'codeBlock', attrs: { language: 'ts' }, content: [text('const a = 1;')] },
    { type: 'horizontalRule' },
    { type: 'table', content: [{ type: 'tableRow', content: [cell('tableHeader', 'Poste'), cell('tableHeader', 'Montant')] }, { type: 'tableRow', content: [cell('tableCell', 'Salaires'), cell('tableCell', '1000')] }] },
  ],
};

function stateOf(json: PmNode): Uint8Array {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(editorSchema(), json, doc.getXmlFragment(BODY_FRAGMENT));
  return Y.encodeStateAsUpdate(doc);
}
const BASE = stateOf(RICH);

type Edit = (body: Y.XmlFragment, doc: Y.Doc) => void;

/** The update an editor (or an attacker) holding `base` sends after `edit`. */
function updateFrom(base: Uint8Array, edit: Edit): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  const before = Y.encodeStateVector(doc);
  edit(doc.getXmlFragment(BODY_FRAGMENT), doc);
  return Y.encodeStateAsUpdate(doc, before);
}

/**
 * Applies updates to a room-like doc (made from the stored state, no root asked for, as
 * EncodedBody.toDoc makes it) in one transaction, as Room.commitPending does, then checks it:
 * null when accepted, else why it was refused.
 */
function verdict(base: Uint8Array, ...updates: Uint8Array[]): string | null {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  const clients = batchClients(doc, updates);
  let applied: Y.Transaction | null = null;
  doc.transact((transaction) => {
    applied = transaction;
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  const outcome = (only: Set<number> | null): string | null => {
    try {
      checkBodyTransaction(doc, applied!, only);
      return null;
    } catch (error) {
      if (error instanceof InvalidContentError) return error.message;
      throw error;
    }
  };
  // Visiting only the clients named in the updates' headers finds what visiting all of them does.
  const found = outcome(clients);
  expect(outcome(null)).toBe(found);
  return found;
}

const check = (edit: Edit, base = BASE): string | null => verdict(base, updateFrom(base, edit));

// Paths into the RICH body.
const child = (node: Y.XmlFragment, ...path: number[]): any => path.reduce((n: any, i) => n.get(i), node);
const firstText = (body: Y.XmlFragment): Y.XmlText => child(body, 1, 0);
const element = (name: string, ...children: (Y.XmlElement | Y.XmlText)[]): Y.XmlElement => {
  const e = new Y.XmlElement(name);
  e.insert(0, children);
  return e;
};
const para = (value = 'texte'): Y.XmlElement => element('paragraph', new Y.XmlText(value));
const nested = (depth: number): Y.XmlElement => {
  let node = para();
  for (let i = 1; i < depth; i++) node = element('blockquote', node);
  return node;
};

describe('body schema check', () => {
  const valid: [string, Edit][] = [
    ['typing into a paragraph', (body) => firstText(body).insert(3, 'grand ')],
    ['bold on a range', (body) => firstText(body).format(0, 2, { bold: {} })],
    ['a link with its attributes', (body) => firstText(body).format(0, 2, { link: { href: 'https://trame.example', target: '_blank', rel: null, class: null, title: null } })],
    ['removing a mark', (body) => firstText(body).format(0, 10, { bold: null })],
    ['removing an unknown mark', (body) => firstText(body).format(0, 10, { blink: null })],
    ['a new paragraph at the end', (body) => body.insert(body.length, [para()])],
    ['an empty new paragraph', (body) => body.insert(0, [new Y.XmlElement('paragraph')])],
    ['a paragraph with an empty text', (body) => body.insert(0, [element('paragraph', new Y.XmlText())])],
    ['a heading level changed', (body) => child(body, 0).setAttribute('level', 3)],
    ['an attribute back to its default', (body) => child(body, 5).setAttribute('language', null)],
    ['a sub-list after a list item’s first paragraph', (body) => child(body, 2, 0).insert(1, [element('bulletList', element('listItem', para()))])],
    ['a cell added to a row (fixTables)', (body) => child(body, 7, 1).insert(2, [element('tableCell', para())])],
    ['a cell spanning two columns', (body) => child(body, 7, 1, 0).setAttribute('colspan', 2)],
    ['a new table', (body) => body.insert(0, [element('table', element('tableRow', element('tableHeader', para()), element('tableCell', para())))])],
    ['deleting blocks', (body) => body.delete(1, 3)],
    ['deleting a list item’s only paragraph (what two concurrent deletions can leave)', (body) => child(body, 3, 0).delete(0, 1)],
    ['emptying the body', (body) => body.delete(0, body.length)],
    ['a new element deleted in the same change', (body, doc) => doc.transact(() => { body.insert(0, [element('marquee')]); body.delete(0, 1); })],
    [`nesting ${MAX_DEPTH} deep`, (body) => body.insert(0, [nested(MAX_DEPTH)])],
    ['a hard break typed', (body) => child(body, 1).insert(1, [element('hardBreak')])],
  ];
  it.each(valid)('accepts %s', (_name, edit) => {
    expect(check(edit)).toBeNull();
  });

  const invalid: [string, Edit, RegExp][] = [
    ['a bare text at the top of the body', (body) => body.insert(0, [new Y.XmlText('hors paragraphe')]), /doc may not hold text/],
    ['a node the schema does not know', (body) => body.insert(0, [element('marquee', new Y.XmlText('x'))]), /unknown node "marquee"/],
    ['a doc inside the doc', (body) => body.insert(0, [element('doc', para())]), /unknown node "doc"/],
    ['an element named text', (body) => body.insert(0, [element('paragraph', element('text'))]), /unknown node "text"/],
    ['an element named after an Object property', (body) => body.insert(0, [element('constructor')]), /unknown node "constructor"/],
    ['a new paragraph inside a new paragraph', (body) => body.insert(0, [element('paragraph', para())]), /paragraph may not hold paragraph/],
    ['a paragraph into an existing paragraph', (body) => child(body, 1).insert(0, [para()]), /paragraph may not hold paragraph/],
    ['a list item directly in the body', (body) => body.insert(0, [element('listItem', para())]), /doc may not hold listItem/],
    ['text straight in a list item', (body) => child(body, 2, 0).insert(0, [new Y.XmlText('x')]), /listItem may not hold text/],
    ['a new list item that starts with a list', (body) => child(body, 2).insert(0, [element('listItem', element('bulletList', element('listItem', para())))]), /listItem content does not match/],
    ['an empty new list', (body) => body.insert(0, [element('bulletList')]), /bulletList content does not match/],
    ['a child in a horizontal rule', (body) => child(body, 6).insert(0, [new Y.XmlText('x')]), /horizontalRule may not hold text/],
    ['a child in a new hard break', (body) => body.insert(0, [element('paragraph', element('hardBreak', new Y.XmlText('x')))]), /hardBreak may not hold text/],
    ['a cell directly in a table', (body) => child(body, 7).insert(0, [element('tableCell', para())]), /table may not hold tableCell/],
    ['a paragraph directly in a row', (body) => child(body, 7, 0).insert(0, [para()]), /tableRow may not hold paragraph/],
    ['a row outside a table', (body) => body.insert(0, [element('tableRow', element('tableCell', para()))]), /doc may not hold tableRow/],
    ['a new table without rows', (body) => body.insert(0, [element('table')]), /table content does not match/],
    ['a new cell without a paragraph', (body) => child(body, 7, 1).insert(0, [element('tableCell')]), /tableCell content does not match/],
    ['a mark the schema does not know', (body) => firstText(body).format(0, 2, { blink: {} }), /unknown mark "blink"/],
    ['y-prosemirror’s change mark', (body) => firstText(body).format(0, 2, { ychange: { type: 'added' } }), /unknown mark "ychange"/],
    ['a mark in a code block', (body) => child(body, 5, 0).format(0, 2, { bold: {} }), /codeBlock may not hold mark bold/],
    ['a mark attribute the schema does not know', (body) => firstText(body).format(0, 2, { link: { href: 'https://x.org', onclick: 'alert(1)' } }), /bad attribute "onclick"/],
    ['a mark whose attributes are not an object', (body) => firstText(body).format(0, 2, { bold: true }), /no attribute object/],
    ['an embed in a text', (body) => firstText(body).insertEmbed(0, { image: 'x' }), /text holds ContentEmbed/],
    ['an attribute the node does not have', (body) => child(body, 1).setAttribute('onclick', 'alert(1)'), /paragraph has no attribute "onclick"/],
    ['an attribute on a text', (body) => firstText(body).setAttribute('level', 2 as never), /attribute "level" outside an element/],
    ['an attribute holding a Yjs type', (body) => child(body, 0).setAttribute('level', new Y.XmlText('x') as never), /not a plain value/],
    ['an attribute holding an object', (body) => child(body, 0).setAttribute('level', { deep: 1 } as never), /not a plain value/],
    ['heading level 9', (body) => child(body, 0).setAttribute('level', 9 as never), /heading level out of range/],
    ['a huge colspan', (body) => child(body, 7, 1, 0).setAttribute('colspan', 1_000_000 as never), /colspan above/],
    ['a huge rowspan as text', (body) => child(body, 7, 1, 0).setAttribute('rowspan', '100000'), /rowspan above/],
    [`nesting deeper than ${MAX_DEPTH}`, (body) => body.insert(0, [nested(MAX_DEPTH + 1)]), /nested deeper/],
    ['a Y.Map in a paragraph', (body) => (child(body, 1) as any).insert(0, [new Y.Map()]), /paragraph holds ContentType/],
    ['a hook in the body', (body) => (body as any).insert(0, [new Y.XmlHook('widget')]), /doc holds ContentType/],
    ['a plain value in a paragraph', (body) => (child(body, 1) as any).insert(0, ['chaîne']), /paragraph holds ContentAny/],
  ];
  it.each(invalid)('refuses %s', (_name, edit, why) => {
    expect(check(edit)).toMatch(why);
  });

  // Another client's doc that defines the body root as another type than a fragment.
  const rootCases: [string, (doc: Y.Doc) => void, RegExp][] = [
    ['the body written as a Y.Text', (doc) => doc.getText(BODY_FRAGMENT).insert(0, 'texte brut'), /doc holds ContentString/],
    ['the body written as a Y.Array', (doc) => doc.getArray(BODY_FRAGMENT).insert(0, [1, 2]), /doc holds ContentAny/],
    ['the body written as a Y.Map', (doc) => doc.getMap(BODY_FRAGMENT).set('clé', 'valeur'), /attribute "clé" outside an element/],
    ['another root type', (doc) => doc.getMap('comments').set('faux', 1), /writes outside the body/],
    ['an element in another root', (doc) => doc.getXmlFragment('prosemirror').insert(0, [para()]), /writes outside the body/],
  ];
  it.each(rootCases)('refuses %s', (_name, write, why) => {
    const doc = new Y.Doc();
    write(doc);
    expect(verdict(BASE, Y.encodeStateAsUpdate(doc))).toMatch(why);
  });

  it('accepts an edit made through y-tiptap from real content, and a restored version', () => {
    const edited: PmNode = structuredClone(RICH);
    edited.content!.splice(1, 0, paragraph(text('Nouveau '), text('paragraphe', [{ type: 'italic' }, { type: 'underline' }])));
    edited.content![3]!.content![0]!.content!.push({ type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('sous-point'))] }] });
    edited.content!.push({ type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', attrs: { colspan: 2, colwidth: [100, 120] }, content: [paragraph(text('fusion'))] }] }] });
    const edit = updateFrom(BASE, (body) => prosemirrorJSONToYXmlFragment(editorSchema(), edited, body));
    expect(verdict(BASE, edit)).toBeNull();

    const state = Y.mergeUpdates([BASE, edit]);
    const restore = replaceBodyUpdate(state, RICH)!;
    expect(restore).not.toBeNull();
    expect(verdict(state, restore)).toBeNull();
  });

  it.each(DOCUMENT_KINDS)('accepts the %s template as a new document’s first state', (kind) => {
    const empty = Y.encodeStateAsUpdate(new Y.Doc());
    expect(verdict(empty, initialBody(kind))).toBeNull();
  });

  it('does not let old invalid content block a valid edit elsewhere', () => {
    const legacy = Y.mergeUpdates([BASE, updateFrom(BASE, (body) => body.insert(0, [new Y.XmlText('ancien texte nu')]))]);
    expect(check((body) => child(body, 3, 0, 0, 0).insert(0, 'ok '), legacy)).toBeNull();
  });

  it('checks a batch as a whole and names the update at fault', () => {
    const good = updateFrom(BASE, (body) => firstText(body).insert(0, 'bon '));
    const bad = updateFrom(BASE, (body) => body.insert(0, [element('marquee')]));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, BASE);
    let applied: Y.Transaction | null = null;
    doc.transact((transaction) => {
      applied = transaction;
      [good, bad].forEach((u) => Y.applyUpdate(doc, u));
    });
    let refused: InvalidContentError | null = null;
    try {
      checkBodyTransaction(doc, applied!);
    } catch (error) {
      refused = error as InvalidContentError;
    }
    expect(refused).toBeInstanceOf(InvalidContentError);
    expect(updateHolding([good, bad], refused!.item!)).toBe(1);
    expect(verdict(BASE, good, updateFrom(BASE, (body) => firstText(body).insert(0, 'aussi ')))).toBeNull();
  });

  it('checks structs held back for a missing dependency once they join in, whoever completes them', () => {
    // Client B types a word; client A gives it a mark the schema does not know. A's update arrives
    // first: Yjs holds it back (it refers to B's word) and adds nothing; B's then brings both in.
    const fromB = updateFrom(BASE, (body) => firstText(body).insert(0, 'mot '));
    const fromA = updateFrom(Y.mergeUpdates([BASE, fromB]), (body) => firstText(body).format(0, 3, { blink: {} }));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, BASE);
    Y.applyUpdate(doc, fromA);
    expect(doc.store.pendingStructs).not.toBeNull();
    const clients = batchClients(doc, [fromB]);
    expect(clients).toBeNull();
    let applied: Y.Transaction | null = null;
    doc.transact((transaction) => {
      applied = transaction;
      Y.applyUpdate(doc, fromB);
    });
    expect(doc.store.pendingStructs).toBeNull();
    expect(() => checkBodyTransaction(doc, applied!, clients)).toThrow(/unknown mark "blink"/);
    expect(() => checkBodyTransaction(doc, applied!, new Set([Y.decodeUpdate(fromB).structs[0]!.id.client]))).not.toThrow(); // B alone is fine
  });

  it('a change that continues a text of the same client is still checked (merged structs)', () => {
    // One client types twice: Yjs merges the second run into the first struct it already holds.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, BASE);
    const typed = updateFrom(BASE, (body) => firstText(body).insert(0, 'a'));
    Y.applyUpdate(doc, typed);
    const state = Y.encodeStateAsUpdate(doc);
    const again = updateFrom(state, (body) => {
      (body.doc as Y.Doc).clientID = Y.decodeUpdate(typed).structs[0]!.id.client;
      firstText(body).insert(1, 'b');
      firstText(body).format(0, 2, { blink: {} });
    });
    expect(verdict(state, again)).toMatch(/unknown mark "blink"/);
  });
});
