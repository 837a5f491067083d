import { isCutPoint, isWordBoundary } from './characters';
import type { Atom, MarkAtom, Reading, TextAtom } from './edit-tokens';
import { afterSpaces, endOfFlatMatch, matchAt, nextFlatMatch, type Source } from './original';
import type { QuoteSegment, QuoteTrim } from './types';

type SearchOptions = Readonly<{
  /** Insist on some kept text with a letter or digit (off while diagnosing a prefix). */
  requireWords: boolean;
  /** Let the last kept piece end inside a word (a diagnosed prefix that an insertion follows). */
  relaxEnd: boolean;
  /** Insist that an omission between kept pieces stands for cut text (off while diagnosing). */
  omissionNeedsCut: boolean;
}>;

export const STRICT: SearchOptions = { requireWords: true, relaxEnd: false, omissionNeedsCut: true };

export type SearchOutcome =
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
 * order described at the top of ../quote-trim.ts. Iterative (an explicit stack), so a long edit cannot
 * overflow the call stack; failed states are memoised, so no state is explored twice.
 */
export function search(source: Source, atoms: readonly Atom[], options: SearchOptions): SearchOutcome {
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
