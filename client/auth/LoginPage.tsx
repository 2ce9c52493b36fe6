/** Sign-in page: email + password, errors shown inline. */
import { useState, type FormEvent } from 'react';
import { Redirect, useLocation, useSearch } from 'wouter';
import { useTranslation } from 'react-i18next';
import { SignInRequest } from '../../shared/api';
import { authApi } from '../api/trame';
import { errorMessage } from '../api/errorMessage';
import { useAuth } from '../app/auth';
import { FormError, TextField, useFormFields, validate } from '../app/forms';

type Field = 'email' | 'password';

/** Where to go after signing in: the `next` parameter if it is a local path. */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  // Only same-site paths: "//evil.example" would be another host.
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** The sign-in form. */
export function LoginPage() {
  const { t } = useTranslation();
  const { me, setMe } = useAuth();
  const search = useSearch();
  const [, navigate] = useLocation();
  const { values, setFieldErrors, bind } = useFormFields<Field>({ email: '', password: '' }, 'login');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (me) return <Redirect to={safeNext(search)} />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(SignInRequest, values);
    setFieldErrors(checked.ok ? {} : checked.errors);
    setError(null);
    if (!checked.ok) return;
    setBusy(true);
    try {
      setMe(await authApi.signIn(checked.data));
      navigate(safeNext(search));
    } catch (err) {
      setError(errorMessage(t, err));
      setBusy(false);
    }
  };


  return (
    <section className="card auth-card" aria-labelledby="login-title">
      <h1 id="login-title">{t('auth.loginTitle')}</h1>
      <p>{t('auth.loginIntro')}</p>
      <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="login-form">
        <TextField label={t('auth.email')} type="email" autoComplete="email" {...bind('email')} />
        <TextField
          label={t('auth.password')}
          type="password"
          autoComplete="current-password"
         
          {...bind('password')}
        />
        <FormError message={error} testId="login-error" />
        <button type="submit" className="button-primary" disabled={busy} data-testid="login-submit">
          {busy ? t('auth.loginBusy') : t('auth.loginSubmit')}
        </button>
      </form>
    </section>
  );
}
