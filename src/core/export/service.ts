import type Database from 'better-sqlite3';
import { bibliographyEntry, formatLongDate, sourceSortKey } from '../../shared/citations';
import type { Attribution, Briefing } from '../../shared/dto';
import type { AppendixEntry } from '../../shared/print-layout';
import type { PrintPreview } from '../../shared/print-preview';
import type { PrintSettings } from '../../shared/print-settings';
import { isValidQuoteTrim, renderQuoteTrim, type QuoteTrim } from '../../shared/quote-trim';
import { CoreError } from '../errors';
import { getDocumentSummary, getDocumentText } from '../store/documents';
import { getExcerpt } from '../store/excerpts';
import { writeFileAtomic, type AtomicRecord } from './atomic-write';
import { docxFromModel } from './docx';
import { layoutBriefing, type PrintModel } from './layout';
import { markdownFromModel } from './markdown';
import type { PdfOptions, PdfResult } from './pdf';
import { previewPdf, renderPdf } from './pdf';

/**
 * Where PDF layout runs: on this thread (tests, the CLI) or on a layout thread (the app), so that a
 * long briefing never blocks the process that answers the window.
 */
export type PdfLayout = Readonly<{
  render: (model: PrintModel, options: PdfOptions) => Promise<PdfResult>;
  preview: (model: PrintModel, options: PdfOptions) => Promise<PrintPreview>;
}>;

export const IN_PROCESS_LAYOUT: PdfLayout = {
  render: renderPdf,
  preview: (model, options) => Promise.resolve(previewPdf(model, options)),
};

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
  // Briefings quote a few sources many times: read each source's text once.
  const sources = new Map<string, ReturnType<typeof getDocumentText>>();
  const sourceText = (documentId: string) => {
    if (!sources.has(documentId)) sources.set(documentId, getDocumentText(db, documentId));
    return sources.get(documentId);
  };
  for (const section of briefing.sections) {
    for (const item of section.items) {
      if (item.kind !== 'excerpt') continue;
      const excerpt = getExcerpt(db, item.excerptId);
      const source = excerpt === undefined ? undefined : sourceText(excerpt.documentId);
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

/** Every cited source once, alphabetically, with the hashes and import date the library holds. */
export function sourceAppendix(db: Database.Database, briefing: Briefing): AppendixEntry[] {
  const sources = new Map<string, Attribution>();
  for (const section of briefing.sections) {
    for (const item of section.items) {
      if (item.kind === 'excerpt') sources.set(item.attribution.documentId, item.attribution);
    }
  }
  return [...sources.values()]
    .map((source) => ({ source, key: sourceSortKey(source) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .flatMap(({ source }) => {
      const summary = getDocumentSummary(db, source.documentId);
      const text = getDocumentText(db, source.documentId);
      if (summary === undefined || text === undefined) return [];
      return [
        {
          source: bibliographyEntry(source),
          fileSha256: summary.sha256,
          textSha256: text.textSha256,
          accessed: formatLongDate(summary.importedAt.slice(0, 10)) ?? summary.importedAt,
        },
      ];
    });
}

/** The briefing as printed with these settings (the appendix filled in from the library). */
export function printModelFor(
  db: Database.Database,
  briefing: Briefing,
  settings: PrintSettings,
): PrintModel {
  const model = layoutBriefing(briefing);
  return settings.sourceAppendix ? { ...model, appendix: sourceAppendix(db, briefing) } : model;
}

function writeOrExplain(path: string, bytes: Buffer, what: string, record: AtomicRecord | undefined): void {
  try {
    writeFileAtomic(path, bytes, record);
  } catch (error) {
    throw new CoreError(
      'export-failed',
      `The ${what} could not be written to ${path} (${error instanceof Error ? error.message : String(error)}). Any earlier file there is unchanged.`,
    );
  }
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

export type ExportRequest = Readonly<{
  path: string;
  format: ExportFormat;
  fontsDir: string;
  creationDate?: Date | undefined;
  /** Settings for this export only (the CLI's flags); the briefing's own settings fill the rest. */
  settings?: Partial<PrintSettings> | undefined;
  layout?: PdfLayout | undefined;
  onPage?: ((pages: number) => void) | undefined;
  /**
   * What the library records of this export (its version), saved once the file is written in full
   * and before it takes its name, so that the file and the record exist together or not at all.
   */
  record?: AtomicRecord | undefined;
}>;

/**
 * Writes the briefing as a PDF, a Word document or Markdown, from the same layout model, after
 * checking every quote; the file is written atomically (an earlier file there stays intact if
 * anything fails), with its `record` saved in step. A fixed `creationDate` makes the output byte-identical for the same briefing.
 */
export async function exportBriefingTo(
  db: Database.Database,
  briefing: Briefing,
  input: ExportRequest,
): Promise<BriefingExport> {
  refuseQuoteProblems(db, briefing);
  const settings = { ...briefing.printSettings, ...input.settings };
  const model = printModelFor(db, briefing, settings);
  if (input.format === 'pdf') {
    const { bytes, pages } = await (input.layout ?? IN_PROCESS_LAYOUT).render(model, {
      fontsDir: input.fontsDir,
      creationDate: input.creationDate,
      author: briefing.author,
      settings,
      onPage: input.onPage,
    });
    writeOrExplain(input.path, bytes, 'PDF', input.record);
    return { path: input.path, format: 'pdf', pages, citations: model.notes.length };
  }
  const bytes =
    input.format === 'md'
      ? Buffer.from(markdownFromModel(model), 'utf8')
      : docxFromModel(model, {
          settings,
          author: briefing.author,
          ...(input.creationDate === undefined ? {} : { creationDate: input.creationDate }),
        });
  writeOrExplain(input.path, bytes, input.format === 'md' ? 'Markdown file' : 'Word document', input.record);
  return { path: input.path, format: input.format, pages: null, citations: model.notes.length };
}

/** The briefing's pages as the PDF sets them, for the on-screen preview. */
export function previewBriefingPages(
  db: Database.Database,
  briefing: Briefing,
  fontsDir: string,
  layout: PdfLayout = IN_PROCESS_LAYOUT,
): Promise<PrintPreview> {
  const settings = briefing.printSettings;
  return layout.preview(printModelFor(db, briefing, settings), {
    fontsDir,
    author: briefing.author,
    settings,
  });
}

/** The format a file name asks for, from its extension (PDF when it names none we write). */
export function formatForPath(path: string): ExportFormat {
  const extension = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (extension === 'docx') return 'docx';
  if (extension === 'md' || extension === 'markdown') return 'md';
  return 'pdf';
}
