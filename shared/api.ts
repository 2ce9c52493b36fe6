/**
 * The HTTP API contract: request validators (zod), response types and stable error ids.
 * Both the server (to validate) and the client (to type its calls) import this file.
 */
import { z } from 'zod';
import { ACCESS_LEVELS, ROLES, type Access, type Role } from './permissions';
import type { DocumentStatus } from './review';

/** Kinds of document a collective writes. */
export const DOCUMENT_KINDS = ['proposal', 'charter', 'rules', 'procedure', 'meeting', 'note'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * Languages a document is written in: its text's `lang` (spell-checking, screen-reader voice) and
 * whether French typography applies as one types. Independent of each reader's interface language.
 */
export const DOCUMENT_LANGUAGES = ['fr', 'en'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

/** Stable error identifiers returned as `{error: {id, message}}` with a 4xx/5xx status. */
export const ErrorId = {
  INVALID_INPUT: 'invalid_input',
  UNAUTHENTICATED: 'unauthenticated',
  INVALID_CREDENTIALS: 'invalid_credentials',
  FORBIDDEN: 'forbidden',
  BAD_ORIGIN: 'bad_origin',
  NOT_FOUND: 'not_found',
  SETUP_DONE: 'setup_done',
  EMAIL_TAKEN: 'email_taken',
  ALREADY_MEMBER: 'already_member',
  INVITE_INVALID: 'invite_invalid',
  LAST_COORDINATOR: 'last_coordinator',
  PAYLOAD_TOO_LARGE: 'payload_too_large',
  /** The change (a restore) would take the document past its size limit, MAX_DOCUMENT_BYTES (413). */
  DOCUMENT_TOO_LARGE: 'document_too_large',
  TOO_MANY_REQUESTS: 'too_many_requests',
  /** A mentioned member is not in the collective or cannot read the document. */
  MENTION_INVALID: 'mention_invalid',
  /** The document already has a live session under way. */
  SESSION_ACTIVE: 'session_active',
  /** The status cannot move from its current value to the one asked (409). */
  ILLEGAL_TRANSITION: 'illegal_transition',
  /** Too few reviewers approve the current content to mark the document approved (409). */
  QUORUM_NOT_MET: 'quorum_not_met',
  /** The status changed meanwhile (another member moved it); reload and try again (409). */
  STATUS_CONFLICT: 'status_conflict',
  /** Meetings and notes have no status workflow (400). */
  NO_WORKFLOW: 'no_workflow',
  /** A reviewer asked for is not in the collective or cannot comment on the document (400). */
  REVIEWER_INVALID: 'reviewer_invalid',
  INTERNAL: 'internal',
} as const;
export type ErrorIdValue = (typeof ErrorId)[keyof typeof ErrorId];

/** Body of every error response. */
export interface ApiErrorBody {
  error: { id: ErrorIdValue; message: string; details?: unknown };
}

const email = z.string().trim().toLowerCase().max(254).pipe(z.email());
const password = z.string().min(10, 'at least 10 characters').max(200);
/**
 * Bidirectional control characters (embeddings, overrides, isolates, marks) reorder how a name is
 * displayed: "\u202Eeilrahc" shows as "charlie…". Refused in names so that nobody can pass for
 * someone else in lists, carets and mentions (CVE-2021-42574, "Trojan Source", is the same trick).
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
/** Control characters (newlines, NUL…) have no place in a name shown on one line. */
const CONTROL_CHARACTERS = /\p{Cc}/u;
/** What remains of a name without format characters (zero-width…) and spaces must be something. */
const hasVisibleCharacter = (name: string): boolean => name.replace(/[\p{Cf}\p{White_Space}]/gu, '').length > 0;

/**
 * A member's name: NFC-normalised (é typed two ways is one name) and trimmed, 1 to 80 characters,
 * with something visible and nothing that reorders the text around it.
 */
export const PersonName = z
  .string()
  .transform((name) => name.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1)
      .max(80)
      .refine((name) => !BIDI_CONTROLS.test(name), 'no bidirectional control characters')
      .refine((name) => !CONTROL_CHARACTERS.test(name), 'no control characters')
      .refine(hasVisibleCharacter, 'at least one visible character'),
  );
const title = z.string().trim().min(1).max(200);

export const SetupRequest = z.strictObject({
  workspaceName: z.string().trim().min(1).max(120),
  name: PersonName,
  email,
  password,
});
export type SetupRequest = z.infer<typeof SetupRequest>;

export const SignInRequest = z.strictObject({
  email,
  password: z.string().min(1).max(200),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

export const CreateDocumentRequest = z.strictObject({
  title,
  kind: z.enum(DOCUMENT_KINDS),
  /** The creator's interface language: the template's headings are written in it (French when absent). */
  language: z.enum(['fr', 'en']).optional(),
});
export type CreateDocumentRequest = z.infer<typeof CreateDocumentRequest>;

export const RenameDocumentRequest = z.strictObject({ title });
export type RenameDocumentRequest = z.infer<typeof RenameDocumentRequest>;

/** `PATCH /api/documents/:id`: a new title, language or typography setting, at least one of them. */
export const UpdateDocumentRequest = z
  .strictObject({
    title: title.optional(),
    language: z.enum(DOCUMENT_LANGUAGES).optional(),
    /** French typography as one types (see client/editor/frenchTypography.ts); applies only to French documents. */
    typography: z.boolean().optional(),
  })
  .refine((body) => body.title !== undefined || body.language !== undefined || body.typography !== undefined, 'nothing to change');
export type UpdateDocumentRequest = z.infer<typeof UpdateDocumentRequest>;

export const GrantAccessRequest = z.strictObject({
  /** `null` removes the grant so the role's default applies again. */
  access: z.enum(ACCESS_LEVELS).nullable(),
});
export type GrantAccessRequest = z.infer<typeof GrantAccessRequest>;

export const CreateInviteRequest = z.strictObject({ role: z.enum(ROLES) });
export type CreateInviteRequest = z.infer<typeof CreateInviteRequest>;

export const AcceptInviteRequest = z.strictObject({ name: PersonName, email, password });
export type AcceptInviteRequest = z.infer<typeof AcceptInviteRequest>;

export const ChangeRoleRequest = z.strictObject({ role: z.enum(ROLES) });
export type ChangeRoleRequest = z.infer<typeof ChangeRoleRequest>;

/** Identifiers in URLs. */
export const IdParam = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/** A member as others see them. */
export interface MemberSummary {
  id: string;
  name: string;
  color: string;
}

/** `GET /api/me` */
export interface MeResponse {
  member: MemberSummary & { email: string };
  workspaces: { id: string; name: string; role: Role }[];
}

/** `POST /api/invites/:token/accept`: the profile, and the collective just joined. */
export interface AcceptInviteResponse extends MeResponse {
  joinedWorkspaceId: string;
}

/** `GET /api/setup` */
export interface SetupStatusResponse {
  needed: boolean;
}

/** `POST /api/setup` */
export interface SetupResponse {
  workspaceId: string;
  memberId: string;
}

/** One row of a collective's document list. */
export interface DocumentSummary {
  id: string;
  workspaceId: string;
  title: string;
  kind: DocumentKind;
  archived: boolean;
  createdAt: string;
  createdBy: MemberSummary | null;
  updatedAt: string;
  updatedBy: MemberSummary | null;
  /** Members connected to the document right now. */
  present: MemberSummary[];
  /** The requesting member's access. */
  access: Access;
  /** Whether the requesting member may archive it, or restore it when archived (its editors and coordinators). */
  canArchive: boolean;
  /** Comment threads not yet resolved. */
  openThreads: number;
  /** Workflow status (null for meetings and notes; see shared/review.ts). */
  status: DocumentStatus | null;
  /** The language the document is written in. */
  language: DocumentLanguage;
  /** Whether French typography applies as one types (in French documents). */
  typography: boolean;
}

/** `GET /api/workspaces/:id/documents` */
export interface DocumentListResponse {
  documents: DocumentSummary[];
}

/** `POST /api/workspaces/:id/documents` */
export interface CreateDocumentResponse {
  id: string;
  /** Room a y-websocket provider joins at `ws://HOST:PORT/collab`. */
  room: string;
  /** Name of the Y.XmlFragment that holds the body. */
  fragment: string;
}

/** `GET /api/documents/:id` */
export interface DocumentResponse {
  document: DocumentSummary;
  room: string;
  metaRoom: string;
  fragment: string;
  workspaceName: string;
}

/** A member of a collective, as coordinators manage them. */
export interface WorkspaceMember extends MemberSummary {
  /** Present for coordinators (who manage members) and in one's own entry; absent otherwise. */
  email?: string;
  role: Role;
}

/** `GET /api/workspaces/:id/members` */
export interface MemberListResponse {
  members: WorkspaceMember[];
}

/** `POST /api/workspaces/:id/invites` */
export interface InviteResponse {
  token: string;
  /** Path the invitee opens, relative to the app's origin. */
  path: string;
  role: Role;
  expiresAt: string;
}

/** An invitation not used, revoked or expired yet, as coordinators see it (never its token). */
export interface PendingInvite {
  id: string;
  role: Role;
  createdBy: MemberSummary;
  createdAt: string;
  expiresAt: string;
}

/** `GET /api/workspaces/:id/invites`: pending invitations, oldest first. */
export interface InviteListResponse {
  invites: PendingInvite[];
}

/** `GET /api/invites/:token` */
export interface InviteInfoResponse {
  workspaceName: string;
  role: Role;
  expiresAt: string;
}

/** `GET /api/documents/:id/access` */
export interface AccessListResponse {
  entries: { member: WorkspaceMember; grant: Access | null; effective: Access | null }[];
}

/** Value stored per document in the `ws.<id>` room's list map and in `meta.<id>` rooms. */
export interface LiveDocumentMeta {
  id: string;
  title: string;
  kind: DocumentKind;
  archived: boolean;
  updatedAt: string;
  updatedBy: MemberSummary | null;
  present: MemberSummary[];
  /** Comment threads not yet resolved. */
  openThreads: number;
  /** Workflow status (null for meetings and notes; see shared/review.ts). */
  status?: DocumentStatus | null;
  /** Time of the latest review or status activity: changes whenever the home page's review lists may. */
  reviewActivityAt?: string | null;
}

// ---- comments and the inbox ----

/** Longest comment, in characters. */
export const COMMENT_MAX_CHARS = 5000;
/** Most members one comment may mention. */
export const MENTIONS_MAX = 20;

/** An encoded Yjs relative position, base64 (see shared/comments/anchors.ts). */
const encodedPosition = z.string().min(4).max(400).regex(/^[A-Za-z0-9+/]+={0,2}$/);
const commentBody = z.string().max(COMMENT_MAX_CHARS).refine((text) => text.trim().length > 0, 'empty comment');
const mentions = z.array(IdParam).max(MENTIONS_MAX).default([]);

/** Where a thread sits in the body: two relative positions and the passage's text when commented. */
export const ThreadAnchor = z.strictObject({
  start: encodedPosition,
  end: encodedPosition,
  quote: z.string().min(1).max(2000),
});
export type ThreadAnchor = z.infer<typeof ThreadAnchor>;

/** `POST /api/documents/:id/threads` */
export const CreateThreadRequest = z.strictObject({ anchor: ThreadAnchor, body: commentBody, mentions });
export type CreateThreadRequest = z.input<typeof CreateThreadRequest>;

/** `POST /api/threads/:id/comments` (reply) and `PATCH /api/comments/:id` (edit own). */
export const CommentRequest = z.strictObject({ body: commentBody, mentions });
export type CommentRequest = z.input<typeof CommentRequest>;

/** Threads per page of `GET /api/documents/:id/threads`, by default and at most. */
export const THREADS_PAGE = { default: 100, max: 200 } as const;
/** Comments each thread of a list of threads includes; the rest come from `GET /api/threads/:id/comments`. */
export const COMMENTS_PER_LISTED_THREAD = 20;
/** Comments per page of `GET /api/threads/:id/comments`, by default and at most. */
export const COMMENTS_PAGE = { default: 100, max: 200 } as const;

/** An opaque position in a list, as answered in `nextCursor` (or a thread's `commentsCursor`). */
const pageCursor = z.string().min(1).max(200).regex(/^[A-Za-z0-9_-]+$/);
const pageQuery = (page: { default: number; max: number }) =>
  z.object({ limit: z.coerce.number().int().min(1).max(page.max).default(page.default), cursor: pageCursor.optional() });
/** `?limit=&cursor=` of `GET /api/documents/:id/threads`; `cursor` is the previous page's `nextCursor`. */
export const ThreadPageQuery = pageQuery(THREADS_PAGE);
export type ThreadPageQuery = z.input<typeof ThreadPageQuery>;
/** `?limit=&cursor=` of `GET /api/threads/:id/comments`; `cursor` is a thread's `commentsCursor` or the previous page's `nextCursor`. */
export const CommentPageQuery = pageQuery(COMMENTS_PAGE);
export type CommentPageQuery = z.input<typeof CommentPageQuery>;

/** `POST /api/inbox/read`: marks these notifications read, or all of them without `ids`. */
export const MarkReadRequest = z.strictObject({ ids: z.array(IdParam).min(1).max(500).optional() });
export type MarkReadRequest = z.infer<typeof MarkReadRequest>;

/** One comment. `body` is plain text: clients show it as text, never as markup. */
export interface CommentView {
  id: string;
  threadId: string;
  author: MemberSummary;
  body: string;
  /** Members mentioned as `@Name` in the body. */
  mentions: MemberSummary[];
  createdAt: string;
  editedAt: string | null;
}

/**
 * A thread: its anchor, its first comments oldest first (at most COMMENTS_PER_LISTED_THREAD), and
 * whether it is resolved.
 */
export interface ThreadView {
  id: string;
  documentId: string;
  anchor: ThreadAnchor;
  createdBy: MemberSummary;
  createdAt: string;
  resolved: { by: MemberSummary; at: string } | null;
  comments: CommentView[];
  /** Null when `comments` holds all of them; else the `cursor` for `GET /api/threads/:id/comments` to fetch the rest. */
  commentsCursor: string | null;
  /** Whether the requesting member may resolve or reopen it. */
  canResolve: boolean;
}

/** `GET /api/documents/:id/threads`: one page of threads, oldest first. */
export interface ThreadListResponse {
  threads: ThreadView[];
  /** The `cursor` of the next page; null on the last one. */
  nextCursor: string | null;
}

/** `GET /api/threads/:id/comments`: one page of a thread's comments, oldest first. */
export interface CommentListResponse {
  comments: CommentView[];
  /** The `cursor` of the next page; null on the last one. */
  nextCursor: string | null;
}

/** `GET /api/documents/:id/mentionable`: members who can read the document, to mention. */
export interface MentionableResponse {
  members: MemberSummary[];
}

/** Why a notification reached its member. */
export const NOTIFICATION_KINDS = ['mention', 'reply', 'thread'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds of inbox entry: a comment's notification, or an invitation to a live session. */
export type InboxItemKind = NotificationKind | 'session';

/** One entry of a member's inbox. */
export interface InboxItem {
  id: string;
  kind: InboxItemKind;
  document: { id: string; title: string };
  /** The comment's thread and the comment; null for a session invitation. */
  threadId: string | null;
  commentId: string | null;
  /** The live session a `session` entry invites to; null otherwise. */
  sessionId: string | null;
  actor: MemberSummary;
  /** The start of the comment, as plain text ('' for a session invitation). */
  excerpt: string;
  createdAt: string;
  read: boolean;
}

/** `GET /api/inbox`: the latest notifications, newest first, and how many are unread. */
export interface InboxResponse {
  items: InboxItem[];
  unread: number;
}

/** Value of the `inbox` map in a member's `me.<memberId>` room. */
export interface LiveInbox {
  unread: number;
  /** Changes whenever the inbox does, so clients know to fetch it again. */
  revision: number;
}

// ---- attendance, mentoring and live sessions ----

/** One member's stay in a document: from when to when (`to` null while still there). */
export interface PresenceInterval {
  member: MemberSummary;
  from: string;
  to: string | null;
  /** Batches of changes the member made to the body meanwhile. */
  edits: number;
}

/** `GET /api/documents/:id/attendance`: a meeting document's attendance, by arrival. */
export interface AttendanceResponse {
  intervals: PresenceInterval[];
}

/** `PUT /api/workspaces/:id/mentorships/:newcomerId`: sets (or with null removes) the mentor. */
export const SetMentorRequest = z.strictObject({ mentorId: IdParam.nullable() });
export type SetMentorRequest = z.infer<typeof SetMentorRequest>;

/** A newcomer and their mentor. */
export interface MentorshipView {
  newcomer: MemberSummary;
  mentor: MemberSummary;
  since: string;
}

/** `GET /api/workspaces/:id/mentorships` */
export interface MentorshipListResponse {
  mentorships: MentorshipView[];
}

/** `GET /api/documents/:id/mentor`: the newcomer who created the document and their mentor. */
export interface DocumentMentorResponse {
  newcomer: MemberSummary | null;
  mentor: MemberSummary | null;
}

/** A newcomer's document as their mentor's home lists it. */
export interface MentoredDocument {
  id: string;
  title: string;
  kind: DocumentKind;
  updatedAt: string;
  updatedBy: MemberSummary | null;
  /** When the mentor last had it open; null if never. */
  lastVisitedAt: string | null;
  /** Someone other than the mentor changed it since then. */
  changed: boolean;
}

/** `GET /api/workspaces/:id/mentoring`: the actor's newcomers and their documents. */
export interface MentoringHomeResponse {
  newcomers: { newcomer: MemberSummary; since: string; documents: MentoredDocument[] }[];
}

/** `POST /api/documents/:id/sessions`: members invited to join live. */
export const StartSessionRequest = z.strictObject({ invite: z.array(IdParam).max(MENTIONS_MAX).default([]) });
export type StartSessionRequest = z.input<typeof StartSessionRequest>;

/** Someone who took part in a session: when, and how many batches of changes they made. */
export interface SessionParticipant {
  member: MemberSummary;
  intervals: { from: string; to: string | null }[];
  edits: number;
}

/** A comment written during a session. */
export interface SessionComment {
  threadId: string;
  commentId: string;
  author: MemberSummary;
  excerpt: string;
  createdAt: string;
}

/** A live session and its recap. */
export interface SessionView {
  id: string;
  documentId: string;
  startedBy: MemberSummary;
  startedAt: string;
  endedAt: string | null;
  endedBy: MemberSummary | null;
  invited: MemberSummary[];
  participants: SessionParticipant[];
  comments: SessionComment[];
  /** Whether the requesting member may end it. */
  canEnd: boolean;
}

/** `GET /api/documents/:id/sessions`: the session under way, if any, and every session, newest first. */
export interface SessionListResponse {
  active: SessionView | null;
  sessions: SessionView[];
}
