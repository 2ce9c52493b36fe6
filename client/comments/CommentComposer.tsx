/**
 * Writing a comment: a text area with @-mention autocomplete (arrows choose, Enter or Tab insert,
 * Escape closes), Ctrl+Enter to send. A textarea may not take the combobox role, so it stays a
 * text box that points at the list (aria-controls) and its highlighted option
 * (aria-activedescendant), and a status line says how many people are proposed. The text is never lost: a failed send keeps it
 * and says why, and without a connection the send button waits while the text stays.
 */
import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberSummary } from '../../shared/api';
import { COMMENT_MAX_CHARS } from '../../shared/api';
import { errorMessage } from '../api/errorMessage';
import { insertMention, matchMembers, mentionQuery, mentionedIds } from './mentions';

interface Props {
  /** Accessible name of the text area. */
  label: string;
  placeholder: string;
  submitLabel: string;
  /** Members who may be mentioned. */
  members: readonly MemberSummary[];
  online: boolean;
  initialText?: string;
  initialMentions?: readonly MemberSummary[];
  autoFocus?: boolean;
  /** Sends the comment; a rejection keeps the text and shows the error. */
  onSubmit: (body: string, mentions: string[]) => Promise<void>;
  onCancel?: () => void;
  testId: string;
  /**
   * Where an unsent text is kept in this tab (sessionStorage), so that a reload or a slip of the
   * mouse does not lose it; cleared once sent or cancelled.
   */
  draftKey?: string;
}

/** A comment text area with mentions, send and cancel. */
export function CommentComposer({ label, placeholder, submitLabel, members, online, initialText = '', initialMentions = [], autoFocus, onSubmit, onCancel, testId, draftKey }: Props) {
  const { t } = useTranslation();
  const [text, setTextState] = useState(() => (draftKey ? readDraft(draftKey) : null) ?? initialText);
  const setText = (next: string) => {
    setTextState(next);
    if (draftKey) writeDraft(draftKey, next === initialText ? '' : next);
  };
  const [chosen, setChosen] = useState<MemberSummary[]>([...initialMentions]);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [highlighted, setHighlighted] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  // Where the caret goes once a chosen mention is in the text (set before the next keystroke).
  const caretAfterRender = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (caretAfterRender.current === null || !area.current) return;
    area.current.setSelectionRange(caretAfterRender.current, caretAfterRender.current);
    caretAfterRender.current = null;
  });
  const listId = useId();
  const hintId = useId();

  const candidates = query ? matchMembers(members, query.query) : [];
  const listOpen = candidates.length > 0;

  const readQuery = (element: HTMLTextAreaElement) => {
    setQuery(mentionQuery(element.value, element.selectionStart));
    setHighlighted(0);
  };

  const choose = (member: MemberSummary) => {
    const element = area.current;
    if (!element || !query) return;
    const next = insertMention(text, query.start, element.selectionStart, member);
    setText(next.text);
    setChosen((current) => (current.some((m) => m.id === member.id) ? current : [...current, member]));
    setQuery(null);
    caretAfterRender.current = next.caret;
  };

  const body = text.trim();
  const canSend = online && !busy && body.length > 0 && text.length <= COMMENT_MAX_CHARS;

  const submit = async () => {
    if (!canSend) return;
    setBusy(true);
    setError(null);
    try {
      // Picked from the list, or typed out in full: either way "@Name" in the text mentions them.
      await onSubmit(body, mentionedIds(body, [...chosen, ...members]));
      setText('');
      setChosen([]);
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (listOpen) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setHighlighted((i) => (i + step + candidates.length) % candidates.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        choose(candidates[highlighted] ?? candidates[0]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setQuery(null);
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      if (draftKey) writeDraft(draftKey, '');
      onCancel();
    }
  };

  return (
    <form
      className="comment-composer"
      data-testid={testId}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="mention-anchor">
        <textarea
          ref={area}
          value={text}
          rows={2}
          aria-label={label}
          placeholder={placeholder}
          maxLength={COMMENT_MAX_CHARS}
          autoFocus={autoFocus}
          aria-autocomplete="list"
          aria-controls={listId}
          aria-activedescendant={listOpen ? `${listId}-${highlighted}` : undefined}
          aria-describedby={hintId}
          onChange={(event) => {
            setText(event.target.value);
            readQuery(event.target);
          }}
          onSelect={(event) => readQuery(event.currentTarget)}
          onKeyDown={onKeyDown}
          onBlur={() => setQuery(null)}
          data-testid={`${testId}-text`}
        />
        <ul id={listId} role="listbox" aria-label={t('comments.mentionList')} className="mention-list" hidden={!listOpen}>
          {candidates.map((member, index) => (
            <li
              key={member.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === highlighted}
              // Keep the focus (and the caret) in the text area.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(member)}
              data-testid="mention-option"
            >
              <span className="mention-dot" style={{ backgroundColor: member.color }} aria-hidden="true" />
              {member.name}
            </li>
          ))}
        </ul>
      </div>
      <p className="visually-hidden" role="status">
        {listOpen ? t('comments.mentionCount', { count: candidates.length }) : ''}
      </p>
      <p id={hintId} className="composer-hint muted">{t('comments.shortcutHint')}</p>
      {!online && <p className="composer-offline" role="status" data-testid="comments-offline">{t('comments.offline')}</p>}
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="composer-actions">
        {onCancel && (
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              if (draftKey) writeDraft(draftKey, '');
              onCancel();
            }}
          >
            {t('common.cancel')}
          </button>
        )}
        <button type="submit" className="button-primary" disabled={!canSend} data-testid={`${testId}-submit`}>
          {busy ? t('comments.sending') : submitLabel}
        </button>
      </div>
    </form>
  );
}

const DRAFT_PREFIX = 'trame:comment-draft:';

function readDraft(key: string): string | null {
  try {
    return window.sessionStorage.getItem(DRAFT_PREFIX + key);
  } catch {
    return null; // storage refused (private mode, quota): the draft lives in the page only
  }
}

function writeDraft(key: string, text: string): void {
  try {
    if (text.trim()) window.sessionStorage.setItem(DRAFT_PREFIX + key, text);
    else window.sessionStorage.removeItem(DRAFT_PREFIX + key);
  } catch {
    // As above: nothing more to do than keep it in the page.
  }
}
