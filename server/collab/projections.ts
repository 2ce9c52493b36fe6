/**
 * Server-owned, read-only rooms that publish data which is not document text: `meta.<id>` (one
 * document's title, kind, archived flag) and `ws.<id>` (a collective's live document list with
 * who is in each document). Clients sync them like any room but can never write them.
 */
import * as Y from 'yjs';
import type { LiveDocumentMeta, MemberSummary } from '../../shared/api';
import { DOCUMENT_LIST_MAP, META_MAP } from '../../shared/rooms';
import { summarize } from '../commands/context';
import type { DocumentRow, Store } from '../store/Store';

/** The live metadata of one document. */
export async function liveMeta(store: Store, row: DocumentRow, present: MemberSummary[]): Promise<LiveDocumentMeta> {
  const editor = row.updatedBy ? await store.getMember(row.updatedBy) : null;
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    archived: row.archived,
    updatedAt: row.updatedAt,
    updatedBy: editor ? summarize(editor) : null,
    present,
  };
}

/** Writes a document's metadata into a `meta.<id>` room's doc (only changed keys). */
export function writeMeta(doc: Y.Doc, row: DocumentRow): void {
  const map = doc.getMap<unknown>(META_MAP);
  doc.transact(() => {
    for (const [key, value] of Object.entries({ title: row.title, kind: row.kind, archived: row.archived })) {
      if (map.get(key) !== value) map.set(key, value);
    }
  });
}

/** Sets or removes one document's entry in a `ws.<id>` room's list. */
export function writeListEntry(doc: Y.Doc, id: string, meta: LiveDocumentMeta | null): void {
  const map = doc.getMap<LiveDocumentMeta>(DOCUMENT_LIST_MAP);
  if (meta === null) map.delete(id);
  else if (JSON.stringify(map.get(id)) !== JSON.stringify(meta)) map.set(id, meta);
}

/** Builds the doc of a `meta.<id>` room. */
export function buildMetaDoc(row: DocumentRow): Y.Doc {
  const doc = new Y.Doc();
  writeMeta(doc, row);
  return doc;
}

/** Builds the doc of a `ws.<id>` room from the collective's documents. */
export async function buildListDoc(store: Store, workspaceId: string, presentIn: (documentId: string) => MemberSummary[]): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const row of await store.listDocuments(workspaceId)) {
    writeListEntry(doc, row.id, await liveMeta(store, row, presentIn(row.id)));
  }
  return doc;
}
