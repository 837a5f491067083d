import type { RawBlock } from '../imported-document';
import { normaliseDate, normaliseField, normaliseInline } from '../normalise';
import type { Importer } from '../imported-document';
import { decodeUtf8Text } from './text-decoding';

const HEADER_KEYS = new Map<string, string>([
  ['title', 'title'],
  ['author', 'author'],
  ['by', 'author'],
  ['outlet', 'outlet'],
  ['publisher', 'outlet'],
  ['source', 'outlet'],
  ['date', 'date'],
  ['published', 'date'],
  ['url', 'url'],
  ['link', 'url'],
  ['language', 'language'],
]);

/**
 * Plain text: an optional header of `Key: value` lines (Title, Author, Outlet, Date, URL,
 * Language), then paragraphs separated by blank lines. Without a header the first line is the title.
 */
export const importPlainText: Importer = (bytes) => {
  const source = decodeUtf8Text(bytes).replace(/\r\n?/g, '\n');
  const paragraphs = source
    .split(/\n[ \t]*\n/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== '');

  const fields = new Map<string, string>();
  const first = paragraphs[0];
  if (first !== undefined) {
    const header = readHeader(first);
    if (header !== null) {
      for (const [key, value] of header) fields.set(key, value);
      paragraphs.shift();
    }
  }

  let title = normaliseField(fields.get('title'));
  if (title === null) {
    const firstLines = paragraphs[0]?.split('\n') ?? [];
    const candidate = firstLines[0];
    if (candidate !== undefined && firstLines.length === 1 && looksLikeHeading(candidate)) {
      title = normaliseField(candidate);
      paragraphs.shift();
    }
  }

  const blocks: RawBlock[] = paragraphs.map((paragraph) =>
    !paragraph.includes('\n') && looksLikeHeading(paragraph)
      ? { kind: 'heading', level: 2, text: paragraph }
      : { kind: 'paragraph', level: 0, text: paragraph },
  );

  return {
    format: 'txt',
    title,
    author: normaliseField(fields.get('author')?.replace(/^by\s+/i, '')),
    outlet: normaliseField(fields.get('outlet')),
    publishedAt: normaliseDate(fields.get('date')),
    url: normaliseField(fields.get('url')),
    language: normaliseField(fields.get('language'), 35),
    blocks,
  };
};

function readHeader(chunk: string): Map<string, string> | null {
  const fields = new Map<string, string>();
  for (const line of chunk.split('\n')) {
    const match = /^([A-Za-z]+)\s*:\s*(.+)$/.exec(line.trim());
    const key = match === null ? undefined : HEADER_KEYS.get((match[1] ?? '').toLowerCase());
    if (match === null || key === undefined) return null;
    fields.set(key, match[2] ?? '');
  }
  return fields.size > 0 ? fields : null;
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
