/**
 * A document body's state as bytes, as ProseMirror JSON and as a content identity, whether the
 * document is open (its room holds it) or not (the store does).
 */
import { createHash } from 'node:crypto';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { BODY_FRAGMENT, docRoom } from '../../shared/rooms';
import type { PmNode } from '../../shared/templates';
import type { RoomManager } from '../collab/RoomManager';
import { bodyToJSON, editorSchema } from '../editor/body';
import type { Store } from '../store/Store';

/** A Y.Doc holding `state`, destroyed after `use` returns. */
export function withDoc<T>(state: Uint8Array, use: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return use(doc);
  } finally {
    doc.destroy();
  }
}

/** The body of an encoded state as ProseMirror JSON. */
export const stateToJSON = (state: Uint8Array): PmNode => withDoc(state, bodyToJSON);

/**
 * The content identity of a body: SHA-256 of its ProseMirror JSON. Two states with the same text,
 * structure and formatting have the same hash whatever edits led to them, so an approval becomes
 * current again when an edit is undone, and a body's Yjs history never makes it look changed.
 */
export const contentHash = (json: PmNode): string => createHash('sha256').update(JSON.stringify(json)).digest('hex');

/** The current whole state of a body: from its room when loaded (with queued edits), else from the store. */
export async function currentBodyState(rooms: RoomManager, store: Store, documentId: string): Promise<Uint8Array> {
  const room = rooms.get(docRoom(documentId));
  if (room?.body) return room.encodedState();
  const stored = await store.loadBody(documentId);
  if (!stored || stored.updates.length === 0) throw new Error(`document ${documentId} has no stored body`);
  return stored.updates.length === 1 ? stored.updates[0]! : Y.mergeUpdates(stored.updates);
}

/**
 * The update that turns the body in `state` into `target` (ProseMirror JSON): y-tiptap's
 * `updateYFragment` rewrites only what differs, so unchanged passages keep their Yjs items (and the
 * comments anchored in them). Null when nothing differs.
 */
export function replaceBodyUpdate(state: Uint8Array, target: PmNode): Uint8Array | null {
  return withDoc(state, (doc) => {
    if (contentHash(bodyToJSON(doc)) === contentHash(target)) return null;
    const before = Y.encodeStateVector(doc);
    prosemirrorJSONToYXmlFragment(editorSchema(), target, doc.getXmlFragment(BODY_FRAGMENT));
    return Y.encodeStateAsUpdate(doc, before);
  });
}
