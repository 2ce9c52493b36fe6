/** One member of the collective, with role change and removal for coordinators. */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceMember } from '../../shared/api';
import { ROLES, type Role } from '../../shared/permissions';
import { membersApi } from '../api/trame';
import { errorMessage } from '../api/errorMessage';
import { Avatar } from '../presence/Avatar';

/** A member row; `manage` shows the coordinator controls. */
export function MemberRow({
  workspaceId,
  member,
  isSelf,
  manage,
  showEmail,
  mentoring,
  onChanged,
}: {
  workspaceId: string;
  member: WorkspaceMember;
  isSelf: boolean;
  manage: boolean;
  /** Whether the e-mail column is shown (coordinators: the server sends others no e-mail). */
  showEmail: boolean;
  /** The mentoring cell (newcomers only). */
  mentoring: ReactNode;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onChanged();
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const changeRole = (role: Role) => run(() => membersApi.changeRole(workspaceId, member.id, { role }));
  const remove = () => run(() => membersApi.remove(workspaceId, member.id));

  return (
    <tr data-testid="member-row" data-member-id={member.id}>
      <th scope="row">
        <span className="member-cell">
          <Avatar member={member} label={member.name} />
          <span>
            {member.name}
            {isSelf && <span className="muted"> ({t('common.you')})</span>}
          </span>
        </span>
      </th>
      {showEmail && <td>{member.email}</td>}
      <td>
        {manage ? (
          <select
            value={member.role}
            disabled={busy}
            aria-label={t('members.roleFor', { name: member.name })}
            onChange={(e) => void changeRole(e.target.value as Role)}
            data-testid="member-role"
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>{t(`roles.${role}`)}</option>
            ))}
          </select>
        ) : (
          t(`roles.${member.role}`)
        )}
      </td>
      <td data-testid="member-mentoring">{mentoring}</td>
      <td>
        {/* Removing oneself by mistake would lock a coordinator out; another coordinator can. */}
        {manage && !isSelf && !confirming && (
          <button
            type="button"
            className="button-quiet"
            disabled={busy}
            aria-label={t('members.removeLabel', { name: member.name })}
            onClick={() => setConfirming(true)}
            data-testid="member-remove"
          >
            {t('members.remove')}
          </button>
        )}
        {confirming && (
          <div className="confirm" role="group" aria-label={t('members.removeLabel', { name: member.name })}>
            <p>{t('members.confirmRemove', { name: member.name })}</p>
            <button type="button" className="button-danger" disabled={busy} onClick={() => void remove()} data-testid="member-remove-confirm">
              {t('members.confirmRemoveButton')}
            </button>
            <button type="button" className="button-quiet" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        )}
        {error && <p className="field-error" role="alert">{error}</p>}
      </td>
    </tr>
  );
}
