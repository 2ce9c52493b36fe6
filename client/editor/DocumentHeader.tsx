/** Top of the editor page: the title row, and the row with the save state, who is here, archive and access buttons. */
import { Link } from 'wouter';
import { ArrowLeft, ListTree, PanelRight } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { DocumentStatus } from '../../shared/review';
import type { DocumentKind, DocumentResponse } from '../../shared/api';
import type { SyncState } from '../collab/syncState';
import { PresenceList } from '../presence/PresenceList';
import type { PresentMember } from '../presence/usePresence';
import { SyncStatus } from './SyncStatus';
import { TitleField } from './TitleField';
import { ArchiveButton } from './ArchiveButton';
import { PresentButton } from './Presentation';

export interface DocumentHeaderProps {
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
  /** Set when the outline is folded away behind a button (narrower screens). */
  outline?: HeaderToggle | null;
  /** Set when the side panels open over the page (phones, small tablets). */
  panels?: HeaderToggle | null;
  /** Open comment threads, shown on the panels button. */
  openThreads?: number;
  /** Starts presenting the text (projector mode); absent while the text cannot be shown. */
  onPresent?: () => void;
}

/** A toggle of the header that opens a panel over the page (outline or side panels on narrow screens). */
export interface HeaderToggle {
  open: boolean;
  toggle: () => void;
}

/** The editor page's title row: back to the list, the title (editable) and its badges; it scrolls with the page. */
export function DocumentHeader(props: DocumentHeaderProps) {
  const { t } = useTranslation();
  const { info, title, kind, archived } = props;
  return (
    <header className="doc-header">
      <Link href={`/w/${info.document.workspaceId}`} className="back-link" data-testid="back-to-list">
        <ArrowLeft aria-hidden="true" size={18} />
        <span className="label-wide">{t('editor.backToList')}</span>
      </Link>
      <div className="doc-header-main">
        <TitleField documentId={info.document.id} title={title} editable={props.canRename} onRenamed={props.onInfo} />
        <span className="doc-badges">
          <span className="badge" data-kind={kind} data-testid="document-kind">{t(`kinds.${kind}`)}</span>
          {props.status && (
            <span className="badge badge-status" data-status={props.status} data-testid="header-status">
              {t(`statuses.${props.status}`)}
            </span>
          )}
          {archived && <span className="badge badge-muted">{t('documents.archivedBadge')}</span>}
        </span>
      </div>
    </header>
  );
}

/**
 * The row that stays on screen while writing (in the sticky document bar, above the toolbar): the
 * save state, who is here, and the page's buttons.
 */
export function DocumentStatusRow(props: DocumentHeaderProps) {
  const { t } = useTranslation();
  const { info, archived, accessPanel } = props;
  return (
    <div className="doc-header-bar">
      <SyncStatus state={props.syncState} pending={props.pendingCount} />
      <PresenceList present={props.present} followingId={props.followingId} onToggleFollow={props.onToggleFollow} />
      <div className="doc-actions">
        {props.outline && (
          <button type="button" className="button-compact" aria-expanded={props.outline.open} onClick={props.outline.toggle} data-testid="outline-toggle">
            <ListTree aria-hidden="true" size={18} />
            <span className="label-wide">{t('editor.outlineShort')}</span>
          </button>
        )}
        {props.panels && (
          <button type="button" className="button-compact" aria-expanded={props.panels.open} onClick={props.panels.toggle} data-testid="panels-toggle">
            <PanelRight aria-hidden="true" size={18} />
            <span className="label-wide">{t('editor.panelsShort')}</span>
            {props.openThreads !== undefined && props.openThreads > 0 && <span className="count-badge">{props.openThreads}</span>}
          </button>
        )}
        {props.onPresent && <PresentButton onStart={props.onPresent} />}
        {props.canToggleArchive && <ArchiveButton info={info} archived={archived} onInfo={props.onInfo} />}
        {accessPanel && (
          <button
            type="button"
            className="button-compact"
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
  );
}
