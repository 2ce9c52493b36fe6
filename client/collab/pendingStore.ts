/**
 * Remembers, per room, how many local changes were not yet confirmed by the server, so that
 * after a reload with offline edits the page still says they are not on the server.
 */
const key = (room: string): string => `trame:pending:${room}`;

/** The number of unconfirmed changes left by a previous page load (0 if none or unknown). */
export function readPending(room: string): number {
  try {
    const value = Number(window.localStorage.getItem(key(room)));
    return Number.isInteger(value) && value > 0 ? value : 0;
  } catch {
    return 0;
  }
}

/** Stores the current number of unconfirmed changes (removes the entry at 0). */
export function writePending(room: string, count: number): void {
  try {
    if (count > 0) window.localStorage.setItem(key(room), String(count));
    else window.localStorage.removeItem(key(room));
  } catch {
    // Storage disabled: the count is only lost across reloads; the live count stays right.
  }
}
