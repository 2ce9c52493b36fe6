/** First run: create the first collective and its coordinator's account. */
import { useState, type FormEvent } from 'react';
import { Redirect, useLocation } from 'wouter';
import { useTranslation } from 'react-i18next';
import { SetupRequest } from '../../shared/api';
import { authApi } from '../api/trame';
import { errorMessage } from '../api/errorMessage';
import { useAuth } from '../app/auth';
import { FormError, TextField, useFormFields, validate } from '../app/forms';
import { NewAccountFields } from './NewAccountFields';

type Field = 'workspaceName' | 'name' | 'email' | 'password';

/** The set-up form, shown while `GET /api/setup` says it is needed. */
export function SetupPage() {
  const { t } = useTranslation();
  const { setupNeeded, setSetupDone, refresh } = useAuth();
  const [, navigate] = useLocation();
  const { values, setFieldErrors, bind } = useFormFields<Field>({ workspaceName: '', name: '', email: '', password: '' }, 'setup');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!setupNeeded) return <Redirect to="/" />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(SetupRequest, values);
    setFieldErrors(checked.ok ? {} : checked.errors);
    setError(null);
    if (!checked.ok) return;
    setBusy(true);
    try {
      const created = await authApi.setup(checked.data);
      await refresh();
      setSetupDone();
      navigate(`/w/${created.workspaceId}`);
    } catch (err) {
      setError(errorMessage(t, err));
      setBusy(false);
    }
  };


  return (
    <section className="card auth-card" aria-labelledby="setup-title">
      <h1 id="setup-title">{t('auth.setupTitle')}</h1>
      <p>{t('auth.setupIntro')}</p>
      <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="setup-form">
        <TextField label={t('auth.workspaceName')} autoComplete="organization" {...bind('workspaceName')} />
        <NewAccountFields bind={bind} />
        <FormError message={error} testId="setup-error" />
        <button type="submit" className="button-primary" disabled={busy} data-testid="setup-submit">
          {busy ? t('auth.setupBusy') : t('auth.setupSubmit')}
        </button>
      </form>
    </section>
  );
}
