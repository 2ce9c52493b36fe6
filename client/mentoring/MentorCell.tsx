/**
 * The mentoring cell of a newcomer's row on the members page: coordinators choose the mentor,
 * members volunteer (« Je l’accompagne ») or stop, everyone else sees who mentors them.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberSummary, WorkspaceMember } from '../../shared/api';
import { canChangeMentor, MENTOR_ROLES } from '../../shared/mentoring';
import type { Role } from '../../shared/permissions';
import { mentoringApi } from '../api/trame';
import { errorMessage } from '../api/errorMessage';

interface Props {
  workspaceId: string;
  newcomer: WorkspaceMember;
  mentor: MemberSummary | null;
  members: WorkspaceMember[];
  me: { id: string; role: Role | null };
  onChanged: () => void;
}

/** Mentor choice or volunteering for one newcomer. */
export function MentorCell({ workspaceId, newcomer, mentor, members, me, onChanged }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const roleOf = (id: string | null) => members.find((m) => m.id === id)?.role ?? null;
  const may = (mentorId: string | null) =>
    canChangeMentor({ actorId: me.id, actorRole: me.role, newcomerId: newcomer.id, newcomerRole: newcomer.role, mentorId, mentorRole: roleOf(mentorId), currentMentorId: mentor?.id ?? null });

  const set = async (mentorId: string | null) => {
    setBusy(true);
    setError(null);
    try {
      await mentoringApi.set(workspaceId, newcomer.id, { mentorId });
      onChanged();
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  let control;
  if (me.role === 'coordinator') {
    const candidates = members.filter((m) => MENTOR_ROLES.includes(m.role) && m.id !== newcomer.id);
    control = (
      <select value={mentor?.id ?? ''} disabled={busy} aria-label={t('mentoring.mentorFor', { name: newcomer.name })} onChange={(e) => void set(e.target.value || null)} data-testid="mentor-select">
        <option value="">{t('mentoring.none')}</option>
        {candidates.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
      </select>
    );
  } else if (mentor === null && may(me.id)) {
    control = (
      <button type="button" disabled={busy} aria-label={t('mentoring.volunteerLabel', { name: newcomer.name })} onClick={() => void set(me.id)} data-testid="mentor-volunteer">
        {t('mentoring.volunteer')}
      </button>
    );
  } else {
    control = <span data-testid="mentor-name">{mentor?.name ?? t('mentoring.none')}</span>;
  }
  return (
    <>
      {control}
      {me.role !== 'coordinator' && mentor?.id === me.id && may(null) && (
        <button type="button" className="button-quiet" disabled={busy} aria-label={t('mentoring.stopLabel', { name: newcomer.name })} onClick={() => void set(null)} data-testid="mentor-stop">
          {t('mentoring.stop')}
        </button>
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
    </>
  );
}
