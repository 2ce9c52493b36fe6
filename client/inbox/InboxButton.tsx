/**
 * The header's link to the inbox: a bell with the unread count. Its name (« Notifications : 2 non
 * lues ») holds the count shown beside the bell, as a word of its own.
 */
import { Bell } from 'lucide-react';
import { Link, useLocation } from 'wouter';
import { useTranslation } from 'react-i18next';
import type { LiveInboxState } from './useInbox';

export function InboxButton({ inbox }: { inbox: LiveInboxState }) {
  const { t } = useTranslation();
  const [location] = useLocation();
  const unread = inbox.unread ?? 0;
  const label = unread > 0 ? t('inbox.button', { count: unread }) : t('inbox.buttonNone');
  return (
    <Link
      href="/inbox"
      className={location === '/inbox' ? 'inbox-link active' : 'inbox-link'}
      aria-label={label}
      title={label}
      aria-current={location === '/inbox' ? 'page' : undefined}
      data-testid="inbox-link"
    >
      <Bell className="icon" aria-hidden="true" size={20} strokeWidth={2} />
      {unread > 0 && (
        <span className="inbox-count" aria-hidden="true" data-testid="inbox-count">
          {unread}
        </span>
      )}
    </Link>
  );
}
