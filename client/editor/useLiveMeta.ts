/** Live title, kind, archive state and comments revision of a document from its read-only `meta.<id>` room. */
import type { DocumentKind } from '../../shared/api';
import { DOCUMENT_KINDS } from '../../shared/api';
import { COMMENTS_REVISION_KEY, META_MAP, metaRoom } from '../../shared/rooms';
import { useLiveMap } from '../collab/useLiveRoom';

/** Whatever the meta room has said so far (undefined until it says it). */
export interface LiveMeta {
  title?: string;
  kind?: DocumentKind;
  archived?: boolean;
  /** Changes whenever a comment thread of the document changes. */
  commentsRevision?: number;
}

/** Subscribes to a document's metadata room while mounted. */
export function useLiveMeta(documentId: string): LiveMeta {
  const map = useLiveMap(metaRoom(documentId), META_MAP).entries;
  const title = map.get('title');
  const kind = map.get('kind');
  const archived = map.get('archived');
  const meta: LiveMeta = {};
  if (typeof title === 'string' && title !== '') meta.title = title;
  if (DOCUMENT_KINDS.includes(kind as DocumentKind)) meta.kind = kind as DocumentKind;
  if (typeof archived === 'boolean') meta.archived = archived;
  const commentsRevision = map.get(COMMENTS_REVISION_KEY);
  if (typeof commentsRevision === 'number') meta.commentsRevision = commentsRevision;
  return meta;
}
