/**
 * Who may do what, as data and pure functions. The server enforces these rules;
 * the client only uses them to hide controls a member cannot use.
 */

/** A member's role inside one collective (workspace). */
export const ROLES = ['coordinator', 'member', 'newcomer', 'guest'] as const;
export type Role = (typeof ROLES)[number];

/** Access to one document, from most to least. */
export const ACCESS_LEVELS = ['edit', 'suggest', 'comment', 'view'] as const;
export type Access = (typeof ACCESS_LEVELS)[number];

/** Per-document access a role has when the document grants nothing specific. */
export const DEFAULT_ACCESS: Readonly<Record<Role, Access | null>> = Object.freeze({
  coordinator: 'edit',
  member: 'edit',
  newcomer: 'comment',
  guest: null,
});

/** Things done in a collective, outside any one document's body. */
export type WorkspaceAction =
  | 'workspace.read'
  | 'workspace.listDocuments'
  | 'member.invite'
  | 'member.changeRole'
  | 'member.remove'
  | 'member.readEmail'
  | 'document.create'
  | 'document.grant';

const WORKSPACE_RULES: Readonly<Record<WorkspaceAction, readonly Role[]>> = Object.freeze({
  'workspace.read': ['coordinator', 'member', 'newcomer', 'guest'],
  // Guests see only the documents shared with them; the list is filtered per document.
  'workspace.listDocuments': ['coordinator', 'member', 'newcomer', 'guest'],
  'member.invite': ['coordinator'],
  'member.changeRole': ['coordinator'],
  'member.remove': ['coordinator'],
  // E-mail addresses are contact data, not needed to co-write: only those who manage members see
  // them (a member always sees their own, through /api/me and the member list).
  'member.readEmail': ['coordinator'],
  'document.create': ['coordinator', 'member', 'newcomer'],
  'document.grant': ['coordinator'],
});

/** Whether a role may perform a collective-level action. `null` role = not a member. */
export function canInWorkspace(role: Role | null, action: WorkspaceAction): boolean {
  return role !== null && WORKSPACE_RULES[action].includes(role);
}

/**
 * Whether a member with role `granter` may give someone `role` (an invitation carries a role):
 * they must be allowed to invite, and never above their own role. Checked when the invitation is
 * made and again when it is accepted, so that a link never outlives its author's rights.
 */
export function canGrantRole(granter: Role | null, role: Role): boolean {
  return canInWorkspace(granter, 'member.invite') && ROLES.indexOf(role) >= ROLES.indexOf(granter!);
}

/** Rank of an access level: higher means more rights. */
export function accessRank(access: Access | null): number {
  return access === null ? 0 : ACCESS_LEVELS.length - ACCESS_LEVELS.indexOf(access);
}

/** Facts about a document that decide a member's access to it. */
export interface DocumentAccessFacts {
  /** The member's role in the document's collective, or null if not a member. */
  role: Role | null;
  /** Access granted on this document to this member, if any. */
  grant: Access | null;
  /** Whether this member created the document. */
  isCreator: boolean;
  /** Archived documents are read-only for everyone. */
  archived: boolean;
}

/**
 * A member's effective access to a document. Coordinators always edit; creators edit what they
 * wrote (so newcomers edit their own first proposals); an explicit grant otherwise decides,
 * falling back to the role's default. Archived documents can only be viewed.
 */
export function documentAccess(facts: DocumentAccessFacts): Access | null {
  if (facts.role === null) return null;
  let access: Access | null;
  if (facts.role === 'coordinator') access = 'edit';
  else if (facts.isCreator) access = 'edit';
  else access = facts.grant ?? DEFAULT_ACCESS[facts.role];
  if (access !== null && facts.archived) return 'view';
  return access;
}

/** Actions on one document; `settings` is its language and typography. */
export type DocumentAction = 'read' | 'editBody' | 'comment' | 'rename' | 'archive' | 'settings';

const DOCUMENT_RULES: Readonly<Record<DocumentAction, Access>> = Object.freeze({
  read: 'view',
  comment: 'comment',
  editBody: 'edit',
  rename: 'edit',
  archive: 'edit',
  settings: 'edit',
});

/** Whether a given access level allows an action on a document. */
export function canOnDocument(access: Access | null, action: DocumentAction): boolean {
  return accessRank(access) >= accessRank(DOCUMENT_RULES[action]);
}

/**
 * Archive and restore: allowed to whoever could edit the document if it were not archived
 * (restoring must be possible while `documentAccess` reports the archived doc as view-only).
 */
export function canArchive(facts: DocumentAccessFacts): boolean {
  return canOnDocument(documentAccess({ ...facts, archived: false }), 'archive');
}
