import { chromium, type Page } from '@playwright/test';
import { join } from 'node:path';
import { startE2eHost } from '../../e2e/host/server';
import { findSystemChromium, QUIET_CHROMIUM_ARGS } from '../../e2e/support/browsers';
import { importPaths } from '../../src/core/corpus/import';
import { seededRandom } from '../../src/core/testing/random';
import { CORPUS_DIR, createHeadlessCore, tempDir } from '../../src/core/testing/temp-core';
import {
  INSTALL_KEY_PROBE,
  INSTALL_MOVE_PROBE,
  openBriefingScript,
  START_FRAME_RECORDER,
} from './composer-page';
import { addBenchBlocks } from './bench-briefing';
import { round } from './measure';

const BIG = 'Benchmark: a 300-block briefing';
const SMALL = 'Benchmark: a short briefing';
const BLOCKS = 300;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const summary = (values: readonly number[]) => ({
  samples: values.length,
  p50Ms: round(percentile(values, 50), 1),
  p95Ms: round(percentile(values, 95), 1),
  maxMs: round(Math.max(0, ...values), 1),
});

/** A library with the sample corpus, ~150 sentence excerpts and a 300-block briefing (plus a short one). */
export async function buildComposerLibrary(dataDir: string): Promise<void> {
  const core = createHeadlessCore(dataDir);
  try {
    await importPaths(core.db, [CORPUS_DIR], () => new Date());
    const api = core.handlers;
    const excerptIds: string[] = [];
    for (const summary of await api.listDocuments({})) {
      const { text } = await api.getDocument({ documentId: summary.id });
      for (const match of text.matchAll(/[A-Z][^.!?\n]{40,220}[.!?]/g)) {
        if (excerptIds.length >= 150) break;
        const start = match.index;
        const excerpt = await api.createExcerpt({
          documentId: summary.id,
          start,
          end: start + match[0].length,
        });
        if (!excerptIds.includes(excerpt.id)) excerptIds.push(excerpt.id);
      }
    }
    const random = seededRandom(300);
    const big = await api.createBriefing({ title: BIG, template: 'bluf' });
    await addBenchBlocks(
      api,
      big,
      BLOCKS,
      random,
      (index) => excerptIds[(index / 2) % excerptIds.length] ?? '',
    );
    const small = await api.createBriefing({ title: SMALL });
    await api.addBriefingItem({
      briefingId: small.id,
      item: { kind: 'excerpt', excerptId: excerptIds[0] ?? '' },
    });
    await api.openBriefing({ briefingId: small.id });
  } finally {
    core.close();
  }
}

/** Polls an expression in the page (waitForFunction would need eval, which the app's CSP forbids). */
async function until(page: Page, expression: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await page.evaluate(expression)) !== true) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await page.waitForTimeout(10);
  }
}

async function openTimes(page: Page, runs: number): Promise<{ first: number; rest: number[] }> {
  const times: number[] = [];
  for (let run = 0; run <= runs; run += 1) {
    times.push(await page.evaluate<number>(openBriefingScript(BIG, BLOCKS)));
    await page.evaluate(openBriefingScript(SMALL, 1));
  }
  return { first: times[0] ?? 0, rest: times.slice(1) };
}

/**
 * In Chromium through the browser e2e host, with a 300-block briefing (150 excerpts, 90 commentary
 * blocks with two paragraphs each, 60 key judgments in five sections):
 * - opening it from the briefings list: click to the painted frame showing all 300 blocks;
 * - reordering by keyboard (Alt+↓ / Alt+↑ on a block): the key's input timestamp to the painted
 *   frame with the new order (the store saves in the background);
 * - typing in a commentary block: frame intervals and main-thread work per frame while typing
 *   (one key every 50 ms), beside the same page idle, and each key's input-to-painted time.
 */
export async function benchComposer(runs: number): Promise<object> {
  const dir = tempDir('briefing-bench-composer-');
  const host = await (async () => {
    await buildComposerLibrary(dir.path);
    return startE2eHost({ dataDir: dir.path, exportDir: join(dir.path, 'exports') });
  })();
  const chromiumPath = findSystemChromium();
  const browser = await chromium.launch({
    ...(chromiumPath === undefined ? {} : { executablePath: chromiumPath }),
    args: QUIET_CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(host.url);
    await page.locator('.briefing__title', { hasText: SMALL }).waitFor();
    const open = await openTimes(page, Math.max(5, runs * 2));

    // Reorder: 60 moves of blocks near the top of the briefing, down then up.
    await page.evaluate(openBriefingScript(BIG, BLOCKS));
    await page.evaluate(INSTALL_MOVE_PROBE);
    for (let move = 0; move < 60; move += 1) {
      const block = page.locator('[data-item-id]').nth(4 + (move % 6));
      await block.focus();
      await page.keyboard.press(move % 2 === 0 ? 'Alt+ArrowDown' : 'Alt+ArrowUp');
      await until(page, `window.__moves.length === ${String(move + 1)}`);
      await page.waitForTimeout(30);
    }
    const moves = await page.evaluate<number[]>('window.__moves');

    // Typing: the idle page first, then the same while typing into a commentary block.
    const frames = async (work: () => Promise<void>) => {
      await page.evaluate(START_FRAME_RECORDER);
      await work();
      await page.evaluate('window.__stopFrames = true');
      await page.waitForTimeout(50);
      return page.evaluate<{ interval: number; work: number }[]>('window.__frames');
    };
    const editor = page.getByRole('textbox', { name: 'Commentary' }).nth(20);
    await editor.scrollIntoViewIfNeeded();
    await editor.click();
    await page.keyboard.press('End');
    const idle = await frames(() => page.waitForTimeout(6000));
    await page.evaluate(INSTALL_KEY_PROBE);
    const typing = await frames(() =>
      page.keyboard.type(
        ' Premiums will ease only when the insurers see a full quarter without attacks.'.repeat(2),
        {
          delay: 50,
        },
      ),
    );
    const keys = await page.evaluate<number[]>('window.__keys');

    // The same typing with the print preview open beside the composer (it follows the draft).
    await page.keyboard.press('Control+Shift+p');
    await page.locator('.print-page').first().waitFor();
    await editor.click();
    await page.keyboard.press('End');
    await page.evaluate('window.__keys = []');
    const withPreview = await frames(() =>
      page.keyboard.type(' The preview follows as the analyst types.'.repeat(2), { delay: 50 }),
    );
    const previewKeys = await page.evaluate<number[]>('window.__keys');
    const frameFigures = (samples: { interval: number; work: number }[]) => ({
      frames: samples.length,
      p50FrameMs: round(
        percentile(
          samples.map((sample) => sample.interval),
          50,
        ),
        1,
      ),
      p95FrameMs: round(
        percentile(
          samples.map((sample) => sample.interval),
          95,
        ),
        1,
      ),
      p95WorkMs: round(
        percentile(
          samples.map((sample) => sample.work),
          95,
        ),
        1,
      ),
    });
    return {
      name: `briefing composer: a ${String(BLOCKS)}-block briefing in Chromium`,
      measured:
        'through the browser e2e host: open = click in the briefings list to the painted frame with all blocks; reorder = Alt+Arrow input timestamp to the painted frame with the new order; typing = frame intervals and main-thread work per frame while typing one key per 50 ms into a commentary block, beside the idle page',
      figures: {
        open: { ...summary(open.rest), firstOpenMs: round(open.first, 1) },
        reorder: summary(moves),
        typing: {
          whileTyping: frameFigures(typing),
          idle: frameFigures(idle),
          keyToPaint: summary(keys),
          withPreviewOpen: { ...frameFigures(withPreview), keyToPaint: summary(previewKeys) },
        },
      },
      targets: {
        open: 'at most 300 ms',
        reorder: 'p95 at most 50 ms from input to updated view',
        typing: 'p95 frame at most 16.7 ms while typing',
      },
    };
  } finally {
    await browser.close();
    await host.close();
    dir.dispose();
  }
}
