/**
 * On phones and small tablets the side panels (comments, history, review) open as a sheet over the
 * lower part of the page: a Radix dialog, so focus moves in, Escape closes it and focus returns to
 * the button that opened it. The text stays visible above, so a passage and its thread show together.
 */
import type { ReactNode } from 'react';
import { Dialog } from 'radix-ui';
import { X } from 'lucide-react';
import { useTranslation } from 'react-i18next';

export function PanelSheet({ open, onOpenChange, children }: { open: boolean; onOpenChange: (open: boolean) => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange} modal={false}>
      <Dialog.Portal>
        <Dialog.Content
          className="panel-sheet"
          aria-describedby={undefined}
          data-testid="panel-sheet"
          // The text above stays usable: clicking a highlighted passage opens its thread here.
          onInteractOutside={(e) => e.preventDefault()}
        >
          <div className="panel-sheet-head">
            <Dialog.Title className="panel-sheet-title">{t('editor.panelsShort')}</Dialog.Title>
            <Dialog.Close asChild>
              <button type="button" className="button-compact" data-testid="panel-sheet-close">
                <X aria-hidden="true" size={18} />
                <span>{t('history.close')}</span>
              </button>
            </Dialog.Close>
          </div>
          <div className="panel-sheet-body">{children}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
