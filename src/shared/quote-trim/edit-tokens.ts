import { flatten, LETTER_OR_DIGIT } from './characters';
import type { Source } from './original';

export type Reading = Readonly<{ kind: 'omission' }> | Readonly<{ kind: 'insertion'; text: string }>;
type BracketProblem = 'unmatched-open' | 'unmatched-close' | 'empty';

/** Text between marks, trimmed; `from` is its offset in the edit (for messages). */
export type TextAtom = Readonly<{ type: 'text'; text: string; flat: string; words: boolean; from: number }>;
/** A mark; `literal` says whether the original contains its characters at all. */
export type MarkAtom = Readonly<{
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
export type Atom = TextAtom | MarkAtom | SpaceAtom;

export const SPACE: SpaceAtom = { type: 'space' };
const MARK = /\[[^[\]]*\]|\[|\]|…|\.\.\.(?!\.)|\. \. \.(?! \.)/g;
export const ELLIPSIS_ONLY = /^\s*(?:…|\.\.\.|\. \. \.)\s*$/;

export function collapseInsertion(content: string): string {
  return flatten(content).trim();
}

export function textAtom(text: string, from: number): TextAtom {
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

export function tokenise(source: Source, edited: string): Atom[] {
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
