/**
 * Same-origin checks. Browsers send Origin on cross-site requests and on every WebSocket
 * handshake: checking it defeats cross-site request forgery and cross-site WebSocket hijacking.
 */

/** Whether a request's Origin is the server's own (per its Host header) or explicitly allowed. */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (!origin || !host) return false;
  if (allowed.includes(origin)) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host;
  } catch {
    return false;
  }
}
