import type { Importer, RawBlock } from '../imported-document';
import { normaliseDate, normaliseField, normaliseInline } from '../normalise';
import { parseFrontMatter } from './front-matter';
import { decodeText } from './text-decoding';
import {
  isAuthorBio,
  isBreadcrumb,
  isPhotoCredit,
  isSectionLabel,
  isSignOff,
  isSiteChrome,
  parseByline,
  parseDateline,
} from './text-furniture';

const HEADER_KEYS = new Map<string, string>([
  ['title', 'title'],
  ['headline', 'title'],
  ['author', 'author'],
  ['authors', 'author'],
  ['by', 'author'],
  ['byline', 'author'],
  ['outlet', 'outlet'],
  ['publisher', 'outlet'],
  ['publication', 'outlet'],
  ['source', 'outlet'],
  ['site', 'outlet'],
  ['date', 'date'],
  ['published', 'date'],
  ['url', 'url'],
  ['link', 'url'],
  ['language', 'language'],
  ['lang', 'language'],
]);

/** How many units from the top bylines, datelines and section labels are looked for. */
const TOP_UNITS = 12;
/** How many units from the end author biographies and sign-offs are looked for. */
const END_UNITS = 3;
/** A line longer than this was not hard-wrapped: each line is a paragraph. */
const MAX_WRAP_WIDTH = 110;

const LIST_MARKER = /^([ \t]*)(?:[-*•‣◦▪–]|\d{1,3}[.)])[ \t]+(?=\S)/;
const RULE_LINE = /^[ \t]*(?:[-*_=~#•·.][ \t]*){3,}$/;

type Unit =
  | { type: 'text'; lines: string[] }
  | { type: 'item'; indent: number; lines: string[] }
  | { type: 'rule'; lines: string[] };

/**
 * Plain text. An optional header of `Key: value` lines (Title, Author, Outlet, Date, URL, Language)
 * or `---` front matter; then paragraphs separated by blank lines, hard-wrapped lines joined.
 * Without a header the first short line is the title. Bylines and datelines near the top give the
 * author and date; they, photo credits, section labels, site prompts, a repeated title and an
 * author biography at the end are kept as boilerplate blocks, so no text is ever lost. Standalone
 * short lines without closing punctuation are headings; "- ", "* ", "• " and "1. " lines are list
 * items, nested by indentation.
 */
export const importPlainText: Importer = (bytes) => {
  const decoded = decodeText(bytes)
    .replace(/\r\n?|\u2028|\u2029|\u0085/g, '\n')
    .replace(/\f/g, '\n\n');
  const frontMatter = readFrontMatter(decoded);
  const fields = new Map<string, string>();
  for (const [key, value] of frontMatter.fields) {
    const field = HEADER_KEYS.get(key);
    if (field !== undefined && !fields.has(field)) fields.set(field, value);
  }
  const chunks = toChunks(frontMatter.body);

  const first = chunks[0];
  if (first !== undefined && fields.size === 0) {
    const header = readHeader(first);
    if (header !== null) {
      for (const [key, value] of header.fields) fields.set(key, value);
      if (header.consumed === first.length) chunks.shift();
      else chunks[0] = first.slice(header.consumed);
    }
  }

  const units = chunks.flatMap((chunk, index) => splitChunk(chunk, index < 4));
  const reader = new ArticleReader(fields, units);
  const blocks = reader.read();

  return {
    format: 'txt',
    title: reader.title,
    author: normaliseField(reader.authors.join(', ')),
    outlet: normaliseField(fields.get('outlet')),
    publishedAt: reader.publishedAt,
    url: normaliseField(fields.get('url')),
    language: normaliseField(fields.get('language'), 35),
    blocks,
  };
};

/**
 * `---` front matter, only when every line in it is metadata: a text that merely opens with a
 * `---` rule keeps its lines as body text.
 */
function readFrontMatter(text: string): { fields: ReadonlyMap<string, string>; body: string } {
  const parsed = parseFrontMatter(text);
  if (parsed.fields.size === 0) return { fields: parsed.fields, body: text };
  const block = text.slice(0, text.length - parsed.body.length).replace(/\n$/, '').split('\n').slice(1, -1);
  const metadata = block.every((line) => /^\s*$|^[A-Za-z][\w-]*\s*[:=]|^\s+\S|^\s*#/.test(line));
  return metadata ? parsed : { fields: new Map(), body: text };
}

/** Non-blank lines grouped by blank lines. */
function toChunks(text: string): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/[ \t\u00A0]+$/, '');
    if (line.trim() === '') {
      if (current.length > 0) chunks.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** The leading `Key: value` lines of the first chunk, when they are a metadata header. */
function readHeader(chunk: readonly string[]): { fields: Map<string, string>; consumed: number } | null {
  const fields = new Map<string, string>();
  let consumed = 0;
  for (const line of chunk) {
    const match = /^([A-Za-z]+)\s*:\s*(.+)$/.exec(line.trim());
    const key = match === null ? undefined : HEADER_KEYS.get((match[1] ?? '').toLowerCase());
    if (match === null || key === undefined) break;
    if (!fields.has(key)) fields.set(key, match[2] ?? '');
    consumed += 1;
  }
  // A lone "Source: ..." line above body text is body text; a header has two fields or stands alone.
  if (consumed === 0 || (consumed < 2 && consumed < chunk.length && !fields.has('title'))) return null;
  return { fields, consumed };
}

function indentOf(line: string): number {
  let width = 0;
  for (const char of line) {
    if (char === ' ') width += 1;
    else if (char === '\t') width += 4;
    else break;
  }
  return width;
}

/** Lines that must stand alone even inside a chunk: bylines, datelines, credits, chrome. */
function isStandaloneLine(line: string, top: boolean): boolean {
  if (parseDateline(line) !== null || isPhotoCredit(line) || isSiteChrome(line)) return true;
  if (/^\s*by\s/i.test(line) && parseByline(line) !== null) return true;
  return top && (isSectionLabel(line) || parseByline(line, true) !== null);
}

/** Splits a chunk into list items, rules, standalone lines and (hard-wrapped) paragraphs. */
function splitChunk(chunk: readonly string[], top: boolean): Unit[] {
  const units: Unit[] = [];
  let prose: string[] = [];
  let item: { type: 'item'; indent: number; contentIndent: number; lines: string[] } | null = null;
  const width = Math.max(...chunk.map((line) => line.trim().length));
  const flushProse = () => {
    if (prose.length > 0) units.push(...splitProse(prose));
    prose = [];
  };
  const flushItem = () => {
    if (item !== null) units.push({ type: 'item', indent: item.indent, lines: item.lines });
    item = null;
  };
  for (const line of chunk) {
    const marker = LIST_MARKER.exec(line);
    if (RULE_LINE.test(line)) {
      flushProse();
      flushItem();
      units.push({ type: 'rule', lines: [line.trim()] });
    } else if (marker !== null && !RULE_LINE.test(line)) {
      flushProse();
      flushItem();
      const indent = indentOf(marker[1] ?? '');
      item = { type: 'item', indent, contentIndent: marker[0].length, lines: [line.slice(marker[0].length)] };
    } else if (chunk.length > 1 && isStandaloneLine(line, top)) {
      flushProse();
      flushItem();
      units.push({ type: 'text', lines: [line] });
    } else if (item !== null) {
      const previous = item.lines.at(-1) ?? '';
      const continues = indentOf(line) >= Math.max(1, item.contentIndent - 1) || previous.length >= width * 0.6;
      if (continues) item.lines.push(line.trim());
      else {
        flushItem();
        prose.push(line);
      }
    } else prose.push(line);
  }
  flushProse();
  flushItem();
  return units;
}

/** Splits non-list lines into paragraphs: joined when hard-wrapped, separate when not. */
function splitProse(lines: readonly string[]): Unit[] {
  const trimmed = lines.map((line) => line.trim());
  const width = Math.max(...trimmed.map((line) => line.length));
  const units: Unit[] = [];
  let current: string[] = [];
  lines.forEach((line, index) => {
    const previous = trimmed[index - 1];
    if (previous !== undefined && current.length > 0) {
      const unwrapped = width > MAX_WRAP_WIDTH;
      // A short line ends a paragraph (or, first in its chunk, is a heading above the text).
      const shortEnd =
        width >= 40 &&
        previous.length < width * 0.6 &&
        (/[.!?:"”’»)]$/.test(previous) || (index === 1 && looksLikeHeading(previous)));
      const indentedStart = indentOf(line) > indentOf(lines[index - 1] ?? '') + 1 && /[.!?"”’»]$/.test(previous);
      if (unwrapped || shortEnd || indentedStart) {
        units.push({ type: 'text', lines: current });
        current = [];
      }
    }
    current.push(trimmed[index] ?? '');
  });
  if (current.length > 0) units.push({ type: 'text', lines: current });
  return units;
}

/** Joins hard-wrapped lines; a word hyphenated at a line end keeps its hyphen and loses the break. */
function joinLines(lines: readonly string[]): string {
  let text = '';
  for (const line of lines) {
    if (text === '') text = line;
    else if ((/\p{L}-$/u.test(text) && /^\p{L}/u.test(line)) || text.endsWith('\u00AD')) text += line;
    else text += ` ${line}`;
  }
  return text;
}

class ArticleReader {
  title: string | null;
  authors: string[];
  publishedAt: string | null;
  private datelineIsUpdate = false;

  constructor(
    fields: ReadonlyMap<string, string>,
    private readonly units: readonly Unit[],
  ) {
    this.title = normaliseField(fields.get('title'));
    const author = normaliseField(fields.get('author')?.replace(/^by\s+/i, ''));
    this.authors = author === null ? [] : [author];
    this.publishedAt = normaliseDate(fields.get('date'));
  }

  read(): RawBlock[] {
    const blocks: RawBlock[] = [];
    let titleChance = this.title === null;
    let bodySeen = 0;
    let aboutAuthor = false;
    const listIndents: number[] = [];
    const textUnits = this.units.map((unit, index) => (unit.type === 'text' ? index : -1)).filter((i) => i >= 0);
    const endFrom = textUnits[Math.max(0, textUnits.length - END_UNITS)] ?? Infinity;

    this.units.forEach((unit, index) => {
      if (unit.type === 'rule') {
        listIndents.length = 0;
        blocks.push({ kind: 'paragraph', level: 0, text: unit.lines.join(' '), boilerplate: true });
        return;
      }
      if (unit.type === 'item') {
        blocks.push({ kind: 'list-item', level: listLevel(listIndents, unit.indent), text: joinLines(unit.lines) });
        bodySeen += 1;
        titleChance = false;
        return;
      }
      listIndents.length = 0;
      const text = joinLines(unit.lines);
      const single = unit.lines.length === 1;
      const clean = normaliseInline(text);
      const top = index < TOP_UNITS && bodySeen < 2;
      const boilerplate = () => blocks.push({ kind: 'paragraph', level: 0, text, boilerplate: true });

      if (this.title !== null && clean.toLowerCase() === this.title.toLowerCase()) {
        boilerplate();
        return;
      }
      if (isSiteChrome(clean) || isPhotoCredit(clean)) {
        boilerplate();
        return;
      }
      if (top && single) {
        const names = parseByline(clean, this.title !== null && bodySeen === 0);
        if (names !== null) {
          if (this.authors.length === 0) this.authors = names;
          boilerplate();
          return;
        }
        const dateline = parseDateline(clean);
        if (dateline !== null) {
          this.takeDate(dateline.date, dateline.updated);
          boilerplate();
          return;
        }
        // "Headline | Outlet" as the first line is the title, unless a title-like line follows.
        const next = this.units[index + 1];
        const titleFollows =
          next?.type === 'text' && next.lines.length === 1 && looksLikeTitle(normaliseInline(next.lines[0] ?? ''));
        if (bodySeen === 0 && isSectionLabel(clean) && (!titleChance || !isBreadcrumb(clean) || titleFollows)) {
          boilerplate();
          return;
        }
      }
      if (titleChance && single && looksLikeTitle(clean)) {
        this.title = normaliseField(clean);
        titleChance = false;
        return;
      }
      titleChance = false;
      if (index >= endFrom && bodySeen > 0 && (aboutAuthor || isAuthorBio(clean, this.authors) || isSignOff(clean))) {
        aboutAuthor ||= /^(?:[*_—–-]+\s*)?about the authors?[\s:：.]*$/i.test(clean);
        boilerplate();
        return;
      }
      if (single && looksLikeHeading(clean)) {
        blocks.push({ kind: 'heading', level: 2, text });
        return;
      }
      blocks.push({ kind: 'paragraph', level: 0, text });
      bodySeen += 1;
    });
    return blocks;
  }

  /** A published date wins over an updated one; the first of each kind counts. */
  private takeDate(date: string | null, updated: boolean): void {
    if (date === null) return;
    if (this.publishedAt === null || (this.datelineIsUpdate && !updated)) {
      this.publishedAt = date;
      this.datelineIsUpdate = updated;
    }
  }
}

/** Nesting level of a list item from its indentation, relative to the items before it. */
function listLevel(indents: number[], indent: number): number {
  while (indents.length > 0 && indent < (indents.at(-1) ?? 0)) indents.pop();
  if (indents.length === 0 || indent > (indents.at(-1) ?? 0)) indents.push(indent);
  return indents.length;
}

/** A short standalone line without closing punctuation reads as a heading. */
function looksLikeHeading(line: string): boolean {
  const text = normaliseInline(line);
  return (
    text.length > 0 &&
    text.length <= 90 &&
    !/[.!?,;:"”'’)\]…]$/.test(text) &&
    /^\p{Lu}/u.test(text) &&
    text.split(' ').length <= 14
  );
}

/** The first short line of a text without a header: a title may end with ? or !. */
function looksLikeTitle(text: string): boolean {
  return (
    text.length > 0 &&
    text.length <= 150 &&
    text.split(' ').length <= 24 &&
    !/[.,;:…]$/.test(text) &&
    /^[\p{Lu}\p{Lo}\d“"‘'«¿¡(]/u.test(text)
  );
}
