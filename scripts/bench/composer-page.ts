/**
 * Scripts `composer.ts` runs inside the page, passed as text (tsx's helpers do not exist there).
 * "Painted" is when a message posted from the next requestAnimationFrame callback arrives: after
 * that frame's style, layout, paint and commit on the main thread (see ui-page.ts).
 */

import { AFTER_NEXT_FRAME } from './ui-page';

/**
 * Opens the briefing titled `title` from the briefings list and answers the milliseconds from the
 * click to the painted frame that shows all `blocks` of its blocks.
 */
export function openBriefingScript(title: string, blocks: number): string {
  return `(async () => {
    const afterNextFrame = ${AFTER_NEXT_FRAME};
    const toggle = document.querySelector('.briefing-toolbar__switch');
    if (document.querySelector('.briefings-list') === null) toggle.click();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const entry = Array.from(document.querySelectorAll('.briefings-list__open')).find((button) =>
      button.querySelector('.briefings-list__title')?.textContent === ${JSON.stringify(title)});
    if (entry === undefined) throw new Error('no briefing titled ' + ${JSON.stringify(title)});
    const shown = () =>
      document.querySelector('.briefing__title')?.textContent === ${JSON.stringify(title)} &&
      document.querySelectorAll('[data-item-id]').length === ${String(blocks)};
    const started = performance.now();
    entry.click();
    await new Promise((resolve) => {
      if (shown()) return resolve();
      const observer = new MutationObserver(() => {
        if (!shown()) return;
        observer.disconnect();
        resolve();
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    return (await afterNextFrame()) - started;
  })()`;
}

/**
 * Installs a listener that, for each Alt+Arrow keydown on a block, records the time from the
 * event (its input timestamp) to the painted frame in which the blocks' order has changed.
 */
export const INSTALL_MOVE_PROBE = `(() => {
  const afterNextFrame = ${AFTER_NEXT_FRAME};
  const order = () => Array.from(document.querySelectorAll('[data-item-id]'), (element) => element.dataset.itemId).join(',');
  window.__moves = [];
  window.addEventListener('keydown', (event) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    const before = order();
    const start = event.timeStamp;
    const observer = new MutationObserver(() => {
      if (order() === before) return;
      observer.disconnect();
      void afterNextFrame().then((painted) => window.__moves.push(painted - start));
    });
    observer.observe(document.querySelector('.composer'), { childList: true, subtree: true });
  }, true);
})()`;

/** Records every frame (rAF timestamps and main-thread work) until `window.__stopFrames` is set. */
export const START_FRAME_RECORDER = `(() => {
  window.__frames = [];
  window.__stopFrames = false;
  let last = null;
  const tick = (stamp) => {
    if (window.__stopFrames) return;
    const sample = { interval: last === null ? null : stamp - last, work: 0 };
    last = stamp;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      sample.work = performance.now() - stamp;
      if (sample.interval !== null) window.__frames.push(sample);
    };
    channel.port2.postMessage(0);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

/** Records, for each printable keydown, the time from the event to the painted frame after it. */
export const INSTALL_KEY_PROBE = `(() => {
  const afterNextFrame = ${AFTER_NEXT_FRAME};
  window.__keys = [];
  window.addEventListener('keydown', (event) => {
    if (event.key.length !== 1 || event.altKey || event.ctrlKey) return;
    const start = event.timeStamp;
    void afterNextFrame().then((painted) => window.__keys.push(painted - start));
  }, true);
})()`;
