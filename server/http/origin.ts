/**
 * Same-origin checks. Browsers send Origin on cross-site requests and on every WebSocket
 * handshake: checking it defeats cross-site request forgery and cross-site WebSocket hijacking.
 * Origins are compared whole — scheme, host and port — as browsers define them.
 */
import type { Config } from '../config';

/** What decides which origins may write through the API and open WebSockets. */
export type OriginPolicy = Pick<Config, 'allowedOrigins' | 'cookieSecure'>;

/**
 * The server's own origin, from the request's Host header. The scheme is not in the request:
 * Trame itself speaks plain HTTP, and an HTTPS deployment puts a TLS proxy in front (whose
 * X-Forwarded-Proto is not believed: trust proxy is off). COOKIE_SECURE is how the operator says
 * the deployment is HTTPS, so it decides: https://<Host> then, http://<Host> otherwise — never
 * both. Accepting http://<Host> behind HTTPS would let a page that anyone on the network path can
 * forge (plain HTTP is not authenticated) write with the member's session; accepting
 * https://<Host> on a plain-HTTP deployment would trust a server that is not this one.
 */
function ownOrigin(host: string, https: boolean): string | null {
  try {
    return new URL(`${https ? 'https' : 'http'}://${host}`).origin;
  } catch {
    return null;
  }
}

/** An Origin header in canonical form (`new URL(o).origin`), or null when it names no real origin. */
function canonical(origin: string): string | null {
  try {
    const { origin: parsed, protocol } = new URL(origin);
    return protocol === 'http:' || protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

/** Whether a request's Origin is the server's own (per its Host header and scheme) or explicitly allowed. */
export function originAllowed(origin: string | undefined, host: string | undefined, policy: OriginPolicy): boolean {
  if (!origin || !host) return false;
  const sent = canonical(origin);
  if (sent === null) return false;
  // Config keeps allowed origins in canonical form (config.ts), so this is a comparison of equals.
  return policy.allowedOrigins.includes(sent) || sent === ownOrigin(host, policy.cookieSecure);
}
