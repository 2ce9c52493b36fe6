/**
 * A fresh test server for each test of a suite, with the providers the test opened closed after
 * it, and a restart that returns once the new server answers.
 */
import { afterEach, beforeEach } from 'vitest';
import { clientPool, waitFor, type TestClient, connect } from './providers';
import { startTestServer, type TestServer } from './server';

/**
 * Registers beforeEach/afterEach; `server()` is the current test's server, started with `options`
 * (environment for instance); `closeAll` closes the providers opened so far.
 */
export function serverPerTest(options: Parameters<typeof startTestServer>[0] = {}): {
  server: () => TestServer;
  open: (...args: Parameters<typeof connect>) => TestClient;
  closeAll: () => void;
} {
  let current: TestServer;
  const { open, closeAll } = clientPool();
  beforeEach(async () => {
    current = await startTestServer(options);
  });
  afterEach(async () => {
    closeAll();
    await current.stop();
  });
  return { server: () => current, open, closeAll };
}

/** Restarts the server on its data and port, and waits until it answers (a pooled keep-alive socket of the old one may fail once). */
export async function restartServing(server: TestServer): Promise<void> {
  await server.restart();
  await waitFor(async () => (await fetch(`${server.url}/healthz`).catch(() => null))?.ok === true, 'restarted server answers');
}
