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
