/** Whether the archive/restore action is offered for a document (the server decides for real). */
import type { DocumentSummary } from '../../shared/api';
import { canArchive, type Role } from '../../shared/permissions';

/**
 * The server says (`canArchive`: the document's editors and coordinators, archived or not). An
 * answer kept from an older server lacks it: active documents are then offered to whoever may
 * edit, archived ones (which report `view` for everyone) from the role and authorship.
 */
export function mayToggleArchive(doc: Pick<DocumentSummary, 'archived' | 'access' | 'createdBy' | 'canArchive'>, role: Role | null, selfId: string | null): boolean {
  if (typeof doc.canArchive === 'boolean') return doc.canArchive;
  if (!doc.archived) return doc.access === 'edit';
  return canArchive({ role, grant: null, isCreator: doc.createdBy?.id === selfId, archived: true });
}
