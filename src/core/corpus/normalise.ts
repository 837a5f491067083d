import type { InlineMark } from '../../shared/dto';
import type { RawBlock, RawRun } from './imported-document';
import type { NewBlock } from '../store/blocks';

/** Characters that carry no text and only get in the way of matching quotes. */
const INVISIBLE = /[\u00AD\u200B\u2060\uFEFF]/g;
/** Every kind of whitespace, including no-break and typographic spaces, and control characters. */
const WHITESPACE = /[\s\p{Cc}\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/gu;

/**
 * Normalises one block's text: Unicode NFC, invisible characters removed, every whitespace run
 * collapsed to one space, trimmed. Block texts are joined with a blank line into the document text.
 */
export function normaliseInline(raw: string): string {
  return raw.normalize('NFC').replace(INVISIBLE, '').replace(WHITESPACE, ' ').trim();
}

/** Normalises a metadata value; empty values become null. */
export function normaliseField(raw: string | null | undefined, maxLength = 1000): string | null {
  if (raw === null || raw === undefined) return null;
  const value = normaliseInline(raw);
  return value === '' ? null : value.slice(0, maxLength);
}

export const BLOCK_SEPARATOR = '\n\n';

/**
 * Normalises a block's runs as normaliseInline does their joined text, keeping where each run's
 * emphasis lands in the normalised text.
 */
export function normaliseRuns(runs: readonly RawRun[]): { text: string; marks: InlineMark[] } {
  if (runs.every((run) => (run.marks === undefined || run.marks.length === 0) && run.href === undefined)) {
    return { text: normaliseInline(runs.map((run) => run.text).join('')), marks: [] };
  }
  let text = '';
  let pendingSpace = false;
  const marks: InlineMark[] = [];
  for (const run of runs) {
    // Whole-run regex passes, not a loop per character: imports normalise every block.
    let clean = run.text.normalize('NFC').replace(INVISIBLE, '').replace(WHITESPACE, ' ');
    if (clean.startsWith(' ')) {
      if (text.length > 0) pendingSpace = true;
      clean = clean.slice(1);
    }
    const endsWithSpace = clean.endsWith(' ');
    if (endsWithSpace) clean = clean.slice(0, -1);
    if (clean !== '') {
      if (pendingSpace && text.length > 0) text += ' ';
      const runStart = text.length;
      text += clean;
      pendingSpace = false;
      for (const type of run.marks ?? []) marks.push({ start: runStart, end: text.length, type });
      if (run.href !== undefined) marks.push({ start: runStart, end: text.length, type: 'link', href: run.href });
    }
    if (endsWithSpace && text.length > 0) pendingSpace = true;
  }
  return { text, marks: mergeAdjacent(marks) };
}

function mergeAdjacent(marks: InlineMark[]): InlineMark[] {
  const merged: InlineMark[] = [];
  for (const mark of marks.sort((a, b) => a.type.localeCompare(b.type) || a.start - b.start)) {
    const last = merged.at(-1);
    if (last !== undefined && last.type === mark.type && last.href === mark.href && mark.start <= last.end + 1) {
      merged[merged.length - 1] = { ...last, end: Math.max(last.end, mark.end) };
    } else merged.push(mark);
  }
  return merged.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Builds a document's normalised text from its blocks, keeping each block's offsets into it and
 * its inline marks as absolute offsets. Blocks whose text normalises to nothing are left out.
 */
export function buildText(rawBlocks: readonly RawBlock[]): { text: string; blocks: NewBlock[] } {
  const parts: string[] = [];
  const blocks: NewBlock[] = [];
  let offset = 0;
  for (const raw of rawBlocks) {
    const { text, marks } = raw.runs === undefined ? { text: normaliseInline(raw.text), marks: [] } : normaliseRuns(raw.runs);
    if (text === '') continue;
    if (parts.length > 0) {
      parts.push(BLOCK_SEPARATOR);
      offset += BLOCK_SEPARATOR.length;
    }
    blocks.push({
      kind: raw.kind,
      level: raw.level,
      start: offset,
      end: offset + text.length,
      page: raw.page ?? null,
      boilerplate: raw.boilerplate === true,
      marks: marks.map((mark) => ({ ...mark, start: mark.start + offset, end: mark.end + offset })),
    });
    parts.push(text);
    offset += text.length;
  }
  return { text: parts.join(''), blocks };
}

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];

/** Turns the date forms sources use into YYYY-MM-DD, or null when it cannot tell. */
export function normaliseDate(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const value = raw.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (iso !== null) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const monthFirst = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(value);
  if (monthFirst !== null) {
    return validDate(Number(monthFirst[3]), monthIndex(monthFirst[1]), Number(monthFirst[2]));
  }
  const dayFirst = /^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(value);
  if (dayFirst !== null) {
    return validDate(Number(dayFirst[3]), monthIndex(dayFirst[2]), Number(dayFirst[1]));
  }
  return null;
}

function monthIndex(name: string | undefined): number {
  if (name === undefined || name.length < 3) return 0;
  const lower = name.toLowerCase();
  return MONTHS.findIndex((month) => month.startsWith(lower)) + 1;
}

function validDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1000 || year > 9999) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}
