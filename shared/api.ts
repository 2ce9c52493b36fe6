/**
 * The HTTP API contract: request validators (zod), response types and stable error ids.
 * Both the server (to validate) and the client (to type its calls) import this file.
 */
import { z } from 'zod';
import { ACCESS_LEVELS, ROLES, type Access, type Role } from './permissions';

/** Kinds of document a collective writes. */
export const DOCUMENT_KINDS = ['proposal', 'charter', 'rules', 'procedure', 'meeting', 'note'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

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
  TOO_MANY_REQUESTS: 'too_many_requests',
  INTERNAL: 'internal',
} as const;
export type ErrorIdValue = (typeof ErrorId)[keyof typeof ErrorId];

/** Body of every error response. */
export interface ApiErrorBody {
  error: { id: ErrorIdValue; message: string; details?: unknown };
}

const email = z.string().trim().toLowerCase().max(254).pipe(z.email());
const password = z.string().min(10, 'at least 10 characters').max(200);
const personName = z.string().trim().min(1).max(80);
const title = z.string().trim().min(1).max(200);

export const SetupRequest = z.strictObject({
  workspaceName: z.string().trim().min(1).max(120),
  name: personName,
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
});
export type CreateDocumentRequest = z.infer<typeof CreateDocumentRequest>;

export const RenameDocumentRequest = z.strictObject({ title });
export type RenameDocumentRequest = z.infer<typeof RenameDocumentRequest>;

export const GrantAccessRequest = z.strictObject({
  /** `null` removes the grant so the role's default applies again. */
  access: z.enum(ACCESS_LEVELS).nullable(),
});
export type GrantAccessRequest = z.infer<typeof GrantAccessRequest>;

export const CreateInviteRequest = z.strictObject({ role: z.enum(ROLES) });
export type CreateInviteRequest = z.infer<typeof CreateInviteRequest>;

export const AcceptInviteRequest = z.strictObject({ name: personName, email, password });
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
  email: string;
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
}
