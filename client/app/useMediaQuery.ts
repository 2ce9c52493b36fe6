/** Whether a CSS media query matches, kept live (layout decisions that CSS alone cannot make). */
import { useSyncExternalStore } from 'react';

/** Width below which side panels become a sheet over the page instead of a column. */
export const NARROW_QUERY = '(max-width: 899px)';
/** Width below which the outline is folded away behind a button. */
export const NO_OUTLINE_QUERY = '(max-width: 1279px)';
/** Phone widths: the toolbar keeps only its most used tools. */
export const PHONE_QUERY = '(max-width: 699px)';

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}
