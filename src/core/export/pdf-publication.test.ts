import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrintPreview } from '../../shared/print-preview';
import { pdfAccessOf, type StructNode } from '../testing/pdf-structure';
import { pdfPageTextsOf } from '../testing/pdf-text';
import { FONTS_DIR, tempDir } from '../testing/temp-core';
import type { PrintBlock, PrintModel } from './layout';
import type { PdfOptions } from './pdf';
import { previewPdf, renderPdf } from './pdf';
import { latinModel } from './testing/print-models';

const FIXED_DATE = new Date('2026-11-27T12:00:00Z');

let dir: ReturnType<typeof tempDir> | undefined;
afterEach(() => {
  dir?.dispose();
  dir = undefined;
});

async function exported(model: PrintModel, options: Partial<PdfOptions> = {}) {
  dir ??= tempDir('briefing-pdf-pub-');
  const { bytes, pages } = await renderPdf(model, {
    fontsDir: FONTS_DIR,
    creationDate: FIXED_DATE,
    ...options,
  });
  const path = join(dir.path, `export-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, bytes);
  return { path, bytes, pages, texts: pdfPageTextsOf(path) };
}

const fold = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Six sources quoted in turn between paragraphs, long enough for several pages. */
function citedModel(): PrintModel {
  const blocks = (section: number): PrintBlock[] =>
    [1, 2, 3].flatMap((round): PrintBlock[] => {
      const citation = ((section * 3 + round) % 6) + 1;
      return [
        {
          kind: 'paragraph',
          runs: [
            {
              text: `Section ${section} round ${round}. Analysts weigh the reporting against earlier assessments and note where the sources disagree about timing, scale and intent, and what would change the judgment.`,
            },
          ],
        },
        {
          kind: 'quote',
          text: `Quoted passage ${section}.${round}: the ministry said shipments would resume once inspections were complete, and not before the end of the quarter.`,
          attribution: `Author ${citation}, Outlet ${citation}, March ${citation}, 2026`,
          citation,
        },
      ];
    });
  return {
    ...latinModel(),
    sections: [0, 1, 2, 3, 4].map((section) => ({
      heading: `Section heading ${section + 1}`,
      level: 1 as const,
      blocks: blocks(section),
    })),
    notes: [1, 2, 3, 4, 5, 6].map((number) => ({
      number,
      text: `Author ${number}, “Report number ${number},” Outlet ${number}, March ${number}, 2026.`,
    })),
    sources: [1, 2, 3, 4, 5, 6].map(
      (number) => `Author ${number}. “Report number ${number}.” Outlet ${number}, 2026.`,
    ),
  };
}

function roles(node: StructNode | null): string[] {
  if (node === null) return [];
  return [node.role, ...node.children.flatMap(roles)];
}

describe('title page', () => {
  it('puts title, subtitle, byline and distribution on a page of their own', async () => {
    const model = latinModel();
    const { texts } = await exported(model, { settings: { titlePage: true, contents: 'never' } });
    const [first = '', second = ''] = texts;
    for (const part of [model.title, model.subtitle, model.byline, model.distribution]) {
      expect(first).toContain(part);
    }
    expect(first).not.toContain('BOTTOM LINE UP FRONT');
    expect(first).not.toContain('Discussion');
    // The marking and "Page X of Y" are on the title page too.
    expect(first).toContain('TLP:GREEN');
    expect(first).toMatch(/Page 1 of \d+/);
    expect(second).toContain('BOTTOM LINE UP FRONT');
    expect(second).toContain('Discussion');
  });
});

describe('table of contents', () => {
  it('lists every section with the page its heading is on, each line a link to that page', async () => {
    const model = citedModel();
    const { texts, bytes } = await exported(model, { settings: { titlePage: true, contents: 'auto' } });
    const contents = texts[1] ?? '';
    expect(contents).toContain('Contents');
    const { links } = await pdfAccessOf(bytes);
    model.sections.forEach((section) => {
      const headingPage = texts.findIndex((text, index) => index > 1 && text.includes(section.heading)) + 1;
      expect(headingPage).toBeGreaterThan(2);
      expect(contents).toContain(`${section.heading} ${headingPage}`);
      expect(links.some((link) => link.page === 2 && link.toPage === headingPage)).toBe(true);
    });
    // The text starts on a new page after the contents.
    expect(texts[2]).toContain('BOTTOM LINE UP FRONT');
  });

  it('is left out of short briefings unless asked for, and can be turned off', async () => {
    const short = { ...citedModel(), sections: citedModel().sections.slice(0, 2) };
    expect((await exported(short, { settings: { titlePage: false } })).texts.join(' ')).not.toContain(
      'Contents',
    );
    expect(
      (await exported(short, { settings: { titlePage: false, contents: 'always' } })).texts[0],
    ).toContain('Contents');
    expect(
      (await exported(citedModel(), { settings: { titlePage: false, contents: 'never' } })).texts.join(' '),
    ).not.toContain('Contents');
  });
});

describe('notes', () => {
  it('links every citation number to its endnote', async () => {
    const model = citedModel();
    const { texts, bytes } = await exported(model, { settings: { titlePage: false, contents: 'never' } });
    const notesPage =
      texts.findIndex((text) => text.includes('Notes') && text.includes('Report number 1,')) + 1;
    expect(notesPage).toBeGreaterThan(1);
    const { links } = await pdfAccessOf(bytes);
    // One link per quote, each to the notes list.
    expect(links).toHaveLength(15);
    for (const link of links) expect(link.toPage).toBeGreaterThanOrEqual(notesPage);
  });

  it('as footnotes, sets each note at the foot of the page that first cites it, linked from the number', async () => {
    const model = citedModel();
    const { texts, bytes } = await exported(model, {
      settings: { titlePage: false, contents: 'never', notes: 'footnotes' },
    });
    const all = texts.join(' ');
    expect(all).not.toMatch(/\bNotes\b/);
    const { links } = await pdfAccessOf(bytes);
    for (const note of model.notes) {
      const citedOn =
        texts.findIndex((text) => text.includes(`Author ${note.number}, Outlet ${note.number}`)) + 1;
      const noteOn = texts.findIndex((text) => text.includes(fold(`${note.number}. ${note.text}`))) + 1;
      expect(noteOn, `note ${note.number}`).toBe(citedOn);
      // Set once, however often the source is cited.
      expect(all.split(fold(note.text)).length - 1).toBe(1);
    }
    // A first citation links to the foot of its own page; a later one back to where the note is.
    expect(links).toHaveLength(15);
    for (const link of links) expect(link.toPage).toBeLessThanOrEqual(link.page);
    expect(links.filter((link) => link.toPage === link.page).length).toBeGreaterThanOrEqual(6);
    // The footnote sits below the text: after the last body line and above the footer.
    const first = texts[0] ?? '';
    expect(first.indexOf('1. Author')).toBeLessThan(first.indexOf('Page 1 of'));
  });
});

describe('source appendix', () => {
  it('lists each source with the SHA-256 of its file and text and the access date', async () => {
    const model: PrintModel = {
      ...latinModel(),
      appendix: [
        {
          source:
            'Okafor-Reid, Daniel. “Red Sea War-Risk Premiums Refuse to Fall.” Harbourline Weekly, 2025.',
          fileSha256: 'a'.repeat(64),
          textSha256: 'b'.repeat(64),
          accessed: '27 November 2026',
        },
      ],
    };
    const { texts } = await exported(model, { settings: { titlePage: false, contents: 'never' } });
    const last = texts.at(-1) ?? '';
    // The heading stays with the first entry.
    expect(last).toContain('Appendix: source records');
    expect(last).toContain(`File SHA-256 ${'a'.repeat(64)}`);
    expect(last).toContain(`Text SHA-256 ${'b'.repeat(64)}`);
    expect(last).toContain('Accessed 27 November 2026');
  });
});

describe('rasterised pages (artefacts)', () => {
  it('draws every page of a full export, saved as PNGs in test-results/pdf-pages to look at', async () => {
    const model: PrintModel = { ...citedModel(), marking: 'TLP:AMBER' };
    const { path, pages } = await exported(model, {
      settings: { titlePage: true, contents: 'always', notes: 'footnotes' },
    });
    const folder = join(__dirname, '..', '..', '..', 'test-results', 'pdf-pages');
    mkdirSync(folder, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', path, join(folder, 'full-export')]);
    // Grey levels at a low resolution: every page has ink (the banners and footer at least), and
    // a body page has much more than the title page.
    const grey = execFileSync('pdftoppm', ['-gray', '-r', '24', path], { maxBuffer: 1 << 26 });
    const inked: number[] = [];
    let offset = 0;
    while (offset < grey.length) {
      const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(
        grey.subarray(offset, offset + 40).toString('latin1'),
      );
      if (header === null) break;
      const size = Number(header[1]) * Number(header[2]);
      const pixels = grey.subarray(offset + header[0].length, offset + header[0].length + size);
      inked.push(pixels.filter((value) => value < 200).length / size);
      offset += header[0].length + size;
    }
    expect(inked).toHaveLength(pages);
    for (const share of inked) expect(share).toBeGreaterThan(0.002);
    expect(inked[2] ?? 0).toBeGreaterThan((inked[0] ?? 0) * 2);
  });
});

describe('tagged PDF', () => {
  it('marks the document as tagged, with headings, paragraphs, quotes, lists and notes in the tree', async () => {
    const { bytes } = await exported(latinModel(), { settings: { titlePage: true, contents: 'always' } });
    const { marked, structure } = await pdfAccessOf(bytes);
    expect(marked).toBe(true);
    const found = new Set(structure.flatMap(roles));
    for (const role of [
      'Document',
      'Title',
      'TOC',
      'TOCI',
      'Sect',
      'H1',
      'H2',
      'P',
      'BlockQuote',
      'LI',
      'Lbl',
      'LBody',
      'Note',
    ]) {
      expect(found, role).toContain(role);
    }
  });
});

describe('preview', () => {
  it('reports, page by page, exactly what the PDF sets on each page', async () => {
    for (const settings of [
      { titlePage: true, contents: 'always' as const, notes: 'endnotes' as const },
      { titlePage: false, contents: 'never' as const, notes: 'footnotes' as const },
    ]) {
      const model = citedModel();
      const preview: PrintPreview = previewPdf(model, { fontsDir: FONTS_DIR, settings });
      const { texts } = await exported(model, { settings });
      expect(preview.pages).toHaveLength(texts.length);
      preview.pages.forEach((units, index) => {
        const text = texts[index] ?? '';
        for (const unit of units) {
          if (unit.kind === 'heading' || unit.kind === 'list-heading') expect(text).toContain(unit.text);
          if (unit.kind === 'contents-entry') expect(text).toContain(`${unit.text} ${unit.page}`);
          if (unit.kind === 'footnote') expect(text).toContain(fold(`${unit.number}. ${unit.text}`));
          if (unit.kind === 'block' && unit.block.kind === 'quote') {
            // The start of each quote is on the page the preview puts it on.
            expect(text).toContain(unit.block.text.slice(0, 40));
          }
        }
      });
    }
  });
});
