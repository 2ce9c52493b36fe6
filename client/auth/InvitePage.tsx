/** Accepting an invitation: shows the collective and role, then creates the account. */
import { useEffect, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { useTranslation } from 'react-i18next';
import { AcceptInviteRequest, type InviteInfoResponse } from '../../shared/api';
import { authApi } from '../api/trame';
import { errorMessage } from '../api/errorMessage';
import { useAuth } from '../app/auth';
import { FormError, useFormFields, validate } from '../app/forms';
import { NewAccountFields } from './NewAccountFields';
import { formatDate } from '../app/format';

type Field = 'name' | 'email' | 'password';

/** The invitation page for `/invite/:token`. */
export function InvitePage({ token }: { token: string }) {
  const { t } = useTranslation();
  const [invite, setInvite] = useState<InviteInfoResponse | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    authApi.inviteInfo(token).then(
      (info) => live && setInvite(info),
      (err: unknown) => live && setLoadError(errorMessage(t, err)),
    );
    return () => {
      live = false;
    };
  }, [token, t]);

  if (loadError) {
    // A page of its own, with its title: the link is used up, revoked or wrong.
    return (
      <section aria-labelledby="invite-unavailable-title">
        <h1 id="invite-unavailable-title">{t('auth.inviteUnavailable')}</h1>
        <p className="card form-error" role="alert" data-testid="invite-error">{loadError}</p>
      </section>
    );
  }
  if (!invite) return <p className="page-status" role="status">{t('common.loading')}</p>;
  return <InviteForm token={token} invite={invite} />;
}

function InviteForm({ token, invite }: { token: string; invite: InviteInfoResponse }) {
  const { t } = useTranslation();
  const { me, setMe } = useAuth();
  const [, navigate] = useLocation();
  const { values, setFieldErrors, bind } = useFormFields<Field>({ name: '', email: '', password: '' }, 'invite');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const join = async (body: AcceptInviteRequest | Record<string, never>) => {
    setBusy(true);
    try {
      const joined = await authApi.acceptInvite(token, body);
      setMe(joined);
      navigate(`/w/${joined.joinedWorkspaceId}`);
    } catch (err) {
      setError(errorMessage(t, err));
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    // Signed in: the server adds the current account; otherwise it creates one from the form.
    if (me) return void join({});
    const checked = validate(AcceptInviteRequest, values);
    setFieldErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) void join(checked.data);
  };

  return (
    <section className="card auth-card" aria-labelledby="invite-title">
      <h1 id="invite-title">{t('auth.inviteTitle', { workspace: invite.workspaceName })}</h1>
      <p data-testid="invite-role">{t('auth.inviteIntro', { role: t(`roles.${invite.role}`) })}</p>
      <p className="hint">{t('auth.inviteExpires', { date: formatDate(invite.expiresAt) })}</p>
      {me && <p className="notice">{t('auth.inviteSignedIn', { name: me.member.name })}</p>}
      <form onSubmit={onSubmit} noValidate data-testid="invite-form">
        {!me && <NewAccountFields bind={bind} />}
        <FormError message={error} testId="invite-submit-error" />
        <button type="submit" className="button-primary" disabled={busy} data-testid="invite-submit">
          {busy ? t('auth.inviteBusy') : t('auth.inviteSubmit')}
        </button>
      </form>
    </section>
  );
}
