import type { BaseDirection, BidiLine, Direction } from './bidi-lines';
import { containsRtl, layoutBidiParagraph, paragraphDirection } from './bidi-lines';

type Doc = PDFKit.PDFDocument;

/**
 * A run of text in one font; size and colour are whatever the document has set. A run can be a
 * link: to a web address, or (`goTo`) to a named destination in the document (a note, a section).
 */
export type FlowRun = Readonly<{
  text: string;
  font: string;
  link?: string | undefined;
  goTo?: string | undefined;
}>;

/** pdfkit carries text options over between continued runs, so a run without a link says so. */
function linkOptions(run: FlowRun): { link?: string; goTo?: string } {
  // pdfkit's types leave out null, which is what stops a carried-over option (undefined does not).
  const none = null as unknown as undefined;
  return { link: run.link ?? none, goTo: run.goTo ?? none };
}

export type FlowOptions = Readonly<{
  x: number;
  /** Top of the first line; defaults to the document's current position. */
  y?: number | undefined;
  width: number;
  lineGap?: number | undefined;
  /** 'auto' (the default) reads the direction from the text; generated English lines force 'ltr'. */
  direction?: BaseDirection | undefined;
  /**
   * The side that lines are set against; defaults to the paragraph's start side (right for a
   * right-to-left paragraph). Used by a right-to-left block for its generated English lines.
   */
  align?: 'left' | 'right' | undefined;
}>;

/** The direction `text` will be set in: left to right unless it holds right-to-left characters. */
export function flowDirection(text: string, direction: BaseDirection = 'auto'): Direction {
  if (!containsRtl(text)) return 'ltr';
  return direction === 'auto' ? paragraphDirection(text) : direction;
}

/** The current font size: pdfkit keeps it on the document but leaves it out of its types. */
function fontSizeOf(doc: Doc): number {
  return (doc as unknown as { _fontSize: number })._fontSize;
}

type BidiLayout = ReturnType<typeof layoutBidiParagraph<number>>;

/** Recent bidi layouts per document: a block is measured (to keep it on a page) just before it is drawn. */
const recentLayouts = new WeakMap<Doc, Map<string, BidiLayout>>();
const RECENT_LAYOUTS = 8;

/** Lays out runs as bidi lines; each piece's style is the index of the run it comes from. */
function layout(doc: Doc, runs: readonly FlowRun[], width: number, direction: BaseDirection | undefined) {
  // The same runs, width, direction and size always give the same lines (widths come from the fonts).
  const key = [
    width,
    direction,
    doc.currentLineHeight(),
    ...runs.flatMap((run) => [run.font, run.text]),
  ].join('\u0000');
  let recent = recentLayouts.get(doc);
  if (recent === undefined) {
    recent = new Map();
    recentLayouts.set(doc, recent);
  }
  const known = recent.get(key);
  if (known !== undefined) return known;
  const laidOut = layoutBidiParagraph(
    runs.map((run, index) => ({ text: run.text, style: index })),
    width,
    (text, index) => doc.font(runs[index]?.font ?? '').widthOfString(text),
    direction,
  );
  if (recent.size >= RECENT_LAYOUTS) recent.delete(recent.keys().next().value as string);
  recent.set(key, laidOut);
  return laidOut;
}

/** The height `writeFlow` will take for `text` set in `font` (at the current size). */
export function flowHeight(
  doc: Doc,
  text: string,
  font: string,
  options: Pick<FlowOptions, 'width' | 'lineGap' | 'direction'>,
): number {
  if (!containsRtl(text)) {
    return doc.font(font).heightOfString(text, { width: options.width, lineGap: options.lineGap });
  }
  const { lines } = layout(doc, [{ text, font }], options.width, options.direction);
  doc.font(font);
  return lines.length * (doc.currentLineHeight(true) + (options.lineGap ?? 0));
}

/**
 * A cheap upper bound of `flowHeight` for text without right-to-left letters: a greedy wrap at the
 * spaces where pdfkit can certainly break (see spaceBreaks), each word measured with the spaces or
 * line break after it (as pdfkit measures it), on a line a point narrower. pdfkit may break in more
 * places (after hyphens, slashes, dashes), never in fewer, so it never needs more lines than this
 * counts. Text with a word wider than the line is measured exactly. Deciding whether a block fits
 * at the foot of a page needs the exact height only when this bound does not already fit.
 */
export function flowHeightBound(
  doc: Doc,
  text: string,
  font: string,
  options: Pick<FlowOptions, 'width' | 'lineGap' | 'direction'>,
): number {
  if (containsRtl(text)) return flowHeight(doc, text, font, options);
  doc.font(font);
  const lines = greedyLines(text, options.width - 1, wordWidths(doc, font));
  if (lines === null) return flowHeight(doc, text, font, options);
  return lines * (doc.currentLineHeight(true) + (options.lineGap ?? 0));
}

/**
 * The lines a greedy wrap of `text` into `width` takes: a word ends where pdfkit may break the line
 * after spaces (see spaceBreaks), and at a line break, which also starts a new line. Each word is
 * measured as pdfkit measures it, with the spaces or line break that end it. Null when a word is
 * wider than the line: pdfkit cuts it letter by letter from wherever the line has got to, and how
 * many lines that takes depends on the letters.
 */
function greedyLines(text: string, width: number, widthOf: (word: string) => number): number | null {
  let lines = 1;
  let used = 0;
  let start = 0;
  /** Adds the word from `start` to `end`; false when it is wider than the line. */
  const addWord = (end: number): boolean => {
    const wide = widthOf(text.slice(start, end));
    start = end;
    if (wide > width) return false;
    if (used > 0 && used + wide > width) {
      lines += 1;
      used = 0;
    }
    used += wide;
    return true;
  };
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === NEWLINE) {
      if (!addWord(index + 1)) return null;
      lines += 1;
      used = 0;
    } else if (code === SPACE) {
      let end = index + 1;
      while (text.charCodeAt(end) === SPACE) end += 1;
      if (spaceBreaks(text, index, end) && !addWord(end)) return null;
      index = end - 1;
    }
  }
  if (start < text.length && !addWord(text.length)) return null;
  return lines;
}

const SPACE = 0x20;
const NEWLINE = 0x0a;
const WORD_CHARACTER = /^[\p{L}\p{N}]/u;
const AFTER_WORD = /[\p{L}\p{N}.,;:!?]$/u;

/**
 * Whether the spaces from `from` to `to` end a word for the bound: only where the line-breaking
 * rules pdfkit follows (Unicode's UAX #14) certainly allow a break after them, that is between a
 * letter, digit or sentence mark and a letter or digit. Elsewhere (before a closing bracket or
 * dash, after an opening one, between two dashes) spaces can hold words together, so the bound
 * keeps them together too: fewer places to break can only mean more lines.
 */
function spaceBreaks(text: string, from: number, to: number): boolean {
  if (from === 0 || to >= text.length) return false;
  const next = text.charCodeAt(to);
  const before = text.charCodeAt(from - 1);
  // ASCII answers without slicing (most words); anything else asks the Unicode classes.
  const nextIsWord = next < 0x80 ? isAsciiWord(next) : WORD_CHARACTER.test(text.slice(to, to + 2));
  if (!nextIsWord) return false;
  return before < 0x80
    ? isAsciiWord(before) || SENTENCE_MARKS.includes(before)
    : AFTER_WORD.test(text.slice(Math.max(0, from - 2), from));
}

/** . , ; : ! ? */
const SENTENCE_MARKS = [0x2e, 0x2c, 0x3b, 0x3a, 0x21, 0x3f];

function isAsciiWord(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

const wordWidthTables = new WeakMap<Doc, Map<string, Map<string, number>>>();

/**
 * The width of a word with the spaces or line break after it, in `font` at the current size,
 * remembered per document: a bound measures every word of every block, and asking pdfkit each time
 * re-splits the word and looks up its shaping again. (pdfkit still shapes each word once; its drawing reuses that.)
 */
function wordWidths(doc: Doc, font: string): (word: string) => number {
  let tables = wordWidthTables.get(doc);
  if (tables === undefined) {
    tables = new Map();
    wordWidthTables.set(doc, tables);
  }
  const key = `${font} ${fontSizeOf(doc)}`;
  let table = tables.get(key);
  if (table === undefined) {
    table = new Map();
    tables.set(key, table);
  }
  const widths = table;
  return (word) => {
    let wide = widths.get(word);
    if (wide === undefined) {
      wide = doc.widthOfString(word);
      widths.set(word, wide);
    }
    return wide;
  };
}

function drawLine(doc: Doc, runs: readonly FlowRun[], line: BidiLine<number>, left: number, y: number): void {
  for (const piece of line.pieces) {
    const run = runs[piece.style];
    if (run === undefined) continue;
    doc.font(run.font).text(piece.text, left + piece.x, y, { lineBreak: false, ...linkOptions(run) });
  }
}

/**
 * Writes runs as one flowing paragraph at the current size and colour, switching fonts per run,
 * leaves the position below it and returns the direction it was set in. Text without right-to-left characters goes through pdfkit's own
 * wrapping, exactly as before bidi support; other text is broken into lines and reordered here.
 */
export function writeFlow(doc: Doc, runs: readonly FlowRun[], options: FlowOptions): Direction {
  const printable = runs.filter((run) => run.text !== '');
  const last = printable[printable.length - 1];
  if (last === undefined) return 'ltr';
  const y = options.y ?? doc.y;
  if (!printable.some((run) => containsRtl(run.text))) {
    printable.forEach((run, index) => {
      doc.font(run.font);
      const textOptions = {
        width: options.width,
        lineGap: options.lineGap,
        continued: index < printable.length - 1,
        ...linkOptions(run),
        // Only when asked, so Latin text is set exactly as before bidi support.
        ...(options.align === 'right' ? { align: 'right' as const } : {}),
      };
      if (index === 0) doc.text(run.text, options.x, y, textOptions);
      else doc.text(run.text, textOptions);
    });
    return 'ltr';
  }
  const paragraph = layout(doc, printable, options.width, options.direction);
  const align = options.align ?? (paragraph.direction === 'rtl' ? 'right' : 'left');
  doc.font(printable[0]?.font ?? last.font);
  const lineHeight = doc.currentLineHeight(true);
  let top = y;
  for (const line of paragraph.lines) {
    // Like pdfkit's wrapping: a line that would cross the bottom margin starts a new page.
    if (top + lineHeight > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      top = doc.page.margins.top;
    }
    drawLine(
      doc,
      printable,
      line,
      align === 'right' ? options.x + options.width - line.width : options.x,
      top,
    );
    top += lineHeight + (options.lineGap ?? 0);
  }
  doc.font(last.font);
  doc.x = options.x;
  doc.y = top;
  return paragraph.direction;
}

export type LineOptions = Readonly<{
  x: number;
  y: number;
  width: number;
  align: 'left' | 'center' | 'right';
  /** 'rtl' sets even text without right-to-left letters in a right-to-left line (list markers). */
  direction?: BaseDirection | undefined;
}>;

/**
 * Writes one line in `font` that never wraps or breaks the page (page furniture). Bidi text is
 * reordered and placed by `align` within `width`.
 */
export function writeLine(doc: Doc, text: string, font: string, options: LineOptions): void {
  doc.font(font);
  if (!containsRtl(text) && options.direction !== 'rtl') {
    doc.text(text, options.x, options.y, { width: options.width, align: options.align, lineBreak: false });
    return;
  }
  const runs = [{ text: text.replace(/\n/g, ' '), font }];
  const [line] = layout(doc, runs, Number.POSITIVE_INFINITY, options.direction).lines;
  if (line === undefined) return;
  const slack = options.width - line.width;
  const offset = options.align === 'right' ? slack : options.align === 'center' ? slack / 2 : 0;
  drawLine(doc, runs, line, options.x + offset, options.y);
  doc.font(font);
}
