import type { PrintModel } from './layout';
import { writeBluf, writeNotes, writeSections, writeSources, writeTitleBlock } from './pdf-blocks';
import { collectBytes, headingKeywords, openDocument } from './pdf-document';
import { writePageFurniture } from './pdf-furniture';
import type { PageSize } from './pdf-style';
import { frameFor } from './pdf-style';

export { superscript } from './pdf-blocks';
export type { PageSize } from './pdf-style';

export type PdfOptions = Readonly<{
  fontsDir: string;
  /**
   * Fixed creation date for reproducible output (the same model, options and date give the same
   * bytes); defaults to now.
   */
  creationDate?: Date | undefined;
  author?: string | undefined;
  /** Paper size; the margins stay, the text column follows the page width. Defaults to A4. */
  pageSize?: PageSize | undefined;
  /** BCP 47 tag of the document's main language (the catalog's /Lang). Defaults to 'en'. */
  language?: string | undefined;
  /** Document keywords; defaults to the section headings. */
  keywords?: readonly string[] | undefined;
}>;

export type PdfResult = Readonly<{ bytes: Buffer; pages: number }>;

/**
 * Renders a laid-out briefing as a PDF with embedded (subset) Unicode fonts, a marking banner at
 * the top and bottom of every page, the short title with "Page X of Y" in the footer, document
 * info (title, author, the BLUF as subject, keywords, creation date) and bookmarks for the sections.
 * Right-to-left and mixed-direction text is set in visual order (see bidi-lines.ts).
 */
export function renderPdf(model: PrintModel, options: PdfOptions): Promise<PdfResult> {
  const frame = frameFor(options.pageSize ?? 'A4');
  const doc = openDocument(model, {
    frame,
    fontsDir: options.fontsDir,
    creationDate: options.creationDate ?? new Date(),
    author: options.author ?? '',
    language: options.language ?? 'en',
    keywords: options.keywords ?? headingKeywords(model),
  });
  const finished = collectBytes(doc);
  const sheet = { doc, frame };

  writeTitleBlock(sheet, model);
  if (model.bluf !== '') writeBluf(sheet, model.bluf);
  writeSections(sheet, model.sections);
  if (model.notes.length > 0) writeNotes(sheet, model);
  if (model.sources.length > 0) writeSources(sheet, model);

  const pages = doc.bufferedPageRange().count;
  writePageFurniture(sheet, model, pages);
  doc.end();
  return finished.then((bytes) => ({ bytes, pages }));
}
