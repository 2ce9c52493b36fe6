/** Small helpers of the benchmark's parent process. */

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
export const now = (): number => performance.timeOrigin + performance.now();

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Progress on stderr, so that stdout carries only the table. */
export function log(message: string, detail?: unknown): void {
  process.stderr.write(`[bench] ${message}${detail === undefined ? '' : ` ${JSON.stringify(detail)}`}\n`);
}

/** Runs the task it is given after the previous one settled: one at a time, in call order. */
export type Exclusive = <T>(task: () => Promise<T>) => Promise<T>;

/** A fresh one-at-a-time queue (tasks of scenarios running side by side that must not overlap). */
export function oneAtATime(): Exclusive {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
