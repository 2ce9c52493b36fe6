/** Random identifiers and tokens. */
import { createHash, randomBytes } from 'node:crypto';

/** A new URL-safe id (16 characters, 96 random bits); matches the id pattern in shared/. */
export const newId = (): string => randomBytes(12).toString('base64url');

/** A new secret token for cookies and invite links (256 random bits). */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** What is stored for a token: its SHA-256, so a leaked database does not leak live sessions. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
