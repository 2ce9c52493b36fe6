/** Small line icons drawn inline (no emoji: not every system has a font for them). */

const common = { width: 16, height: 16, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true } as const;

/** A speech bubble: comments. */
export function CommentIcon() {
  return (
    <svg {...common} className="icon">
      <path d="M21 12a8 8 0 0 1-8 8H7l-4 3v-7.5A8 8 0 1 1 21 12z" />
    </svg>
  );
}

/** A bell: notifications. */
export function BellIcon() {
  return (
    <svg {...common} className="icon" width={20} height={20}>
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.7 21a2 2 0 0 1-3.4 0" />
    </svg>
  );
}
