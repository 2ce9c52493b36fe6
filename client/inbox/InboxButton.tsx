/** The header's link to the inbox, with the unread count. */
import { Link, useLocation } from 'wouter';
import { useTranslation } from 'react-i18next';
import { BellIcon } from '../app/icons';
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
      <BellIcon />
      {unread > 0 && (
        <span className="inbox-count" aria-hidden="true" data-testid="inbox-count">
          {unread}
        </span>
      )}
    </Link>
  );
}
