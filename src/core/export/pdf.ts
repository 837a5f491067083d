import PDFDocument from 'pdfkit';
import { join } from 'node:path';
import type { PrintBlock, PrintModel, PrintRun } from './layout';
import { runsText } from './layout';

export type PdfOptions = Readonly<{
  fontsDir: string;
  /** Fixed creation date for reproducible output; defaults to now. */
  creationDate?: Date | undefined;
  author?: string | undefined;
}>;

export type PdfResult = Readonly<{ bytes: Buffer; pages: number }>;

const PAGE = { width: 595.28, height: 841.89 } as const; // A4
const MARGIN = { top: 78, bottom: 86, left: 72, right: 72 } as const;
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const QUOTE_INDENT = 20;

const COLOUR = {
  text: '#1d232b',
  muted: '#5a6472',
  accent: '#2f5d8a',
  rule: '#c9d0d8',
  blufFill: '#eef3f8',
} as const;

const FONT = {
  regular: 'BodyRegular',
  bold: 'BodyBold',
  italic: 'BodyItalic',
  boldItalic: 'BodyBoldItalic',
} as const;
const LIST_INDENT = 18;

const SUPERSCRIPT_DIGITS = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

export function superscript(value: number): string {
  return String(value)
    .split('')
    .map((digit) => SUPERSCRIPT_DIGITS[Number(digit)] ?? digit)
    .join('');
}

/**
 * Renders a laid-out briefing as an A4 PDF with embedded (subset) Unicode fonts, a marking banner at
 * the top and bottom of every page, and the short title with "Page X of Y" in the footer.
 */
export function renderPdf(model: PrintModel, options: PdfOptions): Promise<PdfResult> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    lang: 'en',
    displayTitle: true,
    info: {
      Title: model.title,
      Author: options.author ?? '',
      Subject: model.bluf.slice(0, 500),
      Creator: 'Briefing Builder',
      Producer: 'Briefing Builder (pdfkit)',
      CreationDate: options.creationDate ?? new Date(),
    },
  });
  doc.registerFont(FONT.regular, join(options.fontsDir, 'DejaVuSans.ttf'));
  doc.registerFont(FONT.bold, join(options.fontsDir, 'DejaVuSans-Bold.ttf'));
  doc.registerFont(FONT.italic, join(options.fontsDir, 'DejaVuSans-Oblique.ttf'));
  doc.registerFont(FONT.boldItalic, join(options.fontsDir, 'DejaVuSans-BoldOblique.ttf'));

  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  writeTitleBlock(doc, model);
  if (model.bluf !== '') writeBluf(doc, model.bluf);
  for (const section of model.sections) {
    writeHeading(doc, section.heading, section.level, section.blocks[0]);
    for (const block of section.blocks) writeBlock(doc, block);
  }
  if (model.notes.length > 0) writeNotes(doc, model);

  const pages = doc.bufferedPageRange().count;
  writePageFurniture(doc, model, pages);
  doc.end();
  return finished.then((bytes) => ({ bytes, pages }));
}

type Doc = PDFKit.PDFDocument;

function bottomLimit(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` more points fit on this one. */
function keepTogether(doc: Doc, height: number): void {
  const fullPage = bottomLimit(doc) - doc.page.margins.top;
  if (doc.y + height > bottomLimit(doc) && height <= fullPage) doc.addPage();
}

function writeTitleBlock(doc: Doc, model: PrintModel): void {
  doc.font(FONT.bold).fontSize(22).fillColor(COLOUR.text);
  doc.text(model.title, MARGIN.left, MARGIN.top, { width: CONTENT_WIDTH, lineGap: 2 });
  if (model.subtitle !== '') {
    doc.moveDown(0.3);
    doc.font(FONT.regular).fontSize(13).fillColor(COLOUR.muted);
    doc.text(model.subtitle, { width: CONTENT_WIDTH });
  }
  if (model.byline !== '') {
    doc.moveDown(0.4);
    doc.font(FONT.regular).fontSize(10).fillColor(COLOUR.muted);
    doc.text(model.byline, { width: CONTENT_WIDTH });
  }
  if (model.distribution !== '') {
    doc.moveDown(0.2);
    doc.font(FONT.regular).fontSize(10).fillColor(COLOUR.muted);
    doc.text(model.distribution, { width: CONTENT_WIDTH });
  }
  doc.moveDown(0.8);
  const y = doc.y;
  doc
    .moveTo(MARGIN.left, y)
    .lineTo(MARGIN.left + CONTENT_WIDTH, y)
    .lineWidth(0.75)
    .strokeColor(COLOUR.rule)
    .stroke();
  doc.y = y + 14;
}

function writeBluf(doc: Doc, bluf: string): void {
  const padding = 10;
  const textWidth = CONTENT_WIDTH - padding * 2;
  doc.font(FONT.regular).fontSize(11);
  const textHeight = doc.heightOfString(bluf, { width: textWidth, lineGap: 3 });
  const boxHeight = textHeight + padding * 2 + 16;
  keepTogether(doc, boxHeight);
  const top = doc.y;
  doc.rect(MARGIN.left, top, CONTENT_WIDTH, boxHeight).fill(COLOUR.blufFill);
  doc.rect(MARGIN.left, top, 3, boxHeight).fill(COLOUR.accent);
  doc.font(FONT.bold).fontSize(8.5).fillColor(COLOUR.accent);
  doc.text('BOTTOM LINE UP FRONT', MARGIN.left + padding, top + padding, {
    width: textWidth,
    characterSpacing: 0.6,
  });
  doc.font(FONT.regular).fontSize(11).fillColor(COLOUR.text);
  doc.text(bluf, MARGIN.left + padding, top + padding + 16, { width: textWidth, lineGap: 3 });
  doc.x = MARGIN.left;
  doc.y = top + boxHeight + 18;
}

function blockHeight(doc: Doc, block: PrintBlock): number {
  if (block.kind === 'paragraph') {
    doc.font(FONT.regular).fontSize(11);
    return doc.heightOfString(runsText(block.runs), { width: CONTENT_WIDTH, lineGap: 3 });
  }
  if (block.kind === 'list-item') {
    doc.font(FONT.regular).fontSize(11);
    return doc.heightOfString(runsText(block.runs), { width: CONTENT_WIDTH - LIST_INDENT, lineGap: 3 });
  }
  if (block.kind === 'judgment') {
    doc.font(FONT.bold).fontSize(11);
    const sentence = doc.heightOfString(block.text, { width: CONTENT_WIDTH - QUOTE_INDENT, lineGap: 3 });
    doc.font(FONT.regular).fontSize(9.5);
    return sentence + 4 + doc.heightOfString(block.qualifier, { width: CONTENT_WIDTH - QUOTE_INDENT });
  }
  doc.font(FONT.regular).fontSize(11);
  const quote = doc.heightOfString(quoteText(block), { width: CONTENT_WIDTH - QUOTE_INDENT, lineGap: 3 });
  doc.font(FONT.regular).fontSize(9.5);
  return quote + 6 + doc.heightOfString(`— ${block.attribution}`, { width: CONTENT_WIDTH - QUOTE_INDENT });
}

function writeHeading(doc: Doc, heading: string, level: 1 | 2, first: PrintBlock | undefined): void {
  const size = level === 1 ? 14 : 12;
  doc.font(FONT.bold).fontSize(size);
  const height = doc.heightOfString(heading, { width: CONTENT_WIDTH }) + 10;
  // A heading never sits alone at the foot of a page: keep it with the start of its first block.
  const firstHeight = first === undefined ? 0 : Math.min(blockHeight(doc, first), 60);
  keepTogether(doc, height + firstHeight + 6);
  doc.font(FONT.bold).fontSize(size).fillColor(COLOUR.text);
  doc.text(heading, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  doc.y += 6;
}

function quoteText(block: Extract<PrintBlock, { kind: 'quote' }>): string {
  // Set apart as a block quote, so no quotation marks of our own: the text stays exactly the source's.
  return `${block.text}${superscript(block.citation)}`;
}

function runFont(run: PrintRun): string {
  if (run.bold === true) return run.italic === true ? FONT.boldItalic : FONT.bold;
  return run.italic === true ? FONT.italic : FONT.regular;
}

/** Writes runs as one flowing paragraph, switching fonts per run. */
function writeRuns(doc: Doc, runs: readonly PrintRun[], x: number, width: number): void {
  const printable = runs.filter((run) => run.text !== '');
  if (printable.length === 0) return;
  doc.fontSize(11).fillColor(COLOUR.text);
  printable.forEach((run, index) => {
    doc.font(runFont(run));
    const options = { width, lineGap: 3, continued: index < printable.length - 1 };
    if (index === 0) doc.text(run.text, x, doc.y, options);
    else doc.text(run.text, options);
  });
}

function writeBlock(doc: Doc, block: PrintBlock): void {
  if (block.kind === 'paragraph') {
    writeRuns(doc, block.runs, MARGIN.left, CONTENT_WIDTH);
    doc.x = MARGIN.left;
    doc.y += 10;
    return;
  }
  if (block.kind === 'list-item') {
    keepTogether(doc, Math.min(blockHeight(doc, block), 40));
    const top = doc.y;
    doc.font(FONT.regular).fontSize(11).fillColor(COLOUR.text);
    doc.text(block.marker, MARGIN.left, top, { width: LIST_INDENT, lineBreak: false });
    doc.y = top;
    writeRuns(doc, block.runs, MARGIN.left + LIST_INDENT, CONTENT_WIDTH - LIST_INDENT);
    doc.x = MARGIN.left;
    doc.y += 4;
    return;
  }
  if (block.kind === 'judgment') {
    keepTogether(doc, blockHeight(doc, block));
    const top = doc.y;
    doc.font(FONT.bold).fontSize(11).fillColor(COLOUR.text);
    doc.text(block.text, MARGIN.left + QUOTE_INDENT, top, {
      width: CONTENT_WIDTH - QUOTE_INDENT,
      lineGap: 3,
    });
    doc.y += 2;
    doc.font(FONT.regular).fontSize(9.5).fillColor(COLOUR.muted);
    doc.text(block.qualifier, MARGIN.left + QUOTE_INDENT, doc.y, { width: CONTENT_WIDTH - QUOTE_INDENT });
    doc.fillColor(COLOUR.accent).font(FONT.bold).fontSize(11);
    doc.text('▸', MARGIN.left + 4, top, { width: QUOTE_INDENT, lineBreak: false });
    doc.fillColor(COLOUR.text);
    doc.x = MARGIN.left;
    doc.y = Math.max(doc.y, top) + 12;
    return;
  }
  // Keep a quote with its attribution when it fits on one page.
  keepTogether(doc, blockHeight(doc, block));
  const top = doc.y;
  const startPage = doc.bufferedPageRange().count;
  doc.font(FONT.regular).fontSize(11).fillColor(COLOUR.text);
  doc.text(quoteText(block), MARGIN.left + QUOTE_INDENT, top, {
    width: CONTENT_WIDTH - QUOTE_INDENT,
    lineGap: 3,
  });
  doc.y += 4;
  doc.font(FONT.regular).fontSize(9.5).fillColor(COLOUR.muted);
  doc.text(`— ${block.attribution}`, MARGIN.left + QUOTE_INDENT, doc.y, {
    width: CONTENT_WIDTH - QUOTE_INDENT,
  });
  if (doc.bufferedPageRange().count === startPage) {
    doc.rect(MARGIN.left + 4, top + 1, 2.5, doc.y - top - 2).fill(COLOUR.accent);
  }
  doc.fillColor(COLOUR.text);
  doc.x = MARGIN.left;
  doc.y += 14;
}

function writeNotes(doc: Doc, model: PrintModel): void {
  doc.y += 6;
  doc.font(FONT.bold).fontSize(14);
  keepTogether(doc, 60);
  doc.fillColor(COLOUR.text).text('Notes', MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  doc.y += 6;
  const numberWidth = 22;
  for (const note of model.notes) {
    doc.font(FONT.regular).fontSize(9.5);
    const height = doc.heightOfString(note.text, { width: CONTENT_WIDTH - numberWidth, lineGap: 2 });
    keepTogether(doc, height);
    const top = doc.y;
    doc.fillColor(COLOUR.text).text(`${note.number}.`, MARGIN.left, top, { width: numberWidth });
    doc.text(note.text, MARGIN.left + numberWidth, top, { width: CONTENT_WIDTH - numberWidth, lineGap: 2 });
    doc.y += 5;
  }
}

function writePageFurniture(doc: Doc, model: PrintModel, pages: number): void {
  const shortTitle = model.title.length > 70 ? `${model.title.slice(0, 67).trimEnd()}…` : model.title;
  for (let index = 0; index < pages; index += 1) {
    doc.switchToPage(index);
    // Writing in the margins must not make pdfkit start new pages.
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    if (model.marking !== '') {
      doc.font(FONT.bold).fontSize(9).fillColor(COLOUR.text);
      doc.text(model.marking, 0, 30, { width: PAGE.width, align: 'center', lineBreak: false });
      doc.text(model.marking, 0, PAGE.height - 38, { width: PAGE.width, align: 'center', lineBreak: false });
    }
    const footerY = PAGE.height - 62;
    doc
      .moveTo(MARGIN.left, footerY - 8)
      .lineTo(PAGE.width - MARGIN.right, footerY - 8)
      .lineWidth(0.5)
      .strokeColor(COLOUR.rule)
      .stroke();
    doc.font(FONT.regular).fontSize(8.5).fillColor(COLOUR.muted);
    doc.text(shortTitle, MARGIN.left, footerY, { width: CONTENT_WIDTH * 0.7, lineBreak: false });
    doc.text(`Page ${index + 1} of ${pages}`, MARGIN.left, footerY, {
      width: CONTENT_WIDTH,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = savedBottom;
  }
}
