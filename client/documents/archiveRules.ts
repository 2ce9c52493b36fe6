/** Whether the archive/restore action is offered for a document (the server decides for real). */
import type { DocumentSummary } from '../../shared/api';
import { canArchive, type Role } from '../../shared/permissions';

/**
 * Active documents: whoever may edit may archive. Archived ones report `view` for everyone, so
 * restoring is offered from the role and authorship (an explicit grant is not known here).
 */
export function mayToggleArchive(doc: Pick<DocumentSummary, 'archived' | 'access' | 'createdBy'>, role: Role | null, selfId: string | null): boolean {
  if (!doc.archived) return doc.access === 'edit';
  return canArchive({ role, grant: null, isCreator: doc.createdBy?.id === selfId, archived: true });
}
