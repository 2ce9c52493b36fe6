/** Dates and times in the interface language (Intl does the wording). */
import i18next from 'i18next';

const locale = (): string => i18next.resolvedLanguage ?? 'fr';

/** A date and time such as « 3 mars 2026 à 14:05 ». */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** How long ago a moment was, e.g. « il y a 5 minutes », « hier », « maintenant ». */
export function formatRelative(iso: string, now: number = Date.now(), language: string = locale()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return '';
  const seconds = Math.round((then - now) / 1000);
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  // Under a minute the exact seconds are noise: say "now".
  return format.format(0, 'second');
}

/** A time of day such as « 14:05 ». */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { timeStyle: 'short' }).format(date);
}
