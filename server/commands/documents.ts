/** Documents: create from a template, list, rename and set language and typography, archive/restore, per-member access. */
import {
  CreateDocumentRequest,
  GrantAccessRequest,
  IdParam,
  UpdateDocumentRequest,
  type AccessListResponse,
  type CreateDocumentResponse,
  type DocumentResponse,
  type DocumentSummary,
} from '../../shared/api';
import { canArchive, canInWorkspace, canOnDocument, documentAccess, type Access } from '../../shared/permissions';
import { BODY_FRAGMENT, docRoom, metaRoom } from '../../shared/rooms';
import { initialStatus } from '../../shared/review';
import { initialBody } from '../editor/body';
import { forbidden, notFound } from '../errors';
import { newId } from '../ids';
import type { DocumentRow, MemberRow } from '../store/Store';
import { accessTo, memberLookup, membersAccess, parse, requireDocument, requireMembership, requireWorkspaceAction, summarize, type CommandContext, type MemberLookup } from './context';

/** Creates a document from its kind's template, in the creator's language; the actor becomes its creator. */
export async function createDocument(ctx: CommandContext, actor: MemberRow, workspaceId: string, input: unknown): Promise<CreateDocumentResponse> {
  const body = parse(CreateDocumentRequest, input);
  await requireWorkspaceAction(ctx, actor, workspaceId, 'document.create');
  const at = ctx.now().toISOString();
  const row: DocumentRow = {
    id: newId(), workspaceId, title: body.title, kind: body.kind, archived: false, createdAt: at, createdBy: actor.id, updatedAt: at, updatedBy: actor.id,
    language: body.language ?? 'fr', typography: true,
  };
  await ctx.store.createDocument(row, initialBody(body.kind, body.language));
  ctx.events.publish('document.changed', { documentId: row.id, workspaceId });
  return { id: row.id, room: docRoom(row.id), fragment: BODY_FRAGMENT };
}

async function toSummary(ctx: CommandContext, row: DocumentRow, access: Access, mayArchive: boolean, lookup: MemberLookup, openThreads: ReadonlyMap<string, number>): Promise<DocumentSummary> {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    title: row.title,
    kind: row.kind,
    archived: row.archived,
    createdAt: row.createdAt,
    createdBy: await lookup(row.createdBy),
    updatedAt: row.updatedAt,
    updatedBy: await lookup(row.updatedBy),
    present: ctx.presence.membersIn(row.id),
    access,
    canArchive: mayArchive,
    openThreads: openThreads.get(row.id) ?? 0,
    status: (await ctx.store.getReviewState(row.id)).status?.status ?? initialStatus(row.kind),
    language: row.language,
    typography: row.typography,
  };
}

/** The documents of a collective this member can see, most recently edited first. */
export async function listDocuments(ctx: CommandContext, actor: MemberRow, workspaceId: string, options: { archived: boolean }): Promise<DocumentSummary[]> {
  const role = await requireMembership(ctx, actor, workspaceId);
  if (!canInWorkspace(role, 'workspace.listDocuments')) throw forbidden();
  const lookup = await memberLookup(ctx, workspaceId);
  const rows = (await ctx.store.listDocuments(workspaceId)).filter((row) => row.archived === options.archived);
  const openThreads = await ctx.store.countOpenThreads(workspaceId);
  const result: DocumentSummary[] = [];
  for (const row of rows) {
    const grant = await ctx.store.getGrant(row.id, actor.id);
    const access = documentAccess({ role, grant, isCreator: row.createdBy === actor.id, archived: row.archived });
    const mayArchive = canArchive({ role, grant, isCreator: row.createdBy === actor.id, archived: row.archived });
    if (access !== null) result.push(await toSummary(ctx, row, access, mayArchive, lookup, openThreads));
  }
  return result;
}

/** One document with the actor's access and where to join it live. */
export async function getDocument(ctx: CommandContext, actor: MemberRow, documentId: string): Promise<DocumentResponse> {
  parse(IdParam, documentId);
  const { document, role, access } = await requireDocument(ctx, actor, documentId);
  const workspace = await ctx.store.getWorkspace(document.workspaceId);
  const openThreads = await ctx.store.countOpenThreads(document.workspaceId);
  const grant = await ctx.store.getGrant(documentId, actor.id);
  const mayArchive = canArchive({ role, grant, isCreator: document.createdBy === actor.id, archived: document.archived });
  const summary = await toSummary(ctx, document, access, mayArchive, await memberLookup(ctx, document.workspaceId), openThreads);
  return { document: summary, room: docRoom(document.id), metaRoom: metaRoom(document.id), fragment: BODY_FRAGMENT, workspaceName: workspace?.name ?? '' };
}

/**
 * Renames a document or changes its language or typography setting (edit access: 403 forbidden
 * otherwise); everyone in it sees the change live, through its meta room.
 */
export async function updateDocument(ctx: CommandContext, actor: MemberRow, documentId: string, input: unknown): Promise<DocumentResponse> {
  parse(IdParam, documentId);
  const patch = parse(UpdateDocumentRequest, input);
  const { document, access } = await requireDocument(ctx, actor, documentId);
  if (patch.title !== undefined && !canOnDocument(access, 'rename')) throw forbidden('You cannot rename this document.');
  if ((patch.language !== undefined || patch.typography !== undefined) && !canOnDocument(access, 'settings')) {
    throw forbidden('You cannot change this document’s language or typography.');
  }
  await ctx.store.updateDocument(documentId, patch);
  ctx.events.publish('document.changed', { documentId, workspaceId: document.workspaceId });
  return getDocument(ctx, actor, documentId);
}

/**
 * Archives (read-only for everyone, hidden from the list) or restores a document: its editors and
 * coordinators only (403 forbidden for the others). Written with an entry in the document's
 * activity log; asking for the state it is already in writes nothing.
 */
export async function setArchived(ctx: CommandContext, actor: MemberRow, documentId: string, archived: boolean): Promise<DocumentResponse> {
  parse(IdParam, documentId);
  const { document, role } = await requireDocument(ctx, actor, documentId);
  const grant = await ctx.store.getGrant(documentId, actor.id);
  if (!canArchive({ role, grant, isCreator: document.createdBy === actor.id, archived: document.archived })) {
    throw forbidden(archived ? 'Only editors of this document can archive it.' : 'Only editors of this document can restore it.');
  }
  const entry = { id: newId(), documentId, kind: archived ? 'document_archived' : 'document_restored', actorId: actor.id, at: ctx.now().toISOString(), versionId: null, details: {} } as const;
  if (await ctx.store.setArchived(documentId, archived, entry)) {
    ctx.events.publish('document.changed', { documentId, workspaceId: document.workspaceId });
    // Its activity log has a new entry: open clients fetch it again.
    ctx.events.publish('review.changed', { documentId, workspaceId: document.workspaceId });
  }
  return getDocument(ctx, actor, documentId);
}

/** Each member of the document's collective with their grant and effective access (coordinators). */
export async function listAccess(ctx: CommandContext, actor: MemberRow, documentId: string): Promise<AccessListResponse> {
  parse(IdParam, documentId);
  const { document } = await requireDocument(ctx, actor, documentId);
  await requireWorkspaceAction(ctx, actor, document.workspaceId, 'document.grant');
  const members = await membersAccess(ctx.store, document);
  return {
    entries: members.map(({ membership: { member, role }, grant, effective }) => ({ member: { ...summarize(member), email: member.email, role }, grant, effective })),
  };
}

/** Grants (or with null removes) a member's access to a document (coordinators only). */
export async function grantAccess(ctx: CommandContext, actor: MemberRow, documentId: string, memberId: string, input: unknown): Promise<void> {
  parse(IdParam, documentId);
  parse(IdParam, memberId);
  const { access } = parse(GrantAccessRequest, input);
  const { document } = await requireDocument(ctx, actor, documentId);
  await requireWorkspaceAction(ctx, actor, document.workspaceId, 'document.grant');
  if ((await ctx.store.getRole(document.workspaceId, memberId)) === null) throw notFound('Member');
  await ctx.store.setGrant(documentId, memberId, access);
  ctx.events.publish('access.changed', { documentId, memberId });
}

/** Effective access of a member to a document, for the collaboration layer's door check. */
export async function connectionAccess(ctx: Pick<CommandContext, 'store'>, memberId: string, document: DocumentRow): Promise<Access | null> {
  return (await accessTo(ctx.store, memberId, document)).access;
}
