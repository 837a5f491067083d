import { isSafeLink } from '../../shared/rich-text';
import type { PrintBlock, PrintRun, PrintSection } from './layout';
import { runsText } from './layout';
import type { Sheet } from './pdf-sheet';
import { COLOUR, FONT, LIST_INDENT, QUOTE_INDENT } from './pdf-style';
import type { FlowRun } from './text-flow';
import { flowDirection, flowHeight, flowHeightBound, writeFlow, writeLine } from './text-flow';

type Doc = PDFKit.PDFDocument;

const SUPERSCRIPT_DIGITS = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

export function superscript(value: number): string {
  return String(value)
    .split('')
    .map((digit) => SUPERSCRIPT_DIGITS[Number(digit)] ?? digit)
    .join('');
}

/** The named destination of a note (its endnote or footnote) and of a section heading. */
export const noteDestination = (number: number) => `note-${number}`;
export const sectionDestination = (index: number) => `section-${index + 1}`;

/** Attribution lines, qualifiers and notes are the app's own English phrasing around any names. */
export const GENERATED = { direction: 'ltr' } as const;

/** Where a citation's note goes: decides the space kept for a footnote before a quote is placed. */
export type NotePlacer = Readonly<{
  /** The height to keep free on the quote's page for its note (0 for endnotes or a note already set). */
  heightFor(citation: number): number;
  /** Called once the quote's page is decided. */
  placed(citation: number): void;
}>;

/** Moves the position to `top` of the named destination `name` on the current page. */
export function destination(doc: Doc, name: string, x: number, top: number): void {
  doc.addNamedDestination(name, 'XYZ', x, top, null);
}

function quoteRuns(block: Extract<PrintBlock, { kind: 'quote' }>): FlowRun[] {
  // Set apart as a block quote, so no quotation marks of our own: the text stays exactly the
  // source's. The note number links to the note.
  return [
    { text: block.text, font: FONT.regular },
    { text: superscript(block.citation), font: FONT.regular, goTo: noteDestination(block.citation) },
  ];
}

function quoteText(block: Extract<PrintBlock, { kind: 'quote' }>): string {
  return `${block.text}${superscript(block.citation)}`;
}

/** How a height is measured: exactly, or as a cheap upper bound (see flowHeightBound). */
type Measure = typeof flowHeight;

function blockHeight({ doc, frame }: Sheet, block: PrintBlock, flowHeight: Measure): number {
  const width = frame.contentWidth;
  doc.fontSize(11);
  if (block.kind === 'paragraph') {
    return flowHeight(doc, runsText(block.runs), FONT.regular, { width, lineGap: 3 });
  }
  if (block.kind === 'list-item') {
    return flowHeight(doc, runsText(block.runs), FONT.regular, { width: width - LIST_INDENT, lineGap: 3 });
  }
  const indented = { width: width - QUOTE_INDENT };
  if (block.kind === 'judgment') {
    const sentence = flowHeight(doc, block.text, FONT.bold, { ...indented, lineGap: 3 });
    doc.fontSize(9.5);
    return sentence + 4 + flowHeight(doc, block.qualifier, FONT.regular, { ...indented, ...GENERATED });
  }
  const quote = flowHeight(doc, quoteText(block), FONT.regular, { ...indented, lineGap: 3 });
  doc.fontSize(9.5);
  return quote + 6 + flowHeight(doc, `— ${block.attribution}`, FONT.regular, { ...indented, ...GENERATED });
}

/** Starts a new page unless the block (as `needed` says) fits; measured exactly only near the foot. */
function keepBlock(
  sheet: Sheet,
  block: PrintBlock,
  needed: (height: number) => number = (height) => height,
): void {
  sheet.keepTogetherBounded(needed(blockHeight(sheet, block, flowHeightBound)), () =>
    needed(blockHeight(sheet, block, flowHeight)),
  );
}

function writeHeading(sheet: Sheet, section: PrintSection, index: number): void {
  const { doc, frame } = sheet;
  const size = section.level === 1 ? 14 : 12;
  const headingHeight = (measure: Measure) =>
    measure(doc.fontSize(size), section.heading, FONT.bold, { width: frame.contentWidth }) + 10;
  // A heading never sits alone at the foot of a page: keep it with the start of its first block.
  const first = section.blocks[0];
  const firstHeight = (measure: Measure) =>
    first === undefined ? 0 : Math.min(blockHeight(sheet, first, measure), 60);
  const needed = (measure: Measure) => headingHeight(measure) + firstHeight(measure) + 6;
  sheet.keepTogetherBounded(needed(flowHeightBound), () => needed(flowHeight));
  sheet.place({ kind: 'heading', text: section.heading, level: section.level });
  destination(doc, sectionDestination(index), frame.left, doc.y);
  doc.fontSize(size).fillColor(COLOUR.text);
  sheet.tag(section.level === 1 ? 'H1' : 'H2', () =>
    writeFlow(doc, [{ text: section.heading, font: FONT.bold }], {
      x: frame.left,
      width: frame.contentWidth,
    }),
  );
  doc.y += 6;
}

/**
 * Writes the sections, each with a bookmark and a named destination where its heading lands; a
 * subsection's bookmark nests under the section before it. Returns the page index of each heading.
 */
export function writeSections(sheet: Sheet, sections: readonly PrintSection[], notes: NotePlacer): number[] {
  const { doc } = sheet;
  const headingPages: number[] = [];
  let parent: PDFKit.PDFOutline | undefined;
  sections.forEach((section, index) => {
    sheet.group('Sect', () => {
      writeHeading(sheet, section, index);
      headingPages.push(sheet.pageIndex);
      if (section.level === 2 && parent !== undefined) {
        parent.addItem(section.heading);
      } else {
        const item = doc.outline.addItem(section.heading, { expanded: true });
        if (section.level === 1) parent = item;
      }
      for (const block of section.blocks) writeBlock(sheet, block, notes);
    });
  });
  return headingPages;
}

function runFont(run: PrintRun): string {
  if (run.bold === true) return run.italic === true ? FONT.boldItalic : FONT.bold;
  return run.italic === true ? FONT.italic : FONT.regular;
}

/** Writes runs as one flowing paragraph, switching fonts per run; links stay links. */
function writeRuns(doc: Doc, runs: readonly PrintRun[], x: number, width: number): void {
  if (runs.every((run) => run.text === '')) return;
  doc.fontSize(11).fillColor(COLOUR.text);
  writeFlow(
    doc,
    runs.map((run) => ({ text: run.text, font: runFont(run), link: safeLink(run.link) })),
    { x, width, lineGap: 3 },
  );
}

/** Only addresses the editor accepts as links (web and mail) become live links in the PDF. */
function safeLink(link: string | undefined): string | undefined {
  return link !== undefined && isSafeLink(link) ? link : undefined;
}

function writeListItem(sheet: Sheet, block: Extract<PrintBlock, { kind: 'list-item' }>): void {
  const { doc, frame } = sheet;
  keepBlock(sheet, block, (height) => Math.min(height, 40));
  sheet.place({ kind: 'block', block });
  const top = doc.y;
  const rtl = flowDirection(runsText(block.runs)) === 'rtl';
  doc.fontSize(11).fillColor(COLOUR.text);
  sheet.group('LI', () => {
    if (rtl) {
      // A right-to-left item hangs its marker in the right margin of the column, read right to left.
      const marker = {
        x: frame.right - LIST_INDENT,
        y: top,
        width: LIST_INDENT,
        align: 'right',
        direction: 'rtl',
      } as const;
      sheet.tag('Lbl', () => writeLine(doc, block.marker, FONT.regular, marker));
      sheet.tag('LBody', () => writeRuns(doc, block.runs, frame.left, frame.contentWidth - LIST_INDENT));
    } else {
      sheet.tag('Lbl', () =>
        doc.font(FONT.regular).text(block.marker, frame.left, top, { width: LIST_INDENT, lineBreak: false }),
      );
      doc.y = top;
      sheet.tag('LBody', () =>
        writeRuns(doc, block.runs, frame.left + LIST_INDENT, frame.contentWidth - LIST_INDENT),
      );
    }
  });
  doc.x = frame.left;
  doc.y += 4;
}

function writeJudgment(sheet: Sheet, block: Extract<PrintBlock, { kind: 'judgment' }>): void {
  const { doc, frame } = sheet;
  keepBlock(sheet, block);
  sheet.place({ kind: 'block', block });
  const top = doc.y;
  const rtl = flowDirection(block.text) === 'rtl';
  // A right-to-left judgment mirrors the layout: indent and marker on the right.
  const textX = rtl ? frame.left : frame.left + QUOTE_INDENT;
  const width = frame.contentWidth - QUOTE_INDENT;
  sheet.group('Div', () => {
    doc.fontSize(11).fillColor(COLOUR.text);
    sheet.tag('P', () =>
      writeFlow(doc, [{ text: block.text, font: FONT.bold }], { x: textX, y: top, width, lineGap: 3 }),
    );
    doc.y += 2;
    doc.fontSize(9.5).fillColor(COLOUR.muted);
    sheet.tag('P', () =>
      writeFlow(doc, [{ text: block.qualifier, font: FONT.regular }], {
        x: textX,
        width,
        ...GENERATED,
        ...(rtl ? { align: 'right' } : {}),
      }),
    );
  });
  // Drawing the marker moves the position back up to `top`; the next block goes below the qualifier.
  const bottom = doc.y;
  doc.fillColor(COLOUR.accent).fontSize(11);
  sheet.artifact(() => {
    if (rtl) {
      const marker = {
        x: frame.right - QUOTE_INDENT,
        y: top,
        width: QUOTE_INDENT - 4,
        align: 'right',
      } as const;
      writeLine(doc, '◂', FONT.bold, marker);
    } else {
      doc.font(FONT.bold).text('▸', frame.left + 4, top, { width: QUOTE_INDENT, lineBreak: false });
    }
  });
  doc.fillColor(COLOUR.text);
  doc.x = frame.left;
  doc.y = bottom + 12;
}

function writeQuote(sheet: Sheet, block: Extract<PrintBlock, { kind: 'quote' }>, notes: NotePlacer): void {
  const { doc, frame } = sheet;
  // Keep a quote with its attribution (and a footnote with it) when it fits on one page.
  const note = notes.heightFor(block.citation);
  keepBlock(sheet, block, (height) => height + note);
  notes.placed(block.citation);
  sheet.place({ kind: 'block', block });
  const top = doc.y;
  const startPage = sheet.pageIndex;
  const rtl = flowDirection(quoteText(block)) === 'rtl';
  // A right-to-left quote is indented from the right, with its rule on that side.
  const textX = rtl ? frame.left : frame.left + QUOTE_INDENT;
  const width = frame.contentWidth - QUOTE_INDENT;
  sheet.group('BlockQuote', () => {
    doc.fontSize(11).fillColor(COLOUR.text);
    sheet.tag('P', () => writeFlow(doc, quoteRuns(block), { x: textX, y: top, width, lineGap: 3 }));
    doc.y += 4;
    doc.fontSize(9.5).fillColor(COLOUR.muted);
    sheet.tag('P', () =>
      writeFlow(doc, [{ text: `— ${block.attribution}`, font: FONT.regular }], {
        x: textX,
        width,
        ...GENERATED,
        ...(rtl ? { align: 'right' } : {}),
      }),
    );
  });
  if (sheet.pageIndex === startPage) {
    const ruleX = rtl ? frame.right - 6.5 : frame.left + 4;
    const height = doc.y - top - 2;
    sheet.artifact(() => doc.rect(ruleX, top + 1, 2.5, height).fill(COLOUR.accent));
  }
  doc.fillColor(COLOUR.text);
  doc.x = frame.left;
  doc.y += 14;
}

function writeParagraph(sheet: Sheet, block: Extract<PrintBlock, { kind: 'paragraph' }>): void {
  const { doc, frame } = sheet;
  // At least two lines together at the foot of a page (no lone first line).
  keepBlock(sheet, block, (height) => Math.min(height, 32));
  sheet.place({ kind: 'block', block });
  sheet.tag('P', () => writeRuns(doc, block.runs, frame.left, frame.contentWidth));
  doc.x = frame.left;
  doc.y += 10;
}

function writeBlock(sheet: Sheet, block: PrintBlock, notes: NotePlacer): void {
  if (block.kind === 'paragraph') writeParagraph(sheet, block);
  else if (block.kind === 'list-item') writeListItem(sheet, block);
  else if (block.kind === 'judgment') writeJudgment(sheet, block);
  else writeQuote(sheet, block, notes);
}
