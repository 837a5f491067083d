/**
 * Sends briefing edits to the store one at a time, in the order they were made, so the store always
 * sees the analyst's sequence. An edit with a `key` (typing in one block) replaces a queued edit
 * with the same key that has not started yet: only the latest text is sent, and nothing typed is
 * dropped, since every keystroke still ends up in some save.
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
        if (key !== undefined) {
          const index = jobs.findIndex((job) => job.key === key);
          const replaced = index >= 0 ? jobs.splice(index, 1)[0] : undefined;
          replaced?.skip();
        }
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
