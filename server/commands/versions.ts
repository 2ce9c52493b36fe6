/**
 * Versions of a document: list, open read-only, compare, name the current content, restore.
 * A restore is a new change to the live body (stored, then relayed to every open editor), never a
 * rewrite of history; it is itself recorded as a version and in the activity log.
 */
import { ErrorId, IdParam } from '../../shared/api';
import { canOnDocument } from '../../shared/permissions';
import { DOCUMENT_STATUSES, type DocumentStatus } from '../../shared/review';
import { diffDocuments } from '../../shared/versions/diff';
import { NameVersionRequest, type VersionContentResponse, type VersionDiffResponse, type VersionListResponse, type VersionView } from '../../shared/versions/contract';
import { DocumentTooLargeError } from '../collab/BodyLog';
import type { RoomManager } from '../collab/RoomManager';
import { AppError, forbidden, notFound } from '../errors';
import { newId } from '../ids';
import type { MemberRow } from '../store/Store';
import type { ActivityRow, VersionRow } from '../store/versionTypes';
import { replaceBodyUpdate } from '../versions/bodyState';
import type { VersionService } from '../versions/VersionService';
import { memberLookup, parse, requireDocument, summarize, type CommandContext, type MemberLookup } from './context';

/** What version and review commands need besides the common context. */
export interface VersionsContext extends CommandContext {
  versions: VersionService;
  rooms: RoomManager;
}

/** A version as the API shows it; `statusChange` for one taken at a status change, when known. */
export async function versionView(row: VersionRow, lookup: MemberLookup, statusChange: VersionView['statusChange'] = null): Promise<VersionView> {
  return {
    id: row.id,
    seq: row.seq,
    kind: row.kind,
    name: row.name,
    createdAt: row.createdAt,
    createdBy: await lookup(row.createdBy),
    authors: await Promise.all(row.authors.map((id) => lookup(id))),
    statusChange: row.kind === 'status' ? statusChange : null,
  };
}

/** Activity entries read to name the statuses of status versions (a document's whole log, in practice). */
const STATUS_LOG_LIMIT = 10_000;

const asStatus = (value: unknown): DocumentStatus | null => (DOCUMENT_STATUSES.includes(value as DocumentStatus) ? (value as DocumentStatus) : null);

/** Version id → the statuses its status change went from and to, from the activity log. */
async function statusChanges(ctx: CommandContext, documentId: string): Promise<Map<string, NonNullable<VersionView['statusChange']>>> {
  const changes = new Map<string, NonNullable<VersionView['statusChange']>>();
  for (const entry of await ctx.store.listActivity(documentId, STATUS_LOG_LIMIT)) {
    const to = asStatus(entry.details.to);
    if (entry.kind === 'status_changed' && entry.versionId !== null && to !== null) changes.set(entry.versionId, { from: asStatus(entry.details.from), to });
  }
  return changes;
}

/** A document the actor may edit (404 if invisible, 403 if read-only for them). */
export async function requireEditable(ctx: CommandContext, actor: MemberRow, documentId: string, why: string) {
  parse(IdParam, documentId);
  const visible = await requireDocument(ctx, actor, documentId);
  if (!canOnDocument(visible.access, 'editBody')) throw forbidden(why);
  return visible;
}

/** A version of this document, or 404. */
async function requireVersion(ctx: CommandContext, documentId: string, versionId: string): Promise<VersionRow> {
  parse(IdParam, versionId);
  const version = await ctx.store.getVersion(versionId);
  if (!version || version.documentId !== documentId) throw notFound('Version');
  return version;
}

/** 413 document_too_large for a restore the document's size limit refused (nothing was changed). */
function refuseTooLarge(error: unknown): never {
  if (!(error instanceof DocumentTooLargeError)) throw error;
  throw new AppError(413, ErrorId.DOCUMENT_TOO_LARGE, `Restoring this version would make the document larger than the server accepts (${error.maxBytes} bytes): nothing was changed.`, {
    bytes: error.bytes,
    maxBytes: error.maxBytes,
  });
}

/** An activity entry written with a change. */
export function activityEntry(ctx: CommandContext, actor: MemberRow, documentId: string, kind: ActivityRow['kind'], versionId: string | null, details: Record<string, unknown>): ActivityRow {
  return { id: newId(), documentId, kind, actorId: actor.id, at: ctx.now().toISOString(), versionId, details };
}

/** Tells open clients that the document's review side changed (its activity log included). */
export function publishReview(ctx: CommandContext, document: { id: string; workspaceId: string }): void {
  ctx.events.publish('review.changed', { documentId: document.id, workspaceId: document.workspaceId });
}

/** The versions of a document, newest first (anyone who reads it). */
export async function listVersions(ctx: CommandContext, actor: MemberRow, documentId: string): Promise<VersionListResponse> {
  parse(IdParam, documentId);
  const { document } = await requireDocument(ctx, actor, documentId);
  const lookup = await memberLookup(ctx, document.workspaceId);
  const rows = (await ctx.store.listVersions(documentId)).reverse();
  const status = (await ctx.store.getReviewState(documentId)).status;
  const changes = rows.some((row) => row.kind === 'status') ? await statusChanges(ctx, documentId) : new Map();
  return { versions: await Promise.all(rows.map((row) => versionView(row, lookup, changes.get(row.id) ?? null))), adoptedVersionId: status?.adoptedVersionId ?? null };
}

/** One version with its content, to show read-only. */
export async function getVersion(ctx: VersionsContext, actor: MemberRow, documentId: string, versionId: string): Promise<VersionContentResponse> {
  parse(IdParam, documentId);
  const { document } = await requireDocument(ctx, actor, documentId);
  const version = await requireVersion(ctx, documentId, versionId);
  return { version: await versionView(version, await memberLookup(ctx, document.workspaceId)), content: await ctx.versions.jsonOf(version) };
}

/**
 * The diff between two versions, or (`to` = "current") between a version and the content now.
 * Always from the older to the newer version (by the order they were taken), whichever the
 * request names first: a diff read backwards shows every addition as a deletion.
 */
export async function diffVersions(ctx: VersionsContext, actor: MemberRow, documentId: string, fromId: string, toId: string): Promise<VersionDiffResponse> {
  parse(IdParam, documentId);
  const { document } = await requireDocument(ctx, actor, documentId);
  const lookup = await memberLookup(ctx, document.workspaceId);
  const first = await requireVersion(ctx, documentId, fromId);
  const second = toId === 'current' ? null : await requireVersion(ctx, documentId, toId);
  const [from, to] = second && second.seq < first.seq ? [second, first] : [first, second];
  const before = await ctx.versions.jsonOf(from);
  const after = to ? await ctx.versions.jsonOf(to) : (await ctx.versions.current(documentId)).json;
  return { from: await versionView(from, lookup), to: to ? await versionView(to, lookup) : null, diff: diffDocuments(before, after) };
}

/**
 * Names the current content as a version (edit access); `created` is false when the content is the
 * latest version's: that version is named instead (renamed if it had a name), since a second copy
 * of the same content would only take room and lengthen the list.
 */
export async function nameVersion(ctx: VersionsContext, actor: MemberRow, documentId: string, input: unknown): Promise<{ version: VersionView; created: boolean }> {
  const { name } = parse(NameVersionRequest, input);
  const { document } = await requireEditable(ctx, actor, documentId, 'Only editors can name a version.');
  const spec = { kind: 'manual', name, by: actor.id, reuseIfUnchanged: true } as const;
  const { row, created } = await ctx.versions.record(documentId, spec, async ({ row, version }) => {
    const activity = [activityEntry(ctx, actor, documentId, 'version_named', row.id, { name })];
    if (version) {
      await ctx.store.createVersion(version, activity);
      return { row, created: true };
    }
    if (!(await ctx.store.nameVersion(row.id, name, activity))) throw notFound('Version');
    return { row: { ...row, name }, created: false };
  });
  // A new version is announced by the version service; a renamed one changes the list all the same.
  if (!created) ctx.events.publish('versions.changed', { documentId, workspaceId: document.workspaceId });
  publishReview(ctx, document);
  return { version: await versionView(row, await memberLookup(ctx, document.workspaceId)), created };
}

/**
 * Restores a version's content as a new change (edit access): every open editor receives it live,
 * the update log keeps all history, and the result is recorded as a version of its own.
 */
export async function restoreVersion(ctx: VersionsContext, actor: MemberRow, documentId: string, versionId: string): Promise<VersionView> {
  const { document } = await requireEditable(ctx, actor, documentId, 'Only editors can restore a version.');
  const version = await requireVersion(ctx, documentId, versionId);
  const target = await ctx.versions.jsonOf(version);
  // Through the document's room, loaded if nobody has it open: stored, then seen live by everyone.
  await ctx.rooms.withDocumentRoom(documentId, (room) => room.applyServerChange((state) => replaceBodyUpdate(state, target), summarize(actor))).catch(refuseTooLarge);
  const details = { restoredVersionId: version.id, restoredSeq: version.seq, restoredName: version.name };
  const row = await ctx.versions.record(documentId, { kind: 'restore', by: actor.id }, async (prepared) => {
    await ctx.store.createVersion(prepared.version!, [activityEntry(ctx, actor, documentId, 'version_restored', prepared.row.id, details)]);
    return prepared.row;
  });
  publishReview(ctx, document);
  return versionView(row, await memberLookup(ctx, document.workspaceId));
}
