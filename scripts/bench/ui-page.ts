/**
 * Scripts that `ui.ts` runs inside the page. They are passed as text: tsx's name-keeping helpers do
 * not exist in the page.
 *
 * Two clocks are read in the page:
 * - A frame's start is the timestamp Chromium hands to requestAnimationFrame callbacks: the time of
 *   the BeginFrame (vsync) that frame belongs to, the same for every callback of that frame. The
 *   interval between two frames' timestamps is the frame time the user sees: one refresh interval
 *   when the frame was on time, two or more when a frame was dropped. (performance.now() read after
 *   awaiting the callback adds the callback's own scheduling jitter to every interval.)
 * - A frame is "done" when a message posted from its requestAnimationFrame callback is delivered:
 *   that task runs after the frame's style, layout, paint and commit on the main thread, and after
 *   any task queued before it (such as React's render for the frame's scroll event).
 */

/** Resolves after the main thread has produced the frame that follows the current DOM. */
export const AFTER_NEXT_FRAME = `() => new Promise((resolve) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve(performance.now());
  channel.port2.postMessage(0);
}))`;

/**
 * Clicks the library item titled `title` and returns the milliseconds from the click to the end of
 * the first frame that shows that document in the reader with at least `highlights` highlights.
 */
export function openDocumentScript(title: string, highlights: number): string {
  return `(async () => {
    const title = ${JSON.stringify(title)};
    const wanted = ${String(highlights)};
    const afterNextFrame = ${AFTER_NEXT_FRAME};
    const button = Array.from(document.querySelectorAll('.doc-list__item')).find((item) => item.textContent.includes(title));
    if (button === undefined) throw new Error('no library item titled ' + title);
    const shown = () =>
      document.querySelector('article.reader')?.getAttribute('aria-label') === title &&
      document.querySelectorAll('.reader__body mark').length >= wanted;
    performance.mark('bench-start');
    const started = performance.now();
    button.click();
    // A mutation observer sees the commit that puts the document in the DOM, with no polling delay.
    await new Promise((resolve) => {
      if (shown()) return resolve();
      const observer = new MutationObserver(() => {
        if (!shown()) return;
        observer.disconnect();
        resolve();
      });
      observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label'] });
    });
    const painted = await afterNextFrame();
    performance.mark('bench-end');
    return painted - started;
  })()`;
}

export type FrameSample = Readonly<{
  /** Time since the previous frame's start (rAF timestamps). */
  interval: number;
  /** Frame start to the end of the main thread's work for that frame. */
  work: number;
  /** Whether a row still waiting for its data was in view in the frame. */
  placeholderInView: boolean;
  /** Whether part of the view had no row element at all in the frame. */
  blankInView: boolean;
}>;

/**
 * Runs `frames` frames of the all-excerpts list, scrolling it by `pixelsPerFrame` at the start of
 * each frame (0 for the idle baseline), and returns one sample per frame.
 */
export function frameLoopScript(frames: number, pixelsPerFrame: number): string {
  return `(async () => {
    const scroller = document.querySelector('.virtual-list');
    const rowHeight = 84;
    const samples = [];
    const placeholderInView = () => {
      const top = scroller.scrollTop;
      const bottom = top + scroller.clientHeight;
      for (const row of scroller.querySelectorAll('.excerpt-row--loading')) {
        const rowTop = parseFloat(row.parentElement.style.top);
        if (rowTop + rowHeight > top && rowTop < bottom) return true;
      }
      return false;
    };
    // Whether some row slot in view has no row element (the list has not caught up with the scroll).
    const blankInView = () => {
      const tops = new Set();
      for (const row of scroller.querySelectorAll('.virtual-list__row')) tops.add(parseFloat(row.style.top));
      const first = Math.floor(scroller.scrollTop / rowHeight);
      const last = Math.min(
        Math.floor((scroller.scrollTop + scroller.clientHeight - 1) / rowHeight),
        Math.floor((scroller.scrollHeight - 1) / rowHeight),
      );
      for (let index = first; index <= last; index += 1) if (!tops.has(index * rowHeight)) return true;
      return false;
    };
    await new Promise((resolve) => {
      let last = null;
      let count = 0;
      const tick = (stamp) => {
        if (count === ${String(frames)}) {
          // Let the last frame's message arrive.
          setTimeout(resolve, 50);
          return;
        }
        count += 1;
        if (${String(pixelsPerFrame)} !== 0) scroller.scrollTop += ${String(pixelsPerFrame)};
        // What this frame paints: the new scroll position over the rows already in the DOM (the
        // list renders new rows in response to the scroll event, which fires in the next frame).
        const sample = { interval: last === null ? null : stamp - last, work: 0, placeholderInView: placeholderInView(), blankInView: blankInView() };
        last = stamp;
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          sample.work = performance.now() - stamp;
          if (sample.interval !== null) samples.push(sample);
        };
        channel.port2.postMessage(0);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    return samples;
  })()`;
}
