/**
 * `/inbox` — mentions, replies to my threads, new threads on my documents and invitations to
 * live sessions, newest first.
 * Opening one marks it read and opens its document at the thread.
 */
import { useCallback, useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '../../shared/api';
import { inboxApi } from '../api/trame';
import { errorMessage } from '../api/errorMessage';
import { formatDate, formatRelative } from '../app/format';
import { Avatar } from '../presence/Avatar';
import { useInboxState } from './useInbox';

/** The inbox page; a new revision of the live inbox makes it fetch again. */
export function InboxPage() {
  const { t } = useTranslation();
  const { revision } = useInboxState();
  const [, navigate] = useLocation();
  const [items, setItems] = useState<InboxItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      setItems((await inboxApi.list()).items);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load, revision]);

  useEffect(() => {
    document.title = `${t('inbox.title')} — ${t('common.appName')}`;
  }, [t]);

  const open = async (item: InboxItem) => {
    if (!item.read) await inboxApi.markRead([item.id]).catch(() => {}); // opening matters more than the mark
    // A session invitation opens the document, where the session's prompt is shown; a comment, its thread.
    const at = item.threadId === null ? '' : `?thread=${encodeURIComponent(item.threadId)}`;
    navigate(`/d/${encodeURIComponent(item.document.id)}${at}`);
  };

  const markAll = async () => {
    try {
      await inboxApi.markRead();
      await load();
    } catch (err) {
      setError(err);
    }
  };

  const hasUnread = items?.some((item) => !item.read) ?? false;
  return (
    <section className="inbox-page" aria-labelledby="inbox-title">
      <div className="page-heading">
        <h1 id="inbox-title">{t('inbox.title')}</h1>
        {hasUnread && (
          <button type="button" className="button-quiet" onClick={() => void markAll()} data-testid="inbox-mark-all">
            {t('inbox.markAllRead')}
          </button>
        )}
      </div>
      {error !== null && <p className="field-error" role="alert">{errorMessage(t, error)}</p>}
      {items === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="muted" data-testid="inbox-empty">{t('inbox.empty')}</p>
      ) : (
        <ul className="inbox-list">
          {items.map((item) => (
            <li key={item.id} className={item.read ? 'inbox-item' : 'inbox-item unread'} data-testid="inbox-item" data-kind={item.kind} data-read={item.read}>
              <button type="button" className="inbox-open" onClick={() => void open(item)}>
                <Avatar member={item.actor} label={item.actor.name} />
                <span className="inbox-text">
                  <span className="inbox-what">
                    {!item.read && <span className="visually-hidden">{t('inbox.unread')} — </span>}
                    {t(`inbox.${item.kind}`, { name: item.actor.name })} {t('inbox.inDocument', { title: item.document.title })}
                  </span>
                  {item.excerpt !== '' && <span className="inbox-excerpt">{item.excerpt}</span>}
                  <time dateTime={item.createdAt} title={formatDate(item.createdAt)} className="muted">
                    {formatRelative(item.createdAt)}
                  </time>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
