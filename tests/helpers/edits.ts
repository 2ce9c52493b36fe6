/**
 * Random edits of a document body as an editor would make them (text typed and deleted, bold,
 * paragraphs added and removed), and the checks that compare what documents hold.
 * Edits are plain data so that a property-based test can generate, print and replay them.
 */
import * as Y from 'yjs';
import { BODY_FRAGMENT } from '../../shared/rooms';

/**
 * One edit. `at` and `offset` are fractions in [0, 1) resolved against the document as it is when
 * the edit is applied, so that the same edit is meaningful on any replica.
 */
export type EditOp =
  | { kind: 'insertText'; at: number; offset: number; text: string }
  | { kind: 'deleteText'; at: number; offset: number; length: number }
  | { kind: 'bold'; at: number; offset: number; length: number }
  | { kind: 'insertParagraph'; at: number; text: string }
  | { kind: 'deleteBlock'; at: number };

// Never delete the last few blocks: an empty body makes every later text edit a no-op.
const MIN_BLOCKS = 3;

/** Every text node of the body, depth-first (headings, paragraphs, list items, table cells). */
export function textNodes(doc: Y.Doc): Y.XmlText[] {
  const found: Y.XmlText[] = [];
  const visit = (node: Y.XmlElement | Y.XmlFragment | Y.XmlText | Y.XmlHook) => {
    if (node instanceof Y.XmlText) found.push(node);
    else if (node instanceof Y.XmlElement || node instanceof Y.XmlFragment) node.toArray().forEach(visit);
  };
  visit(doc.getXmlFragment(BODY_FRAGMENT));
  return found;
}

/** Number of characters of text in the body. */
export const textLength = (doc: Y.Doc): number => textNodes(doc).reduce((sum, t) => sum + t.length, 0);

const pick = <T>(items: T[], fraction: number): T | undefined => items[Math.min(items.length - 1, Math.floor(fraction * items.length))];

/** Applies one edit to a doc, in one transaction (as one keystroke or command would be). */
export function applyEdit(doc: Y.Doc, op: EditOp): void {
  const fragment = doc.getXmlFragment(BODY_FRAGMENT);
  doc.transact(() => {
    if (op.kind === 'insertParagraph' || (op.kind === 'deleteBlock' && fragment.length <= MIN_BLOCKS)) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(op.kind === 'insertParagraph' ? op.text : '¶')]);
      fragment.insert(Math.floor(op.at * (fragment.length + 1)), [paragraph]);
      return;
    }
    if (op.kind === 'deleteBlock') {
      fragment.delete(Math.floor(op.at * fragment.length), 1);
      return;
    }
    const texts = textNodes(doc).filter((t) => op.kind === 'insertText' || t.length > 0);
    const target = pick(texts, op.at);
    if (!target) return;
    if (op.kind === 'insertText') {
      target.insert(Math.floor(op.offset * (target.length + 1)), op.text);
      return;
    }
    const index = Math.floor(op.offset * target.length);
    const length = Math.max(1, Math.min(op.length, target.length - index));
    if (op.kind === 'deleteText') target.delete(index, length);
    else target.format(index, length, { bold: {} });
  });
}

/** A small seeded pseudo-random generator (mulberry32): the same seed gives the same edits. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['budget', 'public', 'atelier', 'seniors', 'bénévoles', 'calendrier', 'objectif', 'évaluation', 'partenaires', 'mairie'];

/**
 * A random edit. Above `maxChars` of text deletions win, so that a long run keeps the document
 * at a realistic size instead of measuring an ever-growing one.
 */
export function randomEdit(random: () => number, currentLength: number, maxChars: number): EditOp {
  const at = random();
  const offset = random();
  const word = `${WORDS[Math.floor(random() * WORDS.length)]} `;
  const roll = random();
  if (currentLength > maxChars && roll < 0.6) return { kind: 'deleteText', at, offset, length: 1 + Math.floor(random() * 40) };
  if (roll < 0.55) return { kind: 'insertText', at, offset, text: word };
  if (roll < 0.75) return { kind: 'deleteText', at, offset, length: 1 + Math.floor(random() * 8) };
  if (roll < 0.85) return { kind: 'bold', at, offset, length: 1 + Math.floor(random() * 10) };
  if (roll < 0.95) return { kind: 'insertParagraph', at, text: word };
  return { kind: 'deleteBlock', at };
}

/** Whether two docs hold the same body (XML with marks) and the same state (state vector + deletions). */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return a.getXmlFragment(BODY_FRAGMENT).toString() === b.getXmlFragment(BODY_FRAGMENT).toString() && Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b));
}

/** A short description of a doc's state, for failure messages. */
export function describeState(doc: Y.Doc): string {
  const sv = [...Y.decodeStateVector(Y.encodeStateVector(doc)).entries()].sort(([x], [y]) => x - y).map(([client, clock]) => `${client}:${clock}`);
  return `${textLength(doc)} chars, sv {${sv.join(' ')}}`;
}

/** A Y.Doc built by replaying a stored update log. */
export function docFromUpdates(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => updates.forEach((update) => Y.applyUpdate(doc, update)));
  return doc;
}

/**
 * Records every update a provider applied from the server: the provider applies what it receives
 * with itself as transaction origin, while local edits have no origin.
 */
export function recordReceived(doc: Y.Doc, provider: object): { updates: Uint8Array[]; stop(): void } {
  const updates: Uint8Array[] = [];
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === provider) updates.push(update);
  };
  doc.on('update', onUpdate);
  return { updates, stop: () => doc.off('update', onUpdate) };
}

/** How many of `updates` are not (entirely) contained in `doc`. */
export function countMissing(doc: Y.Doc, updates: readonly Uint8Array[]): number {
  const snapshot = Y.snapshot(doc);
  return updates.filter((update) => !Y.snapshotContainsUpdate(snapshot, update)).length;
}

/** Options of a running edit load. */
export interface EditLoadOptions {
  random: () => number;
  /** Every tick, each doc edits with `probability`. */
  tickMs: number;
  probability: number;
  /** Text length above which deletions win (see randomEdit). */
  maxChars: number;
  /** Called after each edit with the index of the doc that edited. */
  onEdit?: (index: number) => void;
}

/** Edits the docs at random on a timer until stopped; counts the edits made. */
export function startEditing(docs: readonly Y.Doc[], options: EditLoadOptions): { stop(): void; readonly edits: number } {
  let edits = 0;
  const timer = setInterval(() => {
    docs.forEach((doc, index) => {
      if (options.random() >= options.probability) return;
      applyEdit(doc, randomEdit(options.random, textLength(doc), options.maxChars));
      edits++;
      options.onEdit?.(index);
    });
  }, options.tickMs);
  return {
    stop: () => clearInterval(timer),
    get edits() {
      return edits;
    },
  };
}

/** Why `update` is not contained in `doc`: the structs (inserts) or the deletions it lacks. */
export function describeMissing(doc: Y.Doc, update: Uint8Array): string {
  const { structs, ds } = Y.decodeUpdate(update);
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
  const lackedStructs = structs.filter((s) => (sv.get(s.id.client) ?? 0) < s.id.clock + s.length);
  const kinds = lackedStructs.map((s) => (s instanceof Y.Item ? s.content.constructor.name : s.constructor.name));
  const deletions = [...ds.clients.entries()].map(([client, ranges]) => `${client}:${ranges.map((r) => `${r.clock}+${r.len}`).join(',')}`);
  const pending = `${doc.store.pendingStructs ? 'pending structs' : 'no pending structs'}, ${doc.store.pendingDs ? 'pending deletions' : 'no pending deletions'}`;
  return `${lackedStructs.length} of ${structs.length} structs lacking [${[...new Set(kinds)].join(' ')}]; deletions in the update {${deletions.join(' ')}}; the doc has ${pending}`;
}
