/** Coordinators see the invitation links still waiting to be used, and can withdraw one. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingInvite } from '../../shared/api';
import { membersApi } from '../api/trame';
import { errorMessage } from '../api/errorMessage';
import { formatDate } from '../app/format';
import { useFetched } from '../app/useFetched';

/** The pending invitations of a collective; `revision` changes when a new one was made here. */
export function PendingInvites({ workspaceId, revision }: { workspaceId: string; revision: number }) {
  const { t } = useTranslation();
  const pending = useFetched(`${workspaceId}:${revision}`, () => membersApi.pendingInvites(workspaceId));
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const revoke = async (invite: PendingInvite) => {
    setBusyId(invite.id);
    setError(null);
    try {
      await membersApi.revokeInvite(workspaceId, invite.id);
      pending.setData((current) => current && { invites: current.invites.filter((i) => i.id !== invite.id) });
    } catch (err) {
      setError(errorMessage(t, err));
      // Someone else may have revoked it, or it was used meanwhile: show what is pending now.
      void pending.refetch();
    } finally {
      setBusyId(null);
    }
  };

  const invites = pending.data?.invites ?? [];
  return (
    <div className="pending-invites" data-testid="pending-invites">
      <h3>{t('members.pendingHeading')}</h3>
      {pending.error !== null && <p className="form-error" role="alert">{errorMessage(t, pending.error)}</p>}
      {pending.data !== null && invites.length === 0 && <p className="hint">{t('members.pendingNone')}</p>}
      {invites.length > 0 && (
        <ul className="pending-invite-list">
          {invites.map((invite) => (
            <li key={invite.id} data-testid="pending-invite" data-invite-id={invite.id}>
              <span>
                <strong>{t(`roles.${invite.role}`)}</strong>
                {' · '}
                {t('members.pendingBy', { name: invite.createdBy.name, date: formatDate(invite.createdAt) })}
                {' · '}
                {t('members.inviteExpires', { date: formatDate(invite.expiresAt) })}
              </span>
              <button
                type="button"
                className="button-quiet"
                disabled={busyId === invite.id}
                aria-label={t('members.revokeLabel', { role: t(`roles.${invite.role}`), name: invite.createdBy.name })}
                onClick={() => void revoke(invite)}
                data-testid="pending-invite-revoke"
              >
                {t('members.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
    </div>
  );
}
