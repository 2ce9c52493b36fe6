/**
 * The editor page once the document's metadata is known: joins the body and meta rooms,
 * decides what may be edited, and lays out header, notices, outline, toolbar, editor and the
 * access panel.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Toolbar as ToolbarParts } from 'radix-ui';
import type { Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { useSearch } from 'wouter';
import type { DocumentResponse } from '../../shared/api';
import type { DocumentStatus } from '../../shared/review';
import { canInWorkspace, canOnDocument } from '../../shared/permissions';
import { CloseCode, docRoom } from '../../shared/rooms';
import { useAuth, useRoleIn } from '../app/auth';
import { useCollabDocument } from '../collab/useCollabDocument';
import { closeMessageKey, keepsContentVisible } from '../collab/closeMessages';
import { CommentButton, SelectionCommentMenu } from '../comments/CommentButton';
import { CommentsPanel } from '../comments/CommentsPanel';
import { useComments } from '../comments/useComments';
import { mayToggleArchive } from '../documents/archiveRules';
import { SessionBar } from '../presence/SessionBar';
import { usePresence } from '../presence/usePresence';
import { useSharedSession } from '../presence/useSharedSession';
import { SidePanels, type TabRequest } from '../review/SidePanels';
import { NARROW_QUERY, NO_OUTLINE_QUERY, useMediaQuery } from '../app/useMediaQuery';
import { SidePanelHost } from './SidePanelHost';
import { StatusBar } from './StatusBar';
import { StopPresentingButton, usePresentation } from './Presentation';
import { documentTextSettings } from './DocumentSettings';
import { bringAboveSheet, rangeBand, threadBand } from './aboveSheet';
import { DocumentSessions } from '../sessions/DocumentSessions';
import { AccessPanel } from './AccessPanel';
import { GuardedEditor, useBodyGuard } from './BodyGuard';
import { CollaborativeEditor } from './CollaborativeEditor';
import { DocumentHeader, DocumentStatusRow, type DocumentHeaderProps } from './DocumentHeader';
import { Notices } from './Notices';
import { Outline } from './Outline';
import { Toolbar } from './Toolbar';
import { useLiveMeta } from './useLiveMeta';

const ToolbarRoot = ToolbarParts.Root;

interface Props {
  info: DocumentResponse;
  onInfo: (info: DocumentResponse) => void;
  reload: () => Promise<void>;
}

/** Everything on the editor page below the app header. */
export function DocumentWorkspace({ info, onInfo, reload }: Props) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const doc = info.document;
  const role = useRoleIn(doc.workspaceId);
  const collab = useCollabDocument(docRoom(doc.id));
  const live = useLiveMeta(doc.id);
  const present = usePresence(collab.awareness, me?.member.id ?? null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const session = useSharedSession(editor, collab.awareness);
  const guard = useBodyGuard(collab.doc, collab.ready, collab.provider);
  const [accessOpen, setAccessOpen] = useState(false);
  const accessId = useId();

  // The review panel keeps the status live once it has loaded; until then, the page's copy.
  const [liveStatus, setLiveStatus] = useState<DocumentStatus | null | undefined>(undefined);
  const title = live.title ?? doc.title;
  const kind = live.kind ?? doc.kind;
  const archived = live.archived ?? doc.archived;
  const textSettings = documentTextSettings(live, doc);
  const terminal = collab.closeInfo?.terminal ? collab.closeInfo.code : null;
  const canEdit = doc.access === 'edit' && !archived && terminal === null;
  const showContent = terminal === null || keepsContentVisible(terminal);
  const canComment = canOnDocument(doc.access, 'comment') && !archived && terminal === null;
  const search = useSearch();
  const comments = useComments({
    documentId: doc.id,
    editor,
    me: me?.member ?? null,
    revision: live.commentsRevision,
    online: collab.syncState !== 'offline',
    canComment,
    initialThreadId: new URLSearchParams(search).get('thread'),
  });

  // Archived or restored elsewhere: our access changed with it, ask the server again.
  useEffect(() => {
    if (live.archived !== undefined && live.archived !== doc.archived) void reload();
  }, [live.archived, doc.archived, reload]);

  // The server closed the socket because our rights changed (a grant, a role, an archive): the
  // provider reconnects with the new rights by itself; the page asks which they are.
  const closedForAccess = collab.closeInfo?.code === CloseCode.ACCESS_CHANGED ? collab.closeInfo : null;
  useEffect(() => {
    if (closedForAccess) void reload();
  }, [closedForAccess, reload]);

  // Access may have been granted or withdrawn meanwhile: check again when the member comes back.
  useEffect(() => {
    const onFocus = () => void reload();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [reload]);

  useEffect(() => {
    document.title = `${title} — ${t('common.appName')}`;
  }, [title, t]);

  const isCoordinator = canInWorkspace(role, 'document.grant');
  // A body that cannot be displayed keeps the side panels: its history is how it gets repaired.
  const showSidePanels = (editor !== null || guard.broken) && showContent;
  const accessShown = accessOpen && isCoordinator;

  // Narrow screens: the outline and the side panels open over the page, on demand.
  const narrow = useMediaQuery(NARROW_QUERY);
  const foldOutline = useMediaQuery(NO_OUTLINE_QUERY);
  const [outlineOpen, setOutlineOpen] = useState(false);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [tabRequest, setTabRequest] = useState<TabRequest | undefined>(guard.broken ? { tab: 'history', seq: 0 } : undefined);
  useEffect(() => {
    if (guard.broken) setTabRequest((r) => ({ tab: 'history', seq: (r?.seq ?? 0) + 1 }));
  }, [guard.broken]);
  // A comment being written or a thread being opened brings the comments forward, wherever they are.
  const bringComments = useCallback(() => {
    setTabRequest((r) => ({ tab: 'comments', seq: (r?.seq ?? 0) + 1 }));
    if (narrow) setSheetOpen(true);
  }, [narrow]);
  useEffect(() => {
    if (comments.draft || comments.activeId) bringComments();
    // Only when a draft starts or another thread is opened.
  }, [comments.draft, comments.activeId]);
  // On a phone the sheet covers the lower part of the page: the passage being commented, or the
  // thread's passage, is brought above it once it is open (after the sheet has been laid out).
  const draftRange = comments.draft?.range ?? null;
  useEffect(() => {
    if (!narrow || !sheetOpen || !editor || (!draftRange && !comments.activeId)) return;
    const threadId = comments.activeId;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => bringAboveSheet(draftRange ? rangeBand(editor, draftRange) : threadBand(editor, threadId!)));
    });
    return () => cancelAnimationFrame(frame);
  }, [narrow, sheetOpen, editor, draftRange, comments.activeId]);
  const openThreads = comments.threads.filter((thread) => thread.resolved === null).length;

  const sidePanels = showSidePanels && me && (
    <SidePanels documentId={doc.id} kind={kind} editor={editor} me={me.member} canEdit={canEdit} versionsRevision={live.versionsRevision} reviewRevision={live.reviewRevision} onStatus={setLiveStatus} openTab={tabRequest}>
      {editor ? <CommentsPanel editor={editor} comments={comments} me={me.member} /> : <p className="empty">{t('editor.bodyBrokenComments')}</p>}
    </SidePanels>
  );
  const outline = editor && showContent ? <Outline editor={editor} /> : null;
  const pageRef = useStickyBarHeight();
  const presentation = usePresentation();
  const startPresenting = useCallback(() => {
    presentation.start();
    editor?.commands.focus();
  }, [presentation.start, editor]);
  const stopPresenting = useCallback(() => {
    presentation.stop();
    document.querySelector<HTMLElement>('[data-testid=present-start]')?.focus();
  }, [presentation.stop]);
  const headerProps: DocumentHeaderProps = {
    info,
    title,
    kind,
    archived,
    canRename: canEdit,
    canToggleArchive: terminal === null && mayToggleArchive({ ...doc, archived }, role, me?.member.id ?? null),
    syncState: collab.syncState,
    pendingCount: collab.pendingCount,
    present,
    followingId: session.leader?.id ?? null,
    onToggleFollow: (memberId) => (session.leader?.id === memberId ? session.dispatch({ type: 'stop', reason: 'user' }) : session.follow(memberId)),
    accessPanel: isCoordinator ? { id: accessId, open: accessOpen, toggle: () => setAccessOpen((o) => !o) } : null,
    onInfo,
    status: liveStatus === undefined ? doc.status : liveStatus,
    outline: foldOutline && outline ? { open: outlineOpen, toggle: () => setOutlineOpen((o) => !o) } : null,
    panels: narrow && sidePanels ? { open: sheetOpen, toggle: () => setSheetOpen((o) => !o) } : null,
    openThreads,
    onPresent: editor && showContent ? startPresenting : undefined,
  };
  return (
    <div className="editor-page" ref={pageRef} data-presenting={presentation.presenting || undefined}>
      {presentation.presenting && <StopPresentingButton onStop={stopPresenting} />}
      <a className="skip-link" href="#document-text" onClick={(e) => {
        if (!editor) return;
        e.preventDefault();
        editor.commands.focus();
      }}>
        {t('editor.skipToText')}
      </a>
      <DocumentHeader {...headerProps} />
      <div className="doc-bar" data-testid="doc-bar">
        <DocumentStatusRow {...headerProps} />
        {canEdit && editor && (
          <Toolbar editor={editor}>
            <CommentButton onStart={comments.startDraft} />
          </Toolbar>
        )}
        {!canEdit && canComment && editor && (
          <ToolbarRoot className="toolbar" aria-label={t('comments.panel')}>
            <CommentButton onStart={comments.startDraft} />
          </ToolbarRoot>
        )}
      </div>
      <Notices syncState={collab.syncState} closeInfo={collab.closeInfo} ready={collab.ready} archived={archived} access={doc.access} />
      <div className="doc-session-row">
        {me && (
          <DocumentSessions
            documentId={doc.id}
            kind={kind}
            access={doc.access}
            archived={archived}
            me={me.member}
            attendanceRevision={live.attendanceRevision}
            sessionsRevision={live.sessionsRevision}
            onFollow={session.follow}
          />
        )}
        {editor && showContent && <SessionBar session={session} editor={editor} />}
      </div>
      <div className="editor-layout" data-outline={foldOutline ? (outlineOpen ? 'over' : 'folded') : 'column'} data-panel={accessShown || (sidePanels && !narrow) ? 'column' : 'none'}>
        {outline && (!foldOutline || outlineOpen) && (
          <aside
            className="editor-sidebar"
            data-testid="outline-panel"
            // Over the page, the outline goes away once a heading is chosen or on Escape.
            onClick={(e) => foldOutline && (e.target as HTMLElement).closest('.outline-item') && setOutlineOpen(false)}
            onKeyDown={(e) => foldOutline && e.key === 'Escape' && setOutlineOpen(false)}
          >
            {outline}
          </aside>
        )}
        <div className="editor-main" id="document-text">
          {!showContent ? null : collab.ready && collab.doc && collab.provider && me ? (
            <GuardedEditor guard={guard} canEdit={canEdit}>
              <CollaborativeEditor doc={collab.doc} provider={collab.provider} user={me.member} editable={canEdit} onEditor={setEditor} onBodyError={guard.fail} kind={kind} language={textSettings.language} typography={textSettings.typography} />
            </GuardedEditor>
          ) : collab.failed ? (
            <p className="banner banner-error" role="alert" data-testid="editor-unavailable">
              {terminal !== null ? t(closeMessageKey(terminal), { code: terminal }) : t('editor.noCopy')}
            </p>
          ) : (
            <p className="editor-loading" role="status">{t('editor.loading')}</p>
          )}
          {canComment && editor && <SelectionCommentMenu editor={editor} onStart={comments.startDraft} />}
          {editor && showContent && <StatusBar editor={editor} documentId={doc.id} settings={textSettings} canEdit={canEdit} onInfo={onInfo} />}
        </div>
        {accessShown && <AccessPanel id={accessId} documentId={doc.id} />}
        {sidePanels && (
          <SidePanelHost sheet={narrow} open={sheetOpen} onOpenChange={setSheetOpen} hidden={accessShown} returnFocus={() => document.querySelector<HTMLElement>('[data-testid=panels-toggle]')}>
            {sidePanels}
          </SidePanelHost>
        )}
      </div>
    </div>
  );
}

/**
 * Keeps `--doc-bar-h` on the page at the sticky document bar's height, so that the columns beside
 * the text and headings scrolled to stop below it (its height changes with the width and the toolbar).
 */
function useStickyBarHeight() {
  const observer = useRef<ResizeObserver | null>(null);
  return useCallback((page: HTMLDivElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    const bar = page?.querySelector<HTMLElement>('.doc-bar');
    if (!page || !bar) return;
    observer.current = new ResizeObserver(() => page.style.setProperty('--doc-bar-h', `${bar.offsetHeight}px`));
    observer.current.observe(bar);
  }, []);
}
