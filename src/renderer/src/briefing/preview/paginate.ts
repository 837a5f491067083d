import type { PrintBlock, PrintModel, PrintRun } from '../../../../shared/print-layout';

/**
 * Page geometry in PDF points, the same as the PDF export (A4, its margins and type sizes), so the
 * preview breaks pages where the PDF will.
 */
export const PAGE = { width: 595.28, height: 841.89, top: 78, bottom: 86, left: 72, right: 72 } as const;
export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const CONTENT_HEIGHT = PAGE.height - PAGE.top - PAGE.bottom;
const QUOTE_INDENT = 20;
const LIST_INDENT = 18;
/** DejaVu Sans: ascender + descender is 1.164 of the type size; pdfkit adds the line gap. */
const LINE = 1.164;

export type Unit =
  | Readonly<{ key: string; kind: 'title'; height: number }>
  | Readonly<{ key: string; kind: 'bluf'; height: number }>
  | Readonly<{ key: string; kind: 'heading'; text: string; level: 1 | 2; height: number }>
  | Readonly<{ key: string; kind: 'block'; block: PrintBlock; height: number }>
  | Readonly<{ key: string; kind: 'notes-heading'; height: number }>
  | Readonly<{ key: string; kind: 'note'; number: number; text: string; height: number }>;

/** Measures the width of text in a font (a canvas in the browser; tests pass their own). */
export type Measure = (text: string, font: string) => number;

/** Lines a greedy word wrap needs for `text` in `width`, as pdfkit wraps. */
export function lineCount(measure: Measure, text: string, font: string, width: number): number {
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines += 1;
    let used = 0;
    const space = measure(' ', font);
    for (const word of paragraph.split(/ +/)) {
      if (word === '') continue;
      const wide = measure(word, font);
      if (used > 0 && used + space + wide > width) {
        lines += 1;
        used = wide;
      } else {
        used += (used > 0 ? space : 0) + wide;
      }
      // A word wider than the line is broken across lines.
      while (used > width) {
        lines += 1;
        used -= width;
      }
    }
  }
  return lines;
}

const font = (size: number, bold = false) => `${bold ? 'bold ' : ''}${size}px "Briefing Print"`;

function textHeight(measure: Measure, text: string, size: number, width: number, gap: number, bold = false) {
  return lineCount(measure, text, font(size, bold), width) * (size * LINE + gap);
}

function runsText(runs: readonly PrintRun[]): string {
  return runs.map((run) => run.text).join('');
}

function blockHeight(measure: Measure, block: PrintBlock): number {
  if (block.kind === 'paragraph') return textHeight(measure, runsText(block.runs), 11, CONTENT_WIDTH, 3) + 10;
  if (block.kind === 'list-item') {
    return textHeight(measure, runsText(block.runs), 11, CONTENT_WIDTH - LIST_INDENT, 3) + 4;
  }
  if (block.kind === 'judgment') {
    return (
      textHeight(measure, block.text, 11, CONTENT_WIDTH - QUOTE_INDENT, 3, true) +
      2 +
      textHeight(measure, block.qualifier, 9.5, CONTENT_WIDTH - QUOTE_INDENT, 0) +
      12
    );
  }
  return (
    textHeight(measure, `${block.text} ${block.citation}`, 11, CONTENT_WIDTH - QUOTE_INDENT, 3) +
    4 +
    textHeight(measure, `— ${block.attribution}`, 9.5, CONTENT_WIDTH - QUOTE_INDENT, 0) +
    14
  );
}

/** The briefing as a flat list of pieces that each stay on one page, with their heights. */
export function printUnits(model: PrintModel, measure: Measure): Unit[] {
  const units: Unit[] = [];
  let title = textHeight(measure, model.title, 22, CONTENT_WIDTH, 2, true);
  if (model.subtitle !== '') title += 4 + textHeight(measure, model.subtitle, 13, CONTENT_WIDTH, 0);
  if (model.byline !== '') title += 5 + textHeight(measure, model.byline, 10, CONTENT_WIDTH, 0);
  if (model.distribution !== '') title += 3 + textHeight(measure, model.distribution, 10, CONTENT_WIDTH, 0);
  units.push({ key: 'title', kind: 'title', height: title + 24 });
  if (model.bluf !== '') {
    units.push({
      key: 'bluf',
      kind: 'bluf',
      height: textHeight(measure, model.bluf, 11, CONTENT_WIDTH - 20, 3) + 54,
    });
  }
  model.sections.forEach((section, sectionIndex) => {
    const size = section.level === 1 ? 14 : 12;
    units.push({
      key: `s${sectionIndex}`,
      kind: 'heading',
      text: section.heading,
      level: section.level,
      height: textHeight(measure, section.heading, size, CONTENT_WIDTH, 0, true) + 6,
    });
    section.blocks.forEach((block, blockIndex) => {
      units.push({
        key: `s${sectionIndex}b${blockIndex}`,
        kind: 'block',
        block,
        height: blockHeight(measure, block),
      });
    });
  });
  if (model.notes.length > 0) {
    units.push({ key: 'notes', kind: 'notes-heading', height: 14 * LINE + 12 });
    for (const note of model.notes) {
      units.push({
        key: `n${note.number}`,
        kind: 'note',
        number: note.number,
        text: note.text,
        height: textHeight(measure, note.text, 9.5, CONTENT_WIDTH - 22, 2) + 5,
      });
    }
  }
  return units;
}

/**
 * Fills pages in order: a unit that does not fit starts a new page (one taller than a page gets a
 * page to itself), and a heading always moves with the start of what follows it, as in the PDF.
 */
export function paginate(units: readonly Unit[]): Unit[][] {
  const pages: Unit[][] = [[]];
  let used = 0;
  units.forEach((unit, index) => {
    const next = units[index + 1];
    const needed =
      unit.kind === 'heading' || unit.kind === 'notes-heading'
        ? unit.height + Math.min(next?.height ?? 0, 60)
        : unit.height;
    const page = pages[pages.length - 1] as Unit[];
    if (used > 0 && used + needed > CONTENT_HEIGHT) {
      pages.push([unit]);
      used = unit.height;
    } else {
      page.push(unit);
      used += unit.height;
    }
  });
  return pages;
}
