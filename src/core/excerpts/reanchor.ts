import type { ExcerptAnchor } from '../store/excerpts';
import { CONTEXT_LENGTH, snapToWords } from './anchor';
import { diffSimilarity, wordDiff } from './word-diff';

/** A TextQuoteSelector with the position it had in the text it was made in. */
export type AnchorSelector = Omit<ExcerptAnchor, 'id' | 'documentId'>;

/** Below this similarity a fuzzy match is not offered: the passage is reported missing. */
export const FUZZY_THRESHOLD = 0.6;

/** More verbatim occurrences than this are not weighed (a quote that common is hardly a quote). */
const MAX_OCCURRENCES = 10_000;

export type VerbatimMatch = Readonly<{
  start: number;
  end: number;
  /** The prefix and suffix around it are exactly the selector's. */
  contextMatches: boolean;
  /** Characters of prefix and suffix context that agree (nearest the quote first). */
  contextScore: number;
}>;

/** How many characters of the selector's prefix and suffix agree with the text around [start, end). */
export function contextScore(
  text: string,
  start: number,
  end: number,
  prefix: string,
  suffix: string,
): number {
  let before = 0;
  while (
    before < prefix.length &&
    start - 1 - before >= 0 &&
    text.charCodeAt(start - 1 - before) === prefix.charCodeAt(prefix.length - 1 - before)
  ) {
    before += 1;
  }
  let after = 0;
  while (
    after < suffix.length &&
    end + after < text.length &&
    text.charCodeAt(end + after) === suffix.charCodeAt(after)
  ) {
    after += 1;
  }
  return before + after;
}

function contextMatchesAt(text: string, start: number, end: number, prefix: string, suffix: string): boolean {
  return (
    text.slice(Math.max(0, start - CONTEXT_LENGTH), start) === prefix &&
    text.slice(end, end + CONTEXT_LENGTH) === suffix
  );
}

/**
 * The verbatim occurrence of the selector's quote that fits it best: the most context in common,
 * then the nearest to where it was. Undefined when the quote does not occur.
 */
export function bestVerbatimMatch(
  text: string,
  selector: AnchorSelector,
  skip?: Readonly<{ start: number }>,
): VerbatimMatch | undefined {
  const { quote, prefix, suffix } = selector;
  if (quote === '') return undefined;
  let best: VerbatimMatch | undefined;
  let seen = 0;
  for (let at = text.indexOf(quote); at >= 0 && seen < MAX_OCCURRENCES; at = text.indexOf(quote, at + 1)) {
    seen += 1;
    if (skip?.start === at) continue;
    const end = at + quote.length;
    const score = contextScore(text, at, end, prefix, suffix);
    if (
      best === undefined ||
      score > best.contextScore ||
      (score === best.contextScore && Math.abs(at - selector.start) < Math.abs(best.start - selector.start))
    ) {
      best = { start: at, end, contextMatches: false, contextScore: score };
    }
  }
  if (best === undefined) return undefined;
  return { ...best, contextMatches: contextMatchesAt(text, best.start, best.end, prefix, suffix) };
}

export type Location = Readonly<{
  status: 'exact' | 'moved' | 'fuzzy' | 'missing';
  start: number | null;
  end: number | null;
  similarity: number;
}>;

/**
 * Finds where a selector lands in another text (a newer version of its source): verbatim with the
 * same context ('exact'), verbatim elsewhere or in other context ('moved'), the most similar
 * passage when the words changed ('fuzzy', similarity at least FUZZY_THRESHOLD) or nowhere
 * ('missing'). A quote that is not verbatim in the text is never reported exact or moved.
 */
export function locateQuote(
  target: TextIndex,
  selector: AnchorSelector,
  threshold = FUZZY_THRESHOLD,
): Location {
  const verbatim = bestVerbatimMatch(target.text, selector);
  if (verbatim !== undefined) {
    return {
      status: verbatim.contextMatches ? 'exact' : 'moved',
      start: verbatim.start,
      end: verbatim.end,
      similarity: 1,
    };
  }
  const fuzzy = bestFuzzyMatch(target, selector);
  if (fuzzy === undefined || fuzzy.similarity < threshold) {
    return { status: 'missing', start: null, end: null, similarity: fuzzy?.similarity ?? 0 };
  }
  return { status: 'fuzzy', start: fuzzy.start, end: fuzzy.end, similarity: fuzzy.similarity };
}

/** Word tokens of a text, numbered so that equal words compare as equal numbers. */
export type TextIndex = Readonly<{
  text: string;
  /** Token ids (same word, same id), and where each token starts and ends in the text. */
  ids: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  vocabulary: Map<string, number>;
}>;

/** Words (letters, digits, marks) and single punctuation characters; whitespace separates them. */
const WORD_TOKEN = /[\p{L}\p{N}\p{M}_]+|[^\s\p{L}\p{N}\p{M}_]/gu;

export function indexText(text: string): TextIndex {
  const vocabulary = new Map<string, number>();
  const ids: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (const match of text.matchAll(WORD_TOKEN)) {
    let id = vocabulary.get(match[0]);
    if (id === undefined) {
      id = vocabulary.size;
      vocabulary.set(match[0], id);
    }
    ids.push(id);
    starts.push(match.index);
    ends.push(match.index + match[0].length);
  }
  return {
    text,
    ids: Int32Array.from(ids),
    starts: Int32Array.from(starts),
    ends: Int32Array.from(ends),
    vocabulary,
  };
}

/** A text's tokens in the target's numbering; words the target lacks get ids that match nothing. */
function tokenIds(target: TextIndex, text: string, unknownFrom: number): number[] {
  const ids: number[] = [];
  for (const match of text.matchAll(WORD_TOKEN))
    ids.push(target.vocabulary.get(match[0]) ?? unknownFrom - ids.length);
  return ids;
}

/**
 * The selector as one token pattern: the prefix's words, the quote's, the suffix's. Context cut at
 * CONTEXT_LENGTH may start or end inside a word; that partial word is left out.
 */
function selectorPattern(target: TextIndex, selector: AnchorSelector): Pattern {
  const prefix = tokenIds(target, selector.prefix, -1_000_000);
  const atStart = selector.prefix.length < CONTEXT_LENGTH;
  if (!atStart) prefix.shift();
  const quote = tokenIds(target, selector.quote, -2_000_000);
  const suffix = tokenIds(target, selector.suffix, -3_000_000);
  const atEnd = selector.suffix.length < CONTEXT_LENGTH;
  if (!atEnd) suffix.pop();
  return {
    tokens: Int32Array.from([...prefix, ...quote, ...suffix]),
    quoteFrom: prefix.length,
    quoteLength: quote.length,
    atStart,
    atEnd,
  };
}

/** A selector as tokens, and whether its context says it was at the very start or end of its text. */
type Pattern = Readonly<{
  tokens: Int32Array;
  quoteFrom: number;
  quoteLength: number;
  atStart: boolean;
  atEnd: boolean;
}>;

type FuzzyMatch = { start: number; end: number; similarity: number; cost: number };

/** Candidate windows kept from the bag-of-words scan. */
const WINDOW_CANDIDATES = 6;
/** Candidate spots found from the prefix or suffix context. */
const CONTEXT_CANDIDATES = 4;
/** Characters of prefix (its end) or suffix (its start) looked up verbatim to anchor a search. */
const CONTEXT_PROBE = 16;

/**
 * The passage of the target most like the quote. Candidate spots come from a sliding window over
 * the target's words (how many of the quote's words each window holds) and from where the quote's
 * prefix or suffix context still occurs. Around each, the whole selector (prefix, quote, suffix) is
 * aligned word by word with free ends, context weighing half as much as the quote, so the context
 * settles where the passage begins and ends (a replaced first word belongs to it; the word before
 * it that the prefix also has does not). The lowest cost wins, then the higher similarity, then
 * the nearer spot.
 */
export function bestFuzzyMatch(target: TextIndex, selector: AnchorSelector): FuzzyMatch | undefined {
  const pattern = selectorPattern(target, selector);
  const { quoteFrom, quoteLength } = pattern;
  const n = target.ids.length;
  if (quoteLength === 0 || n === 0) return undefined;
  const quoteIds = pattern.tokens.subarray(quoteFrom, quoteFrom + quoteLength);
  const reach = pattern.tokens.length + 4;
  const windows = [
    ...windowCandidates(target, quoteIds),
    ...contextCandidates(target, selector, quoteLength),
  ];
  let best: FuzzyMatch | undefined;
  const tried = new Set<string>();
  for (const windowStart of windows) {
    const from = Math.max(0, windowStart - reach);
    const to = Math.min(n, windowStart + quoteLength + reach);
    const span = alignSelector(pattern, target.ids, from, to);
    if (span === undefined) continue;
    const snapped = snapToWords(target.text, target.starts[span.first] ?? 0, target.ends[span.last] ?? 0);
    if (snapped.end <= snapped.start) continue;
    const key = `${snapped.start}:${snapped.end}`;
    if (tried.has(key)) continue;
    tried.add(key);
    const found = target.text.slice(snapped.start, snapped.end);
    const similarity = diffSimilarity(selector.quote, found, wordDiff(selector.quote, found));
    const candidate = { start: snapped.start, end: snapped.end, similarity, cost: span.cost };
    if (best === undefined || better(candidate, best, selector.start)) best = candidate;
  }
  return best;
}

function better(candidate: FuzzyMatch, best: FuzzyMatch, near: number): boolean {
  if (candidate.cost !== best.cost) return candidate.cost < best.cost;
  if (candidate.similarity !== best.similarity) return candidate.similarity > best.similarity;
  return Math.abs(candidate.start - near) < Math.abs(best.start - near);
}

/** Start tokens of the windows (as long as the quote) that share the most words with it. */
function windowCandidates(target: TextIndex, quoteIds: Int32Array): number[] {
  const m = quoteIds.length;
  const n = target.ids.length;
  const wanted = new Map<number, number>();
  for (const id of quoteIds) wanted.set(id, (wanted.get(id) ?? 0) + 1);
  const held = new Map<number, number>();
  let overlap = 0;
  const top: { start: number; overlap: number }[] = [];
  const add = (id: number) => {
    const have = held.get(id) ?? 0;
    if (have < (wanted.get(id) ?? 0)) overlap += 1;
    held.set(id, have + 1);
  };
  const remove = (id: number) => {
    const have = (held.get(id) ?? 1) - 1;
    held.set(id, have);
    if (have < (wanted.get(id) ?? 0)) overlap -= 1;
  };
  for (let index = 0; index < n; index += 1) {
    add(target.ids[index] ?? -1);
    if (index >= m) remove(target.ids[index - m] ?? -1);
    const start = Math.max(0, index - m + 1);
    if (overlap === 0 || (index < m - 1 && index < n - 1)) continue;
    keepTop(top, { start, overlap }, m);
  }
  return top.map((candidate) => candidate.start);
}

/** Keeps the best few windows, one per neighbourhood (a window overlapping a better one is dropped). */
function keepTop(
  top: { start: number; overlap: number }[],
  candidate: { start: number; overlap: number },
  m: number,
): void {
  const near = top.findIndex((kept) => Math.abs(kept.start - candidate.start) < Math.max(1, m / 2));
  if (near >= 0) {
    if ((top[near]?.overlap ?? 0) < candidate.overlap) top[near] = candidate;
    return;
  }
  if (top.length < WINDOW_CANDIDATES) {
    top.push(candidate);
  } else {
    let weakest = 0;
    for (let index = 1; index < top.length; index += 1) {
      if ((top[index]?.overlap ?? 0) < (top[weakest]?.overlap ?? 0)) weakest = index;
    }
    if ((top[weakest]?.overlap ?? 0) < candidate.overlap) top[weakest] = candidate;
  }
}

/** Start tokens just after where the prefix still occurs, or a quote's length before the suffix. */
function contextCandidates(target: TextIndex, selector: AnchorSelector, m: number): number[] {
  const found: number[] = [];
  const probePrefix = selector.prefix.slice(-CONTEXT_PROBE);
  if (probePrefix.trim().length >= 4) {
    for (const at of occurrences(target.text, probePrefix, CONTEXT_CANDIDATES)) {
      found.push(firstTokenAtOrAfter(target, at + probePrefix.length));
    }
  }
  const probeSuffix = selector.suffix.slice(0, CONTEXT_PROBE);
  if (probeSuffix.trim().length >= 4) {
    for (const at of occurrences(target.text, probeSuffix, CONTEXT_CANDIDATES)) {
      found.push(Math.max(0, firstTokenAtOrAfter(target, at) - m));
    }
  }
  return found;
}

function occurrences(text: string, needle: string, limit: number): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at >= 0 && found.length < limit; at = text.indexOf(needle, at + 1))
    found.push(at);
  return found;
}

function firstTokenAtOrAfter(target: TextIndex, offset: number): number {
  let low = 0;
  let high = target.starts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((target.starts[middle] ?? 0) < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Semi-global alignment (Sellers) of the whole pattern against any stretch of tokens[from, to), by
 * weighted edit distance over tokens: an edit costs 2 in the quote, 1 in its context. Each cell
 * remembers where its path entered the quote rows and where it left them, so the best path gives
 * the quote's span in the text (first and last token) along with its cost. A pattern from the very
 * start (or end) of its text pays for every token before (or after) it.
 */
function alignSelector(
  { tokens: pattern, quoteFrom, quoteLength, atStart, atEnd }: Pattern,
  tokens: Int32Array,
  from: number,
  to: number,
): { first: number; last: number; cost: number } | undefined {
  const width = to - from;
  if (width <= 0) return undefined;
  const quoteEnd = quoteFrom + quoteLength;
  let cost = new Int32Array(width + 1);
  if (atStart) for (let j = 0; j <= width; j += 1) cost[j] = from + j;
  let enter = new Int32Array(width + 1).fill(-1);
  let leave = new Int32Array(width + 1).fill(-1);
  let nextCost = new Int32Array(width + 1);
  let nextEnter = new Int32Array(width + 1);
  let nextLeave = new Int32Array(width + 1);
  for (let row = 1; row <= pattern.length; row += 1) {
    // Row `row` has aligned pattern[0, row); its last token is in the quote when row is in (quoteFrom, quoteEnd].
    const weight = row > quoteFrom && row <= quoteEnd ? 2 : 1;
    const extraWeight = row > quoteFrom && row < quoteEnd ? 2 : 1;
    const entersQuote = row === quoteFrom + 1;
    const leavesQuote = row === quoteEnd;
    const word = pattern[row - 1];
    nextCost[0] = (cost[0] ?? 0) + weight;
    nextEnter[0] = entersQuote ? 0 : (enter[0] ?? -1);
    nextLeave[0] = leavesQuote ? 0 : (leave[0] ?? -1);
    for (let j = 1; j <= width; j += 1) {
      // Match or substitute: text token j-1 stands for pattern token row-1.
      let best = (cost[j - 1] ?? 0) + (tokens[from + j - 1] === word ? 0 : weight);
      let bestEnter = entersQuote ? j - 1 : (enter[j - 1] ?? -1);
      let bestLeave = leavesQuote ? j : (leave[j - 1] ?? -1);
      // The pattern token is missing from the text.
      const missing = (cost[j] ?? 0) + weight;
      if (missing < best) {
        best = missing;
        bestEnter = entersQuote ? j : (enter[j] ?? -1);
        bestLeave = leavesQuote ? j : (leave[j] ?? -1);
      }
      // The text has an extra token here.
      const extra = (nextCost[j - 1] ?? 0) + extraWeight;
      if (extra < best) {
        best = extra;
        bestEnter = nextEnter[j - 1] ?? -1;
        bestLeave = nextLeave[j - 1] ?? -1;
      }
      nextCost[j] = best;
      nextEnter[j] = bestEnter;
      nextLeave[j] = bestLeave;
    }
    [cost, nextCost] = [nextCost, cost];
    [enter, nextEnter] = [nextEnter, enter];
    [leave, nextLeave] = [nextLeave, leave];
  }
  let bestEnd = -1;
  let bestCost = 0;
  for (let j = 0; j <= width; j += 1) {
    const first = enter[j] ?? -1;
    const end = leave[j] ?? -1;
    if (first < 0 || end <= first) continue;
    const total = (cost[j] ?? 0) + (atEnd ? tokens.length - (from + j) : 0);
    if (bestEnd < 0 || total < bestCost) {
      bestEnd = j;
      bestCost = total;
    }
  }
  if (bestEnd < 0) return undefined;
  return { first: from + (enter[bestEnd] ?? 0), last: from + (leave[bestEnd] ?? 0) - 1, cost: bestCost };
}
