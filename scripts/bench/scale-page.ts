/**
 * Scripts `scale.ts` runs inside the page, passed as text (tsx's helpers do not exist there). Long
 * tasks come from a PerformanceObserver('longtask') installed before the app's own scripts run.
 */

import { AFTER_NEXT_FRAME } from './ui-page';

/**
 * Installed with addInitScript (before any of the page's scripts): records every long task, and
 * the moment the library list first shows a document and that frame has been produced
 * (`window.__usable`, milliseconds since navigation start).
 */
export const START_PROBE = `(() => {
  window.__longtasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longtasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  window.__usable = null;
  const observer = new MutationObserver(() => {
    if (document.querySelector('.doc-list__item') === null) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { window.__usable = performance.now(); };
      channel.port2.postMessage(0);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
})()`;

export type LongTasks = Readonly<{ count: number; longestMs: number; totalMs: number }>;

/** The long tasks recorded between two page times, as an expression evaluated in the page. */
export function longTasksBetween(from: string, to: string): string {
  return `(() => {
    const tasks = window.__longtasks.filter((task) => task.start >= ${from} && task.start < ${to});
    return {
      count: tasks.length,
      longestMs: tasks.reduce((max, task) => Math.max(max, task.duration), 0),
      totalMs: tasks.reduce((sum, task) => sum + task.duration, 0),
    };
  })()`;
}

export type ScrollSample = Readonly<{
  found: boolean;
  frames: number;
  intervals: number[];
  longTasks: LongTasks;
  scrolledPx: number;
  scrollHeightPx: number;
  /** Elements inside the scroller at the end: a virtualised list keeps this small. */
  elementsInList: number;
}>;

/**
 * Scrolls the element matching `selector` (or its nearest scrolling ancestor) for `frames` frames: by `pixelsPerFrame` each frame, or
 * (`jump`) to a pseudo-random position anywhere in the list each frame. Records frame intervals
 * (requestAnimationFrame timestamps) and the long tasks that started during the loop.
 */
export function scrollScript(
  selector: string,
  frames: number,
  pixelsPerFrame: number,
  jump: boolean,
): string {
  return `(async () => {
    // The element itself, or the nearest ancestor that scrolls it.
    let scroller = document.querySelector(${JSON.stringify(selector)});
    while (scroller !== null && !(scroller.scrollHeight > scroller.clientHeight && /auto|scroll/.test(getComputedStyle(scroller).overflowY))) {
      scroller = scroller.parentElement;
    }
    if (scroller === null) return { found: false, frames: 0, intervals: [], longTasks: { count: 0, longestMs: 0, totalMs: 0 }, scrolledPx: 0, scrollHeightPx: 0, elementsInList: 0 };
    const afterNextFrame = ${AFTER_NEXT_FRAME};
    scroller.scrollTop = 0;
    await afterNextFrame();
    await new Promise((resolve) => setTimeout(resolve, 200));
    let seed = 12345;
    const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const intervals = [];
    let scrolled = 0;
    const started = performance.now();
    await new Promise((resolve) => {
      let last = null;
      let count = 0;
      const tick = (stamp) => {
        if (last !== null) intervals.push(stamp - last);
        last = stamp;
        if (count === ${String(frames)}) return resolve();
        count += 1;
        const before = scroller.scrollTop;
        if (${String(jump)}) scroller.scrollTop = Math.floor(random() * Math.max(0, scroller.scrollHeight - scroller.clientHeight));
        else scroller.scrollTop += ${String(pixelsPerFrame)};
        scrolled += Math.abs(scroller.scrollTop - before);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await afterNextFrame();
    // A long task is reported when it ends; let the last ones arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ended = performance.now();
    const tasks = window.__longtasks.filter((task) => task.start >= started && task.start < ended);
    return {
      found: true,
      frames: intervals.length,
      intervals,
      longTasks: {
        count: tasks.length,
        longestMs: tasks.reduce((max, task) => Math.max(max, task.duration), 0),
        totalMs: tasks.reduce((sum, task) => sum + task.duration, 0),
      },
      scrolledPx: scrolled,
      scrollHeightPx: scroller.scrollHeight,
      elementsInList: scroller.querySelectorAll('*').length,
    };
  })()`;
}

/** Times each call of `method` with each input through window.briefing, as the app's api.ts calls it. */
export function timeCallsScript(method: string, inputs: readonly unknown[]): string {
  return `(async () => {
    const inputs = ${JSON.stringify(inputs)};
    const times = [];
    for (const input of inputs) {
      const started = performance.now();
      const envelope = await window.briefing[${JSON.stringify(method)}](input);
      if (!envelope.ok) throw new Error(${JSON.stringify(method)} + ' failed: ' + envelope.error.message);
      times.push(performance.now() - started);
    }
    return times;
  })()`;
}

/** The titles of the documents the library list shows now. */
export const VISIBLE_TITLES = `Array.from(document.querySelectorAll('.doc-list__item .doc-list__title'), (title) => title.textContent)`;
