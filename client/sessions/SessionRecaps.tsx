/** « Séances »: each live session of the document with who took part, when, their edits and the comments made. */
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../shared/api';
import { formatDate, formatTime } from '../app/format';
import { IntervalList } from './AttendanceBlock';

/** One session's recap. */
function SessionRecap({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const from = formatTime(session.startedAt);
  return (
    <li className="session-recap" data-testid="session-recap" data-session-id={session.id} data-ended={session.endedAt !== null}>
      <p>
        <strong>{t('liveSessions.recap', { date: formatDate(session.startedAt) })}</strong>{' '}
        {session.endedAt === null ? t('liveSessions.recapOngoing', { from }) : t('liveSessions.recapDuration', { from, to: formatTime(session.endedAt) })}
      </p>
      <p className="muted">
        {t('liveSessions.startedBy', { name: session.startedBy.name })}
        {session.invited.length > 0 && <> · {t('liveSessions.invited', { names: session.invited.map((m) => m.name).join(', ') })}</>}
      </p>
      {session.participants.length === 0 ? (
        <p className="muted">{t('liveSessions.noParticipants')}</p>
      ) : (
        <ul aria-label={t('liveSessions.participants')}>
          {session.participants.map((p) => (
            <li key={p.member.id} data-testid="session-participant" data-member-id={p.member.id} data-edits={p.edits}>
              <span className="member-name">{p.member.name}</span>
              <IntervalList intervals={p.intervals} />
              <span className="muted">· {t('attendance.edits', { count: p.edits })}</span>
            </li>
          ))}
        </ul>
      )}
      {session.comments.length > 0 && (
        <details>
          <summary data-testid="session-comments">{t('liveSessions.comments', { count: session.comments.length })}</summary>
          <ul>
            {session.comments.map((c) => (
              <li key={c.commentId}><span className="member-name">{c.author.name}</span> : {c.excerpt}</li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

/** Every session of the document, newest first. */
export function SessionRecaps({ sessions }: { sessions: SessionView[] }) {
  const { t } = useTranslation();
  return (
    <details className="session-recaps" data-testid="session-recaps">
      <summary>{t('liveSessions.title')} ({sessions.length})</summary>
      {sessions.length === 0 ? <p className="muted">{t('liveSessions.none')}</p> : <ul>{sessions.map((s) => <SessionRecap key={s.id} session={s} />)}</ul>}
    </details>
  );
}
