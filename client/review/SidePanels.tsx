/**
 * The editor page's right column: a tab switch between the comments, the history and the review
 * panels, and the dialog that shows a version or a diff over the page.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { Tabs } from 'radix-ui';
import type { DocumentKind, MemberSummary } from '../../shared/api';
import { WORKFLOWS, type DocumentStatus } from '../../shared/review';
import { HistoryPanel } from '../history/HistoryPanel';
import { VersionViewer, type ViewerRequest } from '../history/VersionViewer';
import { ReviewPanel } from './ReviewPanel';
import { useReview } from './useReview';

const TABS = ['comments', 'history', 'review'] as const;
export type Tab = (typeof TABS)[number];
/** Asks for a tab; a new `seq` asks again for the same tab. */
export interface TabRequest {
  tab: Tab;
  seq: number;
}

interface Props {
  documentId: string;
  kind: DocumentKind;
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
  /** A tab to bring forward whenever this request changes (the history when the body cannot be shown, the comments when one is being written). */
  openTab?: TabRequest;
}

/** Tabs and panels of the right column (arrow keys move between tabs, Radix Tabs). */
export function SidePanels({ documentId, kind, editor, me, canEdit, versionsRevision, reviewRevision, children, onStatus, openTab }: Props) {
  const { t } = useTranslation();
  // Kinds without a workflow (notes) have no statuses to review.
  const tabs = TABS.filter((name) => name !== 'review' || WORKFLOWS[kind] !== null);
  const [tab, setTab] = useState<Tab>(openTab?.tab ?? 'comments');
  useEffect(() => {
    if (openTab) setTab(openTab.tab);
  }, [openTab]);
  const [viewing, setViewing] = useState<ViewerRequest | null>(null);
  // Kept while other tabs show, so that a stale approval is known before the tab is opened.
  const review = useReview(documentId, reviewRevision, editor);
  const needsMe = review.review?.myState === 'pending' || review.review?.myState === 'stale';
  const status = review.review?.status;
  useEffect(() => {
    if (status !== undefined) onStatus?.(status);
  }, [status, onStatus]);
  const shown = tabs.includes(tab) ? tab : 'comments';
  return (
    <Tabs.Root className="side-panels" value={shown} onValueChange={(value) => setTab(value as Tab)} activationMode="automatic">
      <Tabs.List className="side-tabs" aria-label={t('sidePanels.label')}>
        {tabs.map((name) => (
          <Tabs.Trigger key={name} value={name} data-testid={`side-tab-${name}`}>
            {t(`sidePanels.${name}`)}
            {name === 'review' && needsMe && (
              <>
                <span className="tab-dot" aria-hidden="true" />
                <span className="visually-hidden">{` — ${t('sidePanels.needsYou')}`}</span>
              </>
            )}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      <Tabs.Content value="comments" className="side-tab-panel">{children}</Tabs.Content>
      <Tabs.Content value="history" className="side-tab-panel">
        <HistoryPanel documentId={documentId} canEdit={canEdit} revision={versionsRevision} onView={setViewing} />
      </Tabs.Content>
      {tabs.includes('review') && (
        <Tabs.Content value="review" className="side-tab-panel">
          <ReviewPanel documentId={documentId} me={me} review={review} onView={setViewing} />
        </Tabs.Content>
      )}
      {viewing && <VersionViewer documentId={documentId} request={viewing} onClose={() => setViewing(null)} />}
    </Tabs.Root>
  );
}
