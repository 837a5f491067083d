import type { Browser, Page } from '@playwright/test';

/**
 * Main-thread CPU time from Chromium's own trace. Wall-clock frame times on a shared machine rise
 * with every other process's load; the CPU time the page's main thread spends (`tdur` of its
 * top-level tasks) does not, so it shows what the app itself costs per frame.
 */

type TraceEvent = Readonly<{
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: Readonly<{ name?: string }>;
}>;

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'blink.user_timing',
];

function mainThreadEvents(events: readonly TraceEvent[]): TraceEvent[] {
  const main = new Set(
    events
      .filter(
        (event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain',
      )
      .map((event) => `${event.pid}:${event.tid}`),
  );
  return events.filter((event) => main.has(`${event.pid}:${event.tid}`));
}

/** Runs `work` in the page while tracing and returns the page's main-thread events. */
async function traced(browser: Browser, page: Page, work: () => Promise<unknown>): Promise<TraceEvent[]> {
  await browser.startTracing(page, { categories: CATEGORIES });
  await work();
  const buffer = await browser.stopTracing();
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  return mainThreadEvents(Array.isArray(parsed) ? parsed : parsed.traceEvents);
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Main-thread CPU per frame while `work` runs: the CPU time of the tasks that start between one
 * BeginMainThreadFrame and the next (the frame's own rendering and whatever it triggered).
 */
export async function cpuPerFrame(
  browser: Browser,
  page: Page,
  work: () => Promise<unknown>,
): Promise<{ frames: number; p50CpuMs: number; p95CpuMs: number; meanCpuMs: number }> {
  const events = await traced(browser, page, work);
  const starts = events
    .filter((event) => event.name === 'BeginMainThreadFrame')
    .map((event) => event.ts)
    .sort((a, b) => a - b);
  const tasks = events.filter((event) => event.name === 'RunTask' && event.ph === 'X');
  const perFrame = starts.slice(0, -1).map((start, index) => {
    const end = starts[index + 1] ?? start;
    return tasks
      .filter((task) => task.ts >= start && task.ts < end)
      .reduce((sum, task) => sum + (task.tdur ?? task.dur ?? 0) / 1000, 0);
  });
  return {
    frames: perFrame.length,
    p50CpuMs: percentile(perFrame, 50),
    p95CpuMs: percentile(perFrame, 95),
    meanCpuMs: perFrame.reduce((sum, value) => sum + value, 0) / Math.max(1, perFrame.length),
  };
}

/**
 * Main-thread CPU between two performance marks the page script sets (`bench-start`, `bench-end`):
 * the sum of the CPU time of the tasks that start between them.
 */
export async function cpuBetweenMarks(
  browser: Browser,
  page: Page,
  work: () => Promise<unknown>,
): Promise<number> {
  const events = await traced(browser, page, work);
  const start = events.find((event) => event.name === 'bench-start')?.ts;
  const end = events.find((event) => event.name === 'bench-end')?.ts;
  if (start === undefined || end === undefined) throw new Error('the trace lacks the benchmark marks');
  return (
    events
      .filter(
        (event) =>
          event.name === 'RunTask' &&
          event.ph === 'X' &&
          event.ts + (event.dur ?? 0) >= start &&
          event.ts < end,
      )
      .reduce((sum, event) => sum + (event.tdur ?? event.dur ?? 0), 0) / 1000
  );
}
