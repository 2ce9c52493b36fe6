/** The toolbar's link button: opens a small inline form asking for the address. */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { Toolbar } from 'radix-ui';

/** Adds a scheme to bare addresses (« exemple.fr » → « https://exemple.fr »). */
export function normaliseUrl(raw: string): string {
  const url = raw.trim();
  if (url === '' || /^(https?:|mailto:)/i.test(url)) return url;
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(url)) return `mailto:${url}`;
  return `https://${url}`;
}

/** A chain-link icon (emoji fonts are missing on many systems). */
function LinkIcon() {
  return (
    <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round">
      <path d="M10 14a4.5 4.5 0 0 0 6.4 0l3.2-3.2a4.5 4.5 0 0 0-6.4-6.4L11.6 6" />
      <path d="M14 10a4.5 4.5 0 0 0-6.4 0l-3.2 3.2a4.5 4.5 0 0 0 6.4 6.4l1.6-1.6" />
    </svg>
  );
}

/** Link button + inline URL form. */
export function LinkControl({ editor, active }: { editor: Editor; active: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState('');
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);

  const start = () => {
    setUrl(String(editor.getAttributes('link')['href'] ?? ''));
    setOpen(true);
  };

  const close = () => {
    setOpen(false);
    editor.commands.focus();
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const href = normaliseUrl(url);
    const chain = editor.chain().focus().extendMarkRange('link');
    if (href === '') chain.unsetLink().run();
    else chain.setLink({ href }).run();
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  };

  return (
    <span className="link-control">
      <Toolbar.Button
        type="button"
        className="tool"
        aria-label={t('toolbar.link')}
        title={t('toolbar.link')}
        aria-pressed={active}
        aria-expanded={open}
        onClick={() => (open ? close() : start())}
        data-testid="toolbar-link"
      >
        <LinkIcon />
      </Toolbar.Button>
      {open && (
        <form className="link-form" onSubmit={apply} onKeyDown={onKeyDown} noValidate>
          <label htmlFor={inputId} className="visually-hidden">{t('toolbar.linkUrl')}</label>
          <input
            id={inputId}
            ref={inputRef}
            type="url"
            inputMode="url"
            placeholder="https://"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            data-testid="link-url"
          />
          <button type="submit" data-testid="link-apply">{t('toolbar.linkApply')}</button>
          {active && (
            <button
              type="button"
              onClick={() => {
                editor.chain().focus().extendMarkRange('link').unsetLink().run();
                setOpen(false);
              }}
            >
              {t('toolbar.linkRemove')}
            </button>
          )}
        </form>
      )}
    </span>
  );
}
