/**
 * What the editor page shows about working together, above the editor: the newcomer's mentor,
 * the attendance of a meeting document, the live session under way (with the invitation prompt
 * for those invited, who may follow its starter) and the recap of every session.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentKind, MemberSummary } from '../../shared/api';
import { canStartSession } from '../../shared/mentoring';
import type { Access } from '../../shared/permissions';
import { mentoringApi, sessionsApi } from '../api/trame';
import { errorMessage } from '../api/errorMessage';
import { formatRelative } from '../app/format';
import { MentorBadge } from '../mentoring/MentorBadge';
import { AttendanceBlock } from './AttendanceBlock';
import { SessionRecaps } from './SessionRecaps';
import { StartSessionForm } from './StartSessionForm';
import { useFetched } from '../app/useFetched';

interface Props {
  documentId: string;
  kind: DocumentKind;
  access: Access;
  archived: boolean;
  me: MemberSummary;
  /** Revisions from the document's meta room. */
  attendanceRevision: number | undefined;
  sessionsRevision: number | undefined;
  /** Follows a member present in the document (joining a session follows its starter). */
  onFollow: (memberId: string) => void;
}

/** The mentor line, attendance, session controls and recaps of one document. */
export function DocumentSessions(props: Props) {
  const { t } = useTranslation();
  const { documentId, me } = props;
  const mentoring = useFetched(documentId, () => mentoringApi.ofDocument(documentId)).data;
  // Participants' intervals change with attendance, sessions with their start and end.
  const sessions = useFetched(`${documentId} ${props.sessionsRevision ?? ''} ${props.attendanceRevision ?? ''}`, () => sessionsApi.list(documentId));
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const active = sessions.data?.active ?? null;

  const end = async (sessionId: string) => {
    setError(null);
    try {
      await sessionsApi.end(sessionId);
      await sessions.refetch();
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  const invitedMe = active !== null && active.startedBy.id !== me.id && active.invited.some((m) => m.id === me.id) && dismissed !== active.id;
  return (
    <div className="document-sessions">
      <MentorBadge mentoring={mentoring} />
      {props.kind === 'meeting' && <AttendanceBlock documentId={documentId} revision={props.attendanceRevision} />}
      {invitedMe && (
        <div className="banner banner-invite" role="dialog" aria-label={t('liveSessions.invitedYou', { name: active.startedBy.name })} data-testid="session-invitation">
          <p>{t('liveSessions.invitedYou', { name: active.startedBy.name })}</p>
          <button type="button" className="button-primary" onClick={() => { props.onFollow(active.startedBy.id); setDismissed(active.id); }} data-testid="session-join">
            {t('liveSessions.joinFollow', { name: active.startedBy.name })}
          </button>
          <button type="button" className="button-quiet" onClick={() => setDismissed(active.id)} data-testid="session-dismiss">
            {t('liveSessions.dismiss')}
          </button>
        </div>
      )}
      {active !== null ? (
        <p className="banner banner-info" role="status" data-testid="session-active">
          {t('liveSessions.underWay', { name: active.startedBy.name, time: formatRelative(active.startedAt) })}{' '}
          {active.canEnd && (
            <button type="button" onClick={() => void end(active.id)} data-testid="session-end">{t('liveSessions.end')}</button>
          )}
        </p>
      ) : (
        canStartSession(props.access) && !props.archived && sessions.data !== null && (
          <StartSessionForm documentId={documentId} meId={me.id} mentoring={mentoring} onStarted={() => void sessions.refetch()} />
        )
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
      {sessions.error !== null && <p className="field-error" role="alert">{t('liveSessions.loadFailed')}</p>}
      {sessions.data !== null && sessions.data.sessions.length > 0 && <SessionRecaps sessions={sessions.data.sessions} />}
    </div>
  );
}
