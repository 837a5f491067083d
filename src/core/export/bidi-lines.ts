import bidiFactory from 'bidi-js';

/**
 * Line breaking and bidi reordering for text that pdfkit cannot set by itself. pdfkit (through
 * fontkit) shapes Arabic letters, but it lays out each string it is given in a single direction:
 * a string whose first letter belongs to a right-to-left script is reversed as a whole, anything else
 * is left to right. Mixed Arabic, Latin and digits therefore has to be cut into lines and into
 * single-direction pieces here, and each piece placed at its visual position by the caller.
 *
 * This file knows nothing about PDF: widths come from a `Measure` the caller supplies.
 */

export type Direction = 'ltr' | 'rtl';
/** 'auto' derives a paragraph's direction from its letters (see `paragraphDirection`). */
export type BaseDirection = Direction | 'auto';

/** A run of logical-order text in one style (the PDF code uses font names as styles). */
export type StyledText<S> = Readonly<{ text: string; style: S }>;

/** The advance width of `text` set in `style`, as the shaper will lay it out. */
export type Measure<S> = (text: string, style: S) => number;

/**
 * One piece of a line, ready to hand to the shaper. `text` is what to draw (the shaper may reverse
 * it; see `shaperReverses`); `x` is the piece's left edge, measured from the line's left edge.
 */
export type PlacedPiece<S> = Readonly<{ text: string; style: S; x: number; width: number }>;

/** A line: its logical range [start, end) in the paragraph's text (trailing spaces left out). */
export type BidiLine<S> = Readonly<{
  start: number;
  end: number;
  width: number;
  pieces: readonly PlacedPiece<S>[];
}>;

export type BidiParagraph<S> = Readonly<{ direction: Direction; lines: readonly BidiLine<S>[] }>;

const bidi = bidiFactory();

/**
 * Scripts that fontkit lays out right to left (its `Script.direction` table). Only the first letter
 * of a string that belongs to a real script (not Common, Inherited or Unknown) decides.
 */
const RTL_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Cypriot}\p{Script=Kharoshthi}\p{Script=Phoenician}\p{Script=Lydian}\p{Script=Avestan}\p{Script=Imperial_Aramaic}\p{Script=Inscriptional_Pahlavi}\p{Script=Inscriptional_Parthian}\p{Script=Old_South_Arabian}\p{Script=Old_Turkic}\p{Script=Meroitic_Cursive}\p{Script=Meroitic_Hieroglyphs}\p{Script=Manichaean}\p{Script=Mende_Kikakui}\p{Script=Nabataean}\p{Script=Old_North_Arabian}\p{Script=Palmyrene}\p{Script=Psalter_Pahlavi}]/u;
const SCRIPT_LETTER = /[^\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;
/** Right-to-left marks and embeddings: strong or explicit RTL although their script is Common. */
const RTL_CONTROL = /[\u200F\u202B\u202E\u2067]/u;

/** Whether `text` needs the bidi path at all; text without it keeps pdfkit's own wrapping. */
export function containsRtl(text: string): boolean {
  return RTL_SCRIPT.test(text) || RTL_CONTROL.test(text);
}

/** Whether fontkit will reverse `text` when it shapes it (its script detection, replayed). */
export function shaperReverses(text: string): boolean {
  const first = SCRIPT_LETTER.exec(text);
  return first !== null && RTL_SCRIPT.test(first[0]);
}

/**
 * The direction of a paragraph from its strong letters: right to left when right-to-left letters
 * outnumber left-to-right ones, and by the first strong letter on a tie. Not the Unicode default
 * (first strong letter only, rule P2), because briefings are English products that quote Arabic: an
 * English sentence that opens with an Arabic name must stay left to right (the Unicode algorithm
 * lets a higher-level protocol choose the paragraph level, rule HL1).
 */
export function paragraphDirection(text: string): Direction {
  let rtl = 0;
  let ltr = 0;
  let first: Direction | undefined;
  for (const char of text) {
    const type = bidi.getBidiCharTypeName(char);
    if (type === 'L') {
      ltr += 1;
      first ??= 'ltr';
    } else if (type === 'R' || type === 'AL') {
      rtl += 1;
      first ??= 'rtl';
    }
  }
  if (rtl === ltr) return first ?? 'ltr';
  return rtl > ltr ? 'rtl' : 'ltr';
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Marks, joiners and astral characters: where a grapheme can be more than one code unit. */
const CLUSTERING = /\p{M}|\u200C|\u200D|[\u{10000}-\u{10FFFF}]/u;

/** The grapheme clusters of `text`; Intl.Segmenter only when needed, as it is slow on long text. */
function clusters(text: string): string[] {
  return CLUSTERING.test(text) ? [...graphemes.segment(text)].map((part) => part.segment) : text.split('');
}

function graphemeEnds(text: string): number[] {
  let end = 0;
  return clusters(text).map((cluster) => (end += cluster.length));
}

function reverseGraphemes(text: string): string {
  return clusters(text).reverse().join('');
}

/** Logical text with the style of each code unit, so ranges can be measured across style runs. */
type Source<S> = Readonly<{ text: string; runs: readonly StyledText<S>[]; runStarts: readonly number[] }>;

function source<S>(runs: readonly StyledText<S>[]): Source<S> {
  const runStarts: number[] = [];
  let at = 0;
  for (const run of runs) {
    runStarts.push(at);
    at += run.text.length;
  }
  return { text: runs.map((run) => run.text).join(''), runs, runStarts };
}

/** The style runs that overlap [start, end), clipped to it. */
function styledSlices<S>(
  src: Source<S>,
  start: number,
  end: number,
): { start: number; end: number; style: S }[] {
  const slices: { start: number; end: number; style: S }[] = [];
  src.runs.forEach((run, index) => {
    const runStart = src.runStarts[index] ?? 0;
    const from = Math.max(start, runStart);
    const to = Math.min(end, runStart + run.text.length);
    if (from < to) slices.push({ start: from, end: to, style: run.style });
  });
  return slices;
}

function measureRange<S>(src: Source<S>, start: number, end: number, measure: Measure<S>): number {
  return styledSlices(src, start, end).reduce(
    (sum, slice) => sum + measure(src.text.slice(slice.start, slice.end), slice.style),
    0,
  );
}

/** A line as a logical range [start, end), trailing spaces and the line break left out. */
type LineRange = Readonly<{ start: number; end: number }>;

const SPACE = /[^\S\n\u00A0\u202F]/u;

/**
 * Greedy line breaking at spaces (and at every `\n`), like pdfkit's own wrapping for Latin text.
 * A word wider than the line is cut between graphemes.
 */
function breakLines<S>(src: Source<S>, width: number, measure: Measure<S>): LineRange[] {
  const { text } = src;
  const lines: LineRange[] = [];
  let lineStart = 0;
  let lineEnd = 0;
  let used = 0;
  let position = 0;
  const closeLine = (next: number): void => {
    lines.push({ start: lineStart, end: lineEnd });
    lineStart = next;
    lineEnd = next;
    used = 0;
  };
  while (position < text.length) {
    if (text[position] === '\n') {
      closeLine(position + 1);
      position += 1;
      continue;
    }
    let wordEnd = position;
    while (wordEnd < text.length && text[wordEnd] !== '\n' && !SPACE.test(text[wordEnd] ?? '')) wordEnd += 1;
    let spaceEnd = wordEnd;
    while (spaceEnd < text.length && SPACE.test(text[spaceEnd] ?? '')) spaceEnd += 1;
    let wordStart = position;
    let wordWidth = measureRange(src, wordStart, wordEnd, measure);
    if (used > 0 && used + wordWidth > width) closeLine(wordStart);
    while (wordWidth > width) {
      // Wider than a whole line: cut after the widest prefix that fits, but after one grapheme at least.
      const ends = graphemeEnds(text.slice(wordStart, wordEnd)).map((end) => wordStart + end);
      let cut = ends[0] ?? wordEnd;
      for (const end of ends.slice(1)) {
        if (end === wordEnd || measureRange(src, wordStart, end, measure) > width) break;
        cut = end;
      }
      if (cut === wordEnd) break;
      lineEnd = cut;
      closeLine(cut);
      wordStart = cut;
      wordWidth = measureRange(src, wordStart, wordEnd, measure);
    }
    lineEnd = wordEnd;
    used += wordWidth + measureRange(src, wordEnd, spaceEnd, measure);
    position = spaceEnd;
  }
  if (text !== '') lines.push({ start: lineStart, end: lineEnd });
  return lines;
}

/** A maximal stretch of one line at one embedding level and in one style, in logical order. */
type LevelRun<S> = Readonly<{ start: number; end: number; level: number; style: S }>;

/**
 * Rule L2 of the Unicode bidi algorithm at the granularity of runs: from the highest level down to
 * the lowest odd one, reverse every sequence of runs at that level or higher. A run then still needs
 * its own characters reversed when its level is odd, which `pieces` arranges.
 */
export function visualOrder<T extends Readonly<{ level: number }>>(runs: readonly T[]): T[] {
  const order = [...runs];
  const levels = order.map((run) => run.level);
  const highest = Math.max(0, ...levels);
  const lowestOdd = Math.min(...levels.map((level) => level | 1));
  for (let level = highest; level >= lowestOdd; level -= 1) {
    let index = 0;
    while (index < order.length) {
      if ((order[index]?.level ?? 0) < level) {
        index += 1;
        continue;
      }
      let end = index;
      while (end < order.length && (order[end]?.level ?? 0) >= level) end += 1;
      order.splice(index, end - index, ...order.slice(index, end).reverse());
      index = end;
    }
  }
  return order;
}

/** `part` as the shaper must get it to come out right to left (`rtl`) or left to right. */
function shaperReady(part: string, rtl: boolean): string {
  return shaperReverses(part) === rtl ? part : reverseGraphemes(part);
}

/**
 * A right-to-left word split so the shaper can reverse it: the stretch from its first to its last
 * right-to-left letter (with their vowel marks) goes to the shaper in logical order, as it must see
 * Arabic letters to join them, and it reverses that stretch itself; neutrals at either end
 * (brackets, quotation marks, commas) are reversed here. Returned left to right.
 */
function rtlWordPieces(word: string): string[] {
  const parts = clusters(word);
  const first = parts.findIndex((cluster) => RTL_SCRIPT.test(cluster));
  if (first < 0) return [shaperReady(word, true)];
  const afterLast = parts.length - [...parts].reverse().findIndex((cluster) => RTL_SCRIPT.test(cluster));
  return [parts.slice(afterLast), parts.slice(first, afterLast), parts.slice(0, first)]
    .map((part) => part.join(''))
    .filter((part) => part !== '')
    .map((part) => shaperReady(part, true));
}

/**
 * The strings to hand the shaper for one run, left to right. pdfkit lays out every space-delimited
 * chunk of a string on its own (a word with its trailing space), so the shaper never reverses more
 * than one word: a right-to-left run is cut into words and spaces placed here in reverse order. A
 * left-to-right run goes whole unless the shaper would reverse some word of it (Arabic-Indic digits
 * are of the Arabic script but are set left to right); such words are pre-reversed.
 */
function pieces(text: string, rtl: boolean): string[] {
  const segments = text.match(/[ \t]+|[^ \t]+/g) ?? [];
  if (!rtl) {
    return segments.some((segment) => shaperReverses(segment))
      ? segments.map((segment) => shaperReady(segment, false))
      : [text];
  }
  return segments.reverse().flatMap(rtlWordPieces);
}

function placeLine<S>(
  src: Source<S>,
  levels: Uint8Array,
  range: LineRange,
  measure: Measure<S>,
): BidiLine<S> {
  const runs: LevelRun<S>[] = [];
  for (const slice of styledSlices(src, range.start, range.end)) {
    let start = slice.start;
    for (let index = slice.start + 1; index <= slice.end; index += 1) {
      if (index === slice.end || levels[index] !== levels[start]) {
        runs.push({ start, end: index, level: levels[start] ?? 0, style: slice.style });
        start = index;
      }
    }
  }
  const placed: PlacedPiece<S>[] = [];
  let x = 0;
  for (const run of visualOrder(runs)) {
    const rtl = run.level % 2 === 1;
    let text = src.text.slice(run.start, run.end);
    if (rtl) {
      // Rule L4: brackets and quotation marks take their mirrored shape inside right-to-left text.
      text = [...text].map((char) => bidi.getMirroredCharacter(char) ?? char).join('');
    }
    for (const piece of pieces(text, rtl)) {
      const width = measure(piece, run.style);
      placed.push({ text: piece, style: run.style, x, width });
      x += width;
    }
  }
  return { start: range.start, end: range.end, width: x, pieces: placed };
}

/**
 * Breaks styled logical text into lines no wider than `width` and lays each line out in visual
 * order. Alignment is the caller's: right-to-left paragraphs are usually set flush right.
 */
export function layoutBidiParagraph<S>(
  runs: readonly StyledText<S>[],
  width: number,
  measure: Measure<S>,
  direction: BaseDirection = 'auto',
): BidiParagraph<S> {
  const src = source(runs);
  const resolved = direction === 'auto' ? paragraphDirection(src.text) : direction;
  const { levels } = bidi.getEmbeddingLevels(src.text, resolved);
  return {
    direction: resolved,
    lines: breakLines(src, width, measure).map((range) => placeLine(src, levels, range, measure)),
  };
}
