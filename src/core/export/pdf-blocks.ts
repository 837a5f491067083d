import type { PrintBlock, PrintModel, PrintRun, PrintSection } from './layout';
import { runsText } from './layout';
import type { Frame } from './pdf-style';
import { COLOUR, FONT, LIST_INDENT, QUOTE_INDENT } from './pdf-style';
import { flowDirection, flowHeight, writeFlow, writeLine } from './text-flow';

type Doc = PDFKit.PDFDocument;

/** The document being written and the page geometry it was opened with. */
export type Sheet = Readonly<{ doc: Doc; frame: Frame }>;

const SUPERSCRIPT_DIGITS = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

export function superscript(value: number): string {
  return String(value)
    .split('')
    .map((digit) => SUPERSCRIPT_DIGITS[Number(digit)] ?? digit)
    .join('');
}

function bottomLimit(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` more points fit on this one. */
function keepTogether(doc: Doc, height: number): void {
  const fullPage = bottomLimit(doc) - doc.page.margins.top;
  if (doc.y + height > bottomLimit(doc) && height <= fullPage) doc.addPage();
}

export function writeTitleBlock({ doc, frame }: Sheet, model: PrintModel): void {
  const column = { x: frame.left, width: frame.contentWidth };
  doc.fontSize(22).fillColor(COLOUR.text);
  writeFlow(doc, [{ text: model.title, font: FONT.bold }], { ...column, y: frame.margin.top, lineGap: 2 });
  if (model.subtitle !== '') {
    doc.moveDown(0.3);
    doc.fontSize(13).fillColor(COLOUR.muted);
    writeFlow(doc, [{ text: model.subtitle, font: FONT.regular }], column);
  }
  if (model.byline !== '') {
    doc.moveDown(0.4);
    doc.fontSize(10).fillColor(COLOUR.muted);
    writeFlow(doc, [{ text: model.byline, font: FONT.regular }], column);
  }
  if (model.distribution !== '') {
    doc.moveDown(0.2);
    doc.fontSize(10).fillColor(COLOUR.muted);
    writeFlow(doc, [{ text: model.distribution, font: FONT.regular }], column);
  }
  doc.moveDown(0.8);
  const y = doc.y;
  doc.moveTo(frame.left, y).lineTo(frame.right, y).lineWidth(0.75).strokeColor(COLOUR.rule).stroke();
  doc.y = y + 14;
}

export function writeBluf({ doc, frame }: Sheet, bluf: string): void {
  const padding = 10;
  const textWidth = frame.contentWidth - padding * 2;
  doc.fontSize(11);
  const textHeight = flowHeight(doc, bluf, FONT.regular, { width: textWidth, lineGap: 3 });
  const boxHeight = textHeight + padding * 2 + 16;
  keepTogether(doc, boxHeight);
  const top = doc.y;
  doc.rect(frame.left, top, frame.contentWidth, boxHeight).fill(COLOUR.blufFill);
  doc.rect(frame.left, top, 3, boxHeight).fill(COLOUR.accent);
  doc.font(FONT.bold).fontSize(8.5).fillColor(COLOUR.accent);
  doc.text('BOTTOM LINE UP FRONT', frame.left + padding, top + padding, {
    width: textWidth,
    characterSpacing: 0.6,
  });
  doc.fontSize(11).fillColor(COLOUR.text);
  writeFlow(doc, [{ text: bluf, font: FONT.regular }], {
    x: frame.left + padding,
    y: top + padding + 16,
    width: textWidth,
    lineGap: 3,
  });
  doc.x = frame.left;
  doc.y = top + boxHeight + 18;
}

function quoteText(block: Extract<PrintBlock, { kind: 'quote' }>): string {
  // Set apart as a block quote, so no quotation marks of our own: the text stays exactly the source's.
  return `${block.text}${superscript(block.citation)}`;
}

/** Attribution lines, qualifiers and notes are the app's own English phrasing around any names. */
const GENERATED = { direction: 'ltr' } as const;

function blockHeight({ doc, frame }: Sheet, block: PrintBlock): number {
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

function writeHeading(sheet: Sheet, heading: string, level: 1 | 2, first: PrintBlock | undefined): void {
  const { doc, frame } = sheet;
  const size = level === 1 ? 14 : 12;
  doc.fontSize(size);
  const height = flowHeight(doc, heading, FONT.bold, { width: frame.contentWidth }) + 10;
  // A heading never sits alone at the foot of a page: keep it with the start of its first block.
  const firstHeight = first === undefined ? 0 : Math.min(blockHeight(sheet, first), 60);
  keepTogether(doc, height + firstHeight + 6);
  doc.fontSize(size).fillColor(COLOUR.text);
  writeFlow(doc, [{ text: heading, font: FONT.bold }], { x: frame.left, width: frame.contentWidth });
  doc.y += 6;
}

/**
 * Writes the sections, each with a bookmark on the page where its heading lands; a subsection's
 * bookmark nests under the section before it.
 */
export function writeSections(sheet: Sheet, sections: readonly PrintSection[]): void {
  const { doc } = sheet;
  let parent: PDFKit.PDFOutline | undefined;
  for (const section of sections) {
    writeHeading(sheet, section.heading, section.level, section.blocks[0]);
    if (section.level === 2 && parent !== undefined) {
      parent.addItem(section.heading);
    } else {
      const item = doc.outline.addItem(section.heading, { expanded: true });
      if (section.level === 1) parent = item;
    }
    for (const block of section.blocks) writeBlock(sheet, block);
  }
}

function runFont(run: PrintRun): string {
  if (run.bold === true) return run.italic === true ? FONT.boldItalic : FONT.bold;
  return run.italic === true ? FONT.italic : FONT.regular;
}

/** Writes runs as one flowing paragraph, switching fonts per run. */
function writeRuns(doc: Doc, runs: readonly PrintRun[], x: number, width: number): void {
  if (runs.every((run) => run.text === '')) return;
  doc.fontSize(11).fillColor(COLOUR.text);
  writeFlow(
    doc,
    runs.map((run) => ({ text: run.text, font: runFont(run) })),
    { x, width, lineGap: 3 },
  );
}

function writeListItem(sheet: Sheet, block: Extract<PrintBlock, { kind: 'list-item' }>): void {
  const { doc, frame } = sheet;
  keepTogether(doc, Math.min(blockHeight(sheet, block), 40));
  const top = doc.y;
  const rtl = flowDirection(runsText(block.runs)) === 'rtl';
  doc.fontSize(11).fillColor(COLOUR.text);
  if (rtl) {
    // A right-to-left item hangs its marker in the right margin of the column, read right to left.
    const marker = {
      x: frame.right - LIST_INDENT,
      y: top,
      width: LIST_INDENT,
      align: 'right',
      direction: 'rtl',
    } as const;
    writeLine(doc, block.marker, FONT.regular, marker);
    writeRuns(doc, block.runs, frame.left, frame.contentWidth - LIST_INDENT);
  } else {
    doc.font(FONT.regular).text(block.marker, frame.left, top, { width: LIST_INDENT, lineBreak: false });
    doc.y = top;
    writeRuns(doc, block.runs, frame.left + LIST_INDENT, frame.contentWidth - LIST_INDENT);
  }
  doc.x = frame.left;
  doc.y += 4;
}

function writeJudgment(sheet: Sheet, block: Extract<PrintBlock, { kind: 'judgment' }>): void {
  const { doc, frame } = sheet;
  keepTogether(doc, blockHeight(sheet, block));
  const top = doc.y;
  const rtl = flowDirection(block.text) === 'rtl';
  // A right-to-left judgment mirrors the layout: indent and marker on the right.
  const textX = rtl ? frame.left : frame.left + QUOTE_INDENT;
  const width = frame.contentWidth - QUOTE_INDENT;
  doc.fontSize(11).fillColor(COLOUR.text);
  writeFlow(doc, [{ text: block.text, font: FONT.bold }], { x: textX, y: top, width, lineGap: 3 });
  doc.y += 2;
  doc.fontSize(9.5).fillColor(COLOUR.muted);
  writeFlow(doc, [{ text: block.qualifier, font: FONT.regular }], {
    x: textX,
    width,
    ...GENERATED,
    ...(rtl ? { align: 'right' } : {}),
  });
  // Drawing the marker moves the position back up to `top`; the next block goes below the qualifier.
  const bottom = doc.y;
  doc.fillColor(COLOUR.accent).fontSize(11);
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
  doc.fillColor(COLOUR.text);
  doc.x = frame.left;
  doc.y = bottom + 12;
}

function writeQuote(sheet: Sheet, block: Extract<PrintBlock, { kind: 'quote' }>): void {
  const { doc, frame } = sheet;
  // Keep a quote with its attribution when it fits on one page.
  keepTogether(doc, blockHeight(sheet, block));
  const top = doc.y;
  const startPage = doc.bufferedPageRange().count;
  const text = quoteText(block);
  const rtl = flowDirection(text) === 'rtl';
  // A right-to-left quote is indented from the right, with its rule on that side.
  const textX = rtl ? frame.left : frame.left + QUOTE_INDENT;
  const width = frame.contentWidth - QUOTE_INDENT;
  doc.fontSize(11).fillColor(COLOUR.text);
  writeFlow(doc, [{ text, font: FONT.regular }], { x: textX, y: top, width, lineGap: 3 });
  doc.y += 4;
  doc.fontSize(9.5).fillColor(COLOUR.muted);
  writeFlow(doc, [{ text: `— ${block.attribution}`, font: FONT.regular }], {
    x: textX,
    width,
    ...GENERATED,
    ...(rtl ? { align: 'right' } : {}),
  });
  if (doc.bufferedPageRange().count === startPage) {
    const ruleX = rtl ? frame.right - 6.5 : frame.left + 4;
    doc.rect(ruleX, top + 1, 2.5, doc.y - top - 2).fill(COLOUR.accent);
  }
  doc.fillColor(COLOUR.text);
  doc.x = frame.left;
  doc.y += 14;
}

function writeBlock(sheet: Sheet, block: PrintBlock): void {
  const { doc, frame } = sheet;
  if (block.kind === 'paragraph') {
    writeRuns(doc, block.runs, frame.left, frame.contentWidth);
    doc.x = frame.left;
    doc.y += 10;
  } else if (block.kind === 'list-item') {
    writeListItem(sheet, block);
  } else if (block.kind === 'judgment') {
    writeJudgment(sheet, block);
  } else {
    writeQuote(sheet, block);
  }
}

export function writeNotes({ doc, frame }: Sheet, model: PrintModel): void {
  doc.y += 6;
  doc.font(FONT.bold).fontSize(14);
  keepTogether(doc, 60);
  doc.fillColor(COLOUR.text).text('Notes', frame.left, doc.y, { width: frame.contentWidth });
  doc.outline.addItem('Notes');
  doc.y += 6;
  const numberWidth = 22;
  const width = frame.contentWidth - numberWidth;
  for (const note of model.notes) {
    doc.fontSize(9.5);
    const height = flowHeight(doc, note.text, FONT.regular, { width, lineGap: 2, ...GENERATED });
    keepTogether(doc, height);
    const top = doc.y;
    doc.fillColor(COLOUR.text).text(`${note.number}.`, frame.left, top, { width: numberWidth });
    writeFlow(doc, [{ text: note.text, font: FONT.regular }], {
      x: frame.left + numberWidth,
      y: top,
      width,
      lineGap: 2,
      ...GENERATED,
    });
    doc.y += 5;
  }
}

/** The sources, alphabetically, in bibliography form, after the notes (hanging indent). */
export function writeSources({ doc, frame }: Sheet, model: PrintModel): void {
  doc.y += 10;
  doc.font(FONT.bold).fontSize(14);
  keepTogether(doc, 60);
  doc.fillColor(COLOUR.text).text('Sources', frame.left, doc.y, { width: frame.contentWidth });
  doc.outline.addItem('Sources');
  doc.y += 6;
  const indent = 18;
  const width = frame.contentWidth - indent;
  for (const entry of model.sources) {
    doc.fontSize(9.5);
    const height = flowHeight(doc, entry, FONT.regular, { width, lineGap: 2, ...GENERATED });
    keepTogether(doc, height);
    writeFlow(doc, [{ text: entry, font: FONT.regular }], {
      x: frame.left + indent,
      y: doc.y,
      width,
      lineGap: 2,
      ...GENERATED,
    });
    doc.y += 5;
  }
}
