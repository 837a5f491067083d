import { flatten, isSpace } from './characters';

/**
 * Search steps allowed per call. Real edits of a 50,000-character quote take at most some tens of
 * thousands; only adversarial input (thousands of the original's own "..." typed back with a flaw at
 * the end) comes near, and it is refused as too complex in well under a second instead of hanging.
 */
const SEARCH_BUDGET = 500_000;

/** The original quote with whitespace runs collapsed, and the offset maps both ways. */
export type Source = Readonly<{
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

export function prepareSource(text: string): Source {
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
export function matchAt(source: Source, flatText: string, start: number): number {
  const flatStart = source.toFlat[start];
  if (flatStart === undefined || !source.flat.startsWith(flatText, flatStart)) return -1;
  return endOfFlatMatch(source, flatStart, flatText);
}

export function endOfFlatMatch(source: Source, flatStart: number, flatText: string): number {
  // The last matched character is not whitespace, so it is one code unit of the original.
  return (source.fromFlat[flatStart + flatText.length - 1] ?? -2) + 1;
}

/** Offset in `flat` of the next match of `flatText` starting at or after original offset `from`. */
export function nextFlatMatch(source: Source, flatText: string, from: number): number {
  const flatFrom = source.toFlat[from];
  return flatFrom === undefined ? -1 : source.flat.indexOf(flatText, flatFrom);
}

/** The offset after the whitespace run at `index`, or -1 when there is no whitespace there. */
export function afterSpaces(source: Source, index: number): number {
  if (index >= source.text.length || !isSpace(source.text.charCodeAt(index))) return -1;
  const flatAt = source.toFlat[index] ?? -1;
  return source.fromFlat[flatAt + 1] ?? -1;
}
