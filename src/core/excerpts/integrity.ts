import type Database from 'better-sqlite3';
import type { IntegrityItem, IntegrityReport } from '../../shared/dto';
import { CoreError } from '../errors';
import { getDocumentText } from '../store/documents';
import {
  anchorReader,
  listDocumentIdsWithExcerpts,
  sourceTextReader,
  type ExcerptAnchor,
} from '../store/excerpts';
import { bestVerbatimMatch } from './reanchor';
import { wordDiff } from './word-diff';

/**
 * One excerpt against its document's text: exact when the text still holds the quote at its
 * offsets, moved when the quote is verbatim elsewhere (the occurrence whose context fits best,
 * then the nearest), broken otherwise, with what the text holds there and a word diff.
 */
export function checkAnchor(text: string, anchor: ExcerptAnchor): IntegrityItem {
  const base = {
    excerptId: anchor.id,
    documentId: anchor.documentId,
    quote: anchor.quote,
    start: anchor.start,
    end: anchor.end,
  };
  if (anchor.end - anchor.start === anchor.quote.length && text.startsWith(anchor.quote, anchor.start)) {
    return { ...base, status: 'exact', foundStart: null, foundEnd: null, sourceText: null, diff: null };
  }
  const found = bestVerbatimMatch(text, anchor);
  if (found !== undefined) {
    return {
      ...base,
      status: 'moved',
      foundStart: found.start,
      foundEnd: found.end,
      sourceText: null,
      diff: null,
    };
  }
  const sourceText = text.slice(anchor.start, anchor.end);
  return {
    ...base,
    status: 'broken',
    foundStart: null,
    foundEnd: null,
    sourceText,
    diff: wordDiff(anchor.quote, sourceText),
  };
}

/**
 * Re-checks every excerpt (or one document's) against the stored text. Each document's text is
 * read once and its excerpts checked together.
 */
export function verifyExcerpts(db: Database.Database, documentId?: string): IntegrityReport {
  if (documentId !== undefined && getDocumentText(db, documentId) === undefined) {
    throw new CoreError('document-not-found', `No document with id ${documentId} is in the library.`);
  }
  const readAnchors = anchorReader(db);
  const readText = sourceTextReader(db);
  const problems: IntegrityItem[] = [];
  let checked = 0;
  let exact = 0;
  let moved = 0;
  let broken = 0;
  for (const id of listDocumentIdsWithExcerpts(db, documentId)) {
    const text = readText(id) ?? '';
    for (const anchor of readAnchors(id)) {
      checked += 1;
      const item = checkAnchor(text, anchor);
      if (item.status === 'exact') {
        exact += 1;
        continue;
      }
      if (item.status === 'moved') moved += 1;
      else broken += 1;
      problems.push(item);
    }
  }
  return { checked, exact, moved, broken, problems };
}
