import PDFDocument from 'pdfkit';
import { join } from 'node:path';
import { composeBriefing, type ComposeSpec } from '../../src/core/briefing/compose';
import { requireBriefing } from '../../src/core/briefing/service';
import { importPaths } from '../../src/core/corpus/import';
import { exportBriefingTo } from '../../src/core/export/service';
import { layoutBriefing } from '../../src/core/export/layout';
import { createTempCore } from '../../src/core/testing/temp-core';
import { round, time } from './measure';

/** Paragraphs of the sample corpus quoted in turn, with commentary, until about 20 pages. */
const QUOTES_PER_SECTION = 6;
const SECTIONS = 12;

/**
 * Exporting a 20-page briefing (integrity check, layout, pdfkit rendering with embedded fonts,
 * atomic write), beside a baseline in the same run: plain pdfkit writing the same text with the same
 * fonts and sizes into a buffer, with no layout rules, furniture or checks.
 */
export async function benchPdfExport(corpusDir: string, fontsDir: string, runs: number) {
  const core = createTempCore();
  try {
    await importPaths(core.db, [corpusDir], () => new Date());
    const documents = await core.handlers.listDocuments({});
    const sections: ComposeSpec['sections'] = [];
    for (let index = 0; index < SECTIONS; index += 1) {
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
    const briefingId = composeBriefing(
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
    const briefing = requireBriefing(core.db, briefingId);
    const out = join(core.dataDir, 'bench.pdf');
    let pages = 0;
    const app = await time(runs, async () => {
      pages =
        (
          await exportBriefingTo(core.db, briefing, {
            path: out,
            format: 'pdf',
            fontsDir,
            creationDate: new Date(0),
          })
        ).pages ?? 0;
    });

    const model = layoutBriefing(briefing);
    let baselinePages = 0;
    const baseline = await time(runs, async () => {
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
      doc.font('Bold').fontSize(22).text(model.title);
      for (const section of model.sections) {
        doc.font('Bold').fontSize(14).text(section.heading);
        for (const block of section.blocks) {
          doc
            .font('Regular')
            .fontSize(11)
            .text(
              block.kind === 'quote'
                ? `“${block.text}”`
                : block.kind === 'judgment'
                  ? block.text
                  : block.runs.map((run) => run.text).join(''),
              { lineGap: 3 },
            );
          if (block.kind === 'quote') doc.fontSize(9.5).text(`— ${block.attribution}`);
        }
      }
      for (const note of model.notes) doc.fontSize(9.5).text(`${note.number}. ${note.text}`);
      baselinePages = doc.bufferedPageRange().count;
      doc.end();
      await done;
    });
    return {
      name: 'export 20-page briefing to PDF',
      pages,
      app: { ...app, pagesPerSecond: round((pages / app.medianMs) * 1000, 1) },
      baseline: {
        description: 'plain pdfkit, same text, fonts and sizes',
        pages: baselinePages,
        ...baseline,
        pagesPerSecond: round((baselinePages / baseline.medianMs) * 1000, 1),
      },
      ratioToBaseline: round(app.medianMs / baseline.medianMs),
    };
  } finally {
    core.dispose();
  }
}
