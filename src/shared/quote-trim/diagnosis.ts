import { isCutPoint, isWordBoundary } from './characters';
import { SPACE, textAtom, type Atom, type MarkAtom } from './edit-tokens';
import type { Source } from './original';
import { bracketReason, REASONS } from './reasons';
import { search, STRICT, type SearchOutcome } from './search';
import type { QuoteTrim } from './types';

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
export class Diagnosis {
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
