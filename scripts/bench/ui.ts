import { chromium } from '@playwright/test';
import { join } from 'node:path';
import { startE2eHost } from '../../e2e/host/server';
import { findSystemChromium, QUIET_CHROMIUM_ARGS } from '../../e2e/support/browsers';
import { tempDir } from '../../src/core/testing/temp-core';
import { seededRandom } from '../../src/core/testing/random';
import { generateArticle } from './corpus-generator';
import { round } from './measure';
import { buildLibrary } from './verify';
import { frameLoopScript, openDocumentScript, type FrameSample } from './ui-page';
import { cpuBetweenMarks, cpuPerFrame } from './ui-trace';

const LONG_TITLE = 'Benchmark: a 20,000-word report';
const FRAMES_PER_LOOP = 240;
const SCROLL_PIXELS_PER_FRAME = 240;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const median = (values: readonly number[]): number => percentile(values, 50);

type LoopFigures = Readonly<{
  p50FrameMs: number;
  p95FrameMs: number;
  droppedFramePercent: number;
  p50WorkMs: number;
  p95WorkMs: number;
  placeholderFramePercent: number;
  blankFramePercent: number;
}>;

/** One frame loop's figures; `refresh` is the display's refresh interval (the idle loop's median). */
function loopFigures(samples: readonly FrameSample[], refresh: number): LoopFigures {
  const intervals = samples.map((sample) => sample.interval);
  const dropped = intervals.reduce(
    (sum, interval) => sum + Math.max(0, Math.round(interval / refresh) - 1),
    0,
  );
  return {
    p50FrameMs: percentile(intervals, 50),
    p95FrameMs: percentile(intervals, 95),
    droppedFramePercent: (100 * dropped) / (samples.length + dropped),
    p50WorkMs: percentile(
      samples.map((sample) => sample.work),
      50,
    ),
    p95WorkMs: percentile(
      samples.map((sample) => sample.work),
      95,
    ),
    placeholderFramePercent:
      (100 * samples.filter((sample) => sample.placeholderInView).length) / Math.max(1, samples.length),
    blankFramePercent:
      (100 * samples.filter((sample) => sample.blankInView).length) / Math.max(1, samples.length),
  };
}

/** The median over runs of each figure, rounded for the report. */
function medianFigures(runs: readonly LoopFigures[]): LoopFigures {
  const pick = (key: keyof LoopFigures) => round(median(runs.map((run) => run[key])), 1);
  return {
    p50FrameMs: pick('p50FrameMs'),
    p95FrameMs: pick('p95FrameMs'),
    droppedFramePercent: pick('droppedFramePercent'),
    p50WorkMs: pick('p50WorkMs'),
    p95WorkMs: pick('p95WorkMs'),
    placeholderFramePercent: pick('placeholderFramePercent'),
    blankFramePercent: pick('blankFramePercent'),
  };
}

/**
 * In Chromium through the browser e2e host, on a library of `excerptCount` excerpts:
 * - the reader's first paint of a 20,000-word document with 200 highlights (click in the library to
 *   the end of the first frame that shows it), beside opening a ~900-word library document the
 *   same way, alternating the two so each open paints from scratch; the first open of the long
 *   document is the warm-up, reported apart;
 * - frame times while scrolling the all-excerpts list, `runs` loops, each beside the same frame
 *   loop without scrolling, measured just before it.
 * Set BENCH_HEADED=1 (under xvfb-run on a machine without a display) to use a headed window.
 */
export async function benchUi(excerptCount = 100_000, runs = 5) {
  const work = tempDir('bench-ui-');
  buildLibrary(work.path, excerptCount);
  const host = await startE2eHost({ dataDir: work.path, exportDir: join(work.path, 'exports'), seed: false });
  const executablePath = findSystemChromium();
  const headed = process.env['BENCH_HEADED'] === '1';
  const browser = await chromium.launch({
    ...(executablePath === undefined ? {} : { executablePath }),
    headless: !headed,
    args: QUIET_CHROMIUM_ARGS,
  });
  try {
    // The long document: ~20,000 words, 200 excerpts spread through it.
    const random = seededRandom(20);
    const article = generateArticle(random, 0, 20_000);
    const text = `Title: ${LONG_TITLE}\nAuthor: Bench\nOutlet: Bench Desk\n\n${article.paragraphs.join('\n\n')}`;
    const imported = await host.handlers.importPastedText({ text });
    const documentId = imported.documentId ?? '';
    const document = await host.handlers.getDocument({ documentId });
    const step = Math.floor(document.text.length / 200);
    for (let index = 0; index < 200; index += 1) {
      await host.handlers.createExcerpt({ documentId, start: index * step + 5, end: index * step + 60 });
    }
    const words = document.text.split(/\s+/).length;
    const smallDocuments = (await host.handlers.listDocuments({})).filter(
      (summary) => summary.id !== documentId,
    );

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(host.url);
    await page.locator('.doc-list__item').first().waitFor();
    const opens = Math.max(10, 2 * runs);
    const paints: number[] = [];
    const smallPaints: number[] = [];
    for (let run = 0; run <= opens; run += 1) {
      const small = smallDocuments[run % smallDocuments.length];
      if (small === undefined) throw new Error('the benchmark library has no other document');
      smallPaints.push(await page.evaluate<number>(openDocumentScript(small.title, 0)));
      paints.push(await page.evaluate<number>(openDocumentScript(LONG_TITLE, 200)));
    }
    // The same opens again under Chromium's tracing, for the main thread's CPU time.
    const cpu: number[] = [];
    const smallCpu: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      const small = smallDocuments[run % smallDocuments.length];
      if (small === undefined) throw new Error('the benchmark library has no other document');
      smallCpu.push(
        await cpuBetweenMarks(browser, page, () => page.evaluate(openDocumentScript(small.title, 0))),
      );
      cpu.push(
        await cpuBetweenMarks(browser, page, () => page.evaluate(openDocumentScript(LONG_TITLE, 200))),
      );
    }
    const [coldPaint = 0, ...warmPaints] = paints;
    const warmSmallPaints = smallPaints.slice(1);

    await page.getByRole('tab', { name: 'Excerpts' }).click();
    await page.locator('.virtual-list__row .excerpt-row__quote').first().waitFor();
    const idleRuns: LoopFigures[] = [];
    const scrollRuns: LoopFigures[] = [];
    for (let run = 0; run <= runs; run += 1) {
      const idle = await page.evaluate<FrameSample[]>(frameLoopScript(FRAMES_PER_LOOP, 0));
      const scroll = await page.evaluate<FrameSample[]>(
        frameLoopScript(FRAMES_PER_LOOP, SCROLL_PIXELS_PER_FRAME),
      );
      const refresh = median(idle.map((sample) => sample.interval));
      // The first pair is the warm-up.
      if (run === 0) continue;
      idleRuns.push(loopFigures(idle, refresh));
      scrollRuns.push(loopFigures(scroll, refresh));
    }
    const idleCpu = await cpuPerFrame(browser, page, () =>
      page.evaluate(frameLoopScript(FRAMES_PER_LOOP, 0)),
    );
    const scrollCpu = await cpuPerFrame(browser, page, () =>
      page.evaluate(frameLoopScript(FRAMES_PER_LOOP, SCROLL_PIXELS_PER_FRAME)),
    );
    const cpuFigures = (figures: typeof idleCpu) => ({
      frames: figures.frames,
      p50CpuMs: round(figures.p50CpuMs, 1),
      p95CpuMs: round(figures.p95CpuMs, 1),
      meanCpuMs: round(figures.meanCpuMs, 1),
    });
    const listed = await page.locator('.selection-bar__count').textContent();
    return {
      name: `reader and all-excerpts view in Chromium (${excerptCount} excerpts)`,
      browser: headed ? 'Chromium, headed window' : 'Chromium, headless',
      readerFirstPaint: {
        words,
        highlights: 200,
        runs: warmPaints.length,
        medianMs: round(median(warmPaints), 1),
        p90Ms: round(percentile(warmPaints, 90), 1),
        maxMs: round(Math.max(...warmPaints), 1),
        firstOpenMs: round(coldPaint, 1),
        baselineSmallDocumentMedianMs: round(median(warmSmallPaints), 1),
        baselineSmallDocumentMaxMs: round(Math.max(...warmSmallPaints), 1),
        mainThreadCpuMedianMs: round(median(cpu), 1),
        baselineSmallDocumentMainThreadCpuMedianMs: round(median(smallCpu), 1),
        measured:
          'click in the library to the end of the first frame that shows the document with its highlights; ' +
          'main-thread CPU over the same span from a Chromium trace (3 more opens of each)',
        target: 'first paint < 200 ms',
      },
      allExcerptsScroll: {
        listed,
        runs: scrollRuns.length,
        framesPerRun: FRAMES_PER_LOOP,
        scrollPixelsPerFrame: SCROLL_PIXELS_PER_FRAME,
        scrolling: medianFigures(scrollRuns),
        idleBaseline: medianFigures(idleRuns),
        mainThreadCpuPerFrame: { scrolling: cpuFigures(scrollCpu), idleBaseline: cpuFigures(idleCpu) },
        p95FrameMsPerRun: scrollRuns.map((run) => round(run.p95FrameMs, 1)),
        idleP95FrameMsPerRun: idleRuns.map((run) => round(run.p95FrameMs, 1)),
        measured:
          'medians over runs; frame = interval between requestAnimationFrame timestamps (vsync-aligned frame starts), ' +
          'dropped = frames that took more than one refresh interval, work = frame start to the end of its main-thread work, ' +
          'placeholder = frames showing a row whose data had not arrived, blank = frames with part of the view not yet rendered; ' +
          'main-thread CPU per frame from a Chromium trace of one more loop of each (not load-sensitive like wall time)',
        target: 'p95 frame <= 16.7 ms (the display refresh, so p95 near 16.7 means no dropped frames)',
      },
    };
  } finally {
    await browser.close();
    await host.close();
    work.dispose();
  }
}
