import { chromium } from '@playwright/test';
import { join } from 'node:path';
import { startE2eHost } from '../../e2e/host/server';
import { findSystemChromium, QUIET_CHROMIUM_ARGS } from '../../e2e/support/browsers';
import { tempDir } from '../../src/core/testing/temp-core';
import { seededRandom } from '../../src/core/testing/random';
import { generateArticle } from './corpus-generator';
import { round } from './measure';
import { buildLibrary } from './verify';

const LONG_TITLE = 'Benchmark: a 20,000-word report';

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * In Chromium through the browser e2e host, on a library of `excerptCount` excerpts: the reader's
 * first paint of a 20,000-word document with 200 highlights (click in the library to the frame
 * after the highlights are in the DOM), and frame times while scrolling the all-excerpts list.
 */
export async function benchUi(excerptCount = 100_000) {
  const work = tempDir('bench-ui-');
  buildLibrary(work.path, excerptCount);
  const host = await startE2eHost({ dataDir: work.path, exportDir: join(work.path, 'exports'), seed: false });
  const executablePath = findSystemChromium();
  const browser = await chromium.launch({
    ...(executablePath === undefined ? {} : { executablePath }),
    args: QUIET_CHROMIUM_ARGS,
  });
  try {
    // The long document: ~20,000 words, 200 excerpts spread through it.
    const random = seededRandom(20);
    const article = generateArticle(random, 0, 20_000);
    const text = `Title: ${LONG_TITLE}\nAuthor: Bench\nOutlet: Bench Desk\n\n${article.paragraphs.join('\n\n')}`;
    const imported = await host.core.handlers.importPastedText({ text });
    const documentId = imported.documentId ?? '';
    const document = await host.core.handlers.getDocument({ documentId });
    const step = Math.floor(document.text.length / 200);
    for (let index = 0; index < 200; index += 1) {
      await host.core.handlers.createExcerpt({ documentId, start: index * step + 5, end: index * step + 60 });
    }
    const words = document.text.split(/\s+/).length;

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(host.url);
    await page.locator('.doc-list__item').first().waitFor();
    const paints: number[] = [];
    for (let run = 0; run < 6; run += 1) {
      // Open another document first, so every run paints the long one from scratch.
      await page
        .locator('.doc-list__item')
        .nth(run + 1)
        .click();
      await page.locator('.reader__title').waitFor();
      // Page scripts are passed as text: tsx's name-keeping helpers do not exist in the page.
      const ms = await page.evaluate<number>(`(async () => {
        const title = ${JSON.stringify(LONG_TITLE)};
        const button = Array.from(document.querySelectorAll('.doc-list__item')).find((item) => item.textContent.includes(title));
        const started = performance.now();
        button.click();
        await new Promise((resolve) => {
          const check = () => {
            if (document.querySelectorAll('.reader__body mark').length >= 200) requestAnimationFrame(() => resolve());
            else requestAnimationFrame(check);
          };
          check();
        });
        return performance.now() - started;
      })()`);
      paints.push(ms);
    }

    await page.getByRole('tab', { name: 'Excerpts' }).click();
    await page.locator('.virtual-list__row .excerpt-row__quote').first().waitFor();
    // The same frame loop without scrolling: the browser's own frame-time noise, as a baseline.
    const idleFrames = await page.evaluate<number[]>(`(async () => {
      const scroller = document.querySelector('.virtual-list');
      const deltas = [];
      let last = performance.now();
      for (let frame = 0; frame < 300; frame += 1) {
        await new Promise((resolve) => requestAnimationFrame(() => resolve()));
        const now = performance.now();
        deltas.push(now - last);
        last = now;
      }
      return deltas;
    })()`);
    const frames = await page.evaluate<number[]>(`(async () => {
      const scroller = document.querySelector('.virtual-list');
      const deltas = [];
      let last = performance.now();
      for (let frame = 0; frame < 300; frame += 1) {
        scroller.scrollTop += 240;
        await new Promise((resolve) => requestAnimationFrame(() => resolve()));
        const now = performance.now();
        deltas.push(now - last);
        last = now;
      }
      return deltas;
    })()`);
    const listed = await page.locator('.selection-bar__count').textContent();
    return {
      name: `reader and all-excerpts view in Chromium (${excerptCount} excerpts)`,
      readerFirstPaint: {
        words,
        highlights: 200,
        runs: paints.length,
        medianMs: round(percentile(paints, 50), 1),
        maxMs: round(Math.max(...paints), 1),
        target: 'first paint < 200 ms',
      },
      allExcerptsScroll: {
        listed,
        frames: frames.length,
        p50FrameMs: round(percentile(frames, 50), 1),
        p95FrameMs: round(percentile(frames, 95), 1),
        idleBaselineP50FrameMs: round(percentile(idleFrames, 50), 1),
        idleBaselineP95FrameMs: round(percentile(idleFrames, 95), 1),
        scrollPixelsPerFrame: 240,
        target: 'p95 frame <= 16.7 ms (the display refresh, so p95 near 16.7 means no dropped frames)',
      },
    };
  } finally {
    await browser.close();
    await host.close();
    work.dispose();
  }
}
