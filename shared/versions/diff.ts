/**
 * The difference between two versions of a document, from their ProseMirror JSON. Each document is
 * turned into one token sequence — a token per text block boundary (with its type and where it
 * sits: list, quote, table cell), then its words, spaces and punctuation with their marks — and the
 * two sequences are compared with jsdiff's `diffArrays` (Myers' algorithm). Text is compared without
 * its marks, so a word whose formatting changed shows as a formatting change rather than as a
 * deletion and an insertion; a block deleted in one place and inserted with the same text in another
 * is reported as moved. DOM- and Node-free: the server computes diffs for the API, the client renders them.
 */
import { diffArrays } from 'diff';
import type { PmNode } from '../templates';

/** A mark on a run of text: its type and, for links, its attributes. */
export interface MarkRef {
  type: string;
  attrs?: Record<string, unknown>;
}

/** Where a text block sits: its ancestors below the document, outermost first. */
export interface BlockContext {
  type: string;
  /** Position among its siblings (1-based) for table rows and cells, to say which cell changed. */
  index?: number;
}

/** A run of text in a block of the diff. */
export interface DiffSegment {
  text: string;
  marks: MarkRef[];
  change: 'equal' | 'insert' | 'delete' | 'format';
  /** The marks the text had before a formatting change. */
  oldMarks?: MarkRef[];
}

/** How a block changed between the two versions. */
export type BlockChange = 'equal' | 'modified' | 'insert' | 'delete' | 'moved_from' | 'moved_to';

/** A text block (paragraph, heading, code block, table cell's paragraph) or a leaf block (rule). */
export interface DiffBlock {
  type: string;
  attrs: Record<string, unknown>;
  context: BlockContext[];
  change: BlockChange;
  segments: DiffSegment[];
  /** Pairs the two ends of a move (same id on `moved_from` and `moved_to`). */
  moveId?: number;
}

/** The whole diff, in the order of the newer document (deleted blocks where they stood). */
export interface DocumentDiff {
  blocks: DiffBlock[];
  stats: { insertions: number; deletions: number; formatChanges: number; moves: number };
}

interface BlockToken {
  kind: 'block';
  key: string;
  type: string;
  attrs: Record<string, unknown>;
  context: BlockContext[];
}

interface TextToken {
  kind: 'text';
  key: string;
  text: string;
  marks: MarkRef[];
  marksKey: string;
}

type Token = BlockToken | TextToken;

/** Node types whose children are text (inline content) in the shared schema. */
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);
/** Containers whose children's position is worth showing. */
const INDEXED = new Set(['tableRow', 'tableCell', 'tableHeader']);
/** Words, runs of spaces, and single punctuation or symbol characters. */
const WORDS = /\s+|[\p{L}\p{N}_'’-]+|[^\s\p{L}\p{N}_'’-]/gu;

const sortedMarks = (marks: PmNode['marks']): MarkRef[] =>
  (marks ?? []).map((m) => (m.attrs && Object.keys(m.attrs).length > 0 ? { type: m.type, attrs: m.attrs } : { type: m.type })).sort((a, b) => a.type.localeCompare(b.type));

/** A stable key: object keys sorted so that attribute order never counts as a change. */
function stableKey(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableKey).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableKey(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function blockToken(node: PmNode, context: BlockContext[]): BlockToken {
  const attrs = node.attrs ?? {};
  // Positions (table indexes) are shown, not compared: inserting a row must not change every row after it.
  const key = `¶${node.type}${stableKey(attrs)}@${context.map((c) => c.type).join('/')}`;
  return { kind: 'block', key, type: node.type, attrs, context };
}

function inlineTokens(node: PmNode, out: Token[]): void {
  for (const child of node.content ?? []) {
    const marks = sortedMarks(child.marks);
    const marksKey = stableKey(marks);
    if (child.type === 'text') {
      for (const word of child.text?.match(WORDS) ?? []) out.push({ kind: 'text', key: `t${word}`, text: word, marks, marksKey });
    } else {
      // An inline leaf (hard break): one token, shown as a line break.
      out.push({ kind: 'text', key: `i${child.type}`, text: child.type === 'hardBreak' ? '\n' : `[${child.type}]`, marks, marksKey });
    }
  }
}

/** The token sequence of a ProseMirror JSON document. */
export function tokenize(doc: PmNode): Token[] {
  const out: Token[] = [];
  const walk = (node: PmNode, context: BlockContext[]): void => {
    (node.content ?? []).forEach((child, i) => {
      if (TEXT_BLOCKS.has(child.type)) {
        out.push(blockToken(child, context));
        inlineTokens(child, out);
      } else if (child.content === undefined || child.content.length === 0) {
        out.push(blockToken(child, context)); // a leaf block (horizontal rule) or an empty container
      } else {
        walk(child, [...context, INDEXED.has(child.type) ? { type: child.type, index: i + 1 } : { type: child.type }]);
      }
    });
  };
  walk(doc, []);
  return out;
}

const newBlock = (token: BlockToken, change: BlockChange): DiffBlock => ({ type: token.type, attrs: token.attrs, context: token.context, change, segments: [] });

/** Appends a run of text, merging it into the previous segment when nothing distinguishes them. */
function pushSegment(block: DiffBlock, segment: DiffSegment): void {
  const last = block.segments[block.segments.length - 1];
  if (last && last.change === segment.change && stableKey(last.marks) === stableKey(segment.marks) && stableKey(last.oldMarks) === stableKey(segment.oldMarks)) {
    last.text += segment.text;
    return;
  }
  block.segments.push(segment);
}

/** Builds blocks from the token-level changes, walking both sequences side by side. */
class DiffBuilder {
  readonly blocks: DiffBlock[] = [];
  /** The last block that exists in the newer document: equal and inserted text goes there. */
  private current: DiffBlock | null = null;
  private last: DiffBlock | null = null;

  common(before: Token, after: Token): void {
    if (after.kind === 'block') return this.open(newBlock(after, 'equal'), true);
    const { text, marks } = after;
    const block = this.target(true);
    const formatChanged = before.kind === 'text' && before.marksKey !== after.marksKey;
    pushSegment(block, formatChanged ? { text, marks, change: 'format', oldMarks: (before as TextToken).marks } : { text, marks, change: 'equal' });
  }

  inserted(token: Token): void {
    if (token.kind === 'block') return this.open(newBlock(token, 'insert'), true);
    pushSegment(this.target(true), { text: token.text, marks: token.marks, change: 'insert' });
  }

  deleted(token: Token): void {
    if (token.kind === 'block') return this.open(newBlock(token, 'delete'), false);
    pushSegment(this.target(false), { text: token.text, marks: token.marks, change: 'delete' });
  }

  private open(block: DiffBlock, inNewer: boolean): void {
    this.blocks.push(block);
    this.last = block;
    if (inNewer) this.current = block;
  }

  // Text before any block (never produced by tokenize) still needs a home.
  private target(inNewer: boolean): DiffBlock {
    const block = inNewer ? this.current : this.last;
    if (block) return block;
    const orphan: DiffBlock = { type: 'paragraph', attrs: {}, context: [], change: inNewer ? 'equal' : 'delete', segments: [] };
    this.open(orphan, inNewer);
    return orphan;
  }
}

const blockText = (block: DiffBlock): string => block.segments.map((s) => s.text).join('');

/** Marks modified blocks, pairs moved ones and counts changes. */
function finish(blocks: DiffBlock[]): DocumentDiff {
  for (const block of blocks) {
    if (block.change === 'equal' && block.segments.some((s) => s.change !== 'equal')) block.change = 'modified';
  }
  let moves = 0;
  const insertedByText = new Map<string, DiffBlock[]>();
  for (const block of blocks) {
    const whole = block.segments.every((s) => s.change === 'insert');
    if (block.change === 'insert' && whole && blockText(block).trim() !== '') insertedByText.set(blockText(block), [...(insertedByText.get(blockText(block)) ?? []), block]);
  }
  for (const block of blocks) {
    if (block.change !== 'delete' || !block.segments.every((s) => s.change === 'delete')) continue;
    const target = insertedByText.get(blockText(block))?.shift();
    if (!target) continue;
    moves++;
    Object.assign(block, { change: 'moved_from', moveId: moves });
    Object.assign(target, { change: 'moved_to', moveId: moves });
  }
  const kept = blocks.filter((b) => !(b.change === 'delete' && b.segments.length === 0 && b.type !== 'horizontalRule'));
  const moved = new Set(kept.filter((b) => b.moveId !== undefined));
  const count = (change: DiffSegment['change']) => kept.filter((b) => !moved.has(b)).reduce((n, b) => n + b.segments.filter((s) => s.change === change && s.text.trim() !== '').length, 0);
  return { blocks: kept, stats: { insertions: count('insert'), deletions: count('delete'), formatChanges: count('format'), moves } };
}

/** A block's tokens: its boundary and its text, keyed by all of them (marks included). */
interface TokenGroup {
  key: string;
  tokens: Token[];
}

function groups(tokens: readonly Token[]): TokenGroup[] {
  const out: TokenGroup[] = [];
  for (const token of tokens) {
    if (token.kind === 'block' || out.length === 0) out.push({ key: '', tokens: [] });
    out[out.length - 1]!.tokens.push(token);
  }
  for (const group of out) group.key = group.tokens.map((t) => (t.kind === 'text' ? `${t.key}${t.marksKey}` : t.key)).join('\u0000');
  return out;
}

/** Feeds the token-level changes between two token runs to the builder. */
function diffTokens(builder: DiffBuilder, oldTokens: readonly Token[], newTokens: readonly Token[]): void {
  let oi = 0;
  let ni = 0;
  for (const change of diffArrays(oldTokens.map((t) => t.key), newTokens.map((t) => t.key))) {
    const count = change.count ?? change.value.length;
    for (let k = 0; k < count; k++) {
      if (change.removed) builder.deleted(oldTokens[oi++]!);
      else if (change.added) builder.inserted(newTokens[ni++]!);
      else builder.common(oldTokens[oi++]!, newTokens[ni++]!);
    }
  }
}

/** The words of a block, to tell a reworded block from an unrelated one. */
const wordsOf = (group: TokenGroup): string[] => group.tokens.flatMap((t) => (t.kind === 'text' && t.text.trim() !== '' ? [t.text] : []));

/** Same kind of block, and at least half of their words in common (Dice coefficient). */
function similar(a: TokenGroup, b: TokenGroup): boolean {
  if (a.tokens[0]!.key !== b.tokens[0]!.key) return false;
  const [wa, wb] = [wordsOf(a), wordsOf(b)];
  if (wa.length + wb.length === 0) return true;
  const pool = new Map<string, number>();
  wa.forEach((w) => pool.set(w, (pool.get(w) ?? 0) + 1));
  let shared = 0;
  for (const w of wb) {
    const left = pool.get(w) ?? 0;
    if (left > 0) {
      shared++;
      pool.set(w, left - 1);
    }
  }
  return (2 * shared) / (wa.length + wb.length) >= 0.5;
}

/**
 * A run of blocks that differ: blocks similar enough are compared word by word, the others are
 * whole deletions and insertions (aligned by jsdiff with the similarity as its comparator).
 */
function diffRegion(builder: DiffBuilder, removed: readonly TokenGroup[], added: readonly TokenGroup[]): void {
  let oi = 0;
  let ni = 0;
  for (const change of diffArrays([...removed], [...added], { comparator: similar })) {
    const count = change.count ?? change.value.length;
    for (let k = 0; k < count; k++) {
      if (change.removed) diffTokens(builder, removed[oi++]!.tokens, []);
      else if (change.added) diffTokens(builder, [], added[ni++]!.tokens);
      else diffTokens(builder, removed[oi++]!.tokens, added[ni++]!.tokens);
    }
  }
}

/**
 * The diff from `before` to `after`, two ProseMirror JSON documents of the shared schema. Blocks
 * are first matched whole (so a moved paragraph is one deletion and one insertion of the same
 * text); only the runs of blocks that differ are then compared, word by word where they are similar.
 */
export function diffDocuments(before: PmNode, after: PmNode): DocumentDiff {
  const oldGroups = groups(tokenize(before));
  const newGroups = groups(tokenize(after));
  const builder = new DiffBuilder();
  let oi = 0;
  let ni = 0;
  let removed: TokenGroup[] = [];
  let added: TokenGroup[] = [];
  const flush = () => {
    if (removed.length > 0 || added.length > 0) diffRegion(builder, removed, added);
    removed = [];
    added = [];
  };
  for (const change of diffArrays(oldGroups.map((g) => g.key), newGroups.map((g) => g.key))) {
    const count = change.count ?? change.value.length;
    if (change.removed) removed.push(...oldGroups.slice(oi, (oi += count)));
    else if (change.added) added.push(...newGroups.slice(ni, (ni += count)));
    else {
      flush();
      for (let k = 0; k < count; k++) {
        const [o, n] = [oldGroups[oi++]!, newGroups[ni++]!];
        o.tokens.forEach((token, i) => builder.common(token, n.tokens[i]!));
      }
    }
  }
  flush();
  return finish(builder.blocks);
}

/** Whether the diff shows any change at all. */
export const hasChanges = (diff: DocumentDiff): boolean => diff.blocks.some((b) => b.change !== 'equal');
