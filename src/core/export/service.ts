import type Database from 'better-sqlite3';
import type { Briefing } from '../../shared/dto';
import { isValidQuoteTrim, renderQuoteTrim, type QuoteTrim } from '../../shared/quote-trim';
import { CoreError } from '../errors';
import { getDocumentText } from '../store/documents';
import { getExcerpt } from '../store/excerpts';
import { writeFileAtomic } from './atomic-write';
import { layoutBriefing } from './layout';
import { docxFromModel } from './docx';
import { markdownFromModel } from './markdown';
import { renderPdf } from './pdf';

export type PdfExport = Readonly<{ path: string; pages: number; citations: number }>;

/** A printed quote is the excerpt itself, or a valid trim of it that renders to exactly that text. */
function quoteMatchesExcerpt(printed: string, trim: QuoteTrim | null, original: string): boolean {
  if (trim === null) return printed === original;
  return isValidQuoteTrim(original, trim) && renderQuoteTrim(original, trim) === printed;
}

/**
 * Re-checks every quote in the briefing against the stored source text. Returns one sentence per
 * problem; an empty list means every quote is verbatim.
 */
export function findQuoteProblems(db: Database.Database, briefing: Briefing): string[] {
  const problems: string[] = [];
  for (const section of briefing.sections) {
    for (const item of section.items) {
      if (item.kind !== 'excerpt') continue;
      const excerpt = getExcerpt(db, item.excerptId);
      const source = excerpt === undefined ? undefined : getDocumentText(db, excerpt.documentId);
      const label = `“${item.quote.slice(0, 60)}${item.quote.length > 60 ? '…' : ''}” in “${section.heading}”`;
      if (excerpt === undefined || source === undefined) {
        problems.push(`${label}: its excerpt or source document is missing.`);
      } else if (source.text.slice(excerpt.start, excerpt.end) !== excerpt.quote) {
        problems.push(`${label}: the source text no longer matches the excerpt.`);
      } else if (!quoteMatchesExcerpt(item.quote, item.trim, excerpt.quote)) {
        problems.push(`${label}: the quoted text differs from its excerpt.`);
      }
    }
  }
  return problems;
}

/** Stops an export whose quotes no longer match their sources, listing what to fix. */
function refuseQuoteProblems(db: Database.Database, briefing: Briefing): void {
  const problems = findQuoteProblems(db, briefing);
  if (problems.length > 0) {
    throw new CoreError(
      'export-failed',
      `The briefing was not exported because ${problems.length === 1 ? 'a quote does' : `${problems.length} quotes do`} not match the sources:\n${problems.join('\n')}`,
    );
  }
}

function writeOrExplain(path: string, bytes: Buffer, what: string): void {
  try {
    writeFileAtomic(path, bytes);
  } catch (error) {
    throw new CoreError(
      'export-failed',
      `The ${what} could not be written to ${path} (${error instanceof Error ? error.message : String(error)}). Any earlier file there is unchanged.`,
    );
  }
}

/** Writes the briefing as a PDF at `path`, atomically, after checking every quote. */
export async function exportBriefingPdfTo(
  db: Database.Database,
  briefing: Briefing,
  input: Readonly<{
    path: string;
    fontsDir: string;
    creationDate?: Date | undefined;
    pageSize?: 'A4' | 'Letter' | undefined;
  }>,
): Promise<PdfExport> {
  refuseQuoteProblems(db, briefing);
  const model = layoutBriefing(briefing);
  const { bytes, pages } = await renderPdf(model, {
    fontsDir: input.fontsDir,
    creationDate: input.creationDate,
    author: briefing.author,
    ...(input.pageSize === undefined ? {} : { pageSize: input.pageSize }),
  });
  writeOrExplain(input.path, bytes, 'PDF');
  return { path: input.path, pages, citations: model.notes.length };
}

export const EXPORT_FORMATS = ['pdf', 'docx', 'md'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type BriefingExport = Readonly<{
  path: string;
  format: ExportFormat;
  /** Pages of a PDF; null for formats without fixed pages. */
  pages: number | null;
  citations: number;
}>;

/**
 * Writes the briefing as a PDF, a Word document or Markdown, from the same layout model, after
 * checking every quote; the file is written atomically (an earlier file there stays intact if
 * anything fails). A fixed `creationDate` makes the output byte-identical for the same briefing.
 */
export async function exportBriefingTo(
  db: Database.Database,
  briefing: Briefing,
  input: Readonly<{
    path: string;
    format: ExportFormat;
    fontsDir: string;
    creationDate?: Date | undefined;
    pageSize?: 'A4' | 'Letter' | undefined;
  }>,
): Promise<BriefingExport> {
  if (input.format === 'pdf') {
    const pdf = await exportBriefingPdfTo(db, briefing, input);
    return { ...pdf, format: 'pdf' };
  }
  refuseQuoteProblems(db, briefing);
  const model = layoutBriefing(briefing);
  const bytes =
    input.format === 'md'
      ? Buffer.from(markdownFromModel(model), 'utf8')
      : docxFromModel(model, input.creationDate === undefined ? {} : { creationDate: input.creationDate });
  writeOrExplain(input.path, bytes, input.format === 'md' ? 'Markdown file' : 'Word document');
  return { path: input.path, format: input.format, pages: null, citations: model.notes.length };
}

/** The format a file name asks for, from its extension (PDF when it names none we write). */
export function formatForPath(path: string): ExportFormat {
  const extension = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (extension === 'docx') return 'docx';
  if (extension === 'md' || extension === 'markdown') return 'md';
  return 'pdf';
}
