/** Turns any thrown value into a sentence for the user, in the current language. */
import type { TFunction } from 'i18next';
import { ApiError } from './http';

/** The translated message for an error thrown by an API call (or anything else). */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) return t(`errors.${error.id}`);
  return t('errors.unknown');
}
