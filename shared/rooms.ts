/**
 * Room names and the collaboration wire contract shared by client and server.
 * Room names are built and parsed only here.
 */

/** Version of Trame's collaboration contract; the Trame client sends it as `?protocol=`. */
export const PROTOCOL_VERSION = 1;

/** Name of the Y.XmlFragment that holds a document body inside its Y.Doc. */
export const BODY_FRAGMENT = 'body';

/** Name of the Y.Map holding a document's metadata inside its read-only `meta.<id>` room. */
export const META_MAP = 'meta';

/** Name of the Y.Map holding a collective's document list inside its read-only `ws.<id>` room. */
export const DOCUMENT_LIST_MAP = 'documents';

/** Key of META_MAP that changes whenever a comment thread of the document changes. */
export const COMMENTS_REVISION_KEY = 'comments';

/** Key of META_MAP that changes whenever the document's versions change (a version was taken or restored). */
export const VERSIONS_REVISION_KEY = 'versions';

/** Key of META_MAP that changes whenever the document's status, review requests or decisions change. */
export const REVIEW_REVISION_KEY = 'review';

/** Key of META_MAP that changes whenever the document's attendance or session participants change. */
export const ATTENDANCE_REVISION_KEY = 'attendance';

/** Key of META_MAP that changes whenever a live session of the document starts or ends. */
export const SESSIONS_REVISION_KEY = 'sessions';

/** Name of the Y.Map holding a member's inbox state inside their read-only `me.<memberId>` room. */
export const INBOX_MAP = 'inbox';

/** Path prefix of the WebSocket endpoint; a provider joins `${COLLAB_PATH}/<room>`. */
export const COLLAB_PATH = '/collab';

/** Identifiers are random, URL-safe strings (see server/ids.ts). */
const ID = '[A-Za-z0-9_-]{8,64}';
const ROOM_PATTERN = new RegExp(`^(doc|meta|ws|me)\\.(${ID})$`);

/**
 * What a room carries: a document body (writable), a document's metadata, a collective's list,
 * or one member's own live state (their inbox), which only that member may join.
 */
export type RoomKind = 'doc' | 'meta' | 'ws' | 'me';

/** A parsed room name. */
export interface RoomRef {
  kind: RoomKind;
  id: string;
}

/** Room of a document's body (the TipTap content). */
export const docRoom = (documentId: string): string => `doc.${documentId}`;
/** Read-only room with a document's live metadata (title, kind, archived, language, typography). */
export const metaRoom = (documentId: string): string => `meta.${documentId}`;
/** Read-only room with a collective's live document list and who is in each document. */
export const workspaceRoom = (workspaceId: string): string => `ws.${workspaceId}`;

/** Read-only room with one member's live inbox state; only that member may join it. */
export const memberRoom = (memberId: string): string => `me.${memberId}`;

/** Parses a room name; returns null for anything that is not a valid room. */
export function parseRoom(name: string): RoomRef | null {
  const match = ROOM_PATTERN.exec(name);
  if (!match) return null;
  return { kind: match[1] as RoomKind, id: match[2]! };
}

/**
 * WebSocket close codes used by the server (4000-4999 is the application range).
 * The client maps each to a message for the user.
 */
export const CloseCode = {
  /** Server shutting down (standard). */
  GOING_AWAY: 1001,
  /** An error of the server's own while serving the connection (standard "internal error"). */
  INTERNAL_ERROR: 1011,
  /** No valid session cookie. */
  UNAUTHENTICATED: 4401,
  /** Signed in, but not allowed in this room (not a member, no access, wrong Origin). */
  FORBIDDEN: 4403,
  /** The room names no existing document or collective. */
  NOT_FOUND: 4404,
  /** Bad room name or malformed protocol message. */
  BAD_MESSAGE: 4400,
  /** A message larger than the configured limit. */
  TOO_LARGE: 4413,
  /**
   * A message above the WebSocket layer's hard ceiling (twice the configured limit), closed by
   * the ws library itself before the server reads it (standard "message too big").
   */
  MESSAGE_TOO_BIG: 1009,
  /** The document reached its size limit (MAX_DOCUMENT_BYTES); the change was not applied. */
  DOCUMENT_TOO_LARGE: 4414,
  /**
   * The change does not fit the document schema (shared/editor/extensions.ts): an unknown node or
   * mark, a node where its parent may not hold it, a bad attribute, or a write outside the body.
   * Nothing of it was stored or relayed. Final: the same change would be refused again.
   */
  INVALID_CONTENT: 4422,
  /** A connection without edit right sent a change to the body. */
  READ_ONLY: 4405,
  /** Access was revoked or the member removed while connected. */
  REVOKED: 4410,
  /** Too many connections or document opens for one member; close some tabs and retry later. */
  TOO_MANY: 4429,
  /** The member's access level changed; reconnect to continue with the new rights (not terminal). */
  ACCESS_CHANGED: 4100,
  /** The client speaks an older Trame protocol; reload the page. */
  OUTDATED_CLIENT: 4426,
  /** The document could not be loaded from the store; nothing was served. */
  LOAD_FAILED: 4500,
  /**
   * An update could not be written to the store, or the room was reset because a batch could not
   * be stored or applied; nothing of the refused changes was kept: reconnect and send them again.
   */
  STORE_FAILED: 4503,
} as const;

/** One of the close codes above. */
export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which reconnecting cannot help until the user does something. */
export const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.UNAUTHENTICATED,
  CloseCode.FORBIDDEN,
  CloseCode.NOT_FOUND,
  CloseCode.REVOKED,
  CloseCode.OUTDATED_CLIENT,
]);

/**
 * Whether a client should reconnect after the server closed with this code: not after 4400-4499
 * (as the stock provider decides), nor after a message too big to ever be accepted — sending the
 * same change again would be refused again, forever.
 */
export const shouldReconnectAfter = (code: number): boolean => !(code >= 4400 && code < 4500) && code !== CloseCode.MESSAGE_TOO_BIG;

/**
 * Trame's extension of the y-websocket protocol, sent only to clients that joined with
 * `?protocol=<PROTOCOL_VERSION>` so that stock providers never see an unknown message type.
 * The client sends SAVE_CHECK n after its updates; the server answers SAVED n once every
 * message received before it is durably stored.
 */
export const MessageType = {
  SYNC: 0,
  AWARENESS: 1,
  AUTH: 2,
  QUERY_AWARENESS: 3,
  SAVE_CHECK: 100,
  SAVED: 101,
} as const;
