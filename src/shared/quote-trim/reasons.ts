import { flatten, isHighSurrogate } from './characters';
import type { MarkAtom } from './edit-tokens';

const ALLOWED =
  'You can cut words, mark a cut with …, or add words in [square brackets]; nothing else may change.';

/** At most `max` UTF-16 units of `text`, never splitting a surrogate pair, "…" marking the cut. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = isHighSurrogate(text.charCodeAt(max - 2)) ? max - 2 : max - 1;
  return `${text.slice(0, keep)}…`;
}

/**
 * User text for a message: whitespace collapsed, at most `max` characters, in curly quotes (single
 * ones when the text has double curly quotes of its own, so the two never run together).
 */
function quoted(text: string, max = 40): string {
  const shown = shorten(flatten(text).trim(), max);
  return /[“”]/.test(shown) ? `‘${shown}’` : `“${shown}”`;
}

export const REASONS = {
  noWords: `A quote must keep some of the original words. ${ALLOWED}`,
  tooComplex: 'This edit is too complex to check against the original quote. Cut it in fewer places.',
  ambiguous:
    'This edit would print ambiguously, because the original quote itself has … or [brackets] there. Keep those as they are.',
  notHere: (text: string) => `${quoted(text)} is not in the original quote here. ${ALLOWED}`,
  otherMarks: (text: string) =>
    `${quoted(text)} has different quotation marks, apostrophes or dashes from the original. Only cuts, … and [added words] are allowed.`,
  partOfWord: (text: string) =>
    `${quoted(text)} is only part of a word in the original quote. Cut whole words, or put changed letters in [square brackets].`,
  cutWithoutEllipsis: (before: string, after: string) =>
    `Words between ${quoted(before, 20)} and ${quoted(after, 20)} were cut without an ellipsis. Mark the cut with …, or replace it with words in [square brackets].`,
  notAfter: (before: string, after: string) =>
    `${quoted(after, 20)} does not follow ${quoted(before, 20)} in the original quote. ${ALLOWED}`,
  nothingCut: (after: string) =>
    `The … before ${quoted(after)} stands for no cut words. Remove it; if the original has dots there, type them as they are.`,
  unmatchedOpen: (context: string) =>
    `The “[” in ${quoted(context)} has no matching “]”. Put each addition in its own [square brackets]; they cannot be nested.`,
  unmatchedClose: (context: string) =>
    `The “]” in ${quoted(context)} has no matching “[”. Put each addition in its own [square brackets]; they cannot be nested.`,
  emptyBrackets: (raw: string) =>
    `The brackets ${quoted(raw)} are empty. Put the added words inside them, or remove them.`,
  twoEllipses: (text: string) => `${quoted(text)} has two ellipses in a row. Use one … for each cut.`,
  twoInsertions: (text: string) =>
    `${quoted(text)} has two additions in a row. Put added words in a single pair of [square brackets].`,
  cannotStand: (text: string) => `${quoted(text)} cannot stand here. ${ALLOWED}`,
} as const;

export function bracketReason(mark: MarkAtom, edited: string): string {
  if (mark.problem === 'unmatched-open')
    return REASONS.unmatchedOpen(edited.slice(mark.from, mark.from + 30));
  if (mark.problem === 'unmatched-close')
    return REASONS.unmatchedClose(edited.slice(Math.max(0, mark.from - 29), mark.from + 1));
  return REASONS.emptyBrackets(mark.raw);
}
