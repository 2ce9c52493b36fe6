/**
 * The shared-session strip of the editor page: who I follow (and a way out), who follows me, a
 * leader's gather prompt (which anyone may decline), and the gather and spotlight controls.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import type { SharedSession } from './useSharedSession';

/** Whether the editor has a non-empty selection, updated live. */
function useHasSelection(editor: Editor | null): boolean {
  const [has, setHas] = useState(false);
  useEffect(() => {
    if (!editor) return;
    const read = () => setHas(!editor.state.selection.empty);
    read();
    editor.on('selectionUpdate', read);
    return () => {
      editor.off('selectionUpdate', read);
    };
  }, [editor]);
  return has;
}

/** Banners and controls for follow, gather and spotlight. */
export function SessionBar({ session, editor }: { session: SharedSession; editor: Editor | null }) {
  const { t } = useTranslation();
  const hasSelection = useHasSelection(editor);
  return (
    <div className="session-bar">
      {session.leader && (
        <p className="banner banner-follow" role="status" data-testid="follow-banner">
          {t('session.following', { name: session.leader.name })}{' '}
          <button type="button" onClick={() => session.dispatch({ type: 'stop', reason: 'user' })} data-testid="stop-following">
            {t('session.stopFollowing')}
          </button>
        </p>
      )}
      {session.inviter && <GatherPrompt session={session} name={session.inviter.name} />}
      <div className="session-controls" role="group" aria-label={t('session.controls')}>
        {session.followers.length > 0 && (
          <span className="muted" data-testid="followers-count" title={session.followers.map((m) => m.name).join(', ')}>
            {t('session.followers', { count: session.followers.length })}
          </span>
        )}
        <button type="button" aria-pressed={session.gathering} onClick={session.toggleGather} data-testid="gather-toggle">
          {session.gathering ? t('session.endGather') : t('session.gather')}
        </button>
        {session.spotlighting ? (
          <button type="button" onClick={session.clearSpotlight} data-testid="spotlight-clear">
            {t('session.clearSpotlight')}
          </button>
        ) : (
          <button type="button" disabled={!hasSelection} title={hasSelection ? undefined : t('session.spotlightHint')} onClick={session.spotlightSelection} data-testid="spotlight-set">
            {t('session.spotlight')}
          </button>
        )}
      </div>
    </div>
  );
}

/** Whether focus is where someone is writing (the text, a comment, a field): not to be taken away. */
function isWriting(element: Element | null): boolean {
  return element instanceof HTMLElement && (element.isContentEditable || element.matches('input, textarea, select'));
}

/**
 * « Claire propose à chacun de suivre son écran. » Announced as it appears; it takes the focus,
 * so that « Suivre » is one key away, unless the member is writing (a keystroke must never land on
 * a button by surprise); once answered, focus goes back where it was.
 */
function GatherPrompt({ session, name }: { session: SharedSession; name: string }) {
  const { t } = useTranslation();
  const accept = useRef<HTMLButtonElement>(null);
  const textId = useId();
  useEffect(() => {
    const before = document.activeElement;
    if (!isWriting(before)) accept.current?.focus();
    return () => {
      // The prompt is gone with the focused button: the focus is back on the page's body.
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (lost && before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);
  return (
    <div className="banner banner-invite" role="group" aria-labelledby={textId} data-testid="gather-prompt">
      <p id={textId} role="alert">{t('session.gatherPrompt', { name })}</p>
      <button ref={accept} type="button" className="button-primary" onClick={() => session.dispatch({ type: 'accept' })} data-testid="gather-accept">
        {t('session.accept')}
      </button>
      <button type="button" onClick={() => session.dispatch({ type: 'decline' })} data-testid="gather-decline">
        {t('session.decline')}
      </button>
    </div>
  );
}
