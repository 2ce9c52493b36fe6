/** The fields of a new account (name, email, new password), shared by set-up and invitations. */
import { useTranslation } from 'react-i18next';
import { TextField } from '../app/forms';

/** What `useFormFields().bind` gives one input. */
interface Binding {
  name: string;
  value: string;
  onChange: (e: { target: { value: string } }) => void;
  error: string | undefined;
  'data-testid': string;
}

/** Name, email and password inputs bound to a form's fields. */
export function NewAccountFields({ bind }: { bind: (field: 'name' | 'email' | 'password') => Binding }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField label={t('auth.name')} autoComplete="name" {...bind('name')} />
      <TextField label={t('auth.email')} type="email" autoComplete="email" {...bind('email')} />
      <TextField label={t('auth.password')} type="password" autoComplete="new-password" hint={t('auth.passwordHint')} {...bind('password')} />
    </>
  );
}
