/** Coordinators create an invitation link for a role and copy it. */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InviteResponse } from '../../shared/api';
import { ROLES, type Role } from '../../shared/permissions';
import { membersApi } from '../api/trame';
import { errorMessage } from '../api/errorMessage';
import { FormError } from '../app/forms';
import { formatDate } from '../app/format';
import { PendingInvites } from './PendingInvites';

/** The "Inviter quelqu’un" card of the members page, with the invitations still pending. */
export function InvitePanel({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const roleId = useId();
  const linkId = useId();
  const linkRef = useRef<HTMLInputElement>(null);
  const [role, setRole] = useState<Role>('member');
  const [invite, setInvite] = useState<InviteResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  // Bumped for each link made here, so that the pending list shows it.
  const [made, setMade] = useState(0);
  const url = invite ? window.location.origin + invite.path : '';

  const create = async () => {
    setError(null);
    setCopyState('idle');
    try {
      setInvite(await membersApi.invite(workspaceId, { role }));
      setMade((n) => n + 1);
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopyState('copied');
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): select the text instead.
      linkRef.current?.select();
      setCopyState('failed');
    }
  };

  return (
    <section className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('members.inviteHeading')}</h2>
      <p>{t('members.inviteIntro')}</p>
      <div className="inline-form">
        <div className="field">
          <label htmlFor={roleId}>{t('members.inviteRole')}</label>
          <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="invite-role-select">
            {ROLES.map((r) => (
              <option key={r} value={r}>{t(`roles.${r}`)}</option>
            ))}
          </select>
        </div>
        <button type="button" className="button-primary" onClick={() => void create()} data-testid="invite-create">
          {t('members.inviteCreate')}
        </button>
      </div>
      <FormError message={error} />
      {invite && (
        <div className="invite-result">
          <div className="field">
            <label htmlFor={linkId}>{t('members.inviteLink')}</label>
            <div className="copy-row">
              <input id={linkId} ref={linkRef} readOnly value={url} onFocus={(e) => e.target.select()} data-testid="invite-link" />
              <button type="button" onClick={() => void copy()} data-testid="invite-copy">
                {t('members.copy')}
              </button>
            </div>
            <p className="hint">
              {t(`roles.${invite.role}`)} · {t('members.inviteExpires', { date: formatDate(invite.expiresAt) })}
            </p>
          </div>
          <p role="status" className="hint">
            {copyState === 'copied' ? t('members.copied') : copyState === 'failed' ? t('members.copyFailed') : ''}
          </p>
        </div>
      )}
      <PendingInvites workspaceId={workspaceId} revision={made} />
    </section>
  );
}
