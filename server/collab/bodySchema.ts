/**
 * What a change may add to a document body: only what the shared editor schema can show.
 *
 * y-tiptap builds each reader's ProseMirror document from the body's Yjs types. A bare text or any
 * non-XML content where it expects an element throws, and the reader's page goes blank; a node or
 * mark the schema does not know, or a node its parent may not hold, makes every editor's y-tiptap
 * delete the whole element it sits in (a write: a read-only reader is then closed as read-only); an
 * attribute the schema does not have makes y-tiptap see the element as differing from its
 * ProseMirror node, so the next edit near it rewrites it, or deletes and recreates it (losing the
 * comment anchors in it). None of this can come from a Trame client, whose editor writes only
 * what its schema (the same extension list) accepted. Other root types than the body would be
 * ignored by every reader, but they would be stored, copied into every version and every device
 * for good, and be waiting under the name a later feature might pick: nothing legitimate writes
 * them, so they are refused too.
 *
 * Only what a transaction added is read, never the whole document: the structs past the
 * transaction's state vector before it (a keystroke adds one), their parents and, for elements the
 * transaction created, their children. Deletions are not checked: they add nothing the schema does
 * not know, an editor may delete anything, and concurrent deletions by two honest editors can leave
 * a list item or a quote empty, which y-tiptap repairs by removing it. For the same reason a node
 * added to an existing element is checked against the set of node types that element may hold,
 * not against the order of its whole content expression: two honest edits made at once can merge
 * into an order the expression rejects (one member removes a list item's first paragraph while
 * another inserts a sub-list after it). An element created by the transaction, written in one go
 * from one ProseMirror node, must match its content expression exactly.
 */
import type { ContentMatch, MarkType, NodeType, Schema } from '@tiptap/pm/model';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { HEADING_LEVELS, markNameOf } from '../../shared/editor/extensions';
import { BODY_FRAGMENT } from '../../shared/rooms';
import { editorSchema } from '../editor/body';

/** A change that does not fit the document schema; `item` is the struct found at fault. */
export class InvalidContentError extends Error {
  constructor(
    message: string,
    readonly item: Y.ID | null,
  ) {
    super(`change does not fit the document schema: ${message}`);
  }
}

/**
 * Nesting deeper than this is refused: y-tiptap and ProseMirror build and draw the document
 * recursively, and a body nested thousands deep overflows a reader's stack (a list level is two
 * nodes, so this allows ~50 levels of sub-lists).
 */
export const MAX_DEPTH = 100;

/**
 * Largest colspan or rowspan: prosemirror-tables allocates width × height for a table's map and
 * pads every short row with cells, so one huge span would freeze every reader.
 */
export const MAX_SPAN = 100;


/** Where a body type sits: which node type it is (or, for a text, its textblock), and how deep. */
interface Place {
  kind: 'element' | 'text';
  nodeType: NodeType;
  depth: number;
}

const allowedChildren = new WeakMap<NodeType, Set<NodeType>>();

// Places of body types, kept across checks: a Yjs type never moves and never changes its name,
// so where it sits is computed once (a keystroke then costs one lookup for its text). Weak: a
// room's Y.Doc, once released, takes its entries with it.
const placesBySchema = new WeakMap<Schema, WeakMap<Y.AbstractType<any>, Place>>();

/** Every node type that may appear somewhere in `type`'s content expression. */
function childTypes(type: NodeType): Set<NodeType> {
  let found = allowedChildren.get(type);
  if (found) return found;
  found = new Set();
  const seen = new Set([type.contentMatch]);
  const queue = [type.contentMatch];
  while (queue.length > 0) {
    const match = queue.pop()!;
    for (let i = 0; i < match.edgeCount; i++) {
      const edge = match.edge(i);
      found.add(edge.type);
      if (!seen.has(edge.next)) {
        seen.add(edge.next);
        queue.push(edge.next);
      }
    }
  }
  allowedChildren.set(type, found);
  return found;
}

const isScalar = (value: unknown): boolean => value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** Checks every struct a transaction added to a body. */
class BodyCheck {
  private readonly places: WeakMap<Y.AbstractType<any>, Place>;
  private readonly created: Y.XmlElement[] = [];
  private readonly body: Y.XmlFragment;

  constructor(
    doc: Y.Doc,
    private readonly schema: Schema,
  ) {
    // Also turns a root that updates reached before anyone asked for it into the fragment (before
    // any place is computed: the top-level types' parent is the fragment from then on).
    this.body = doc.getXmlFragment(BODY_FRAGMENT);
    let places = placesBySchema.get(schema);
    if (!places) placesBySchema.set(schema, (places = new WeakMap()));
    this.places = places;
  }

  /** Where `type` sits; throws if it is not a body element or text. */
  private place(type: Y.AbstractType<any>, item: Y.Item): Place | null {
    if (type === this.body) return null;
    const known = this.places.get(type);
    if (known) return known;
    // Walked up without recursion: an old body may be nested deeper than the stack allows.
    const chain: Y.AbstractType<any>[] = [];
    let parent: Place | null = null;
    for (let t: Y.AbstractType<any> | null = type; ; ) {
      if (t === this.body) break;
      const cached = this.places.get(t);
      if (cached) {
        parent = cached;
        break;
      }
      if (t._item === null) throw new InvalidContentError('it writes outside the body', item.id);
      chain.push(t);
      t = t._item.parent as Y.AbstractType<any>;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const t = chain[i]!;
      let place: Place;
      if (t instanceof Y.XmlElement) {
        place = { kind: 'element', nodeType: this.nodeType(t.nodeName, item), depth: (parent?.depth ?? 0) + 1 };
      } else if (t instanceof Y.XmlText && parent?.kind === 'element') {
        place = { kind: 'text', nodeType: parent.nodeType, depth: parent.depth + 1 };
      } else {
        throw new InvalidContentError('it writes into a type the editor does not use', item.id);
      }
      this.places.set(t, place);
      parent = place;
    }
    return parent;
  }

  private nodeType(name: string, item: Y.Item): NodeType {
    const type = Object.hasOwn(this.schema.nodes, name) ? this.schema.nodes[name] : undefined;
    if (!type || type.isText || type === this.schema.topNodeType) throw new InvalidContentError(`unknown node "${name.slice(0, 40)}"`, item.id);
    return type;
  }

  /** Checks one added struct (not deleted) of the body. */
  item(item: Y.Item): void {
    const parent = item.parent as Y.AbstractType<any>;
    const place = this.place(parent, item);
    if (item.parentSub !== null) return this.attribute(place, item);
    if (place?.kind === 'text') return this.textContent(place, item);
    const parentType = place?.nodeType ?? this.schema.topNodeType;
    const child = item.content instanceof Y.ContentType ? item.content.type : null;
    if (child instanceof Y.XmlElement) {
      const childType = this.nodeType(child.nodeName, item);
      if (!childTypes(parentType).has(childType)) throw new InvalidContentError(`${parentType.name} may not hold ${childType.name}`, item.id);
      if ((place?.depth ?? 0) + 1 > MAX_DEPTH) throw new InvalidContentError(`nested deeper than ${MAX_DEPTH}`, item.id);
      this.created.push(child);
    } else if (child instanceof Y.XmlText) {
      if (!childTypes(parentType).has(this.schema.nodes.text!)) throw new InvalidContentError(`${parentType.name} may not hold text`, item.id);
    } else {
      throw new InvalidContentError(`${parentType.name} holds ${item.content.constructor.name} where the editor expects nodes`, item.id);
    }
  }

  private attribute(place: Place | null, item: Y.Item): void {
    const key = item.parentSub!;
    if (place?.kind !== 'element') throw new InvalidContentError(`attribute "${key.slice(0, 40)}" outside an element`, item.id);
    const type = place.nodeType;
    if (!Object.hasOwn(type.spec.attrs ?? {}, key)) throw new InvalidContentError(`${type.name} has no attribute "${key.slice(0, 40)}"`, item.id);
    const content = item.content;
    const value: unknown = content instanceof Y.ContentAny && content.arr.length === 1 ? content.arr[0] : undefined;
    const plain = isScalar(value) || (Array.isArray(value) && value.every(isScalar));
    if (!plain) throw new InvalidContentError(`${type.name}.${key} is not a plain value`, item.id);
    if (value === null) return; // back to the default
    if (type.name === 'heading' && key === 'level' && !(HEADING_LEVELS as readonly unknown[]).includes(value)) throw new InvalidContentError('heading level out of range', item.id);
    // Compared as numbers, as prosemirror-tables' loops do (`i < colspan`), strings included.
    if ((key === 'colspan' || key === 'rowspan') && Number(value) > MAX_SPAN) throw new InvalidContentError(`${key} above ${MAX_SPAN}`, item.id);
  }

  private textContent(place: Place, item: Y.Item): void {
    const content = item.content;
    if (content instanceof Y.ContentString) return;
    if (!(content instanceof Y.ContentFormat)) throw new InvalidContentError(`text holds ${content.constructor.name}`, item.id);
    // Null ends or removes a mark: harmless whatever its name, and y-tiptap writes it for every
    // name the text holds when it rewrites the text's marks.
    if (content.value === null) return;
    const name = markNameOf(content.key);
    const markType: MarkType | undefined = Object.hasOwn(this.schema.marks, name) ? this.schema.marks[name] : undefined;
    if (!markType) throw new InvalidContentError(`unknown mark "${name.slice(0, 40)}"`, item.id);
    if (!place.nodeType.allowsMarkType(markType)) throw new InvalidContentError(`${place.nodeType.name} may not hold mark ${name}`, item.id);
    const attrs: unknown = content.value;
    if (typeof attrs !== 'object' || Array.isArray(attrs)) throw new InvalidContentError(`mark ${name} has no attribute object`, item.id);
    for (const [key, value] of Object.entries(attrs as object)) {
      if (!Object.hasOwn(markType.spec.attrs ?? {}, key) || !isScalar(value)) throw new InvalidContentError(`mark ${name} has a bad attribute "${key.slice(0, 40)}"`, item.id);
    }
  }

  /** Checks that every element created by the transaction matches its content expression. */
  finish(): void {
    for (const element of this.created) {
      if (element._item!.deleted) continue;
      const type = this.places.get(element)?.nodeType ?? this.nodeType(element.nodeName, element._item!);
      let match: ContentMatch | null = type.contentMatch;
      for (let n = element._start; n !== null && match; n = n.right) {
        if (n.deleted || !(n.content instanceof Y.ContentType)) continue; // anything else was refused above
        const child = n.content.type;
        if (child instanceof Y.XmlText && child.length === 0) continue; // no text node in ProseMirror
        match = match.matchType(child instanceof Y.XmlText ? this.schema.nodes.text! : this.nodeType((child as Y.XmlElement).nodeName, n));
      }
      if (!match?.validEnd) throw new InvalidContentError(`${type.name} content does not match "${type.spec.content ?? ''}"`, element._item!.id);
    }
  }
}

/**
 * The clients whose structs a batch of updates adds, read from each update's header, or null when
 * that takes more than a header (an update with several clients' structs, as a sync step 2 may
 * be), or when structs held back for a missing dependency may join in whoever sent them. Call it
 * before applying the batch; `checkBodyTransaction` then visits these clients only, instead of
 * every client of the document's history (one per editing session: thousands for a document
 * edited for months, ~50 µs per keystroke at 1,000; tests/bench/bodyCheck.ts).
 */
export function batchClients(doc: Y.Doc, updates: readonly Uint8Array[]): Set<number> | null {
  if (doc.store.pendingStructs !== null) return null;
  const clients = new Set<number>();
  for (const update of updates) {
    try {
      const decoder = decoding.createDecoder(update); // Yjs update v1: clients, then per client: structs, client id, clock
      const sections = decoding.readVarUint(decoder);
      if (sections === 0) continue; // deletions only
      if (sections !== 1) return null;
      decoding.readVarUint(decoder);
      clients.add(decoding.readVarUint(decoder));
    } catch {
      return null;
    }
  }
  return clients;
}

/**
 * Throws InvalidContentError if `transaction` (applied to `doc`, a body's Y.Doc) added anything the
 * shared editor schema cannot show, or wrote outside the body fragment. Reads only the structs the
 * transaction added (and, for elements it created, their children), whatever the document's size;
 * `clients` (from batchClients) says whose structs to look for, null for every client's.
 */
export function checkBodyTransaction(doc: Y.Doc, transaction: Y.Transaction, clients: ReadonlySet<number> | null = null, schema: Schema = editorSchema()): void {
  // No closure in here: run through tsx, each closure made costs a `__name` call per keystroke.
  let check: BodyCheck | null = null;
  for (const client of clients ?? transaction.afterState.keys()) {
    const before = transaction.beforeState.get(client) ?? 0;
    if ((transaction.afterState.get(client) ?? 0) <= before) continue;
    const structs = doc.store.clients.get(client)!;
    // Added structs may have been merged into the one before them: start from the one holding `before`.
    for (let i = before === 0 ? 0 : Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]!;
      if (!(struct instanceof Y.Item) || struct.deleted) continue;
      check ??= new BodyCheck(doc, schema);
      check.item(struct);
    }
  }
  check?.finish();
}

/** Which of `updates` holds the struct `id` (to tell whose update was refused), or -1. */
export function updateHolding(updates: readonly Uint8Array[], id: Y.ID): number {
  return updates.findIndex((update) => {
    const { from, to } = Y.parseUpdateMeta(update);
    return (from.get(id.client) ?? Infinity) <= id.clock && id.clock < (to.get(id.client) ?? 0);
  });
}
