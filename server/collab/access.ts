/** Who may join which room, and with what rights: the one door check for every connection. */
import { CloseCode, type RoomRef } from '../../shared/rooms';
import type { Access } from '../../shared/permissions';
import { connectionAccess } from '../commands/documents';
import type { Store } from '../store/Store';

/**
 * The outcome of a door check: the access granted, or a close code and reason. `workspaceId` is
 * the collective whose role changes and removals recheck the connection; '' for a member's own
 * `me.` room, which belongs to no collective (leaving one does not end one's inbox).
 */
export type RoomAccess = { ok: true; access: Access; workspaceId: string } | { ok: false; code: number; reason: string };

/** Decides a member's access to a room from the store, as of now. */
export async function roomAccess(store: Store, memberId: string, ref: RoomRef): Promise<RoomAccess> {
  if (ref.kind === 'me') {
    // Someone's inbox is theirs alone; whether that member exists is not the asker's business.
    if (ref.id !== memberId) return { ok: false, code: CloseCode.FORBIDDEN, reason: 'this room is another member’s' };
    return { ok: true, access: 'view', workspaceId: '' };
  }
  if (ref.kind === 'ws') {
    const workspace = await store.getWorkspace(ref.id);
    if (!workspace) return { ok: false, code: CloseCode.NOT_FOUND, reason: 'no such collective' };
    const role = await store.getRole(ref.id, memberId);
    // The live list shows every document of the collective: guests see only what is shared with them.
    if (role === null || role === 'guest') return { ok: false, code: CloseCode.FORBIDDEN, reason: 'not allowed to see this list' };
    return { ok: true, access: 'view', workspaceId: ref.id };
  }
  const document = await store.getDocument(ref.id);
  if (!document) return { ok: false, code: CloseCode.NOT_FOUND, reason: 'no such document' };
  const access = await connectionAccess({ store }, memberId, document);
  if (access === null) return { ok: false, code: CloseCode.FORBIDDEN, reason: 'no access to this document' };
  return { ok: true, access: ref.kind === 'meta' ? 'view' : access, workspaceId: document.workspaceId };
}
