/** Helpers shared by the load processes. */

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
export const now = (): number => performance.timeOrigin + performance.now();

const WORDS = 'le collectif rédige sa charte et son budget pour appel à projets avec les mentors du quartier'.split(' ');

/** About 600 characters of French-looking prose (one of five paragraphs of a page). */
export function pageText(seed: number): string {
  const words: string[] = [];
  for (let i = 0; words.join(' ').length < 600; i++) words.push(WORDS[(seed * 7 + i * 3) % WORDS.length]!);
  return words.join(' ');
}

/** Answers the parent's IPC requests with `handlers`; exits when the parent goes away. */
export function reply(handlers: Record<string, (r: Record<string, unknown>) => Promise<Record<string, unknown>>>): void {
  process.on('message', (message) => {
    const request = message as { id: number; type: string };
    const handler = handlers[request.type];
    (handler ? handler(request) : Promise.reject(new Error(`unknown request ${request.type}`))).then(
      (result) => process.send?.({ ...result, id: request.id }),
      (error: unknown) => process.send?.({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ ready: true });
}
