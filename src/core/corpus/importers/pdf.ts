import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import type { TextDirection } from '../../../shared/dto';
import { CoreError, isCoreError } from '../../errors';
import type { Importer, RawBlock } from '../imported-document';
import { normaliseDate, normaliseField, normaliseInline } from '../normalise';
import { refusePdfDecompressionBombs } from './pdf-streams';

/**
 * pdf.js's worker code, loaded into this thread. Importing it sets `globalThis.pdfjsWorker`, which
 * makes pdf.js run its "fake worker" on the calling thread instead of starting a worker or loading
 * `GlobalWorkerOptions.workerSrc` by URL. (A variable, because the file ships without type
 * declarations; nothing from it is used directly.)
 */
const PDFJS_WORKER_MODULE: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

/** A file that pdf.js has not finished reading by then is given up on (the task is destroyed). */
const READ_TIMEOUT_MS = 40_000;

const PASSWORD_MESSAGE = 'The PDF is password-protected; remove the password and import it again.';
const NO_TEXT_MESSAGE = 'The PDF has no text layer (it may be a scan); run OCR on it first.';

/** How many lines at the top and at the bottom of a page may be running headers or footers. */
const FURNITURE_ZONE_LINES = 3;
/** A line is a heading when its font is at least this much larger than the body text's... */
const HEADING_SIZE_RATIO = 1.15;
/** ...and the whole heading is no longer than this. */
const HEADING_MAX_CHARS = 200;
const HEADING_MAX_LINES = 3;

let pdfjsLoading: Promise<typeof PdfJs> | undefined;

function loadPdfJs(): Promise<typeof PdfJs> {
  pdfjsLoading ??= (async () => {
    await import(/* @vite-ignore */ PDFJS_WORKER_MODULE);
    return await import('pdfjs-dist/legacy/build/pdf.mjs');
  })().catch((error: unknown) => {
    pdfjsLoading = undefined;
    throw error;
  });
  return pdfjsLoading;
}

/** One line of text on a page, rebuilt from pdf.js text items. */
type Line = {
  text: string;
  page: number;
  /** Left edge, right edge and baseline, in PDF user space (y grows upwards). */
  x: number;
  right: number;
  y: number;
  /** Font size of most of the line's characters. */
  size: number;
  rtl: boolean;
};

type BlockDraft = {
  kind: 'heading' | 'paragraph' | 'list-item';
  lines: Line[];
  text: string;
  page: number;
  size: number;
};

type PageText = { page: number; items: readonly (TextItem | TextMarkedContent)[] };

type Extracted = {
  info: Record<string, unknown>;
  xmp: { get: (name: string) => unknown } | null;
  pages: PageText[];
};

/**
 * A PDF's text layer: lines rebuilt from the positions of pdf.js text items, joined into paragraphs
 * (a break at a larger vertical gap, an indent, a font-size change or a short line ending a
 * sentence), with line-end hyphenation mended, running headers, footers and page numbers left out,
 * larger-type lines as headings, and every block tagged with its page. Metadata comes from the
 * document info dictionary (and XMP where the info is silent). pdf.js runs on this thread, with no
 * worker, no eval, no font loading and no network.
 */
export const importPdf: Importer = async (bytes) => {
  if (bytes.length === 0) throw unreadable('the file is empty');
  if (!bytes.subarray(0, 1024).includes('%PDF-')) throw unreadable('it has no PDF header');
  refusePdfDecompressionBombs(bytes);
  const pdfjs = await loadPdfJs().catch((error: unknown) => {
    throw new CoreError('internal', `The PDF reader could not be loaded (${shortReason(error)}).`);
  });
  const extracted = await extract(pdfjs, bytes);
  return build(extracted);
};

/** Opens the document on this thread: no worker, no eval, no font loading, no fetching of any kind. */
function openDocument(pdfjs: typeof PdfJs, bytes: Buffer): PDFDocumentLoadingTask {
  return pdfjs.getDocument({
    data: new Uint8Array(bytes), // a private copy: pdf.js may take ownership of the buffer
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
}

async function extract(pdfjs: typeof PdfJs, bytes: Buffer): Promise<Extracted> {
  let task: PDFDocumentLoadingTask;
  try {
    task = openDocument(pdfjs, bytes);
  } catch (error) {
    throw toCoreError(error);
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(unreadable(`it took longer than ${READ_TIMEOUT_MS / 1000} seconds to read`)),
      READ_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([readAll(task), timeout]);
  } catch (error) {
    throw toCoreError(error);
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
}

async function readAll(task: PDFDocumentLoadingTask): Promise<Extracted> {
  const doc: PDFDocumentProxy = await task.promise;
  const metadata = await doc.getMetadata().catch(() => null);
  const pages: PageText[] = [];
  for (let number = 1; number <= doc.numPages; number += 1) {
    try {
      const page = await doc.getPage(number);
      const content = await page.getTextContent();
      pages.push({ page: number, items: content.items });
      page.cleanup();
    } catch (error) {
      if (isPasswordError(error)) throw error;
      throw unreadable(`page ${number} could not be read: ${shortReason(error)}`);
    }
  }
  const info = metadata !== null && isRecord(metadata.info) ? metadata.info : {};
  const xmp = metadata?.metadata ?? null;
  return { info, xmp: xmp === null ? null : { get: (name: string): unknown => xmp.get(name) }, pages };
}

function build(extracted: Extracted): ReturnType<Importer> {
  const linesByPage = extracted.pages.map((page) => rebuildLines(page));
  const pageLines = removeFurniture(linesByPage);
  const allLines = pageLines.flat();
  if (allLines.length === 0) throw new CoreError('import-empty-file', NO_TEXT_MESSAGE);

  const bodySize = dominantSize(allLines);
  const leading = typicalLeading(allLines);
  const drafts = pageLines.flatMap((lines) => assembleBlocks(lines, bodySize, leading));
  mendHyphenationAcrossPages(drafts);

  const info = extracted.info;
  const xmp = extracted.xmp;
  let title = usableTitle(stringField(info, 'Title') ?? xmpString(xmp, 'dc:title'));

  // The largest type at the top of page 1, above the body text, is taken to be the title.
  const titleDraft = findTitleDraft(drafts, bodySize);
  let titleLevelDraft: BlockDraft | undefined = titleDraft;
  if (titleDraft !== undefined) {
    const candidate = normaliseField(titleDraft.text);
    if (title === null || (candidate !== null && sameText(candidate, title))) {
      title ??= candidate;
      // Not repeated as a block, unless it is all the text there is.
      if (drafts.length > 1) {
        drafts.splice(drafts.indexOf(titleDraft), 1);
        titleLevelDraft = undefined;
      }
    }
  }

  const headingLevels = levelsBySize(drafts.filter((draft) => draft.kind === 'heading' && draft !== titleLevelDraft));
  const blocks: RawBlock[] = [];
  for (const draft of drafts) {
    const text = normaliseInline(draft.text);
    if (text === '') continue;
    if (draft.kind === 'heading') {
      const level = draft === titleLevelDraft ? 1 : (headingLevels.get(roundSize(draft.size)) ?? 2);
      blocks.push({ kind: 'heading', level, text, page: draft.page });
    } else {
      blocks.push({ kind: draft.kind, level: draft.kind === 'list-item' ? 1 : 0, text, page: draft.page });
    }
  }
  if (blocks.length === 0) throw new CoreError('import-empty-file', NO_TEXT_MESSAGE);

  const custom = isRecord(info['Custom']) ? info['Custom'] : {};
  return {
    format: 'pdf',
    title,
    author: normaliseField(stringField(info, 'Author') ?? xmpString(xmp, 'dc:creator')),
    outlet: normaliseField(
      firstString(custom, /^(publisher|publication|outlet|source)$/i, (value) => !isWebAddress(value)) ??
        xmpString(xmp, 'dc:publisher'),
    ),
    publishedAt: pdfDate(stringField(info, 'CreationDate')) ?? normaliseDate(xmpString(xmp, 'xmp:createdate')),
    url: normaliseField(
      firstString(custom, /^(url|uri|link|source|sourceurl)$/i, isWebAddress) ??
        [xmpString(xmp, 'prism:url'), xmpString(xmp, 'dc:identifier')].find(
          (value): value is string => value !== null && isWebAddress(value),
        ),
    ),
    language: normaliseField(stringField(info, 'Language') ?? xmpString(xmp, 'dc:language'), 35),
    direction: textDirection(allLines),
    blocks,
  };
}

// ---------------------------------------------------------------------------------------------
// Lines

function isTextItem(item: TextItem | TextMarkedContent): item is TextItem {
  return 'str' in item;
}

type LineBuilder = Line & { sizes: Map<number, number>; rtlChars: number; pendingSpace: boolean };

/** Adds a finished line to `lines` (unless it is blank) and returns null, the next builder. */
function flushLine(builder: LineBuilder | null, lines: Line[]): null {
  if (builder === null) return null;
  const text = builder.text.trim();
  if (text === '') return null;
  let size = builder.size;
  let most = -1;
  for (const [candidate, count] of builder.sizes) {
    if (count > most) [size, most] = [candidate, count];
  }
  const { page, x, right, y } = builder;
  lines.push({ text, page, x, right, y, size, rtl: builder.rtlChars * 2 > text.length });
  return null;
}

/**
 * Groups a page's text items into lines, in content-stream order: a new line after an item that
 * ends one (hasEOL) or when the baseline moves by more than half a font size. Rotated text
 * (margin stamps, watermarks) is left out.
 */
function rebuildLines({ page, items }: PageText): Line[] {
  const lines: Line[] = [];
  let current: LineBuilder | null = null;
  for (const item of items) {
    if (!isTextItem(item)) continue;
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform as readonly number[];
    const size = Math.hypot(c, d) || Math.abs(item.height);
    const rotated = Math.abs(b) > 0.05 * Math.abs(a) || Math.abs(c) > 0.05 * Math.abs(d) || a <= 0 || d <= 0;
    const text = item.str;
    if (rotated || size === 0 || text.trim() === '') {
      if (current !== null && text !== '' && !rotated) current.pendingSpace = true;
      if (item.hasEOL) current = flushLine(current, lines);
      continue;
    }
    // Half the larger size, so that a raised footnote marker stays on its line.
    if (current !== null && Math.abs(f - current.y) > 0.5 * Math.max(size, current.size)) {
      current = flushLine(current, lines);
    }
    const width = Math.abs(item.width);
    const rounded = roundSize(size);
    if (current === null) {
      current = {
        text,
        page,
        x: e,
        right: e + width,
        y: f,
        size,
        rtl: false,
        sizes: new Map([[rounded, text.length]]),
        rtlChars: item.dir === 'rtl' ? text.length : 0,
        pendingSpace: false,
      };
    } else {
      const gap = e - current.right;
      const spaced = current.pendingSpace || gap > 0.15 * size || gap < -0.5 * size;
      const needsSpace = spaced && !/\s$/.test(current.text) && !/^\s/.test(text);
      current.text += (needsSpace ? ' ' : '') + text;
      current.x = Math.min(current.x, e);
      current.right = Math.max(current.right, e + width);
      current.sizes.set(rounded, (current.sizes.get(rounded) ?? 0) + text.length);
      if (item.dir === 'rtl') current.rtlChars += text.length;
      current.pendingSpace = false;
    }
    if (item.hasEOL) current = flushLine(current, lines);
  }
  flushLine(current, lines);
  return lines;
}

function roundSize(size: number): number {
  return Math.round(size * 2) / 2;
}

// ---------------------------------------------------------------------------------------------
// Running headers, footers and page numbers

const ROMAN = new Map([
  ['i', 1],
  ['v', 5],
  ['x', 10],
]);

function romanValue(numeral: string): number {
  let total = 0;
  const digits = [...numeral.toLowerCase()].map((char) => ROMAN.get(char) ?? 0);
  digits.forEach((digit, index) => {
    total += digit < (digits[index + 1] ?? 0) ? -digit : digit;
  });
  return total;
}

/**
 * The number on a line that is only a page number ("3", "Page 3", "3 / 12", "Page 3 of 12",
 * "- 3 -", "[3]", "iv"), or null.
 */
function pageNumberOf(text: string): number | null {
  const value = normaliseInline(text);
  const arabic =
    /^(?:page|p\.|pg\.?|seite|página|pagina)?\s*(\d{1,4})(?:\s*(?:\/|of|von|de|sur)\s*\d{1,4})?$/iu.exec(value) ??
    /^[-–—]\s*(\d{1,4})\s*[-–—]$/u.exec(value) ??
    /^\[\s*(\d{1,4})\s*\]$/u.exec(value) ??
    /^\(\s*(\d{1,4})\s*\)$/u.exec(value);
  if (arabic !== null) return Number(arabic[1]);
  const roman = /^(?:page\s+)?(x{0,3}(?:ix|iv|v?i{0,3}))$/iu.exec(value);
  return roman?.[1] !== undefined && roman[1] !== '' ? romanValue(roman[1]) : null;
}

function furnitureKey(line: Line): string {
  const text = normaliseInline(line.text).toLowerCase().replace(/\d+/g, '#');
  return `${roundSize(line.size)}|${text}`;
}

type Edge = 'top' | 'bottom';

/** The indexes of a page's topmost and bottommost lines, where headers and footers live. */
function edgeZones(lines: readonly Line[]): Record<Edge, number[]> {
  const order = lines.map((_, index) => index).sort((i, j) => (lines[j]?.y ?? 0) - (lines[i]?.y ?? 0));
  return { top: order.slice(0, FURNITURE_ZONE_LINES), bottom: order.slice(-FURNITURE_ZONE_LINES).reverse() };
}

/**
 * What makes a line at a page's edge recognisable on other pages: its text with digits masked, and
 * its size; and, for the very top or bottom line, a number at its start or end that runs with the
 * page number ("Chapter 2: Handling 3" on page 6, "4 Handbook" on page 7).
 */
function furnitureKeys(line: Line, edge: Edge, outermost: boolean): string[] {
  const keys = [`${edge}|${furnitureKey(line)}`];
  const number = pageNumberOf(line.text);
  if (number !== null) keys.push(`${edge}|page-offset ${line.page - number}`, `${edge}|page-number`);
  else if (outermost) {
    const text = normaliseInline(line.text);
    for (const match of [/^(\d{1,4})\s/u.exec(text), /\s(\d{1,4})$/u.exec(text)]) {
      if (match !== null) keys.push(`${edge}|page-offset ${line.page - Number(match[1])}`);
    }
  }
  return keys;
}

/**
 * Leaves out page numbers and running headers and footers: lines at the top or bottom of a page
 * whose text (digits aside) and size recur at the same edge of at least 40% of the pages (and at
 * least two), or that carry the running page number (alone, or at the start or end of the line):
 * the page's own number, or a number a fixed distance from it on enough pages), or that are only a
 * page number when enough pages have one at that edge.
 */
function removeFurniture(pages: readonly Line[][]): Line[][] {
  const zones = pages.map(edgeZones);
  const edgeKeys = (lines: readonly Line[], zone: Record<Edge, number[]>): Map<number, string[]> => {
    const keys = new Map<number, string[]>();
    for (const edge of ['top', 'bottom'] as const) {
      zone[edge].forEach((index, rank) => {
        const line = lines[index];
        if (line !== undefined) keys.set(index, [...(keys.get(index) ?? []), ...furnitureKeys(line, edge, rank === 0)]);
      });
    }
    return keys;
  };
  const keysByPage = pages.map((lines, pageIndex) => edgeKeys(lines, zones[pageIndex] ?? { top: [], bottom: [] }));

  const seen = new Map<string, Set<number>>();
  keysByPage.forEach((keysByLine, pageIndex) => {
    for (const key of new Set([...keysByLine.values()].flat())) {
      const pagesWithKey = seen.get(key) ?? new Set<number>();
      pagesWithKey.add(pageIndex);
      seen.set(key, pagesWithKey);
    }
  });
  const threshold = pages.length >= 2 ? Math.max(2, Math.ceil(pages.length * 0.4)) : Number.POSITIVE_INFINITY;
  const running = (key: string) => (seen.get(key)?.size ?? 0) >= threshold;

  return pages.map((lines, pageIndex) => {
    const zone = zones[pageIndex];
    const outermost = new Set([zone?.top[0], zone?.bottom[0]]);
    return lines.filter((line, index) => {
      const keys = keysByPage[pageIndex]?.get(index);
      if (keys === undefined) return true;
      // A bare page number goes when it is the page's own number, when it is the very first or last
      // line of a page in a longer document, or when enough pages have one at that edge.
      const number = pageNumberOf(line.text);
      if (number !== null && (number === line.page || (pages.length > 1 && outermost.has(index)))) return false;
      return !keys.some(running);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Paragraphs and headings

/** The font size most of the text is set in. */
function dominantSize(lines: readonly Line[]): number {
  const counts = new Map<number, number>();
  for (const line of lines) counts.set(roundSize(line.size), (counts.get(roundSize(line.size)) ?? 0) + line.text.length);
  let best = 0;
  let bestCount = -1;
  for (const [size, count] of counts) {
    if (count > bestCount || (count === bestCount && size < best)) [best, bestCount] = [size, count];
  }
  return best;
}

/**
 * Baseline-to-baseline distance within a paragraph, as a multiple of the font size: a low
 * percentile of the gaps between consecutive same-size lines (paragraph gaps are the larger ones).
 */
function typicalLeading(lines: readonly Line[]): number {
  const ratios: number[] = [];
  for (let index = 1; index < lines.length; index += 1) {
    const previous = lines[index - 1];
    const line = lines[index];
    if (previous === undefined || line === undefined || previous.page !== line.page) continue;
    if (Math.abs(previous.size - line.size) > 0.05 * line.size) continue;
    const gap = previous.y - line.y;
    if (gap > 0.5 * line.size && gap < 4 * line.size) ratios.push(gap / line.size);
  }
  if (ratios.length === 0) return 1.2;
  ratios.sort((p, q) => p - q);
  return ratios[Math.floor(ratios.length * 0.2)] ?? 1.2;
}

/** Bullets that only ever mark list items... */
const BULLET = /^[•◦▪▫●○■□‣⁃∙]\s*/u;
/** ...and dashes that do when they start a block anyway (a wrapped line may begin with a dash). */
const DASH_BULLET = /^[-–—*·]\s+/u;
const NUMBERED = /^\(?\d{1,2}[.)]\s+\S/u;

function isHeadingSize(size: number, bodySize: number): boolean {
  return size >= bodySize * HEADING_SIZE_RATIO && size - bodySize >= 1;
}

/** Where a line should start a new block rather than continue the current one. */
function breaksBefore(previous: Line, line: Line, draft: BlockDraft, context: PageContext): boolean {
  const ratio = line.size / previous.size;
  if (ratio > 1.08 || ratio < 1 / 1.08) return true;
  const gap = previous.y - line.y;
  // Same baseline or moving up the page: a new column or an out-of-order fragment.
  if (gap < 0.3 * line.size) return true;
  if (gap > context.leading * previous.size * 1.3 + 1) return true;
  // Right-to-left text is indented from the right, unless it is set flush left anyway.
  const rtl = line.rtl && previous.rtl && Math.abs(line.x - previous.x) > 0.5;
  const em = line.size;
  const indent = rtl ? previous.right - line.right : line.x - previous.x;
  if (draft.kind === 'list-item') {
    // Continuation lines hang right of the bullet, aligned with each other; a line further left ends the item.
    const first = draft.lines[0] ?? previous;
    const fromItem = rtl ? first.right - line.right : line.x - first.x;
    if (fromItem < -0.5 * em) return true;
    if (draft.lines.length > 1 && Math.abs(indent) > 0.8 * em) return true;
  } else {
    if (indent > 0.8 * em) return true;
    if (indent < -0.8 * em) {
      // Back at the margin after an indented first line: the same paragraph, if that line was full.
      if (draft.lines.length > 1) return true;
      const full = rtl ? previous.x <= line.x + 2 * em : previous.right >= line.right - 2 * em;
      if (!full) return true;
    }
  }
  if (draft.kind === 'heading') return false;
  const previousWidth = previous.right - previous.x;
  return /[.!?:;…"”»)]$/u.test(previous.text) && previousWidth < 0.7 * context.fullWidth;
}

type PageContext = { bodySize: number; leading: number; fullWidth: number };

/** Joins a page's lines into heading, paragraph and list-item blocks. */
function assembleBlocks(lines: readonly Line[], bodySize: number, leading: number): BlockDraft[] {
  const bodyWidths = lines
    .filter((line) => Math.abs(line.size - bodySize) <= 0.5)
    .map((line) => line.right - line.x)
    .sort((p, q) => p - q);
  const fullWidth = bodyWidths[Math.floor(bodyWidths.length * 0.9)] ?? 0;
  const context: PageContext = { bodySize, leading, fullWidth };

  const drafts: BlockDraft[] = [];
  for (const line of lines) {
    const draft = drafts.at(-1);
    const previous = draft?.lines.at(-1);
    let startsNew = draft === undefined || previous === undefined || breaksBefore(previous, line, draft, context);
    const inList = draft?.kind === 'list-item';
    const bullet = BULLET.exec(line.text) ?? (startsNew || inList ? DASH_BULLET.exec(line.text) : null);
    const numbered = NUMBERED.test(line.text);
    if (bullet !== null || (numbered && inList)) startsNew = true;
    if (startsNew || draft === undefined) {
      const kind: BlockDraft['kind'] = isHeadingSize(line.size, bodySize)
        ? 'heading'
        : bullet !== null || numbered
          ? 'list-item'
          : 'paragraph';
      const text = kind === 'list-item' && bullet !== null ? line.text.slice(bullet[0].length) : line.text;
      drafts.push({ kind, lines: [line], text, page: line.page, size: line.size });
    } else {
      draft.lines.push(line);
      draft.text = joinLines(draft.text, line.text);
    }
  }
  // A "heading" that runs on for many lines is large-type body text.
  for (const block of drafts) {
    if (
      block.kind === 'heading' &&
      (block.lines.length > HEADING_MAX_LINES || normaliseInline(block.text).length > HEADING_MAX_CHARS)
    ) {
      block.kind = 'paragraph';
    }
  }
  return drafts;
}

/**
 * Joins two lines of one paragraph. A word split at the line end ("interna-" + "tional") is
 * mended when the hyphen follows a letter and the next line starts in lower case; otherwise a
 * line-end hyphen is kept without a space ("COVID-" + "19"), and other lines join with a space.
 */
export function joinLines(before: string, after: string): string {
  if (/\p{L}\u00AD$/u.test(before)) return before.slice(0, -1) + after;
  if (/\p{L}[-\u2010]$/u.test(before)) {
    return /^\p{Ll}/u.test(after) ? before.slice(0, -1) + after : before + after;
  }
  return `${before} ${after}`;
}

/** A word split over a page break: the rest of it moves back to the end of the previous page's paragraph. */
function mendHyphenationAcrossPages(drafts: BlockDraft[]): void {
  for (let index = 1; index < drafts.length; index += 1) {
    const previous = drafts[index - 1];
    const next = drafts[index];
    if (previous === undefined || next === undefined) continue;
    if (previous.page === next.page || previous.kind !== 'paragraph' || next.kind !== 'paragraph') continue;
    if (!/\p{L}-$/u.test(previous.text)) continue;
    const match = /^(\p{Ll}[\p{L}\p{M}]*[,.;:!?]?)(\s+|$)/u.exec(next.text);
    if (match === null) continue;
    previous.text = previous.text.slice(0, -1) + (match[1] ?? '');
    next.text = next.text.slice(match[0].length);
    if (next.text.trim() === '') {
      drafts.splice(index, 1);
      index -= 1;
    }
  }
}

/** The first heading on page 1 set in the page's largest type, if it comes before most of the text. */
function findTitleDraft(drafts: readonly BlockDraft[], bodySize: number): BlockDraft | undefined {
  const firstPage = drafts.filter((draft) => draft.page === 1);
  const largest = Math.max(0, ...firstPage.map((draft) => draft.size));
  if (!isHeadingSize(largest, bodySize)) return undefined;
  const index = firstPage.findIndex((draft) => draft.kind === 'heading' && Math.abs(draft.size - largest) < 0.25);
  if (index < 0 || index > 3) return undefined;
  return firstPage[index];
}

/** Heading levels 2 and below, largest type first. */
function levelsBySize(headings: readonly BlockDraft[]): Map<number, number> {
  const sizes = [...new Set(headings.map((draft) => roundSize(draft.size)))].sort((p, q) => q - p);
  return new Map(sizes.map((size, index) => [size, Math.min(6, index + 2)]));
}

// ---------------------------------------------------------------------------------------------
// Metadata

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function firstString(
  record: Record<string, unknown>,
  keyPattern: RegExp,
  accept: (value: string) => boolean,
): string | null {
  for (const [key, value] of Object.entries(record)) {
    if (keyPattern.test(key) && typeof value === 'string' && value.trim() !== '' && accept(value.trim())) {
      return value;
    }
  }
  return null;
}

function xmpString(xmp: Extracted['xmp'], name: string): string | null {
  if (xmp === null) return null;
  let value: unknown;
  try {
    value = xmp.get(name);
  } catch {
    return null;
  }
  if (Array.isArray(value)) {
    value = value.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '').join(', ');
  }
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function isWebAddress(value: string): boolean {
  return /^https?:\/\/\S+$/i.test(value.trim());
}

/** Titles that authoring tools fill in by themselves say nothing about the document. */
function usableTitle(raw: string | null): string | null {
  const title = normaliseField(raw?.replace(/^Microsoft (Word|PowerPoint) - /i, ''));
  if (title === null) return null;
  if (/^(untitled|untitled document|document\d*|title)$/i.test(title)) return null;
  if (/\.(docx?|pdf|odt|rtf|pages|indd|pptx?|txt|html?)$/i.test(title)) return null;
  return title;
}

function sameText(a: string, b: string): boolean {
  const simple = (value: string) => normaliseInline(value).toLowerCase();
  return simple(a) === simple(b);
}

/** A PDF date (D:YYYYMMDDHHmmSS...) as YYYY-MM-DD, as written (no time-zone shift). */
function pdfDate(raw: string | null): string | null {
  if (raw === null) return null;
  const match = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(raw.trim());
  if (match === null || match[2] === undefined || match[3] === undefined) return null;
  return normaliseDate(`${match[1]}-${match[2]}-${match[3]}`);
}

function textDirection(lines: readonly Line[]): TextDirection | null {
  let rtl = 0;
  let ltr = 0;
  for (const line of lines) {
    for (const char of line.text) {
      if (/[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u.test(char)) rtl += 1;
      else if (/\p{L}/u.test(char)) ltr += 1;
    }
  }
  if (rtl === 0 && ltr === 0) return null;
  return rtl > ltr ? 'rtl' : 'ltr';
}

// ---------------------------------------------------------------------------------------------
// Errors

function unreadable(reason: string): CoreError {
  return new CoreError('import-unreadable', `The file is not a readable PDF (${reason}).`);
}

function errorName(error: unknown): string {
  return isRecord(error) && typeof error['name'] === 'string' ? error['name'] : '';
}

function isPasswordError(error: unknown): boolean {
  return errorName(error) === 'PasswordException';
}

function shortReason(error: unknown): string {
  const raw = error instanceof Error ? error.message : isRecord(error) && typeof error['message'] === 'string' ? error['message'] : '';
  if (/file is empty/i.test(raw)) return 'the file is empty';
  const text = normaliseInline(raw).replace(/[.\s]+$/, '');
  if (text === '') return 'it could not be parsed';
  const short = text.length > 120 ? `${text.slice(0, 117)}...` : text;
  return /^[A-Z][a-z]/.test(short) ? short[0]?.toLowerCase() + short.slice(1) : short;
}

/** Every failure becomes a CoreError with a sentence for the user; pdf.js errors never escape. */
function toCoreError(error: unknown): CoreError {
  if (isCoreError(error)) return error;
  if (isPasswordError(error)) return new CoreError('import-unreadable', PASSWORD_MESSAGE);
  return unreadable(shortReason(error));
}
