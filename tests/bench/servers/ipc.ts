import v8 from 'node:v8';

/**
 * The parent-facing side of a benchmark child: answers requests sent over IPC with the same id,
 * and reports loaded-document counts and memory so that scenarios can see unloads happen.
 */

/** A request handler: returns the fields of the reply. */
export type Handler = (request: Record<string, unknown>) => Promise<Record<string, unknown>> | Record<string, unknown>;

/** Serves IPC requests with `handlers`, plus `stats` (loaded docs, memory) and `gc`. */
export function serveIpc(handlers: Record<string, Handler>, loadedDocuments: () => number): void {
  const all: Record<string, Handler> = {
    stats: () => ({ documents: loadedDocuments(), ...memory() }),
    gc: () => {
      // Started with --expose-gc: measure retained memory, not garbage not yet collected.
      (globalThis as { gc?: () => void }).gc?.();
      return { documents: loadedDocuments(), ...memory() };
    },
    // Where the memory goes: a V8 heap snapshot to open in DevTools (see PERFORMANCE.md).
    heapSnapshot: (request) => {
      (globalThis as { gc?: () => void }).gc?.();
      return { file: v8.writeHeapSnapshot(String(request.file)) };
    },
    ...handlers,
  };
  process.on('message', (message) => {
    const request = message as { id: number; type: string };
    const handler = all[request.type];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown request ${request.type}`);
        return handler(request);
      })
      .then(
        (reply) => process.send?.({ ...reply, id: request.id }),
        (error: unknown) => process.send?.({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
      );
  });
  // The parent going away (crash, Ctrl-C) must not leave this server running.
  process.on('disconnect', () => process.exit(0));
}

// Bytes kept in ArrayBuffers (encoded states, buffers) live outside the JS heap: counted too.
function memory(): { rssMB: number; heapMB: number; arrayBuffersMB: number } {
  const { rss, heapUsed, arrayBuffers } = process.memoryUsage();
  return { rssMB: rss / 1048576, heapMB: heapUsed / 1048576, arrayBuffersMB: arrayBuffers / 1048576 };
}
