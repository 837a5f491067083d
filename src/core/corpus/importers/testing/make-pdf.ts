import PDFDocument from 'pdfkit';
import { resolve } from 'node:path';

/** The app's bundled Unicode fonts (Latin, Cyrillic, Arabic...). */
export const TEST_FONTS_DIR = resolve(__dirname, '../../../../../resources/fonts');

/** Font sizes the generated PDFs use, so tests can reason about them. */
export const SIZES = { title: 22, heading: 15, body: 11, furniture: 8 } as const;

export type PdfBlockSpec =
  | Readonly<{ kind: 'title' | 'heading'; text: string }>
  /** Body text that wraps over as many lines as it needs; "\n" forces a line break. */
  | Readonly<{ kind: 'paragraph'; text: string }>
  | Readonly<{ kind: 'page-break' }>
  /** A filled rectangle: graphics with no text. */
  | Readonly<{ kind: 'rectangle' }>;

export type PdfInfo = Readonly<{
  Title?: string;
  Author?: string;
  Subject?: string;
  Keywords?: string;
  CreationDate?: Date;
}>;

export type MakePdfOptions = Readonly<{
  info?: PdfInfo;
  /** Non-standard document info entries (e.g. Publisher, URL). */
  customInfo?: Readonly<Record<string, string>>;
  /** The catalog's /Lang. */
  lang?: string;
  /** Encrypts the file so that it cannot be opened without this password. */
  userPassword?: string;
  /** A running header drawn in the top margin of every page (1-based page number). */
  header?: (page: number, pageCount: number) => string | null;
  /** A footer drawn in the bottom margin of every page. */
  footer?: (page: number, pageCount: number) => string | null;
  blocks: readonly PdfBlockSpec[];
}>;

/** Where a text block landed: the pages (1-based) of its first and last lines. */
export type PlacedBlock = Readonly<{ kind: 'title' | 'heading' | 'paragraph'; text: string; firstPage: number; lastPage: number }>;

export type GeneratedPdf = Readonly<{ bytes: Buffer; pageCount: number; placed: readonly PlacedBlock[] }>;

const FONT = { regular: 'TestRegular', bold: 'TestBold' } as const;
const MARGIN = 72;
const PARAGRAPH_GAP = 9;

/** Writes a real PDF with pdfkit, with the given blocks, document info and page furniture. */
export function makePdf(options: MakePdfOptions): Promise<GeneratedPdf> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    ...(options.lang === undefined ? {} : { lang: options.lang }),
    ...(options.userPassword === undefined
      ? {}
      : { userPassword: options.userPassword, ownerPassword: `${options.userPassword}-owner`, pdfVersion: '1.7' as const }),
    info: {
      Creator: 'make-pdf (test)',
      Producer: 'pdfkit',
      ...options.customInfo,
      ...options.info,
      CreationDate: options.info?.CreationDate ?? new Date(Date.UTC(2020, 0, 1)),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolvePromise, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolvePromise(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(FONT.regular, resolve(TEST_FONTS_DIR, 'DejaVuSans.ttf'));
  doc.registerFont(FONT.bold, resolve(TEST_FONTS_DIR, 'DejaVuSans-Bold.ttf'));

  const placed: PlacedBlock[] = [];
  const pageCount = (): number => doc.bufferedPageRange().count;
  const bottom = (): number => doc.page.height - doc.page.margins.bottom;

  for (const block of options.blocks) {
    if (block.kind === 'page-break') {
      doc.addPage();
      continue;
    }
    if (block.kind === 'rectangle') {
      doc.rect(MARGIN, doc.y, 200, 120).fill('#336699');
      doc.fillColor('black');
      continue;
    }
    const heading = block.kind !== 'paragraph';
    const size = block.kind === 'title' ? SIZES.title : heading ? SIZES.heading : SIZES.body;
    doc.font(heading ? FONT.bold : FONT.regular).fontSize(size);
    // Start on a fresh page when not even the first line (or a heading and two lines after it) fits,
    // so that `firstPage` is where the text really starts.
    const needed = doc.currentLineHeight(true) + (heading ? 3 * SIZES.body * 1.2 : 0);
    if (doc.y + needed > bottom()) doc.addPage();
    const firstPage = pageCount();
    doc.text(block.text, { paragraphGap: 0 });
    placed.push({ kind: block.kind, text: block.text, firstPage, lastPage: pageCount() });
    doc.moveDown(0);
    doc.y += heading ? PARAGRAPH_GAP / 2 : PARAGRAPH_GAP;
  }

  const total = pageCount();
  for (let index = 0; index < total; index += 1) {
    doc.switchToPage(index);
    const { margins } = doc.page;
    const saved = { top: margins.top, bottom: margins.bottom };
    // Writing inside the margins would otherwise make pdfkit start a new page.
    margins.top = 0;
    margins.bottom = 0;
    doc.font(FONT.regular).fontSize(SIZES.furniture);
    const width = doc.page.width - 2 * MARGIN;
    const header = options.header?.(index + 1, total) ?? null;
    if (header !== null) doc.text(header, MARGIN, 36, { width, lineBreak: false });
    const footer = options.footer?.(index + 1, total) ?? null;
    if (footer !== null) doc.text(footer, MARGIN, doc.page.height - 48, { width, align: 'center', lineBreak: false });
    margins.top = saved.top;
    margins.bottom = saved.bottom;
  }
  doc.end();
  return done.then((bytes) => ({ bytes, pageCount: total, placed }));
}

/** The text a reader should get back for a generated paragraph: forced breaks joined, split words mended. */
export function expectedText(text: string): string {
  return text
    .replace(/(\p{L})-\n(?=\p{Ll})/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export const ARTICLE_TITLE = 'Ports and Power in the Gulf';
export const ARTICLE_OUTLET = 'The Gulf Ledger';
export const ARTICLE_HEADING = 'Shipping lanes under pressure';

const TOPICS = [
  'container throughput',
  'bunker fuel prices',
  'insurance premiums',
  'crew rotations',
  'customs clearance times',
  'dredging contracts',
  'berth availability',
  'transshipment volumes',
  'storage tariffs',
  'pilotage rules',
  'rail connections',
  'cold chain capacity',
  'dry dock bookings',
  'labour agreements',
];

/** A long, unique body paragraph about one topic (about ten lines at 11 pt). */
function bodyParagraph(index: number): string {
  const topic = TOPICS[index % TOPICS.length] ?? 'trade';
  const sentences = [
    `Section ${index + 1} turns to ${topic}, which port authorities across the region now publish every month.`,
    `Officials in Jebel Ali and Dammam said that ${topic} had moved more in the last quarter than in the whole of the previous year.`,
    `Analysts who follow ${topic} closely warned that the figures are provisional and that revisions of several percent are common.`,
    `Shipping lines, for their part, told regulators that planning around ${topic} has become harder as routes change at short notice.`,
    `Several executives described the situation as manageable, although none of them would say so on the record.`,
    `The ministry expects to report again on ${topic} before the end of the season, once the new survey is complete.`,
  ];
  return sentences.join(' ');
}

/**
 * A three-page article with a running header (outlet, title and page number), "Page N" footers,
 * a large bold title, a bold section heading, long wrapping paragraphs (one continues across a page
 * break), a word hyphenated at a line end ("interna-" / "tional") and a real mid-line hyphen.
 */
export function articleOptions(): MakePdfOptions {
  const blocks: PdfBlockSpec[] = [
    { kind: 'title', text: ARTICLE_TITLE },
    { kind: 'paragraph', text: 'By Jane Doe, Dubai' },
    {
      kind: 'paragraph',
      text:
        'The Abu Dhabi-based operator said on Monday that its new terminal would open to the interna-\n' +
        'tional shipping lines that already call at its older berths, and that the first vessels were expected within weeks.',
    },
  ];
  for (let index = 0; index < 5; index += 1) blocks.push({ kind: 'paragraph', text: bodyParagraph(index) });
  blocks.push({ kind: 'heading', text: ARTICLE_HEADING });
  for (let index = 5; index < 13; index += 1) blocks.push({ kind: 'paragraph', text: bodyParagraph(index) });
  return {
    info: {
      Title: ARTICLE_TITLE,
      Author: 'Jane Doe',
      Subject: 'Port expansion in the Gulf',
      Keywords: 'ports, shipping, Gulf',
      CreationDate: new Date(Date.UTC(2024, 2, 5, 9, 30)),
    },
    lang: 'en-GB',
    header: (page) => `${ARTICLE_OUTLET} · ${ARTICLE_TITLE} · ${page}`,
    footer: (page) => `Page ${page}`,
    blocks,
  };
}
