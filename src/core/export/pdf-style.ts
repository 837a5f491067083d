import { join } from 'node:path';

type Doc = PDFKit.PDFDocument;

export type PageSize = 'A4' | 'Letter';

/** Page geometry in points; the text column is whatever the margins leave of the page width. */
export type Frame = Readonly<{
  size: PageSize;
  width: number;
  height: number;
  margin: Readonly<{ top: number; bottom: number; left: number; right: number }>;
  contentWidth: number;
  /** Left and right edges of the text column. */
  left: number;
  right: number;
}>;

const PAGE_SIZES = {
  A4: { width: 595.28, height: 841.89 },
  Letter: { width: 612, height: 792 },
} as const satisfies Record<PageSize, { width: number; height: number }>;

/** One-inch sides on either paper; the taller top and bottom leave room for the banners. */
const MARGIN = { top: 78, bottom: 86, left: 72, right: 72 } as const;

export function frameFor(size: PageSize): Frame {
  const { width, height } = PAGE_SIZES[size];
  const contentWidth = width - MARGIN.left - MARGIN.right;
  return {
    size,
    width,
    height,
    margin: MARGIN,
    contentWidth,
    left: MARGIN.left,
    right: MARGIN.left + contentWidth,
  };
}

export const QUOTE_INDENT = 20;
export const LIST_INDENT = 18;

export const COLOUR = {
  text: '#1d232b',
  muted: '#5a6472',
  accent: '#2f5d8a',
  rule: '#c9d0d8',
  blufFill: '#eef3f8',
} as const;

export const FONT = {
  regular: 'BodyRegular',
  bold: 'BodyBold',
  italic: 'BodyItalic',
  boldItalic: 'BodyBoldItalic',
} as const;

/** DejaVu Sans covers Latin, Cyrillic and Arabic in each face, so no per-script font switching. */
export function registerFonts(doc: Doc, fontsDir: string): void {
  doc.registerFont(FONT.regular, join(fontsDir, 'DejaVuSans.ttf'));
  doc.registerFont(FONT.bold, join(fontsDir, 'DejaVuSans-Bold.ttf'));
  doc.registerFont(FONT.italic, join(fontsDir, 'DejaVuSans-Oblique.ttf'));
  doc.registerFont(FONT.boldItalic, join(fontsDir, 'DejaVuSans-BoldOblique.ttf'));
}
