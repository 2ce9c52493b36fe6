/**
 * Typed calls to Trame's HTTP API, one function per endpoint of shared/api.ts.
 * Request bodies use the shared request types, so a contract change breaks the build here.
 */
import type {
  AcceptInviteRequest,
  AcceptInviteResponse,
  AccessListResponse,
  ChangeRoleRequest,
  CommentRequest,
  CreateThreadRequest,
  CreateDocumentRequest,
  CreateDocumentResponse,
  CreateInviteRequest,
  DocumentListResponse,
  DocumentResponse,
  GrantAccessRequest,
  InviteInfoResponse,
  InboxResponse,
  InviteResponse,
  MeResponse,
  MemberListResponse,
  MentionableResponse,
  RenameDocumentRequest,
  SetupRequest,
  SetupResponse,
  SetupStatusResponse,
  SignInRequest,
  ThreadListResponse,
  ThreadView,
} from '../../shared/api';
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
  /** Creates a document from its kind's template. */
  create: (workspaceId: string, body: CreateDocumentRequest) =>
    request<CreateDocumentResponse>('POST', `/api/workspaces/${enc(workspaceId)}/documents`, body),
  /** One document with the caller's access and its room names. */
  get: (id: string) => request<DocumentResponse>('GET', `/api/documents/${enc(id)}`),
  /** Renames a document. */
  rename: (id: string, body: RenameDocumentRequest) => request<DocumentResponse>('PATCH', `/api/documents/${enc(id)}`, body),
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
};

/** Comment threads of a document: open, reply, edit and delete own comments, resolve. */
export const commentsApi = {
  /** Every thread of a document with its comments, oldest first. */
  list: (documentId: string) => request<ThreadListResponse>('GET', `/api/documents/${enc(documentId)}/threads`),
  /** Opens a thread on a passage with its first comment. */
  create: (documentId: string, body: CreateThreadRequest) => request<ThreadView>('POST', `/api/documents/${enc(documentId)}/threads`, body),
  /** Members who can read the document, to mention. */
  mentionable: (documentId: string) => request<MentionableResponse>('GET', `/api/documents/${enc(documentId)}/mentionable`),
  /** Replies in a thread; returns the whole thread. */
  reply: (threadId: string, body: CommentRequest) => request<ThreadView>('POST', `/api/threads/${enc(threadId)}/comments`, body),
  /** Changes one's own comment; returns the whole thread. */
  edit: (commentId: string, body: CommentRequest) => request<ThreadView>('PATCH', `/api/comments/${enc(commentId)}`, body),
  /** Deletes one's own comment (the thread too when it was its last). */
  remove: (commentId: string) => request<void>('DELETE', `/api/comments/${enc(commentId)}`),
  /** Resolves a thread (its author or an editor). */
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
