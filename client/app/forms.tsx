/**
 * Form building blocks shared by the sign-in, set-up, invitation and document forms:
 * labelled fields with inline errors, and validation with the shared zod request schemas.
 */
import { useId, useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { ZodType } from 'zod';

/** Key of a `validation.*` message. */
export type ValidationKey = 'validation.required' | 'validation.email' | 'validation.passwordLength' | 'validation.tooLong';

/** Per-field validation messages (keys), by field name. */
export type FieldErrors<F extends string> = Partial<Record<F, ValidationKey>>;

/** A labelled input with an optional hint and an inline error announced to screen readers. */
export function TextField({
  label,
  hint,
  error,
  ...input
}: { label: string; hint?: string | undefined; error?: string | undefined } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {hint && <p id={hintId} className="hint">{hint}</p>}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A form-level error (e.g. wrong password), announced as soon as it appears. */
export function FormError({ message, testId }: { message: string | null; testId?: string }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert" data-testid={testId}>
      {message}
    </p>
  );
}

/** Validates form values with a shared request schema; returns the parsed body or field errors. */
export function validate<F extends string, T>(
  schema: ZodType<T>,
  values: Record<F, string>,
): { ok: true; data: T } | { ok: false; errors: FieldErrors<F> } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors<F> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as F;
    if (errors[field]) continue;
    errors[field] = messageFor(field, values[field] ?? '', issue.code);
  }
  return { ok: false, errors };
}

function messageFor(field: string, raw: string, code: string): ValidationKey {
  if (raw.trim() === '') return 'validation.required';
  if (code === 'too_big') return 'validation.tooLong';
  if (field === 'password' && code === 'too_small') return 'validation.passwordLength';
  if (field === 'email') return 'validation.email';
  return 'validation.required';
}

/** Controlled values and inline errors of a simple text form, with a `bind` helper for fields. */
export function useFormFields<F extends string>(initial: Record<F, string>, testIdPrefix: string) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<F>>({});
  const bind = (field: F) => {
    const errorKey: ValidationKey | undefined = fieldErrors[field];
    return {
      name: field,
      value: values[field],
      onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value })),
      error: errorKey ? t(errorKey) : undefined,
      'data-testid': `${testIdPrefix}-${field}`,
    };
  };
  return { values, setValues, fieldErrors, setFieldErrors, bind };
}
