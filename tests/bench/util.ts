/** Small helpers of the benchmark's parent process. */

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
export const now = (): number => performance.timeOrigin + performance.now();

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Progress on stderr, so that stdout carries only the table. */
export function log(message: string, detail?: unknown): void {
  process.stderr.write(`[bench] ${message}${detail === undefined ? '' : ` ${JSON.stringify(detail)}`}\n`);
}
