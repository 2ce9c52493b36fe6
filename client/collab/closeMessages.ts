/** Maps the server's WebSocket close codes (shared/rooms.ts) to messages for the user. */
import { CloseCode } from '../../shared/rooms';

/** Key of the `close.*` message explaining a close code. */
export type CloseMessageKey =
  | 'close.unauthenticated'
  | 'close.forbidden'
  | 'close.notFound'
  | 'close.readOnly'
  | 'close.revoked'
  | 'close.outdated'
  | 'close.storeFailed'
  | 'close.loadFailed'
  | 'close.badMessage'
  | 'close.tooLarge'
  | 'close.tooMany'
  | 'close.documentTooLarge'
  | 'close.invalidContent'
  | 'close.other';

const KEYS: Readonly<Record<number, CloseMessageKey>> = {
  [CloseCode.UNAUTHENTICATED]: 'close.unauthenticated',
  [CloseCode.FORBIDDEN]: 'close.forbidden',
  [CloseCode.NOT_FOUND]: 'close.notFound',
  [CloseCode.READ_ONLY]: 'close.readOnly',
  [CloseCode.REVOKED]: 'close.revoked',
  [CloseCode.OUTDATED_CLIENT]: 'close.outdated',
  [CloseCode.STORE_FAILED]: 'close.storeFailed',
  [CloseCode.LOAD_FAILED]: 'close.loadFailed',
  [CloseCode.BAD_MESSAGE]: 'close.badMessage',
  [CloseCode.TOO_LARGE]: 'close.tooLarge',
  [CloseCode.MESSAGE_TOO_BIG]: 'close.tooLarge',
  [CloseCode.TOO_MANY]: 'close.tooMany',
  [CloseCode.DOCUMENT_TOO_LARGE]: 'close.documentTooLarge',
  [CloseCode.INVALID_CONTENT]: 'close.invalidContent',
};

/** The message key for a close code; unknown codes get a generic message with the code. */
export function closeMessageKey(code: number): CloseMessageKey {
  return KEYS[code] ?? 'close.other';
}

/** Whether the document's content may still be shown (read-only) after this terminal close. */
export function keepsContentVisible(code: number): boolean {
  // Read-only and outdated clients still have a legitimate copy (so does one whose change was
  // refused, as too large or not fitting the schema: only that change was); the others lost the
  // right to it.
  return (
    code === CloseCode.READ_ONLY ||
    code === CloseCode.OUTDATED_CLIENT ||
    code === CloseCode.DOCUMENT_TOO_LARGE ||
    code === CloseCode.TOO_LARGE ||
    code === CloseCode.MESSAGE_TOO_BIG ||
    code === CloseCode.INVALID_CONTENT
  );
}
