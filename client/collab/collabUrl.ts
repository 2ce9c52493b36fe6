/** Where the collaboration WebSocket lives: same host as the page, so the session cookie goes along. */
import { COLLAB_PATH } from '../../shared/rooms';

/** Base URL given to every WebsocketProvider (the room name is appended by the provider). */
export function collabServerUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${COLLAB_PATH}`;
}
