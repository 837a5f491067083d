import type { PrintPreview } from '../../shared/print-preview';
import { DEFAULT_PRINT_SETTINGS, printsContents, type PrintSettings } from '../../shared/print-settings';
import type { PrintModel } from './layout';
import { footnotePlacer, writeEndnotes, writeFootnotes, writeSourceAppendix, writeSources } from './pdf-back';
import type { NotePlacer } from './pdf-blocks';
import { writeSections } from './pdf-blocks';
import { collectBytes, headingKeywords, openDocument } from './pdf-document';
import { reserveContents, writeBluf, writeContents, writeTitleBlock, writeTitlePage } from './pdf-front';
import { footerTitle, writePageFurniture } from './pdf-furniture';
import { Sheet } from './pdf-sheet';
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
  /** Page size, title page, contents, notes placement and language; defaults for any left out. */
  settings?: Partial<PrintSettings> | undefined;
  /** Document keywords; defaults to the section headings. */
  keywords?: readonly string[] | undefined;
  /** Told the number of pages laid out so far, each time a page is added (progress for long briefings). */
  onPage?: ((pages: number) => void) | undefined;
}>;

export type PdfResult = Readonly<{ bytes: Buffer; pages: number }>;

/** Endnotes keep no room on the page: the notes are listed after the body. */
const ENDNOTES: NotePlacer = { heightFor: () => 0, placed: () => undefined };

/**
 * Sets the whole briefing on pages: title page or title block, contents, BLUF, sections, notes
 * (endnotes, or footnotes on the page that cites them), sources, the source appendix, then the
 * page furniture (marking banners, short title, "Page X of Y") on every page.
 */
function compose(
  model: PrintModel,
  options: PdfOptions,
): Readonly<{ sheet: Sheet; doc: PDFKit.PDFDocument }> {
  const settings = { ...DEFAULT_PRINT_SETTINGS, ...options.settings };
  const frame = frameFor(settings.pageSize);
  const doc = openDocument(model, {
    frame,
    fontsDir: options.fontsDir,
    creationDate: options.creationDate ?? new Date(),
    author: options.author ?? '',
    language: settings.language,
    keywords: options.keywords ?? headingKeywords(model),
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  const sheet = new Sheet(doc, frame, root, options.onPage);

  if (settings.titlePage) writeTitlePage(sheet, model);
  else writeTitleBlock(sheet, model);
  const contents = printsContents(settings, model.sections.length)
    ? reserveContents(sheet, model.sections)
    : undefined;
  // After a title page the contents have their page(s) and the text starts on a fresh one.
  if (contents !== undefined && settings.titlePage) doc.addPage();
  if (model.bluf !== '') writeBluf(sheet, model.bluf);
  const footnotes = settings.notes === 'footnotes';
  const headingPages = writeSections(
    sheet,
    model.sections,
    footnotes ? footnotePlacer(sheet, model.notes) : ENDNOTES,
  );
  if (!footnotes && model.notes.length > 0) writeEndnotes(sheet, model.notes);
  if (model.sources.length > 0) writeSources(sheet, model);
  writeSourceAppendix(sheet, model);
  if (contents !== undefined) writeContents(sheet, contents, model.sections, headingPages);
  writeFootnotes(sheet);
  root.end();
  writePageFurniture(sheet, model, doc.bufferedPageRange().count);
  return { sheet, doc };
}

/**
 * Renders a laid-out briefing as a tagged PDF with embedded (subset) Unicode fonts, document info
 * (title, author, the BLUF as subject, keywords, creation date, language), bookmarks for the
 * sections and linked contents and notes. Right-to-left and mixed-direction text is set in visual
 * order (see bidi-lines.ts).
 */
export function renderPdf(model: PrintModel, options: PdfOptions): Promise<PdfResult> {
  const { doc } = compose(model, options);
  const finished = collectBytes(doc);
  const pages = doc.bufferedPageRange().count;
  doc.end();
  return finished.then((bytes) => ({ bytes, pages }));
}

/** What each page of the PDF holds, for the on-screen preview (the same layout, not written out). */
export function previewPdf(model: PrintModel, options: PdfOptions): PrintPreview {
  const { sheet, doc } = compose(model, options);
  // Nothing reads the document's output; dropping its listeners lets it be collected.
  doc.removeAllListeners();
  return {
    width: sheet.frame.width,
    height: sheet.frame.height,
    marking: model.marking,
    footerTitle: footerTitle(model),
    pages: sheet.pages,
  };
}
