/** Avatars of the other members in the document, with the section each one is in. */
import { useTranslation } from 'react-i18next';
import { Avatar } from './Avatar';
import type { PresentMember } from './usePresence';

/** The presence bar of the editor page. */
export function PresenceList({ present }: { present: PresentMember[] }) {
  const { t } = useTranslation();
  return (
    <ul className="presence" data-testid="presence" aria-label={t('presence.label')}>
      {present.length === 0 && <li className="muted presence-alone">{t('presence.alone')}</li>}
      {present.map(({ member, section }) => {
        const label = section ? t('presence.inSection', { name: member.name, section }) : member.name;
        return (
          <li key={member.id}>
            <Avatar member={member} label={label} testId="presence-avatar" />
          </li>
        );
      })}
    </ul>
  );
}
