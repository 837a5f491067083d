import { isSpace, LETTER_OR_DIGIT } from './characters';
import { collapseInsertion, ELLIPSIS_ONLY, tokenise } from './edit-tokens';
import { prepareSource, type Source } from './original';
import { renderQuoteTrim } from './render';
import { search, STRICT, type SearchOutcome } from './search';
import type { QuoteTrim } from './types';

export function sameTrim(left: QuoteTrim, right: QuoteTrim): boolean {
  return (
    left.length === right.length &&
    left.every((segment, index) => {
      const other = right[index];
      if (other === undefined || other.kind !== segment.kind) return false;
      if (segment.kind === 'quote' && other.kind === 'quote')
        return segment.start === other.start && segment.end === other.end;
      if (segment.kind === 'insertion' && other.kind === 'insertion') return segment.text === other.text;
      return true;
    })
  );
}

/** The reading of a trim's own printed form (what `isValidQuoteTrim` compares against). */
export function reread(source: Source, segments: QuoteTrim): SearchOutcome {
  return search(source, tokenise(source, renderQuoteTrim(source.text, segments)), STRICT);
}

function isInsertionText(text: string): boolean {
  return text !== '' && collapseInsertion(text) === text && !/[[\]]/.test(text) && !ELLIPSIS_ONLY.test(text);
}

/** Stored data is checked at run time, whatever its static type claims. */
function isWellFormedSegment(original: string, segment: unknown, quoteEnd: number): boolean {
  if (typeof segment !== 'object' || segment === null || !('kind' in segment)) return false;
  if (segment.kind === 'omission') return true;
  if (segment.kind === 'insertion')
    return 'text' in segment && typeof segment.text === 'string' && isInsertionText(segment.text);
  if (segment.kind !== 'quote' || !('start' in segment) || !('end' in segment)) return false;
  const { start, end } = segment;
  if (
    typeof start !== 'number' ||
    typeof end !== 'number' ||
    !Number.isInteger(start) ||
    !Number.isInteger(end)
  ) {
    return false;
  }
  if (start < quoteEnd || start >= end || end > original.length) return false;
  return !isSpace(original.charCodeAt(start)) && !isSpace(original.charCodeAt(end - 1));
}

function isWellFormed(original: string, segments: QuoteTrim): boolean {
  const stored: unknown = segments;
  if (!Array.isArray(stored)) return false;
  let quoteEnd = 0;
  let words = false;
  let previousKind: string | null = null;
  for (const segment of segments) {
    if (!isWellFormedSegment(original, segment, quoteEnd) || segment.kind === previousKind) return false;
    if (segment.kind === 'quote') {
      words ||= LETTER_OR_DIGIT.test(original.slice(segment.start, segment.end));
      quoteEnd = segment.end;
    }
    previousKind = segment.kind;
  }
  return words;
}

/**
 * True when segments are a well-formed trim of original (used to validate stored data): offsets in
 * order and in range, quoted text not starting or ending with whitespace, no two segments of one
 * kind in a row, some kept words, and in normal form, i.e. exactly what `parseQuoteEdit` reads from
 * `renderQuoteTrim(original, segments)` (so stored trims always round-trip).
 */
export function isValidQuoteTrim(original: string, segments: QuoteTrim): boolean {
  if (!isWellFormed(original, segments)) return false;
  const again = reread(prepareSource(original), segments);
  return again.status === 'found' && sameTrim(again.segments, segments);
}
