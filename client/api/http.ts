/**
 * The one place the client talks HTTP: JSON in and out, the session cookie sent along, and
 * every failure turned into an `ApiError` with the server's stable error id.
 */
import type { ApiErrorBody, ErrorIdValue } from '../../shared/api';

/** Error ids the client adds for failures that never reached the server or made no sense. */
export type ClientErrorId = 'network' | 'unknown';

/** A failed API call: `id` is the server's stable error id (or a client one), `status` 0 if offline. */
export class ApiError extends Error {
  constructor(
    readonly id: ErrorIdValue | ClientErrorId,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Whether an error is an `ApiError` with the given id. */
export function isApiError(error: unknown, id?: ApiError['id']): error is ApiError {
  return error instanceof ApiError && (id === undefined || error.id === id);
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Sends one request to `/api…` and returns the parsed JSON body (undefined for 204). */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError('network', 0, cause instanceof Error ? cause.message : 'network error');
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as Partial<ApiErrorBody>;
    if (body.error && typeof body.error.id === 'string') {
      return new ApiError(body.error.id, response.status, body.error.message, body.error.details);
    }
  } catch {
    // Not JSON (a proxy error page, for instance): fall through to a generic error.
  }
  return new ApiError(response.status >= 500 ? 'internal' : 'unknown', response.status, response.statusText);
}
