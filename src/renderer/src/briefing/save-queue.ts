/**
 * Sends briefing edits to the store one at a time, in the order they were made, so the store always
 * sees the analyst's sequence. An edit with a `key` (typing in one block) replaces the last queued
 * edit when it has the same key and has not started yet: only the latest text is sent, and nothing
 * typed is dropped, since every keystroke still ends up in some save.
 */
export type SaveQueue = Readonly<{
  push: <T>(work: () => Promise<T>, key?: string) => Promise<T | undefined>;
  /** How many edits are waiting or in flight. */
  pending: () => number;
  /** Resolves when every queued edit has settled. */
  idle: () => Promise<void>;
}>;

type Job = { key: string | undefined; run: () => Promise<void>; skip: () => void };

export function createSaveQueue(): SaveQueue {
  const jobs: Job[] = [];
  let running = false;
  let waiters: (() => void)[] = [];

  const pump = async () => {
    if (running) return;
    running = true;
    while (jobs.length > 0) {
      const job = jobs.shift();
      if (job !== undefined) await job.run();
    }
    running = false;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  return {
    push<T>(work: () => Promise<T>, key?: string) {
      return new Promise<T | undefined>((resolve, reject) => {
        // Only the last queued edit may be replaced: an edit queued after it (an undo, a move)
        // must still reach the store after the typing that came before it.
        if (key !== undefined && jobs.at(-1)?.key === key) jobs.pop()?.skip();
        jobs.push({
          key,
          run: () => work().then(resolve, reject),
          skip: () => resolve(undefined),
        });
        void pump();
      });
    },
    pending: () => jobs.length + (running ? 1 : 0),
    idle: () =>
      running || jobs.length > 0 ? new Promise<void>((resolve) => waiters.push(resolve)) : Promise.resolve(),
  };
}
