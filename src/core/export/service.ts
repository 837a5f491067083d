import type Database from 'better-sqlite3';
import type { Briefing } from '../../shared/dto';
import { isValidQuoteTrim, renderQuoteTrim, type QuoteTrim } from '../../shared/quote-trim';
import { CoreError } from '../errors';
import { getDocumentText } from '../store/documents';
import { getExcerpt } from '../store/excerpts';
import { writeFileAtomic } from './atomic-write';
import { layoutBriefing } from './layout';
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

/** Writes the briefing as a PDF at `path`, atomically, after checking every quote. */
export async function exportBriefingPdfTo(
  db: Database.Database,
  briefing: Briefing,
  input: Readonly<{ path: string; fontsDir: string; creationDate?: Date | undefined }>,
): Promise<PdfExport> {
  const problems = findQuoteProblems(db, briefing);
  if (problems.length > 0) {
    throw new CoreError(
      'export-failed',
      `The briefing was not exported because ${problems.length === 1 ? 'a quote does' : `${problems.length} quotes do`} not match the sources:\n${problems.join('\n')}`,
    );
  }
  const model = layoutBriefing(briefing);
  const { bytes, pages } = await renderPdf(model, {
    fontsDir: input.fontsDir,
    creationDate: input.creationDate,
    author: briefing.author,
  });
  try {
    writeFileAtomic(input.path, bytes);
  } catch (error) {
    throw new CoreError(
      'export-failed',
      `The PDF could not be written to ${input.path} (${error instanceof Error ? error.message : String(error)}). Any earlier file there is unchanged.`,
    );
  }
  return { path: input.path, pages, citations: model.notes.length };
}
