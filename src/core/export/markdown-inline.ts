import { isSafeLink } from '../../shared/rich-text';
import type { PrintRun } from './layout';

/**
 * Control characters other than tab and newline: CommonMark turns NUL into U+FFFD and the rest are
 * invisible at best, so they are dropped rather than passed on to the reader's renderer.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Characters that start Markdown syntax anywhere in a line: emphasis, code, links, raw HTML and
 * autolinks, GFM tables and strikethrough, and the backslash itself. Escaping them with a backslash
 * is always allowed (any ASCII punctuation may be escaped), so the text renders exactly as written.
 */
const INLINE_SPECIAL = /[\\`*_[\]<>|~]/g;

/** Text as Markdown inline content that renders verbatim. Line breaks are left to the caller. */
export function escapeInline(text: string): string {
  return (
    text
      .replace(CONTROL, '')
      .replace(INLINE_SPECIAL, (char) => `\\${char}`)
      // "&amp;" or "&#65;" would be decoded as a character reference; a lone "&" is left alone.
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
      // GFM turns bare URLs into links, and some renderers (marked) build them from the raw source,
      // escapes included, so a quoted "https://a.test/x_y" would show a backslash. Breaking the
      // scheme, "www." or an address's "@" keeps such text plain and verbatim.
      .replace(/(?<=\b(?:https?|ftp|mailto|xmpp)):/gi, '\\:')
      .replace(/\b(www)\./gi, '$1\\.')
      .replace(/(?<=[\w.+-])@(?=[A-Za-z0-9])/g, '\\@')
      // A trailing "!" would turn a following link or footnote reference into an image.
      .replace(/!$/, '\\!')
  );
}

/**
 * Escapes what starts a block at the beginning of a line: ATX headings (#), block quotes (>),
 * list markers (-, +, 1. and 1)), setext underlines (=, -) and thematic breaks. Leading
 * whitespace is dropped: four spaces would start a code block, and a renderer collapses it anyway.
 */
export function escapeLineStart(line: string): string {
  return line
    .replace(/^[ \t]+/, '')
    .replace(/^([#>+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Commentary runs are single-line; a stray line break would end the block it sits in. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

type Mark = 'bold' | 'italic';
const MARKER: Readonly<Record<Mark, string>> = { bold: '**', italic: '*' };

/**
 * Emphasis for runs without links. Marks open and close like a stack, so a bold stretch holding an
 * italic word is `**a *b* c**`. Whitespace is kept outside the delimiters, because `** a**` is not
 * emphasis in CommonMark.
 */
function emphasised(runs: readonly PrintRun[]): string {
  let out = '';
  let pending = '';
  const open: Mark[] = [];
  for (const run of mergeAlike(runs)) {
    const text = escapeInline(oneLine(run.text));
    const parts = /^(\s*)([\s\S]*?)(\s*)$/u.exec(text);
    const core = parts?.[2] ?? '';
    if (core === '') {
      pending += text;
      continue;
    }
    const wanted: Mark[] = [];
    if (run.bold === true) wanted.push('bold');
    if (run.italic === true) wanted.push('italic');
    for (
      let top = open.at(-1);
      top !== undefined && open.some((mark) => !wanted.includes(mark));
      top = open.at(-1)
    ) {
      out += MARKER[top];
      open.pop();
    }
    out += pending + (parts?.[1] ?? '');
    for (const mark of wanted) {
      if (open.includes(mark)) continue;
      out += MARKER[mark];
      open.push(mark);
    }
    out += core;
    pending = parts?.[3] ?? '';
  }
  for (let top = open.pop(); top !== undefined; top = open.pop()) out += MARKER[top];
  return out + pending;
}

/**
 * Joins neighbouring runs with the same emphasis, so escaping sees "&amp;" split over two runs as
 * one piece and no empty delimiter pair is written between them.
 */
function mergeAlike(runs: readonly PrintRun[]): PrintRun[] {
  const merged: PrintRun[] = [];
  for (const run of runs) {
    const last = merged.at(-1);
    if (
      last !== undefined &&
      (last.bold === true) === (run.bold === true) &&
      (last.italic === true) === (run.italic === true)
    ) {
      merged[merged.length - 1] = { ...last, text: last.text + run.text };
    } else {
      merged.push(run);
    }
  }
  return merged;
}

/** A link destination in angle brackets, where only <, >, \ and line breaks need care. */
function destination(href: string): string {
  return `<${href.replace(/[<>\\\s]/g, (char) => encodeURIComponent(char))}>`;
}

/**
 * Runs as one line of Markdown: bold, italic and links (http, https and mailto only; any other
 * target is dropped and its text kept), with all text escaped.
 */
export function inlineRuns(runs: readonly PrintRun[]): string {
  let out = '';
  let index = 0;
  while (index < runs.length) {
    const first = runs[index];
    if (first === undefined) break;
    const link = first.link !== undefined && isSafeLink(first.link) ? first.link : undefined;
    const group: PrintRun[] = [];
    while (index < runs.length) {
      const run = runs[index];
      const runLink = run?.link !== undefined && isSafeLink(run.link) ? run.link : undefined;
      if (run === undefined || runLink !== link) break;
      group.push(run);
      index += 1;
    }
    const text = emphasised(group);
    out += link === undefined || text.trim() === '' ? text : `[${text}](${destination(link)})`;
  }
  return out;
}
