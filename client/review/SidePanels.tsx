/**
 * The editor page's right column: a tab switch between the comments, the history and the review
 * panels, and the dialog that shows a version or a diff over the page.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import type { MemberSummary } from '../../shared/api';
import type { DocumentStatus } from '../../shared/review';
import { HistoryPanel } from '../history/HistoryPanel';
import { VersionViewer, type ViewerRequest } from '../history/VersionViewer';
import { ReviewPanel } from './ReviewPanel';
import { useReview } from './useReview';

const TABS = ['comments', 'history', 'review'] as const;
type Tab = (typeof TABS)[number];

interface Props {
  documentId: string;
  /** Null while the body cannot be displayed (the history then repairs it). */
  editor: Editor | null;
  me: MemberSummary;
  /** Whether the member may edit the body (name versions, restore). */
  canEdit: boolean;
  versionsRevision: number | undefined;
  reviewRevision: number | undefined;
  /** The comments panel. */
  children: ReactNode;
  /** Told the workflow status whenever the review state brings a new one (for the header). */
  onStatus?: (status: DocumentStatus | null) => void;
  /** A tab to bring forward whenever this changes (the history, when the body cannot be shown). */
  openTab?: Tab;
}

/** Tabs and panels of the right column. */
export function SidePanels({ documentId, editor, me, canEdit, versionsRevision, reviewRevision, children, onStatus, openTab }: Props) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>(openTab ?? 'comments');
  useEffect(() => {
    if (openTab) setTab(openTab);
  }, [openTab]);
  const [viewing, setViewing] = useState<ViewerRequest | null>(null);
  // Kept while other tabs show, so that a stale approval is known before the tab is opened.
  const review = useReview(documentId, reviewRevision, editor);
  const needsMe = review.review?.myState === 'pending' || review.review?.myState === 'stale';
  const status = review.review?.status;
  useEffect(() => {
    if (status !== undefined) onStatus?.(status);
  }, [status, onStatus]);
  return (
    <div className="side-panels">
      <div className="side-tabs" role="tablist" aria-label={t('sidePanels.label')}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`side-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`side-panel-${name}`}
            onClick={() => setTab(name)}
            data-testid={`side-tab-${name}`}
          >
            {t(`sidePanels.${name}`)}
            {name === 'review' && needsMe && <span className="tab-dot" aria-label={t('sidePanels.needsYou')} />}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`side-panel-${tab}`} aria-labelledby={`side-tab-${tab}`}>
        {tab === 'comments' && children}
        {tab === 'history' && <HistoryPanel documentId={documentId} canEdit={canEdit} revision={versionsRevision} onView={setViewing} />}
        {tab === 'review' && <ReviewPanel documentId={documentId} me={me} review={review} onView={setViewing} />}
      </div>
      {viewing && <VersionViewer documentId={documentId} request={viewing} onClose={() => setViewing(null)} />}
    </div>
  );
}
