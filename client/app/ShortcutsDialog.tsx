/**
 * The list of keyboard shortcuts, in a dialog: « ? » opens it from anywhere except while typing (in
 * the text, a comment or a field, where « ? » is a character), and so does a button in the app
 * header, for touch and mouse users. Radix Dialog: focus moves in, Escape closes, and focus goes
 * back where it was (the header button, or wherever « ? » was pressed). Mounted once, in the Shell.
 */
import { useEffect, useRef, useState } from 'react';
import { Dialog } from 'radix-ui';
import { Keyboard } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { rememberFocus } from './focusReturn';
import type { fr } from '../../shared/i18n/fr';

type Label = Exclude<keyof typeof fr.shortcuts, 'keys'>;
type NamedKey = keyof typeof fr.shortcuts.keys;
/** A key: one the catalogue names (« Maj », « Entrée »), or one shown as it is (« B », « ? »). */
type Key = NamedKey | { literal: string };
/** Keys pressed together. */
type Combo = Key[];

interface Shortcut {
  label: Label;
  /** Alternatives (« or »), or steps (« then ») when `steps` is set. */
  combos: Combo[];
  steps?: boolean;
}

const k = (literal: string): Key => ({ literal });

/** The shortcuts, by group; they match the editor's (TipTap's defaults and commentHighlights.ts). */
const GROUPS: { title: Label; items: Shortcut[] }[] = [
  {
    title: 'groupText',
    items: [
      { label: 'bold', combos: [['ctrl', k('B')]] },
      { label: 'italic', combos: [['ctrl', k('I')]] },
      { label: 'strike', combos: [['ctrl', 'shift', k('S')]] },
      { label: 'headings', combos: [['ctrl', 'alt', k('1')], ['ctrl', 'alt', k('2')], ['ctrl', 'alt', k('3')]] },
      { label: 'bulletList', combos: [['ctrl', 'shift', k('8')]] },
      { label: 'orderedList', combos: [['ctrl', 'shift', k('7')]] },
      { label: 'blockquote', combos: [['ctrl', 'shift', k('B')]] },
      { label: 'undo', combos: [['ctrl', k('Z')]] },
      { label: 'redo', combos: [['ctrl', 'shift', k('Z')], ['ctrl', k('Y')]] },
    ],
  },
  {
    title: 'groupComments',
    items: [
      { label: 'comment', combos: [['ctrl', 'alt', k('M')]] },
      { label: 'sendComment', combos: [['ctrl', 'enter']] },
      { label: 'cancelComment', combos: [['escape']] },
      { label: 'mention', combos: [[k('@')]] },
    ],
  },
  {
    title: 'groupMoving',
    items: [
      { label: 'skipLink', combos: [['tab'], ['enter']], steps: true },
      { label: 'toolbar', combos: [['arrows']] },
      { label: 'closeDialog', combos: [['escape']] },
      { label: 'help', combos: [[k('?')]] },
    ],
  },
];

/** Whether a key pressed here is typing (a field, a text area, the editor): « ? » is then a character. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

/** The header button and the dialog it opens. */
export function ShortcutsDialog() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // Opened with « ? »: where the focus goes back (Radix would otherwise send it to the header button).
  const returnTo = useRef<(() => HTMLElement | null) | null>(null);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || event.isComposing) return;
      if (isTyping(event.target)) return;
      // Another dialog (a version being read) keeps the keyboard.
      if (document.querySelector('[role=dialog]')) return;
      event.preventDefault();
      returnTo.current = rememberFocus(document.activeElement);
      setOpen(true);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const keyName = (key: Key) => (typeof key === 'string' ? t(`shortcuts.keys.${key}`) : key.literal);

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        // Opened from the header button: back to it, or to its replacement if the header was re-rendered.
        if (next) returnTo.current = rememberFocus(document.activeElement);
        setOpen(next);
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className="button-quiet button-compact" title={`${t('shortcuts.open')} (?)`} aria-keyshortcuts="?" data-testid="shortcuts-button">
          <Keyboard aria-hidden="true" size={18} />
          <span className="label-wide">{t('shortcuts.openShort')}</span>
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="shortcuts-dialog"
          data-testid="shortcuts-dialog"
          onCloseAutoFocus={(event) => {
            const back = returnTo.current?.() ?? null;
            returnTo.current = null;
            if (back) {
              event.preventDefault();
              back.focus();
            }
          }}
        >
          <div className="version-viewer-head">
            <Dialog.Title asChild>
              <h2>{t('shortcuts.title')}</h2>
            </Dialog.Title>
            <Dialog.Close asChild>
              <button type="button" data-testid="shortcuts-close">{t('shortcuts.close')}</button>
            </Dialog.Close>
          </div>
          <Dialog.Description asChild>
            <p className="hint">{t('shortcuts.intro')}</p>
          </Dialog.Description>
          {GROUPS.map((group) => (
            <section key={group.title} className="shortcut-group">
              <h3>{t(`shortcuts.${group.title}`)}</h3>
              <dl className="shortcut-list">
                {group.items.map((item) => (
                  <div key={item.label} className="shortcut" data-testid="shortcut">
                    <dt>{t(`shortcuts.${item.label}`)}</dt>
                    <dd>
                      {item.combos.map((combo, i) => (
                        <span key={i}>
                          {i > 0 && (item.steps ? ` ${t('shortcuts.then')} ` : ' / ')}
                          <kbd className="keys">
                            {combo.map((key, j) => (
                              <span key={j}>
                                {j > 0 && '+'}
                                <kbd>{keyName(key)}</kbd>
                              </span>
                            ))}
                          </kbd>
                        </span>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
