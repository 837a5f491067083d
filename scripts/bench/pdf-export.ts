import PDFDocument from 'pdfkit';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { composeBriefing, type ComposeSpec } from '../../src/core/briefing/compose';
import { requireBriefing } from '../../src/core/briefing/service';
import { importPaths } from '../../src/core/corpus/import';
import { LayoutThread } from '../../src/core/export/layout-thread';
import { exportBriefingTo, printModelFor } from '../../src/core/export/service';
import { sourceLayoutWorker } from '../../src/core/export/source-worker';
import type { PrintModel } from '../../src/core/export/layout';
import { createTempCore, type TempCore } from '../../src/core/testing/temp-core';
import { round } from './measure';

const QUOTES_PER_SECTION = 6;
/** Sections for about 20 and about 200 pages (each section is a heading, 6 quotes, 6 commentaries). */
const SIZES = [
  { label: '20-page', sections: 10 },
  { label: '200-page', sections: 120 },
] as const;

/** Paragraphs of the sample corpus quoted in turn, each followed by a line of commentary. */
async function benchBriefing(core: TempCore, sectionCount: number): Promise<string> {
  const documents = await core.handlers.listDocuments({});
  const sections: ComposeSpec['sections'] = [];
  for (let index = 0; index < sectionCount; index += 1) {
    const summary = documents[index % documents.length];
    if (summary === undefined) break;
    const document = await core.handlers.getDocument({ documentId: summary.id });
    const paragraphs = document.blocks.filter((block) => block.kind === 'paragraph');
    const items: ComposeSpec['sections'][number]['items'] = [];
    for (let quote = 0; quote < QUOTES_PER_SECTION; quote += 1) {
      const block = paragraphs[(quote + index) % paragraphs.length];
      if (block === undefined) continue;
      items.push({ document: summary.id, quote: document.text.slice(block.start, block.end) });
      items.push({
        text: `Commentary ${quote + 1} on ${summary.title}: the passage bears on the outlook and is weighed against other reporting.`,
      });
    }
    sections.push({ heading: `${index + 1}. ${summary.title}`, items });
  }
  return composeBriefing(
    core.db,
    {
      title: 'Benchmark briefing',
      author: 'Bench',
      date: '2026-11-27',
      marking: 'TLP:CLEAR',
      bluf: 'A long briefing for timing.',
      sections,
    },
    new Date(),
  );
}

/**
 * The ceiling: bare pdfkit setting the same text in the same fonts, sizes, widths, line gaps and
 * alignment (left, as the app sets it), with the same embedded subsets, into a buffer: the title
 * page, a contents line per section, the sections, the notes, and on every page the marking twice
 * and the footer. None of the app's layout rules (keeping blocks and headings together), links,
 * bookmarks, tags, rules and boxes, or checks.
 */
async function barePdfkit(model: PrintModel, fontsDir: string): Promise<number> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 78, bottom: 86, left: 72, right: 72 },
    bufferPages: true,
  });
  doc.registerFont('Regular', join(fontsDir, 'DejaVuSans.ttf'));
  doc.registerFont('Bold', join(fontsDir, 'DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve) => doc.on('end', resolve));
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const width = 595.28 - 144;
  doc.font('Bold').fontSize(28).text(model.title, 72, 270, { width });
  doc.font('Regular').fontSize(10.5).text(model.byline, { width });
  doc.addPage();
  doc.font('Bold').fontSize(14).text('Contents', { width });
  for (const [index, section] of model.sections.entries()) {
    doc
      .font('Regular')
      .fontSize(11)
      .text(`${section.heading}  ${index + 3}`, 72, doc.y, { width });
  }
  doc.addPage();
  doc.font('Regular').fontSize(11).text(model.bluf, { width, lineGap: 3 });
  for (const section of model.sections) {
    doc.font('Bold').fontSize(14).text(section.heading, 72, doc.y, { width });
    for (const block of section.blocks) {
      if (block.kind === 'quote') {
        doc
          .font('Regular')
          .fontSize(11)
          .text(block.text, 92, doc.y, { width: width - 20, lineGap: 3 });
        doc.fontSize(9.5).text(`— ${block.attribution}`, 92, doc.y, { width: width - 20 });
      } else {
        const text = block.kind === 'judgment' ? block.text : block.runs.map((run) => run.text).join('');
        doc.font('Regular').fontSize(11).text(text, 72, doc.y, { width, lineGap: 3 });
      }
    }
  }
  doc.font('Bold').fontSize(14).text('Notes', 72, doc.y, { width });
  for (const note of model.notes) {
    doc.font('Regular').fontSize(9.5).text(`${note.number}. ${note.text}`, 72, doc.y, { width });
  }
  const pages = doc.bufferedPageRange().count;
  for (let index = 0; index < pages; index += 1) {
    doc.switchToPage(index);
    doc.page.margins.bottom = 0;
    doc
      .font('Bold')
      .fontSize(9)
      .text(model.marking, 0, 30, { width: 595.28, align: 'center', lineBreak: false });
    doc.text(model.marking, 0, 803, { width: 595.28, align: 'center', lineBreak: false });
    doc.font('Regular').fontSize(8.5).text(model.title, 72, 780, { lineBreak: false });
    doc.text(`Page ${index + 1} of ${pages}`, 72, 780, { width, align: 'right', lineBreak: false });
  }
  doc.end();
  await done;
  return pages;
}

type Work = () => Promise<void>;

/**
 * Runs each piece of work once to warm up, then `runs` rounds in which each runs once in turn;
 * returns every piece's times (ms) in round order.
 */
async function pairedRuns<K extends string>(
  runs: number,
  work: Record<K, Work>,
): Promise<Record<K, number[]>> {
  const entries = Object.entries(work) as [K, Work][];
  for (const [, run] of entries) await run();
  const samples = Object.fromEntries(entries.map(([key]) => [key, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < runs; round += 1) {
    for (const [key, run] of entries) {
      const started = process.hrtime.bigint();
      await run();
      samples[key].push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  return samples;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timing(samples: readonly number[]) {
  return {
    runs: samples.length,
    medianMs: round(median(samples)),
    minMs: round(Math.min(...samples)),
    maxMs: round(Math.max(...samples)),
  };
}

/**
 * The export in a fresh process of its own (the store open, the layout thread, the file written):
 * its peak resident memory over all threads, and the time of that single export.
 */
function exportInOwnProcess(dataDir: string, briefingId: string, out: string) {
  const script = join(__dirname, 'pdf-memory.ts');
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', script, dataDir, briefingId, out], {
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as { pages: number; ms: number; beforeMb: number; peakMb: number };
}

/**
 * Exporting a 20-page and a 200-page briefing (integrity check, layout, pdfkit with embedded fonts,
 * atomic write) as the app does it, on its layout thread, beside bare pdfkit setting the same text
 * in the same run, in turns. Figures: pages per second and its ratio to the ceiling (the median of
 * the turns' ratios; target at least 0.8),
 * the 200-page export time (target at most 4.5 s) and the process's peak memory during that export
 * (target at most 300 MB), plus the same export laid out on the calling thread.
 */
export async function benchPdfExport(corpusDir: string, fontsDir: string, runs: number) {
  const core = createTempCore();
  const thread = new LayoutThread(sourceLayoutWorker());
  try {
    await importPaths(core.db, [corpusDir], () => new Date());
    const results = [];
    for (const size of SIZES) {
      const briefing = requireBriefing(core.db, await benchBriefing(core, size.sections));
      const out = join(core.dataDir, `bench-${size.label}.pdf`);
      const request = { path: out, format: 'pdf' as const, fontsDir, creationDate: new Date(0) };
      const model = printModelFor(core.db, briefing, briefing.printSettings);
      let pages = 0;
      let baselinePages = 0;
      const exportViaThread = async () => {
        pages = (await exportBriefingTo(core.db, briefing, { ...request, layout: thread })).pages ?? 0;
      };
      const exportOnThisThread = async () => {
        await exportBriefingTo(core.db, briefing, request);
      };
      const layOutBare = async () => {
        baselinePages = await barePdfkit(model, fontsDir);
      };
      // The app and the ceiling take turns, so a machine that speeds up or slows down during the
      // run (other work, CPU frequency) moves both alike; each turn gives one ratio.
      const samples = await pairedRuns(runs, {
        app: exportViaThread,
        baseline: layOutBare,
        sameThread: exportOnThisThread,
      });
      const app = timing(samples.app);
      const sameThread = timing(samples.sameThread);
      const baseline = timing(samples.baseline);
      const ratios = samples.app.map((ms, index) => {
        const ceiling = samples.baseline[index] ?? Number.NaN;
        return pages / ms / (baselinePages / ceiling);
      });
      const memory = exportInOwnProcess(
        core.dataDir,
        briefing.id,
        join(core.dataDir, `memory-${size.label}.pdf`),
      );
      const appRate = (pages / app.medianMs) * 1000;
      const baselineRate = (baselinePages / baseline.medianMs) * 1000;
      results.push({
        name: `export ${size.label} briefing to PDF`,
        pages,
        settings: briefing.printSettings,
        app: { ...app, pagesPerSecond: round(appRate, 1), via: 'layout thread, as in the app' },
        sameThread: { ...sameThread, pagesPerSecond: round((pages / sameThread.medianMs) * 1000, 1) },
        ownProcess: {
          description: 'one export in a fresh process: peak resident memory of all its threads (VmHWM)',
          ...memory,
          target: 'peak at most 300 MB',
        },
        baseline: {
          description: 'bare pdfkit, same text, fonts, sizes, widths and alignment',
          pages: baselinePages,
          ...baseline,
          pagesPerSecond: round(baselineRate, 1),
        },
        pagesPerSecondRatios: ratios.map((ratio) => round(ratio)),
        pagesPerSecondRatio: round(median(ratios)),
        ratioOfMedians: round(appRate / baselineRate),
        target: 'pages/s ratio at least 0.8; the 200-page export at most 4.5 s',
      });
    }
    return results;
  } finally {
    await thread.close();
    core.dispose();
  }
}
