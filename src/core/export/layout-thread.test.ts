import { afterEach, describe, expect, it } from 'vitest';
import { isCoreError } from '../errors';
import { FONTS_DIR } from '../testing/temp-core';
import { LayoutThread } from './layout-thread';
import { previewPdf, renderPdf } from './pdf';
import { sourceLayoutWorker } from './source-worker';
import { latinModel } from './testing/print-models';

const FIXED_DATE = new Date('2026-11-27T12:00:00Z');
const options = {
  fontsDir: FONTS_DIR,
  creationDate: FIXED_DATE,
  settings: { titlePage: true, contents: 'always' as const },
};

let thread: LayoutThread | undefined;
afterEach(async () => {
  await thread?.close();
  thread = undefined;
});

describe('the layout thread', () => {
  it('writes the same bytes as laying out on this thread, telling each page as it is added', async () => {
    thread = new LayoutThread(sourceLayoutWorker());
    const seen: number[] = [];
    const result = await thread.render(latinModel(), { ...options, onPage: (pages) => seen.push(pages) });
    const local = await renderPdf(latinModel(), options);
    expect(result.pages).toBe(local.pages);
    expect(result.bytes.equals(local.bytes)).toBe(true);
    // Page 1 exists from the start; every page after it is reported, in order.
    expect(seen).toEqual(Array.from({ length: local.pages - 1 }, (_, index) => index + 2));
  });

  it('answers previews in the order they were asked, as laid out on this thread', async () => {
    thread = new LayoutThread(sourceLayoutWorker());
    const short = { ...latinModel(), sections: latinModel().sections.slice(0, 1) };
    const [first, second] = await Promise.all([
      thread.preview(latinModel(), options),
      thread.preview(short, options),
    ]);
    expect(first).toEqual(previewPdf(latinModel(), options));
    expect(second).toEqual(previewPdf(short, options));
  });

  it('fails one job with a plain message and carries on with the next', async () => {
    thread = new LayoutThread(sourceLayoutWorker());
    const failed = await thread
      .render(latinModel(), { ...options, fontsDir: '/no/such/fonts' })
      .catch((error: unknown) => error);
    expect(isCoreError(failed) && failed.code).toBe('export-failed');
    expect((failed as Error).message).toMatch(/The layout failed: .*no such file/i);
    const ok = await thread.render(latinModel(), options);
    expect(ok.pages).toBeGreaterThan(1);
  });

  it('replaces a thread that runs out of memory', async () => {
    thread = new LayoutThread(sourceLayoutWorker(), 16);
    const huge = {
      ...latinModel(),
      sections: [
        {
          heading: 'Long',
          level: 1 as const,
          blocks: Array.from({ length: 20_000 }, () => latinModel().sections[0]?.blocks[0]).filter(
            (block) => block !== undefined,
          ),
        },
      ],
    };
    const failed = await thread.render(huge, options).catch((error: unknown) => error);
    expect(isCoreError(failed) && failed.code).toBe('export-failed');
    await thread.close();
    thread = new LayoutThread(sourceLayoutWorker());
    expect((await thread.render(latinModel(), options)).pages).toBeGreaterThan(1);
  }, 60_000);
});
