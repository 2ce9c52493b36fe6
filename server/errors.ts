/**
 * Errors that cross the API boundary carry an HTTP status and a stable id from shared/api.ts.
 * Factories keep statuses and ids consistent across commands and routers.
 */
import type { ZodError } from 'zod';
import { ErrorId, type ErrorIdValue } from '../shared/api';

/** An expected failure, reported to the client as `{error: {id, message}}`. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly id: ErrorIdValue,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** 400: the request does not match its schema; details list each problem with its path. */
export const invalidInput = (error: ZodError): AppError =>
  new AppError(400, ErrorId.INVALID_INPUT, 'The request is not valid.', error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
/** 401: no valid session. */
export const unauthenticated = (): AppError => new AppError(401, ErrorId.UNAUTHENTICATED, 'Sign in first.');
/** 403: signed in but not allowed. */
export const forbidden = (message = 'You are not allowed to do this.'): AppError => new AppError(403, ErrorId.FORBIDDEN, message);
/** 404: absent, or not visible to this member (the two are not distinguished). */
export const notFound = (what: string): AppError => new AppError(404, ErrorId.NOT_FOUND, `${what} not found.`);
/** 409 with a specific id. */
export const conflict = (id: ErrorIdValue, message: string): AppError => new AppError(409, id, message);
