/** Live title, kind, archive state, language, typography and revisions (comments, attendance, sessions) of a document from its read-only `meta.<id>` room. */
import type { DocumentKind, DocumentLanguage } from '../../shared/api';
import { DOCUMENT_KINDS, DOCUMENT_LANGUAGES } from '../../shared/api';
import { ATTENDANCE_REVISION_KEY, COMMENTS_REVISION_KEY, META_MAP, REVIEW_REVISION_KEY, SESSIONS_REVISION_KEY, VERSIONS_REVISION_KEY, metaRoom } from '../../shared/rooms';
import { useLiveMap } from '../collab/useLiveRoom';

/** Whatever the meta room has said so far (undefined until it says it). */
export interface LiveMeta {
  title?: string;
  kind?: DocumentKind;
  archived?: boolean;
  /** The language the document is written in. */
  language?: DocumentLanguage;
  /** Whether French typography applies as one types. */
  typography?: boolean;
  /** Changes whenever a comment thread of the document changes. */
  commentsRevision?: number;
  /** Changes whenever the attendance or a live session's participants change. */
  attendanceRevision?: number;
  /** Changes whenever a live session starts or ends. */
  sessionsRevision?: number;
  /** Changes whenever a version is taken or restored. */
  versionsRevision?: number;
  /** Changes whenever the status, review requests or decisions change. */
  reviewRevision?: number;
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
  const language = map.get('language');
  if (DOCUMENT_LANGUAGES.includes(language as DocumentLanguage)) meta.language = language as DocumentLanguage;
  const typography = map.get('typography');
  if (typeof typography === 'boolean') meta.typography = typography;
  const commentsRevision = map.get(COMMENTS_REVISION_KEY);
  if (typeof commentsRevision === 'number') meta.commentsRevision = commentsRevision;
  const attendanceRevision = map.get(ATTENDANCE_REVISION_KEY);
  if (typeof attendanceRevision === 'number') meta.attendanceRevision = attendanceRevision;
  const sessionsRevision = map.get(SESSIONS_REVISION_KEY);
  if (typeof sessionsRevision === 'number') meta.sessionsRevision = sessionsRevision;
  const versionsRevision = map.get(VERSIONS_REVISION_KEY);
  if (typeof versionsRevision === 'number') meta.versionsRevision = versionsRevision;
  const reviewRevision = map.get(REVIEW_REVISION_KEY);
  if (typeof reviewRevision === 'number') meta.reviewRevision = reviewRevision;
  return meta;
}
