import type { MarkedText } from '../../shared/dto';

/** Characters of context shown before the first match of a long passage. */
const LEAD = 80;
/** Longest snippet, in characters (a passage shorter than this is shown whole). */
const SNIPPET_LENGTH = 260;

/**
 * The [start, end) ranges that `marked` (the output of FTS5 highlight() with `open` and `close` markers)
 * marks in `original`. Null when `marked` without its markers is not exactly `original` (the text held
 * a marker character itself), so a caller never highlights the wrong words.
 */
export function markedRanges(
  marked: string,
  original: string,
  open: string,
  close: string,
): [number, number][] | null {
  const ranges: [number, number][] = [];
  let start = -1;
  let plain = '';
  let runStart = 0;
  for (let index = 0; index < marked.length; index += 1) {
    const ch = marked[index];
    if (ch !== open && ch !== close) continue;
    plain += marked.slice(runStart, index);
    const position = plain.length;
    runStart = index + 1;
    if (ch === open) {
      if (start !== -1) return null;
      start = position;
    } else {
      if (start === -1) return null;
      if (position > start) ranges.push([start, position]);
      start = -1;
    }
  }
  plain += marked.slice(runStart);
  if (start !== -1 || plain !== original) return null;
  return ranges;
}

function isWordCharacter(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}\p{M}]/u.test(ch);
}

/**
 * A snippet of `text[blockStart, blockEnd)` around the first of `ranges` (offsets into `text`), cut at
 * word boundaries with an ellipsis where text was left out; highlights are relative to the snippet.
 */
export function snippetAround(
  text: string,
  blockStart: number,
  blockEnd: number,
  ranges: readonly (readonly [number, number])[],
): MarkedText {
  let start = blockStart;
  let end = blockEnd;
  if (blockEnd - blockStart > SNIPPET_LENGTH) {
    const first = ranges[0]?.[0] ?? blockStart;
    start = Math.max(blockStart, first - LEAD);
    // Never start or end inside a word.
    while (start > blockStart && start < first && isWordCharacter(text[start - 1])) start += 1;
    end = Math.min(blockEnd, start + SNIPPET_LENGTH);
    const firstEnd = ranges[0]?.[1] ?? start;
    while (end < blockEnd && end > firstEnd && isWordCharacter(text[end]) && isWordCharacter(text[end - 1])) {
      end -= 1;
    }
  }
  const lead = start > blockStart ? '… ' : '';
  const trail = end < blockEnd ? ' …' : '';
  const body = text.slice(start, end).trim();
  const trimmedLead = text.slice(start, end).length - text.slice(start, end).trimStart().length;
  const base = start + trimmedLead;
  const highlights: [number, number][] = [];
  for (const [from, to] of ranges) {
    if (from < base || to > base + body.length) continue;
    highlights.push([from - base + lead.length, to - base + lead.length]);
  }
  return { text: `${lead}${body}${trail}`, highlights };
}
