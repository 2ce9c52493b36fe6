/**
 * Typed calls to Trame's HTTP API, one function per endpoint of shared/api.ts.
 * Request bodies use the shared request types, so a contract change breaks the build here.
 */
import type {
  AttendanceResponse,
  DocumentMentorResponse,
  MentoringHomeResponse,
  MentorshipListResponse,
  SessionListResponse,
  SessionView,
  SetMentorRequest,
  StartSessionRequest,
} from '../../shared/api';
import type {
  AcceptInviteRequest,
  AcceptInviteResponse,
  AccessListResponse,
  ChangeRoleRequest,
  CommentListResponse,
  CommentRequest,
  CommentView,
  CreateThreadRequest,
  CreateDocumentRequest,
  CreateDocumentResponse,
  CreateInviteRequest,
  DocumentListResponse,
  DocumentResponse,
  GrantAccessRequest,
  InviteInfoResponse,
  InviteListResponse,
  InboxResponse,
  InviteResponse,
  MeResponse,
  MemberListResponse,
  MentionableResponse,
  RenameDocumentRequest,
  UpdateDocumentRequest,
  SetupRequest,
  SetupResponse,
  SetupStatusResponse,
  SignInRequest,
  ThreadListResponse,
  ThreadView,
} from '../../shared/api';
import type {
  ActivityResponse,
  ChangeStatusRequest,
  NameVersionRequest,
  RequestReviewRequest,
  ReviewDecisionRequest,
  ReviewListsResponse,
  ReviewSettingsRequest,
  ReviewSettingsResponse,
  ReviewView,
  VersionContentResponse,
  VersionDiffResponse,
  VersionListResponse,
  VersionView,
} from '../../shared/versions/contract';
import { request } from './http';

const enc = encodeURIComponent;

/** Session, set-up and invitations. */
export const authApi = {
  /** Whether the instance still needs its first collective. */
  setupStatus: () => request<SetupStatusResponse>('GET', '/api/setup'),
  /** Creates the first collective and its coordinator, and signs them in. */
  setup: (body: SetupRequest) => request<SetupResponse>('POST', '/api/setup', body),
  /** Signs in with email and password. */
  signIn: (body: SignInRequest) => request<MeResponse>('POST', '/api/session', body),
  /** Signs out (clears the session cookie). */
  signOut: () => request<void>('DELETE', '/api/session'),
  /** The signed-in member and their collectives; rejects with `unauthenticated` otherwise. */
  me: () => request<MeResponse>('GET', '/api/me'),
  /** What an invitation link offers. */
  inviteInfo: (token: string) => request<InviteInfoResponse>('GET', `/api/invites/${enc(token)}`),
  /** Creates an account from an invitation and signs it in. */
  /** With a body, creates the account; without (signed in), joins with the current account. */
  acceptInvite: (token: string, body: AcceptInviteRequest | Record<string, never>) =>
    request<AcceptInviteResponse>('POST', `/api/invites/${enc(token)}/accept`, body),
};

/** Documents and their access rights. */
export const documentsApi = {
  /** A collective's documents; `archived` asks for the archived ones. */
  list: (workspaceId: string, archived = false) =>
    request<DocumentListResponse>('GET', `/api/workspaces/${enc(workspaceId)}/documents${archived ? '?archived=true' : ''}`),
  /** Creates a document from its kind's template, in `body.language` (the form sends the interface language). */
  create: (workspaceId: string, body: CreateDocumentRequest) =>
    request<CreateDocumentResponse>('POST', `/api/workspaces/${enc(workspaceId)}/documents`, body),
  /** One document with the caller's access and its room names. */
  get: (id: string) => request<DocumentResponse>('GET', `/api/documents/${enc(id)}`),
  /** Renames a document. */
  rename: (id: string, body: RenameDocumentRequest) => request<DocumentResponse>('PATCH', `/api/documents/${enc(id)}`, body),
  /** Changes a document's title, language or typography setting (edit access). */
  update: (id: string, body: UpdateDocumentRequest) => request<DocumentResponse>('PATCH', `/api/documents/${enc(id)}`, body),
  /** Archives a document (read-only for everyone until restored). */
  archive: (id: string) => request<DocumentResponse>('POST', `/api/documents/${enc(id)}/archive`),
  /** Restores an archived document. */
  restore: (id: string) => request<DocumentResponse>('POST', `/api/documents/${enc(id)}/restore`),
  /** Every member with their grant and effective access (coordinators). */
  accessList: (id: string) => request<AccessListResponse>('GET', `/api/documents/${enc(id)}/access`),
  /** Sets or clears (null) one member's grant on a document (coordinators). */
  grant: (id: string, memberId: string, body: GrantAccessRequest) =>
    request<void>('PUT', `/api/documents/${enc(id)}/access/${enc(memberId)}`, body),
};

/** Members of a collective and invitations. */
export const membersApi = {
  /** Members of a collective with their roles. */
  list: (workspaceId: string) => request<MemberListResponse>('GET', `/api/workspaces/${enc(workspaceId)}/members`),
  /** Changes a member's role (coordinators). */
  changeRole: (workspaceId: string, memberId: string, body: ChangeRoleRequest) =>
    request<void>('PATCH', `/api/workspaces/${enc(workspaceId)}/members/${enc(memberId)}`, body),
  /** Removes a member from a collective (coordinators). */
  remove: (workspaceId: string, memberId: string) =>
    request<void>('DELETE', `/api/workspaces/${enc(workspaceId)}/members/${enc(memberId)}`),
  /** Creates an invitation link for a role (coordinators). */
  invite: (workspaceId: string, body: CreateInviteRequest) =>
    request<InviteResponse>('POST', `/api/workspaces/${enc(workspaceId)}/invites`, body),
  /** Invitations not used, revoked or expired yet (coordinators). */
  pendingInvites: (workspaceId: string) => request<InviteListResponse>('GET', `/api/workspaces/${enc(workspaceId)}/invites`),
  /** Withdraws a pending invitation: its link stops working (coordinators). */
  revokeInvite: (workspaceId: string, inviteId: string) =>
    request<void>('DELETE', `/api/workspaces/${enc(workspaceId)}/invites/${enc(inviteId)}`),
};

/** Comment threads of a document: open, reply, edit and delete own comments, resolve. */
export const commentsApi = {
  /** One page of a document's threads, oldest first, each with its first comments; `cursor`: the previous page's `nextCursor`. */
  list: (documentId: string, cursor: string | null = null) =>
    request<ThreadListResponse>('GET', `/api/documents/${enc(documentId)}/threads${cursor ? `?cursor=${enc(cursor)}` : ''}`),
  /** One page of a thread's comments, oldest first, from a thread's `commentsCursor` or the previous page's `nextCursor`. */
  comments: (threadId: string, cursor: string) => request<CommentListResponse>('GET', `/api/threads/${enc(threadId)}/comments?cursor=${enc(cursor)}`),
  /** Opens a thread on a passage with its first comment. */
  create: (documentId: string, body: CreateThreadRequest) => request<ThreadView>('POST', `/api/documents/${enc(documentId)}/threads`, body),
  /** Members who can read the document, to mention. */
  mentionable: (documentId: string) => request<MentionableResponse>('GET', `/api/documents/${enc(documentId)}/mentionable`),
  /** Replies in a thread; returns the new comment. */
  reply: (threadId: string, body: CommentRequest) => request<CommentView>('POST', `/api/threads/${enc(threadId)}/comments`, body),
  /** Changes one's own comment; returns it as changed. */
  edit: (commentId: string, body: CommentRequest) => request<CommentView>('PATCH', `/api/comments/${enc(commentId)}`, body),
  /** Deletes one's own comment (the thread too when it was its last). */
  remove: (commentId: string) => request<void>('DELETE', `/api/comments/${enc(commentId)}`),
  /** Resolves a thread (its author or an editor); the answer holds only its first comments. */
  resolve: (threadId: string) => request<ThreadView>('POST', `/api/threads/${enc(threadId)}/resolve`),
  /** Reopens a resolved thread. */
  reopen: (threadId: string) => request<ThreadView>('POST', `/api/threads/${enc(threadId)}/reopen`),
};

/** The signed-in member's notifications. */
export const inboxApi = {
  /** Latest notifications, newest first, with the unread count. */
  list: () => request<InboxResponse>('GET', '/api/inbox'),
  /** Marks these notifications read, or all of them. */
  markRead: (ids?: string[]) => request<void>('POST', '/api/inbox/read', ids ? { ids } : {}),
};

/** Mentors of newcomers: assignment, a document's mentor, a mentor's home. */
export const mentoringApi = {
  /** Every newcomer of a collective who has a mentor. */
  list: (workspaceId: string) => request<MentorshipListResponse>('GET', `/api/workspaces/${enc(workspaceId)}/mentorships`),
  /** Sets (coordinators; members only themselves) or removes (null) a newcomer's mentor. */
  set: (workspaceId: string, newcomerId: string, body: SetMentorRequest) =>
    request<void>('PUT', `/api/workspaces/${enc(workspaceId)}/mentorships/${enc(newcomerId)}`, body),
  /** The signed-in mentor's newcomers and their documents, with what changed since the last visit. */
  home: (workspaceId: string) => request<MentoringHomeResponse>('GET', `/api/workspaces/${enc(workspaceId)}/mentoring`),
  /** The newcomer who created a document, and their mentor. */
  ofDocument: (documentId: string) => request<DocumentMentorResponse>('GET', `/api/documents/${enc(documentId)}/mentor`),
};

/** A document's meeting attendance and its live sessions. */
export const sessionsApi = {
  /** Who was in a meeting document and when. */
  attendance: (documentId: string) => request<AttendanceResponse>('GET', `/api/documents/${enc(documentId)}/attendance`),
  /** The session under way, if any, and every session's recap. */
  list: (documentId: string) => request<SessionListResponse>('GET', `/api/documents/${enc(documentId)}/sessions`),
  /** Starts a live session and invites members to it. */
  start: (documentId: string, body: StartSessionRequest) => request<SessionView>('POST', `/api/documents/${enc(documentId)}/sessions`, body),
  /** Ends a session under way. */
  end: (sessionId: string) => request<SessionView>('POST', `/api/sessions/${enc(sessionId)}/end`),
};

/** Versions of a document: list, open read-only, compare, name the current content, restore. */
export const versionsApi = {
  /** A document's versions, newest first, and the version last adopted. */
  list: (documentId: string) => request<VersionListResponse>('GET', `/api/documents/${enc(documentId)}/versions`),
  /** Names the current content as a version. */
  name: (documentId: string, body: NameVersionRequest) => request<VersionView>('POST', `/api/documents/${enc(documentId)}/versions`, body),
  /** One version and its content. */
  get: (documentId: string, versionId: string) => request<VersionContentResponse>('GET', `/api/documents/${enc(documentId)}/versions/${enc(versionId)}`),
  /** The diff between two versions, or between a version and now (`to` = "current"). */
  diff: (documentId: string, from: string, to: string | 'current') =>
    request<VersionDiffResponse>('GET', `/api/documents/${enc(documentId)}/diff?from=${enc(from)}&to=${enc(to)}`),
  /** Restores a version as a new change everyone sees. */
  restore: (documentId: string, versionId: string) => request<VersionView>('POST', `/api/documents/${enc(documentId)}/versions/${enc(versionId)}/restore`),
};

/** Statuses, review requests and decisions, the activity log and the collective's quorum. */
export const reviewsApi = {
  /** A document's status and reviewers, as they stand on the current content. */
  get: (documentId: string) => request<ReviewView>('GET', `/api/documents/${enc(documentId)}/review`),
  /** Moves a document to another status. */
  setStatus: (documentId: string, body: ChangeStatusRequest) => request<ReviewView>('PUT', `/api/documents/${enc(documentId)}/status`, body),
  /** Asks members to review. */
  request: (documentId: string, body: RequestReviewRequest) => request<ReviewView>('POST', `/api/documents/${enc(documentId)}/reviewers`, body),
  /** Approves or asks for changes, on the content as it is now. */
  decide: (documentId: string, body: ReviewDecisionRequest) => request<ReviewView>('POST', `/api/documents/${enc(documentId)}/reviews`, body),
  /** A document's activity log, newest first. */
  activity: (documentId: string) => request<ActivityResponse>('GET', `/api/documents/${enc(documentId)}/activity`),
  /** The home page's lists: waiting for my review, my documents in review. */
  lists: (workspaceId: string) => request<ReviewListsResponse>('GET', `/api/workspaces/${enc(workspaceId)}/reviews`),
  /** How many approvals the collective requires. */
  settings: (workspaceId: string) => request<ReviewSettingsResponse>('GET', `/api/workspaces/${enc(workspaceId)}/review-settings`),
  /** Changes how many approvals the collective requires (coordinators). */
  setSettings: (workspaceId: string, body: ReviewSettingsRequest) => request<ReviewSettingsResponse>('PUT', `/api/workspaces/${enc(workspaceId)}/review-settings`, body),
};
