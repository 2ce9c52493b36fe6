/**
 * « Projeter »: the meeting room's projector shows the text alone, in large type, with everyone's
 * caret — no header, toolbar, panels or outline. The page stays the same page (the editor, its
 * connection and what is being typed are untouched); Escape or « Quitter la projection » ends it.
 * Full screen is asked for when the browser allows it, and leaving full screen ends it too.
 */
import { useCallback, useEffect, useState } from 'react';
import { Presentation as PresentIcon, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';

/** Whether the page is being presented, and the switch; the page's root gets `data-presenting`. */
export function usePresentation(): { presenting: boolean; start: () => void; stop: () => void } {
  const [presenting, setPresenting] = useState(false);
  const start = useCallback(() => {
    setPresenting(true);
    // Not every browser or frame allows it; the large type works without it.
    document.documentElement.requestFullscreen?.().catch(() => undefined);
  }, []);
  const stop = useCallback(() => {
    setPresenting(false);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }, []);

  useEffect(() => {
    if (!presenting) return;
    const root = document.documentElement;
    root.dataset.presenting = 'true';
    // First, before the editor (whose keymap takes Escape): nothing else is on screen to close.
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') stop();
    };
    let wasFullscreen = document.fullscreenElement !== null;
    const onFullscreen = () => {
      if (wasFullscreen && document.fullscreenElement === null) stop();
      wasFullscreen = document.fullscreenElement !== null;
    };
    window.addEventListener('keydown', onKey, true);
    document.addEventListener('fullscreenchange', onFullscreen);
    return () => {
      delete root.dataset.presenting;
      window.removeEventListener('keydown', onKey, true);
      document.removeEventListener('fullscreenchange', onFullscreen);
    };
  }, [presenting, stop]);

  return { presenting, start, stop };
}

/** The status row's « Projeter » button. */
export function PresentButton({ onStart }: { onStart: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button-compact" onClick={onStart} title={t('editor.presentHint')} data-testid="present-start">
      <PresentIcon aria-hidden="true" size={18} />
      <span className="label-wide">{t('editor.present')}</span>
    </button>
  );
}

/** The one control left on screen while presenting, in a corner. */
export function StopPresentingButton({ onStop }: { onStop: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button-compact present-stop" onClick={onStop} data-testid="present-stop">
      <X aria-hidden="true" size={18} />
      <span>{t('editor.stopPresenting')}</span>
    </button>
  );
}
