/**
 * « Démarrer une séance »: pick whom to invite (the newcomer's mentor, or the mentored newcomer,
 * is ticked first; anyone who can read the document may be added), then start.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentMentorResponse, MemberSummary } from '../../shared/api';
import { commentsApi, sessionsApi } from '../api/trame';
import { errorMessage } from '../api/errorMessage';

interface Props {
  documentId: string;
  meId: string;
  mentoring: DocumentMentorResponse | null;
  onStarted: () => void;
}

/** The members ticked at first: the other one of the document's newcomer–mentor pair. */
function defaultInvitees(meId: string, mentoring: DocumentMentorResponse | null): string[] {
  const pair = [mentoring?.newcomer?.id, mentoring?.mentor?.id].filter((id): id is string => !!id);
  return pair.includes(meId) ? pair.filter((id) => id !== meId) : pair;
}

/** The start button and, once opened, the invitation form. */
export function StartSessionForm({ documentId, meId, mentoring, onStarted }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [members, setMembers] = useState<MemberSummary[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const formId = useId();

  useEffect(() => {
    if (!open) return;
    setChosen(new Set(defaultInvitees(meId, mentoring)));
    commentsApi.mentionable(documentId).then(
      ({ members: readers }) => setMembers(readers.filter((m) => m.id !== meId)),
      (err: unknown) => setError(errorMessage(t, err)),
    );
  }, [open, documentId, meId, mentoring, t]);

  const toggle = (id: string) => setChosen((current) => {
    const next = new Set(current);
    if (!next.delete(id)) next.add(id);
    return next;
  });

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      await sessionsApi.start(documentId, { invite: [...chosen] });
      setOpen(false);
      onStarted();
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  const tag = (id: string) => (id === mentoring?.mentor?.id ? ` ${t('liveSessions.mentorTag')}` : id === mentoring?.newcomer?.id ? ` ${t('liveSessions.newcomerTag')}` : '');
  return (
    <div className="session-start">
      <button type="button" aria-expanded={open} aria-controls={formId} onClick={() => setOpen((o) => !o)} data-testid="session-start">
        {t('liveSessions.start')}
      </button>
      {open && (
        <form id={formId} className="card" aria-label={t('liveSessions.startTitle')} onSubmit={(e) => { e.preventDefault(); void start(); }} data-testid="session-start-form">
          <fieldset>
            <legend>{t('liveSessions.inviteLegend')}</legend>
            {members.map((m) => (
              <label key={m.id} className="toggle">
                <input type="checkbox" checked={chosen.has(m.id)} onChange={() => toggle(m.id)} data-testid="session-invitee" data-member-id={m.id} />
                {m.name}{tag(m.id)}
              </label>
            ))}
          </fieldset>
          <p className="hint">{t('liveSessions.inviteHint')}</p>
          <button type="submit" className="button-primary" disabled={busy} data-testid="session-start-confirm">
            {busy ? t('liveSessions.starting') : t('liveSessions.confirmStart')}
          </button>
          <button type="button" className="button-quiet" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
        </form>
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
    </div>
  );
}
