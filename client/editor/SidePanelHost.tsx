/**
 * The side panels' one home on the page. Wide screens show it as a column beside the text; phones
 * and small tablets as a sheet over the lower part of the page, opened on demand, so that a passage
 * and its thread show together. It is the same element in both: crossing the breakpoint (a window
 * snapped to half a screen, a tablet turned) keeps the open tab, a diff being read and a comment
 * being written. A closed sheet is only hidden, so its panels keep their state.
 *
 * The sheet is not modal (the text above stays usable): opening it moves focus in, Escape or
 * « Fermer » closes it and focus returns to the button that opened it.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { X } from 'lucide-react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** Shown as a sheet over the page (narrow screens) rather than a column. */
  sheet: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Kept mounted but not shown (another panel, such as access, takes the column). */
  hidden?: boolean;
  /** Where focus goes back when the sheet closes. */
  returnFocus: () => HTMLElement | null;
  children: ReactNode;
}

export function SidePanelHost({ sheet, open, onOpenChange, hidden = false, returnFocus, children }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const host = useRef<HTMLElement>(null);
  const shown = !hidden && (!sheet || open);

  const wasOpen = useRef(false);
  useEffect(() => {
    const sheetOpen = sheet && open && !hidden;
    if (sheetOpen && !wasOpen.current) {
      // Unless something inside already asked for it (a comment being written).
      if (!host.current?.contains(document.activeElement)) host.current?.focus();
    }
    wasOpen.current = sheetOpen;
  }, [sheet, open, hidden]);

  const close = () => {
    const hadFocus = host.current?.contains(document.activeElement) ?? false;
    onOpenChange(false);
    if (hadFocus) returnFocus()?.focus();
  };

  return (
    <section
      ref={host}
      className={sheet ? 'editor-panel panel-sheet' : 'editor-panel'}
      hidden={!shown}
      tabIndex={sheet ? -1 : undefined}
      aria-labelledby={sheet ? titleId : undefined}
      aria-label={sheet ? undefined : t('editor.panelsShort')}
      data-testid={sheet ? 'panel-sheet' : 'side-column'}
      onKeyDown={(event) => {
        // Dialogs opened from the panels live elsewhere in the page and close themselves.
        if (!sheet || event.key !== 'Escape' || event.defaultPrevented || !host.current?.contains(event.target as Node)) return;
        event.preventDefault();
        close();
      }}
    >
      {sheet && (
        <div className="panel-sheet-head">
          <h2 className="panel-sheet-title" id={titleId}>{t('editor.panelsShort')}</h2>
          <button type="button" className="button-compact" onClick={close} data-testid="panel-sheet-close">
            <X aria-hidden="true" size={18} />
            <span>{t('history.close')}</span>
          </button>
        </div>
      )}
      <div className={sheet ? 'panel-sheet-body' : 'panel-column-body'}>{children}</div>
    </section>
  );
}
