import { CoreError } from '../errors';
import { normaliseInline } from '../corpus/normalise';

/** Characters of context kept on each side of a quote (TextQuoteSelector prefix/suffix). */
export const CONTEXT_LENGTH = 32;

const WORD = /[\p{L}\p{N}\p{M}_]/u;

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD.test(char);
}

/**
 * Widens a selection so it never cuts a word in half, then trims whitespace at both ends. Offsets
 * are UTF-16 indices into the document text.
 */
export function snapToWords(text: string, rawStart: number, rawEnd: number): { start: number; end: number } {
  let start = Math.max(0, Math.min(rawStart, rawEnd, text.length));
  let end = Math.min(text.length, Math.max(rawStart, rawEnd, 0));
  // A surrogate pair or combining mark is part of the character before it.
  while (start > 0 && isWordChar(text[start]) && isWordChar(text[start - 1])) start -= 1;
  while (end < text.length && isWordChar(text[end - 1]) && isWordChar(text[end])) end += 1;
  while (start < end && /\s/.test(text[start] ?? '')) start += 1;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end -= 1;
  return { start, end };
}

export type QuoteSelector = Readonly<{ quote: string; prefix: string; suffix: string }>;

export function selectorAt(text: string, start: number, end: number): QuoteSelector {
  return {
    quote: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: text.slice(end, end + CONTEXT_LENGTH),
  };
}

/**
 * Finds every place where `quote` occurs in `text`, treating any run of whitespace in either as a
 * single space (so a quote pasted across a line break still matches). Nothing else is folded:
 * letters, punctuation and quotation marks must match exactly.
 */
export function findQuote(text: string, quote: string): { start: number; end: number }[] {
  const needle = normaliseInline(quote);
  if (needle === '') return [];
  const { folded, origin } = foldWhitespace(text);
  const found: { start: number; end: number }[] = [];
  let from = 0;
  for (;;) {
    const index = folded.indexOf(needle, from);
    if (index < 0) break;
    const start = origin[index];
    const last = origin[index + needle.length - 1];
    if (start !== undefined && last !== undefined) found.push({ start, end: last + 1 });
    from = index + 1;
  }
  return found;
}

/** Collapses whitespace runs to one space, remembering where each folded character came from. */
function foldWhitespace(text: string): { folded: string; origin: number[] } {
  const chars: string[] = [];
  const origin: number[] = [];
  let inSpace = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    if (/\s/.test(char)) {
      if (!inSpace) {
        chars.push(' ');
        origin.push(i);
      }
      inSpace = true;
    } else {
      chars.push(char);
      origin.push(i);
      inSpace = false;
    }
  }
  return { folded: chars.join(''), origin };
}

export function requireNonEmpty(range: { start: number; end: number }): void {
  if (range.end <= range.start) {
    throw new CoreError('empty-selection', 'Select some words in the document first.');
  }
}
