/** Avatars of the other members in the document, with the section each one is in; click to follow. */
import { useTranslation } from 'react-i18next';
import { Avatar, initials } from './Avatar';
import type { PresentMember } from './usePresence';

interface Props {
  present: PresentMember[];
  /** The member being followed, if any. */
  followingId?: string | null;
  /** Follows (or, for the one followed, stops following) a member. */
  onToggleFollow?: (memberId: string) => void;
}

/** The presence bar of the editor page. */
export function PresenceList({ present, followingId = null, onToggleFollow }: Props) {
  const { t } = useTranslation();
  return (
    <ul className="presence" data-testid="presence" aria-label={t('presence.label')}>
      {present.length === 0 && <li className="muted presence-alone">{t('presence.alone')}</li>}
      {present.map(({ member, section }) => {
        const label = section ? t('presence.inSection', { name: member.name, section }) : member.name;
        const followed = followingId === member.id;
        // The button's name starts with the initials it shows (« CC — Suivre Claire Coordinatrice —
        // dans « Budget » »), so that what is seen is part of what is announced and can be spoken.
        const action = t(followed ? 'session.unfollow' : 'session.follow', { name: member.name });
        const buttonLabel = `${initials(member.name)} — ${section ? t('presence.inSection', { name: action, section }) : action}`;
        const avatar = <Avatar member={member} label={label} testId="presence-avatar" />;
        return (
          <li key={member.id}>
            {onToggleFollow ? (
              <button
                type="button"
                className={followed ? 'avatar-button followed' : 'avatar-button'}
                aria-pressed={followed}
                aria-label={buttonLabel}
                onClick={() => onToggleFollow(member.id)}
                data-testid="follow-member"
                data-member-id={member.id}
              >
                {avatar}
              </button>
            ) : (
              avatar
            )}
          </li>
        );
      })}
    </ul>
  );
}
