/** Top of the editor page: title, kind, sync status, who is here, archive and access buttons. */
import { Link } from 'wouter';
import { useTranslation } from 'react-i18next';
import type { DocumentStatus } from '../../shared/review';
import type { DocumentKind, DocumentResponse } from '../../shared/api';
import type { SyncState } from '../collab/syncState';
import { PresenceList } from '../presence/PresenceList';
import type { PresentMember } from '../presence/usePresence';
import { SyncStatus } from './SyncStatus';
import { TitleField } from './TitleField';
import { ArchiveButton } from './ArchiveButton';

interface Props {
  info: DocumentResponse;
  title: string;
  kind: DocumentKind;
  archived: boolean;
  canRename: boolean;
  canToggleArchive: boolean;
  syncState: SyncState;
  pendingCount: number;
  present: PresentMember[];
  followingId: string | null;
  onToggleFollow: (memberId: string) => void;
  /** Set when the access panel can be opened (coordinators). */
  accessPanel: { id: string; open: boolean; toggle: () => void } | null;
  onInfo: (info: DocumentResponse) => void;
  /** Workflow status, live (null for kinds without one). */
  status: DocumentStatus | null;
}

/** The editor page's header block. */
export function DocumentHeader(props: Props) {
  const { t } = useTranslation();
  const { info, title, kind, archived, accessPanel } = props;
  return (
    <header className="doc-header">
      <Link href={`/w/${info.document.workspaceId}`} className="back-link">← {t('editor.backToList')}</Link>
      <div className="doc-header-main">
        <TitleField documentId={info.document.id} title={title} editable={props.canRename} onRenamed={props.onInfo} />
        <span className="badge" data-kind={kind} data-testid="document-kind">{t(`kinds.${kind}`)}</span>
        {props.status && (
          <span className="badge badge-status" data-status={props.status} data-testid="header-status">
            {t(`statuses.${props.status}`)}
          </span>
        )}
        {archived && <span className="badge badge-muted">{t('documents.archivedBadge')}</span>}
      </div>
      <div className="doc-header-bar">
        <SyncStatus state={props.syncState} pending={props.pendingCount} />
        <PresenceList present={props.present} followingId={props.followingId} onToggleFollow={props.onToggleFollow} />
        <div className="doc-actions">
          {props.canToggleArchive && <ArchiveButton info={info} archived={archived} onInfo={props.onInfo} />}
          {accessPanel && (
            <button
              type="button"
              aria-expanded={accessPanel.open}
              aria-controls={accessPanel.id}
              onClick={accessPanel.toggle}
              data-testid="access-toggle"
            >
              {t('editor.accessToggle')}
            </button>
          )}
        </div>
      </div>
    </header>
  );
}
