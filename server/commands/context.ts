/**
 * What every command needs, and the shared steps of validation and authorisation.
 * Commands are the only code that writes rows; the HTTP routers and the CLI call them.
 */
import type { z } from 'zod';
import type { MemberSummary } from '../../shared/api';
import { memberColor } from '../../shared/colors';
import { canInWorkspace, documentAccess, type Access, type Role, type WorkspaceAction } from '../../shared/permissions';
import type { Config } from '../config';
import { forbidden, invalidInput, notFound } from '../errors';
import type { DomainEvents } from '../events';
import type { DocumentRow, MemberRow, MembershipRow, Store } from '../store/Store';

/** Who is connected to which document right now (answered by the collaboration layer). */
export interface PresenceSource {
  membersIn(documentId: string): MemberSummary[];
}

/** Dependencies of every command. */
export interface CommandContext {
  store: Store;
  events: DomainEvents;
  config: Config;
  presence: PresenceSource;
  now: () => Date;
}

/** Validates input against a shared schema, or throws a 400 invalid_input. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(result.error);
  return result.data;
}

/** A member as other members see them. */
export const summarize = (member: Pick<MemberRow, 'id' | 'name'>): MemberSummary => ({ id: member.id, name: member.name, color: memberColor(member.id) });

/** The actor's role in a collective; throws 404 when they are not a member (no existence leak). */
export async function requireMembership(ctx: CommandContext, actor: MemberRow, workspaceId: string): Promise<Role> {
  const role = await ctx.store.getRole(workspaceId, actor.id);
  if (role === null) throw notFound('Collective');
  return role;
}

/** Like requireMembership, and the role must allow the action (403 otherwise). */
export async function requireWorkspaceAction(ctx: CommandContext, actor: MemberRow, workspaceId: string, action: WorkspaceAction): Promise<Role> {
  const role = await requireMembership(ctx, actor, workspaceId);
  if (!canInWorkspace(role, action)) throw forbidden();
  return role;
}

/** Everything that decides one member's access to one document. */
export async function accessTo(store: Store, memberId: string, document: DocumentRow): Promise<{ role: Role | null; access: Access | null }> {
  const role = await store.getRole(document.workspaceId, memberId);
  const grant = role === null ? null : await store.getGrant(document.id, memberId);
  const access = documentAccess({ role, grant, isCreator: document.createdBy === memberId, archived: document.archived });
  return { role, access };
}

/** Every member of a document's collective with their grant on it and their effective access. */
export async function membersAccess(store: Store, document: DocumentRow): Promise<{ membership: MembershipRow; grant: Access | null; effective: Access | null }[]> {
  const grants = new Map((await store.listGrants(document.id)).map((g) => [g.memberId, g.access]));
  return (await store.listMemberships(document.workspaceId)).map((membership) => {
    const grant = grants.get(membership.member.id) ?? null;
    const effective = documentAccess({ role: membership.role, grant, isCreator: document.createdBy === membership.member.id, archived: document.archived });
    return { membership, grant, effective };
  });
}

/**
 * A document the actor can at least view, with their access; 404 if absent or invisible to them.
 * `what` names the thing asked for (a thread, a comment), so that its absence and its document's
 * invisibility read the same.
 */
export async function requireDocument(ctx: CommandContext, actor: MemberRow, documentId: string, what = 'Document'): Promise<{ document: DocumentRow; role: Role; access: Access }> {
  const document = await ctx.store.getDocument(documentId);
  if (!document) throw notFound(what);
  const { role, access } = await accessTo(ctx.store, actor.id, document);
  if (role === null || access === null) throw notFound(what);
  return { document, role, access };
}

/** Member id → summary, with `null` (no one) kept as null. */
export interface MemberLookup {
  (id: string): Promise<MemberSummary>;
  (id: string | null): Promise<MemberSummary | null>;
}

/** Resolves member ids to summaries, looking up members who have since left the collective. */
export async function memberLookup(ctx: CommandContext, workspaceId: string): Promise<MemberLookup> {
  const known = new Map((await ctx.store.listMemberships(workspaceId)).map(({ member }) => [member.id, summarize(member)]));
  const lookup = async (id: string | null): Promise<MemberSummary | null> => {
    if (id === null) return null;
    if (!known.has(id)) {
      const member = await ctx.store.getMember(id);
      known.set(id, member ? summarize(member) : { id, name: '?', color: '#777' });
    }
    return known.get(id)!;
  };
  return lookup as MemberLookup;
}
