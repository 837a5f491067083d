/**
 * Trimming a quoted excerpt without changing its words.
 *
 * A briefing quotes an excerpt verbatim. The analyst may shorten the printed quote only the way
 * quotation style guides allow: cut words at the start or end, mark a cut inside with an ellipsis,
 * or add words in [square brackets], which may also stand in for cut words ("[T]he" for "the",
 * "[The minister] said" for "He said"). A trim is stored as segments that point into the original
 * excerpt, so the printed quote is always rebuilt from the source text and cannot drift from it.
 *
 * Reading what the analyst typed (`parseQuoteEdit`):
 * - Omission marks: "…", "..." and ". . ." (a fourth dot before them is a full stop: "end.... Next"
 *   reads as "end." then "…"), and the bracketed forms "[…]", "[...]", "[. . .]".
 * - Insertions: "[text]" with text that is not blank; its whitespace is collapsed to single spaces.
 *   A "[" with no "]" before the next "[", a lone "]" and empty brackets are refused, unless the
 *   original quote has those very characters at that point.
 * - Text between marks must be in the original, in order and verbatim, except that any run of
 *   whitespace matches any run of whitespace. Whitespace next to a mark is not significant, with one
 *   exception: an insertion typed against a word with no space ("[T]he", "governmen[t]") may meet
 *   that word in the middle; everywhere else a kept piece must start and end on a word boundary of
 *   the original, so "govern" is not accepted for "government". No boundary ever falls inside a
 *   character (surrogate pairs, combining marks, emoji sequences).
 * - Between two kept pieces, an omission must stand for cut text that holds something besides
 *   whitespace and dots (so it cannot just replace the original's own "..."); an insertion may stand
 *   for nothing (a pure addition) or for any cut text. A leading or trailing ellipsis is always
 *   allowed: the excerpt itself may begin or end mid-sentence in its source. Two ellipses in a row,
 *   or two insertions in a row, are refused. Some kept text must contain a letter or digit.
 * - When the original itself contains "...", "…" or brackets, the same characters typed by the
 *   analyst are tried as original text first and as a mark second, so leaving them in place keeps
 *   them. Among all readings the first one wins in this order: marks read as original text before
 *   marks read as marks (left to right), and each kept piece as early in the original as the rest of
 *   the edit allows. The search memoises failures on (position in the edit, position in the
 *   original), so it stays polynomial, and it gives up with a reason rather than run away.
 *
 * Normal form: quote segments never begin or end with whitespace; no two quotes, omissions or
 * insertions are adjacent; and a trim is exactly the reading of its own printed form. If the
 * printed form of an accepted edit reads differently (possible only when the original contains
 * "…" or brackets), the printed form's reading is used; if that never settles the edit is refused.
 * So `parseQuoteEdit(o, renderQuoteTrim(o, s))` returns `s` for every `s` that `isValidQuoteTrim`
 * accepts, and every result of `parseQuoteEdit` is accepted by `isValidQuoteTrim`.
 */

/** One piece of a trimmed quote. Quote offsets are UTF-16 offsets into the ORIGINAL excerpt quote. */
export type QuoteSegment =
  | Readonly<{ kind: 'quote'; start: number; end: number }>
  | Readonly<{ kind: 'omission' }>
  | Readonly<{ kind: 'insertion'; text: string }>;

/** A trimmed quote, in printed order. */
export type QuoteTrim = readonly QuoteSegment[];

/** What `parseQuoteEdit` made of an edit: the trim and its printed text, or why it was refused. */
export type QuoteEditResult =
  Readonly<{ ok: true; segments: QuoteTrim; text: string }> | Readonly<{ ok: false; reason: string }>;

/** Exactly the characters JavaScript's `\s` and `trim()` treat as whitespace, so all agree. */
function isSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;
/** Code points that belong to the character before them (a rough grapheme-cluster rule). */
const EXTENDS_PREVIOUS = /[\p{M}\p{Grapheme_Extend}\p{Emoji_Modifier}\u200d]/u;
const REGIONAL_INDICATOR = /\p{Regional_Indicator}/u;
const ZERO_WIDTH_JOINER = 0x200d;
const ELLIPSIS_ONLY = /^\s*(?:…|\.\.\.|\. \. \.)\s*$/;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function hasCodePoint(pattern: RegExp, codePoint: number): boolean {
  return pattern.test(String.fromCodePoint(codePoint));
}

/** The code point that ends just before `index` (index > 0). */
function codePointBefore(text: string, index: number): number {
  const last = text.charCodeAt(index - 1);
  const first = text.charCodeAt(index - 2);
  if (isLowSurrogate(last) && index >= 2 && isHighSurrogate(first)) {
    return (first - 0xd800) * 0x400 + (last - 0xdc00) + 0x10000;
  }
  return last;
}

function isApostrophe(codePoint: number): boolean {
  return codePoint === 0x27 || codePoint === 0x2019;
}

/** An odd run of regional indicators before `index` means `index` would split a flag. */
function splitsFlag(text: string, index: number): boolean {
  let count = 0;
  for (let at = index; at >= 2 && hasCodePoint(REGIONAL_INDICATOR, codePointBefore(text, at)); at -= 2) {
    count += 1;
  }
  return count % 2 === 1;
}

/** True when `index` falls between two user-perceived characters of `text`. */
function isCutPoint(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return true;
  if (isHighSurrogate(text.charCodeAt(index - 1)) && isLowSurrogate(text.charCodeAt(index))) return false;
  const after = text.codePointAt(index) ?? 0;
  if (codePointBefore(text, index) === ZERO_WIDTH_JOINER || hasCodePoint(EXTENDS_PREVIOUS, after)) {
    return false;
  }
  return !(hasCodePoint(REGIONAL_INDICATOR, after) && splitsFlag(text, index));
}

/** True when `index` does not fall inside a word (or a character) of `text`. */
function isWordBoundary(text: string, index: number): boolean {
  if (!isCutPoint(text, index)) return false;
  if (index <= 0 || index >= text.length) return true;
  const before = codePointBefore(text, index);
  const after = text.codePointAt(index) ?? 0;
  const isWord = (codePoint: number): boolean => hasCodePoint(WORD_CHARACTER, codePoint);
  if (isWord(before) && isWord(after)) return false;
  // An apostrophe between letters is part of the word: "don’t", "l’État".
  if (isApostrophe(after) && isWord(before)) return !isWord(text.codePointAt(index + 1) ?? 0);
  if (isApostrophe(before) && isWord(after)) return !(index >= 2 && isWord(codePointBefore(text, index - 1)));
  return true;
}

/** Whitespace runs collapsed to one space: flexible matching becomes a plain string search. */
function flatten(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/**
 * Search steps allowed per call. Real edits of a 50,000-character quote take at most some tens of
 * thousands; only adversarial input (thousands of the original's own "..." typed back with a flaw at
 * the end) comes near, and it is refused as too complex in well under a second instead of hanging.
 */
const SEARCH_BUDGET = 500_000;

/** The original quote with whitespace runs collapsed, and the offset maps both ways. */
type Source = Readonly<{
  text: string;
  flat: string;
  /** Original offset → offset in `flat` (whitespace inside a run maps to the run's space). */
  toFlat: Int32Array;
  /** Offset in `flat` → original offset of that character (or of its whitespace run). */
  fromFlat: Int32Array;
  /** First offset ≥ i whose character an ellipsis can stand for (not whitespace or a dot), or -1. */
  nextCuttable: Int32Array;
  /** Search steps left for this call, shared by all its searches so diagnosis cannot multiply it. */
  budget: { steps: number };
}>;

function prepareSource(text: string): Source {
  const flat = flatten(text);
  const toFlat = new Int32Array(text.length + 1);
  const fromFlat = new Int32Array(flat.length + 1);
  let at = 0;
  for (let flatAt = 0; flatAt < flat.length; flatAt += 1) {
    fromFlat[flatAt] = at;
    if (isSpace(text.charCodeAt(at))) {
      while (at < text.length && isSpace(text.charCodeAt(at))) toFlat[at++] = flatAt;
    } else {
      toFlat[at++] = flatAt;
    }
  }
  toFlat[text.length] = flat.length;
  fromFlat[flat.length] = text.length;
  const nextCuttable = new Int32Array(text.length + 1);
  nextCuttable[text.length] = -1;
  for (let index = text.length - 1; index >= 0; index -= 1) {
    const code = text.charCodeAt(index);
    const cuttable = !isSpace(code) && code !== 0x2e && code !== 0x2026;
    nextCuttable[index] = cuttable ? index : (nextCuttable[index + 1] ?? -1);
  }
  return { text, flat, toFlat, fromFlat, nextCuttable, budget: { steps: SEARCH_BUDGET } };
}

/** End of `flatText` (trimmed, collapsed) matched exactly at `start` in the original, or -1. */
function matchAt(source: Source, flatText: string, start: number): number {
  const flatStart = source.toFlat[start];
  if (flatStart === undefined || !source.flat.startsWith(flatText, flatStart)) return -1;
  return endOfFlatMatch(source, flatStart, flatText);
}

function endOfFlatMatch(source: Source, flatStart: number, flatText: string): number {
  // The last matched character is not whitespace, so it is one code unit of the original.
  return (source.fromFlat[flatStart + flatText.length - 1] ?? -2) + 1;
}

/** Offset in `flat` of the next match of `flatText` starting at or after original offset `from`. */
function nextFlatMatch(source: Source, flatText: string, from: number): number {
  const flatFrom = source.toFlat[from];
  return flatFrom === undefined ? -1 : source.flat.indexOf(flatText, flatFrom);
}

/** The offset after the whitespace run at `index`, or -1 when there is no whitespace there. */
function afterSpaces(source: Source, index: number): number {
  if (index >= source.text.length || !isSpace(source.text.charCodeAt(index))) return -1;
  const flatAt = source.toFlat[index] ?? -1;
  return source.fromFlat[flatAt + 1] ?? -1;
}

type Reading = Readonly<{ kind: 'omission' }> | Readonly<{ kind: 'insertion'; text: string }>;
type BracketProblem = 'unmatched-open' | 'unmatched-close' | 'empty';

/** Text between marks, trimmed; `from` is its offset in the edit (for messages). */
type TextAtom = Readonly<{ type: 'text'; text: string; flat: string; words: boolean; from: number }>;
/** A mark; `literal` says whether the original contains its characters at all. */
type MarkAtom = Readonly<{
  type: 'mark';
  raw: string;
  flat: string;
  reading: Reading | null;
  problem: BracketProblem | null;
  literal: boolean;
  words: boolean;
  from: number;
}>;
type SpaceAtom = Readonly<{ type: 'space' }>;
type Atom = TextAtom | MarkAtom | SpaceAtom;

const SPACE: SpaceAtom = { type: 'space' };
const MARK = /\[[^[\]]*\]|\[|\]|…|\.\.\.(?!\.)|\. \. \.(?! \.)/g;

function collapseInsertion(content: string): string {
  return flatten(content).trim();
}

function textAtom(text: string, from: number): TextAtom {
  return { type: 'text', text, flat: flatten(text), words: LETTER_OR_DIGIT.test(text), from };
}

function readMark(raw: string): Pick<MarkAtom, 'reading' | 'problem'> {
  if (raw === '[') return { reading: null, problem: 'unmatched-open' };
  if (raw === ']') return { reading: null, problem: 'unmatched-close' };
  if (!raw.startsWith('[')) return { reading: { kind: 'omission' }, problem: null };
  const content = raw.slice(1, -1);
  if (ELLIPSIS_ONLY.test(content)) return { reading: { kind: 'omission' }, problem: null };
  const text = collapseInsertion(content);
  return text === ''
    ? { reading: null, problem: 'empty' }
    : { reading: { kind: 'insertion', text }, problem: null };
}

function markAtom(source: Source, raw: string, from: number): MarkAtom {
  const flat = flatten(raw);
  const literal = source.flat.includes(flat);
  return { type: 'mark', raw, flat, ...readMark(raw), literal, words: LETTER_OR_DIGIT.test(raw), from };
}

/** Text between marks becomes [space] text [space], so whitespace next to marks stays visible. */
function pushText(atoms: Atom[], edited: string, from: number, to: number): void {
  const chunk = edited.slice(from, to);
  if (chunk === '') return;
  const core = chunk.trim();
  if (core === '') {
    atoms.push(SPACE);
    return;
  }
  const lead = chunk.length - chunk.trimStart().length;
  if (lead > 0) atoms.push(SPACE);
  atoms.push(textAtom(core, from + lead));
  if (chunk.trimEnd().length < chunk.length) atoms.push(SPACE);
}

function tokenise(source: Source, edited: string): Atom[] {
  const atoms: Atom[] = [];
  let done = 0;
  for (const match of edited.matchAll(MARK)) {
    pushText(atoms, edited, done, match.index);
    atoms.push(markAtom(source, match[0], match.index));
    done = match.index + match[0].length;
  }
  pushText(atoms, edited, done, edited.length);
  return atoms;
}

type SearchOptions = Readonly<{
  /** Insist on some kept text with a letter or digit (off while diagnosing a prefix). */
  requireWords: boolean;
  /** Let the last kept piece end inside a word (a diagnosed prefix that an insertion follows). */
  relaxEnd: boolean;
  /** Insist that an omission between kept pieces stands for cut text (off while diagnosing). */
  omissionNeedsCut: boolean;
}>;

const STRICT: SearchOptions = { requireWords: true, relaxEnd: false, omissionNeedsCut: true };

type SearchOutcome =
  | Readonly<{ status: 'found'; segments: QuoteTrim }>
  | Readonly<{ status: 'none' }>
  | Readonly<{ status: 'too-complex' }>;

type TraceEvent = Readonly<{ kind: 'open'; at: number }> | Readonly<{ kind: 'close'; at: number }> | Reading;
/** The path so far, newest first; shared between branches, so extending it is cheap. */
type Trace = Readonly<{ event: TraceEvent; previous: Trace | null }> | null;
type Last = 'none' | 'omission' | 'insertion';

/** Inside a kept piece that has matched the original up to `p`; `j` is the next atom. */
type InPiece = Readonly<{ mode: 'piece'; j: number; p: number; words: boolean; trace: Trace }>;
/** Between kept pieces: the last one ended at `p` (0 at the start), then came marks. */
type BetweenPieces = Readonly<{
  mode: 'between';
  j: number;
  p: number;
  words: boolean;
  trace: Trace;
  atStart: boolean;
  /** An omission since the last kept piece: the next one must leave cut text in between. */
  cut: boolean;
  last: Last;
  /** The last mark is an insertion with no space after it yet. */
  attached: boolean;
}>;
type Done = Readonly<{ mode: 'done'; trace: Trace }>;
type SearchNode = InPiece | BetweenPieces | Done;

const LAST_INDEX: Readonly<Record<Last, number>> = { none: 0, omission: 1, insertion: 2 };

function extend(trace: Trace, event: TraceEvent): Trace {
  return { event, previous: trace };
}

function segmentsOf(trace: Trace): QuoteTrim {
  const events: TraceEvent[] = [];
  for (let node = trace; node !== null; node = node.previous) events.push(node.event);
  const segments: QuoteSegment[] = [];
  let start = 0;
  for (const event of events.reverse()) {
    if (event.kind === 'open') start = event.at;
    else if (event.kind === 'close') segments.push({ kind: 'quote', start, end: event.at });
    else segments.push(event);
  }
  return segments;
}

/**
 * When the kept piece that starts at atom `j` can only be closed right after it (no mark after it
 * could be read as original text), the rest of the search depends on nothing but where it ends, and
 * a later end never helps. Then only the first fitting place needs trying. Returns the boundary rule
 * for its end in that case ('word' or 'cut'), else null.
 */
function closingRule(atoms: readonly Atom[], j: number, relaxEnd: boolean): 'word' | 'cut' | null {
  const spaced = atoms[j + 1]?.type === 'space';
  const next = atoms[spaced ? j + 2 : j + 1];
  if (next === undefined) return relaxEnd ? 'cut' : 'word';
  if (next.type !== 'mark' || next.literal || next.reading === null) return null;
  return next.reading.kind === 'insertion' && !spaced ? 'cut' : 'word';
}

/**
 * Every reading keeps each text atom (text between marks) whole, in order and without overlap. So
 * each has a latest start that still leaves room for the ones after it; a search never needs to look
 * past it, and an edit with a text atom found nowhere (the usual typo) fails at once. Indexed by
 * atom (Infinity for marks and spaces); null when there is no room at all.
 */
function latestStarts(source: Source, atoms: readonly Atom[]): number[] | null {
  const latest: number[] = atoms.map(() => Infinity);
  let flatLimit = source.flat.length;
  for (let j = atoms.length - 1; j >= 0; j -= 1) {
    const atom = atoms[j];
    if (atom?.type !== 'text') continue;
    const room = flatLimit - atom.flat.length;
    const at = room < 0 ? -1 : source.flat.lastIndexOf(atom.flat, room);
    if (at < 0) return null;
    latest[j] = source.fromFlat[at] ?? -1;
    flatLimit = at;
  }
  return latest;
}

/**
 * Depth-first search for the first reading of `atoms` against the original, in the preference
 * order described at the top of this file. Iterative (an explicit stack), so a long edit cannot
 * overflow the call stack; failed states are memoised, so no state is explored twice.
 */
function search(source: Source, atoms: readonly Atom[], options: SearchOptions): SearchOutcome {
  const original = source.text;
  const failed = new Set<number>();
  // For a piece starting at an atom (and its flags): every start at or after this offset fails.
  const failedFrom = new Map<number, number>();
  const closing = atoms.map((_, j) => closingRule(atoms, j, options.relaxEnd));
  const budget = source.budget;
  const latestOrNull = latestStarts(source, atoms);
  if (latestOrNull === null) return { status: 'none' };
  const latest: readonly number[] = latestOrNull;

  const keyOf = (node: InPiece | BetweenPieces): number => {
    const flags =
      node.mode === 'piece'
        ? 24
        : (node.atStart ? 12 : 0) + (node.cut ? 6 : 0) + LAST_INDEX[node.last] * 2 + (node.attached ? 1 : 0);
    return ((node.j * (original.length + 1) + node.p) * 25 + flags) * 2 + (node.words ? 1 : 0);
  };

  const boundaryOk = (index: number, wholeWord: boolean): boolean =>
    wholeWord ? isWordBoundary(original, index) : isCutPoint(original, index);

  function* finishPiece(node: InPiece): Generator<SearchNode, void, undefined> {
    if (!boundaryOk(node.p, !options.relaxEnd)) return;
    if (node.words || !options.requireWords) {
      yield { mode: 'done', trace: extend(node.trace, { kind: 'close', at: node.p }) };
    }
  }

  function* closePiece(node: InPiece, reading: Reading, j: number, attached: boolean) {
    const insertion = reading.kind === 'insertion';
    if (!boundaryOk(node.p, !(insertion && attached))) return;
    const trace = extend(extend(node.trace, { kind: 'close', at: node.p }), reading);
    const next: BetweenPieces = {
      mode: 'between',
      j,
      p: node.p,
      words: node.words,
      trace,
      atStart: false,
      cut: !insertion && options.omissionNeedsCut,
      last: reading.kind,
      attached: insertion,
    };
    yield next;
  }

  function* continuePiece(node: InPiece): Generator<SearchNode, void, undefined> {
    const atom = atoms[node.j];
    if (atom === undefined) return yield* finishPiece(node);
    const piece = (j: number, end: number, words: boolean): InPiece => ({
      mode: 'piece',
      j,
      p: end,
      words: node.words || words,
      trace: node.trace,
    });
    if (
      (atom.type === 'text' && node.p <= (latest[node.j] ?? Infinity)) ||
      (atom.type === 'mark' && atom.literal)
    ) {
      budget.steps -= 1 + (atom.flat.length >> 6);
      const end = matchAt(source, atom.flat, node.p);
      if (end >= 0) yield piece(node.j + 1, end, atom.words);
    }
    if (atom.type === 'mark' && atom.reading !== null)
      yield* closePiece(node, atom.reading, node.j + 1, true);
    if (atom.type !== 'space') return;
    const next = atoms[node.j + 1];
    if (next === undefined) return yield* finishPiece(node);
    if (next.type === 'space') return;
    if (next.type === 'text' || next.literal) {
      const resume = afterSpaces(source, node.p);
      budget.steps -= 1 + (next.flat.length >> 6);
      const end = resume < 0 ? -1 : matchAt(source, next.flat, resume);
      if (end >= 0) yield piece(node.j + 2, end, next.words);
    }
    if (next.type === 'mark' && next.reading !== null)
      yield* closePiece(node, next.reading, node.j + 2, false);
  }

  const lowestStart = (node: BetweenPieces): number => {
    if (node.atStart) return 0;
    if (!node.cut) return node.p;
    const cuttable = source.nextCuttable[node.p] ?? -1;
    return cuttable < 0 ? -1 : cuttable + 1;
  };

  function* openPiece(
    node: BetweenPieces,
    atom: TextAtom | MarkAtom,
  ): Generator<SearchNode, void, undefined> {
    const lowest = lowestStart(node);
    if (lowest < 0) return;
    const words = node.words || atom.words;
    const wholeWord = !(node.last === 'insertion' && node.attached);
    const memoKey = node.j * 4 + (wholeWord ? 2 : 0) + (words ? 1 : 0);
    const rule = closing[node.j] ?? null;
    for (let flatAt = nextFlatMatch(source, atom.flat, lowest); flatAt >= 0;) {
      const start = source.fromFlat[flatAt] ?? -1;
      if (start >= (failedFrom.get(memoKey) ?? Infinity)) break;
      budget.steps -= 1;
      if (budget.steps < 0) return;
      if (start > (latest[node.j] ?? Infinity)) break;
      const end = endOfFlatMatch(source, flatAt, atom.flat);
      if (boundaryOk(start, wholeWord) && (rule === null || boundaryOk(end, rule === 'word'))) {
        yield {
          mode: 'piece',
          j: node.j + 1,
          p: end,
          words,
          trace: extend(node.trace, { kind: 'open', at: start }),
        };
        if (rule !== null) break;
      }
      flatAt = source.flat.indexOf(atom.flat, flatAt + 1);
    }
    failedFrom.set(memoKey, Math.min(failedFrom.get(memoKey) ?? Infinity, lowest));
  }

  function* betweenPieces(node: BetweenPieces): Generator<SearchNode, void, undefined> {
    const atom = atoms[node.j];
    if (atom === undefined) {
      if (node.words || !options.requireWords) yield { mode: 'done', trace: node.trace };
      return;
    }
    if (atom.type === 'space') return yield { ...node, j: node.j + 1, attached: false };
    if (atom.type === 'text' || atom.literal) yield* openPiece(node, atom);
    if (atom.type !== 'mark' || atom.reading === null || atom.reading.kind === node.last) return;
    const omission = atom.reading.kind === 'omission';
    yield {
      ...node,
      j: node.j + 1,
      trace: extend(node.trace, atom.reading),
      cut: node.cut || (omission && !node.atStart && options.omissionNeedsCut),
      last: atom.reading.kind,
      attached: !omission,
    };
  }

  const successors = (node: InPiece | BetweenPieces): Generator<SearchNode, void, undefined> =>
    node.mode === 'piece' ? continuePiece(node) : betweenPieces(node);

  const root: BetweenPieces = {
    mode: 'between',
    j: 0,
    p: 0,
    words: false,
    trace: null,
    atStart: true,
    cut: false,
    last: 'none',
    attached: false,
  };
  const stack: { node: InPiece | BetweenPieces; children: Generator<SearchNode, void, undefined> }[] = [
    { node: root, children: successors(root) },
  ];
  for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
    budget.steps -= 1;
    const step = top.children.next();
    if (budget.steps < 0) return { status: 'too-complex' };
    if (step.done === true) {
      failed.add(keyOf(top.node));
      stack.pop();
    } else if (step.value.mode === 'done') {
      return { status: 'found', segments: segmentsOf(step.value.trace) };
    } else if (!failed.has(keyOf(step.value))) {
      stack.push({ node: step.value, children: successors(step.value) });
    }
  }
  return { status: 'none' };
}

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

const REASONS = {
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

function bracketReason(mark: MarkAtom, edited: string): string {
  if (mark.problem === 'unmatched-open')
    return REASONS.unmatchedOpen(edited.slice(mark.from, mark.from + 30));
  if (mark.problem === 'unmatched-close')
    return REASONS.unmatchedClose(edited.slice(Math.max(0, mark.from - 29), mark.from + 1));
  return REASONS.emptyBrackets(mark.raw);
}

/** Straight and typographic quotes, apostrophes and dashes folded together, offsets unchanged. */
function foldMarks(text: string): string {
  return text
    .replace(/[‘’‚‛′`´]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—―−]/g, '-');
}

/** A word (whitespace-free run of text) or a mark of the edit, for pinpointing what is wrong. */
type Unit =
  | Readonly<{ kind: 'word'; atom: number; end: number; text: string; from: number; to: number }>
  | Readonly<{ kind: 'mark'; atom: number; mark: MarkAtom; from: number; to: number }>;

function unitsOf(atoms: readonly Atom[]): Unit[] {
  const units: Unit[] = [];
  atoms.forEach((atom, index) => {
    if (atom.type === 'mark') {
      units.push({ kind: 'mark', atom: index, mark: atom, from: atom.from, to: atom.from + atom.raw.length });
    } else if (atom.type === 'text') {
      for (const word of atom.text.matchAll(/\S+/g)) {
        const end = word.index + word[0].length;
        units.push({
          kind: 'word',
          atom: index,
          end,
          text: word[0],
          from: atom.from + word.index,
          to: atom.from + end,
        });
      }
    }
  });
  return units;
}

const isBracket = (unit: Unit | undefined): boolean => unit?.kind === 'mark' && unit.mark.raw.startsWith('[');

/** Finds the first word or mark of the edit that no reading can get past, and explains it. */
class Diagnosis {
  private readonly units: readonly Unit[];

  constructor(
    private readonly source: Source,
    private readonly atoms: readonly Atom[],
    private readonly edited: string,
  ) {
    this.units = unitsOf(atoms);
  }

  reason(): string {
    // Text always counts as kept words, so the words rule only matters for edits without text.
    if (!this.atoms.some((atom) => atom.type === 'text' && atom.words)) {
      const whole = search(this.source, this.atoms, { ...STRICT, requireWords: false });
      if (whole.status !== 'none') return whole.status === 'found' ? REASONS.noWords : REASONS.tooComplex;
    }
    const loose = search(this.source, this.atoms, { ...STRICT, omissionNeedsCut: false });
    if (loose.status === 'too-complex') return REASONS.tooComplex;
    if (loose.status === 'found') return this.emptyOmission(loose.segments);
    return this.firstFailure();
  }

  /** The edit fits only if some … stands for nothing: name the words after the first such one. */
  private emptyOmission(segments: QuoteTrim): string {
    const original = this.source.text;
    let end = -1;
    let omitted = false;
    for (const segment of segments) {
      if (segment.kind === 'omission') omitted = end >= 0;
      if (segment.kind !== 'quote') continue;
      const gap = original.slice(Math.max(end, 0), segment.start);
      if (omitted && !/[^\s.…]/.test(gap)) {
        return REASONS.nothingCut(/^\S+/.exec(original.slice(segment.start, segment.end))?.[0] ?? '');
      }
      end = segment.end;
      omitted = false;
    }
    return REASONS.cannotStand(this.edited);
  }

  /**
   * Whether the edit up to a unit has a reading only gets harder as units are added, so the first
   * unit that breaks it is found by bisection: `good` units work, `bad` units do not.
   */
  private firstFailure(): string {
    let good = 0;
    let bad = this.units.length;
    while (bad - good > 1) {
      const middle = Math.floor((good + bad) / 2);
      const outcome = this.prefix(middle);
      if (outcome === 'too-complex') return REASONS.tooComplex;
      if (outcome === 'found') good = middle;
      else bad = middle;
    }
    const culprit = this.units[good];
    if (culprit === undefined) return REASONS.cannotStand(this.edited);
    return culprit.kind === 'word' ? this.explainWord(good, culprit) : this.explainMark(good, culprit);
  }

  /** Searches the first `count` units; a prefix may end inside a word where an insertion follows. */
  private prefix(count: number, atoms = this.prefixAtoms(count)): SearchOutcome['status'] {
    const relaxEnd = isBracket(this.units[count]);
    return search(this.source, atoms, { ...STRICT, requireWords: false, relaxEnd }).status;
  }

  private prefixAtoms(count: number): Atom[] {
    const last = this.units[count - 1];
    if (last === undefined) return [];
    const atom = this.atoms[last.atom];
    if (last.kind === 'mark' || atom?.type !== 'text') return this.atoms.slice(0, last.atom + 1);
    return [...this.atoms.slice(0, last.atom), textAtom(atom.text.slice(0, last.end), atom.from)];
  }

  private explainWord(index: number, unit: Extract<Unit, { kind: 'word' }>): string {
    const original = this.source.text;
    if (!original.includes(unit.text)) {
      return foldMarks(original).includes(foldMarks(unit.text))
        ? REASONS.otherMarks(unit.text)
        : REASONS.notHere(unit.text);
    }
    const previous = this.units[index - 1];
    const next = this.units[index + 1];
    const wholeStart = !(isBracket(previous) && previous?.to === unit.from);
    const wholeEnd = !(isBracket(next) && next?.from === unit.to);
    if (!occursAsWord(original, unit.text, wholeStart, wholeEnd)) return REASONS.partOfWord(unit.text);
    if (previous?.kind === 'word' && previous.atom === unit.atom) {
      return this.cutHere(index, previous, unit)
        ? REASONS.cutWithoutEllipsis(previous.text, unit.text)
        : REASONS.notHere(`${previous.text} ${unit.text}`);
    }
    const before = this.units
      .slice(0, index)
      .reverse()
      .find((candidate) => candidate.kind === 'word');
    return before === undefined ? REASONS.notHere(unit.text) : REASONS.notAfter(before.text, unit.text);
  }

  /** Would an ellipsis between two words of one piece make the edit up to `index` readable? */
  private cutHere(
    index: number,
    before: Extract<Unit, { kind: 'word' }>,
    unit: Extract<Unit, { kind: 'word' }>,
  ) {
    const atom = this.atoms[unit.atom];
    if (atom?.type !== 'text') return false;
    const ellipsis: MarkAtom = {
      type: 'mark',
      raw: '…',
      flat: '…',
      reading: { kind: 'omission' },
      problem: null,
      literal: false,
      words: false,
      from: unit.from,
    };
    const atoms = [
      ...this.atoms.slice(0, unit.atom),
      textAtom(atom.text.slice(0, before.end), atom.from),
      SPACE,
      ellipsis,
      SPACE,
      textAtom(unit.text, unit.from),
    ];
    return this.prefix(index + 1, atoms) === 'found';
  }

  private explainMark(index: number, unit: Extract<Unit, { kind: 'mark' }>): string {
    const { mark } = unit;
    if (mark.problem !== null) return bracketReason(mark, this.edited);
    const previous = this.units[index - 1];
    const kind = mark.reading?.kind;
    if (previous?.kind === 'mark' && kind !== undefined && previous.mark.reading?.kind === kind) {
      const both = this.edited.slice(previous.from, unit.to);
      return kind === 'omission' ? REASONS.twoEllipses(both) : REASONS.twoInsertions(both);
    }
    if (previous?.kind === 'word') {
      const wholeStart = !(isBracket(this.units[index - 2]) && this.units[index - 2]?.to === previous.from);
      const wholeEnd = !(isBracket(unit) && unit.from === previous.to);
      if (!occursAsWord(this.source.text, previous.text, wholeStart, wholeEnd))
        return REASONS.partOfWord(previous.text);
    }
    return REASONS.cannotStand(mark.raw);
  }
}

/** Does `word` occur in `original` with boundaries (whole-word or just between characters) at its ends? */
function occursAsWord(original: string, word: string, wholeStart: boolean, wholeEnd: boolean): boolean {
  const boundary = (index: number, whole: boolean) =>
    whole ? isWordBoundary(original, index) : isCutPoint(original, index);
  for (let at = original.indexOf(word); at >= 0; at = original.indexOf(word, at + 1)) {
    if (boundary(at, wholeStart) && boundary(at + word.length, wholeEnd)) return true;
  }
  return false;
}

function refuse(reason: string): QuoteEditResult {
  return { ok: false, reason };
}

/** Refusals that need no search: stray brackets the original does not have, or no words at all. */
function earlyReason(atoms: readonly Atom[], edited: string): string | null {
  for (const atom of atoms) {
    if (atom.type === 'mark' && atom.problem !== null && !atom.literal) return bracketReason(atom, edited);
  }
  const canKeepWords = atoms.some(
    (atom) => atom.type !== 'space' && atom.words && (atom.type === 'text' || atom.literal),
  );
  return canKeepWords ? null : REASONS.noWords;
}

function sameTrim(left: QuoteTrim, right: QuoteTrim): boolean {
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
function reread(source: Source, segments: QuoteTrim): SearchOutcome {
  return search(source, tokenise(source, renderQuoteTrim(source.text, segments)), STRICT);
}

/**
 * Settles on a trim that reads back as itself from its printed form. Unless the original contains
 * "…" or brackets the first reading already does; otherwise a few rounds settle it or we refuse.
 */
function settle(source: Source, segments: QuoteTrim): QuoteEditResult {
  let current = segments;
  for (let round = 0; round < 4; round += 1) {
    const again = reread(source, current);
    if (again.status === 'too-complex') return refuse(REASONS.tooComplex);
    if (again.status === 'none') break;
    if (sameTrim(again.segments, current)) {
      return { ok: true, segments: current, text: renderQuoteTrim(source.text, current) };
    }
    current = again.segments;
  }
  return refuse(REASONS.ambiguous);
}

/** Parses what the user typed against the original quote. Never throws, for any input strings. */
export function parseQuoteEdit(original: string, edited: string): QuoteEditResult {
  const source = prepareSource(original);
  const atoms = tokenise(source, edited);
  const early = earlyReason(atoms, edited);
  if (early !== null) return refuse(early);
  const found = search(source, atoms, STRICT);
  if (found.status === 'too-complex') return refuse(REASONS.tooComplex);
  if (found.status === 'none') return refuse(new Diagnosis(source, atoms, edited).reason());
  return settle(source, found.segments);
}

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
