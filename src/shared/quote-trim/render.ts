import { isSpace } from './characters';
import type { QuoteSegment, QuoteTrim } from './types';

/** True when `original[index]` is whitespace; the ends of the original count as whitespace. */
function spaceAt(original: string, index: number): boolean {
  return index < 0 || index >= original.length || isSpace(original.charCodeAt(index));
}

/**
 * What goes between two printed segments. An omission always has one space on each side. An
 * insertion sits next to quoted text with a space exactly when the original has whitespace at that
 * junction (for a replacement: when the cut text was bounded by whitespace on that side), so "[T]he"
 * stays one word and "[The minister] said" stays two.
 */
function separator(original: string, left: QuoteSegment, right: QuoteSegment): string {
  if (left.kind === 'quote' && right.kind === 'insertion') return spaceAt(original, left.end) ? ' ' : '';
  if (left.kind === 'insertion' && right.kind === 'quote')
    return spaceAt(original, right.start - 1) ? ' ' : '';
  return ' ';
}

function printed(original: string, segment: QuoteSegment): string {
  if (segment.kind === 'quote') return original.slice(segment.start, segment.end);
  return segment.kind === 'omission' ? '…' : `[${segment.text}]`;
}

/**
 * The quote as printed: quoted text verbatim from the original, "…" for an omission ("word … word",
 * "… word", "word …") and "[text]" for an insertion, spaced as `separator` describes. An untrimmed
 * quote prints as the original string exactly, outer whitespace included.
 */
export function renderQuoteTrim(original: string, segments: QuoteTrim): string {
  if (isUntrimmed(original, segments)) return original;
  let text = '';
  let previous: QuoteSegment | undefined;
  for (const segment of segments) {
    if (previous !== undefined) text += separator(original, previous, segment);
    text += printed(original, segment);
    previous = segment;
  }
  return text;
}

/** The offsets of the original without outer whitespace, or null when it has no other text. */
function contentSpan(original: string): Readonly<{ start: number; end: number }> | null {
  const start = original.length - original.trimStart().length;
  const end = original.trimEnd().length;
  return start < end ? { start, end } : null;
}

/** True when the segments are just the whole original (no trim): one quote of all its text. */
export function isUntrimmed(original: string, segments: QuoteTrim): boolean {
  const only = segments.length === 1 ? segments[0] : undefined;
  const span = contentSpan(original);
  return only?.kind === 'quote' && span !== null && only.start === span.start && only.end === span.end;
}
