/**
 * Shutdown while a connection is still at the door: its room is being loaded when the server
 * starts closing. Issue 4 promises that shutdown closes every socket with "going away" (1001);
 * such a connection must not be attached to a room that shutdown has already unloaded.
 * Fails until RoomManager refuses attaches once it is closing: such a connection is attached to
 * the unloaded room and either served from it and left open after close() resolved, or closed
 * with 1011 (internal error), depending on the room code of the day.
 */
import { afterEach, expect, it } from 'vitest';
import type { Store } from '../../server/store/Store';
import { CloseCode } from '../../shared/rooms';
import { connect, waitFor, type TestClient } from '../helpers/providers';
import { createDocument, setupWorkspace, startTestServer, type TestServer } from '../helpers/server';

/** A store whose body loads wait for `release()` once `hold` is set, so a test can stop time inside a load. */
function holdableLoads(store: Store) {
  const state = { hold: false, started: false, release: () => undefined as void };
  const gate = new Promise<void>((resolve) => (state.release = resolve));
  const wrapped = new Proxy(store, {
    get(target, key, receiver) {
      if (key !== 'loadBody') return Reflect.get(target, key, receiver);
      return async (documentId: string) => {
        if (state.hold) {
          state.started = true;
          await gate;
        }
        return target.loadBody(documentId);
      };
    },
  });
  return { state, wrapped };
}

let server: TestServer | null = null;
let client: TestClient | null = null;
afterEach(async () => {
  client?.close();
  await server?.stop();
});

it('closes with 1001 a connection whose room was still loading when shutdown began', async () => {
  let loads: ReturnType<typeof holdableLoads> | null = null;
  server = await startTestServer({ wrapStore: (store) => (loads = holdableLoads(store)).wrapped });
  const { workspaceId, coordinator } = await setupWorkspace(server);
  const document = await createDocument(server, workspaceId, coordinator.cookie);
  loads!.state.hold = true;
  client = connect(server.collabUrl, document.room, { cookie: coordinator.cookie, origin: server.origin });
  await waitFor(() => loads!.state.started, 'the room load has started');

  const closing = server.trame.close();
  loads!.state.release();
  await closing;

  await waitFor(() => client!.closeCodes.length > 0 || client!.provider.synced, 'the connection was closed or served');
  expect(client.provider.synced, 'served a document by a server that has shut down').toBe(false);
  await waitFor(() => client!.closeCodes.length > 0, 'the connection was closed');
  expect(client.closeCodes[0]).toBe(CloseCode.GOING_AWAY);
});
