import { z } from 'zod';

/**
 * Structured commentary: paragraphs and flat lists of marked-up text runs. Deliberately small: no
 * headings, nesting, images or line breaks inside a paragraph, so every host (editor, PDF export,
 * plain text, CLI) can render all of it.
 */
export type RichInline = Readonly<{ text: string; bold?: true; italic?: true; link?: string }>;
export type RichParagraph = Readonly<{ type: 'paragraph'; content: readonly RichInline[] }>;
export type RichList = Readonly<{
  type: 'bullet-list' | 'ordered-list';
  items: readonly (readonly RichInline[])[];
}>;
export type RichBlock = RichParagraph | RichList;
export type RichText = Readonly<{ blocks: readonly RichBlock[] }>;

export const RICH_TEXT_LIMITS = {
  blocks: 2_000,
  listItems: 500,
  /** Text runs in one paragraph or list item. */
  inlines: 10_000,
  /** Characters of text in the whole document (links not counted). */
  textChars: 200_000,
  linkChars: 2_000,
} as const;

// URL exists in Node and in every browser, but this layer's lib (ES2023 only) does not declare it.
declare const URL: new (href: string) => Readonly<{
  protocol: string;
  hostname: string;
  username: string;
  password: string;
}>;

const SAFE_PROTOCOLS: readonly string[] = ['http:', 'https:', 'mailto:'];

/**
 * True for an absolute http:, https: or mailto: URL without credentials, whitespace or control
 * characters. Everything else (javascript:, data:, file:, relative URLs...) is refused, so a link
 * can never run script or reach the file system.
 */
export function isSafeLink(href: string): boolean {
  if (href.length === 0 || href.length > RICH_TEXT_LIMITS.linkChars) return false;
  // The URL parser silently strips tabs and newlines ("java\tscript:"); refuse them outright.
  if (/[\s\p{Cc}]/u.test(href)) return false;
  let url: InstanceType<typeof URL>;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (!SAFE_PROTOCOLS.includes(url.protocol)) return false;
  if (url.protocol === 'mailto:') return true;
  return url.hostname !== '' && url.username === '' && url.password === '';
}

function buildSchema() {
  const inline = z
    .object({
      text: z
        .string()
        .max(RICH_TEXT_LIMITS.textChars)
        .refine((text) => !text.includes('\u0000'), 'text cannot contain NUL characters'),
      bold: z.literal(true).optional(),
      italic: z.literal(true).optional(),
      link: z
        .string()
        .max(RICH_TEXT_LIMITS.linkChars)
        .refine(isSafeLink, 'links must be absolute http:, https: or mailto: URLs')
        .optional(),
    })
    .strict();
  const inlines = z.array(inline).max(RICH_TEXT_LIMITS.inlines);
  const block = z.discriminatedUnion('type', [
    z.object({ type: z.literal('paragraph'), content: inlines }).strict(),
    z
      .object({
        type: z.enum(['bullet-list', 'ordered-list']),
        items: z.array(inlines).min(1, 'a list needs an item').max(RICH_TEXT_LIMITS.listItems),
      })
      .strict(),
  ]);
  return z
    .object({ blocks: z.array(block).max(RICH_TEXT_LIMITS.blocks) })
    .strict()
    .superRefine((doc, ctx) => {
      if (textLength(doc) > RICH_TEXT_LIMITS.textChars) {
        ctx.addIssue({
          code: 'custom',
          path: ['blocks'],
          message: `commentary has at most ${RICH_TEXT_LIMITS.textChars} characters`,
        });
      }
    });
}

/**
 * The trust-boundary schema for commentary (IPC input, stored JSON, imported bundles): strict
 * objects, size caps, safe links only, no NUL. Built on first use: zod probes `new Function` when
 * it builds an object schema, which the renderer's Trusted Types CSP reports as a violation, and
 * the renderer imports this module for its functions only.
 */
export const RICH_TEXT_SCHEMA: z.ZodType<RichText> = z.lazy(buildSchema);

export const EMPTY_RICH_TEXT: RichText = { blocks: [{ type: 'paragraph', content: [] }] };

function runsOf(block: RichBlock): readonly (readonly RichInline[])[] {
  return block.type === 'paragraph' ? [block.content] : block.items;
}

function textLength(doc: RichText): number {
  let total = 0;
  for (const block of doc.blocks)
    for (const run of runsOf(block)) for (const inline of run) total += inline.text.length;
  return total;
}

function inlineText(runs: readonly RichInline[]): string {
  return runs.map((inline) => inline.text).join('');
}

const BULLET = /^[•\-*–](?:\s+|$)/u;
const NUMBER = /^\d{1,4}[.)](?:\s+|$)/;

/**
 * Reads plain text (a paste, a legacy commentary string) as rich text, without marks:
 * - line endings are normalised and NUL characters dropped;
 * - blank lines separate blocks; the lines of one block are trimmed and joined with single spaces,
 *   because the model has no line break inside a paragraph;
 * - a block whose every line starts with a bullet ("• ", "- ", "* ", "– ") becomes a bulleted list,
 *   one whose every line starts with a number ("1. ", "2) ") a numbered list, one item per line.
 * So `richTextFromPlain(richTextToPlain(doc))` gives back `doc` without its marks and links, as
 * long as its text has no line breaks or space at the ends of a block, no empty paragraphs, and no
 * paragraph that itself starts like a list item.
 */
export function richTextFromPlain(text: string): RichText {
  const chunks = text
    .replaceAll('\u0000', '')
    .replace(/\r\n?/g, '\n')
    .split(/\n[^\S\n]*\n/);
  const blocks: RichBlock[] = [];
  for (const chunk of chunks) {
    const lines = chunk
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    if (lines.length === 0) continue;
    const list = lines.every((line) => BULLET.test(line))
      ? ({ type: 'bullet-list', marker: BULLET } as const)
      : lines.every((line) => NUMBER.test(line))
        ? ({ type: 'ordered-list', marker: NUMBER } as const)
        : null;
    if (list === null) {
      blocks.push({ type: 'paragraph', content: [{ text: lines.join(' ') }] });
    } else {
      const items = lines.map((line) => [{ text: line.replace(list.marker, '') }]);
      blocks.push({ type: list.type, items });
    }
  }
  return normaliseRichText({ blocks });
}

/**
 * Plain text for clipboards, search and text exports: blocks separated by a blank line, bulleted
 * items as "• item", numbered items as "1. item", one per line. Marks and link targets are dropped.
 */
export function richTextToPlain(doc: RichText): string {
  return doc.blocks
    .map((block) => {
      if (block.type === 'paragraph') return inlineText(block.content);
      return block.items
        .map((item, index) => `${block.type === 'bullet-list' ? '•' : `${index + 1}.`} ${inlineText(item)}`)
        .join('\n');
    })
    .join('\n\n');
}

/** True when the commentary holds no visible text (only whitespace, empty paragraphs or items). */
export function isRichTextEmpty(doc: RichText): boolean {
  return doc.blocks.every((block) => runsOf(block).every((run) => inlineText(run).trim() === ''));
}

function sameMarks(a: RichInline, b: RichInline): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.link === b.link;
}

/** A fresh inline with its keys in one order and no `undefined`-valued keys. */
function cleanInline(text: string, marks: RichInline): RichInline {
  return {
    text,
    ...(marks.bold === true ? { bold: true } : {}),
    ...(marks.italic === true ? { italic: true } : {}),
    ...(marks.link !== undefined ? { link: marks.link } : {}),
  };
}

function normaliseRuns(runs: readonly RichInline[]): RichInline[] {
  const out: RichInline[] = [];
  for (const inline of runs) {
    if (inline.text === '') continue;
    const last = out.at(-1);
    if (last !== undefined && sameMarks(last, inline))
      out[out.length - 1] = cleanInline(last.text + inline.text, last);
    else out.push(cleanInline(inline.text, inline));
  }
  return out;
}

/**
 * The canonical form of a document: adjacent runs with identical marks merged, empty runs and
 * item-less lists dropped, keys in a fixed order, and at least one block. Idempotent; two
 * documents that look the same have equal normal forms (see `richTextEquals`).
 */
export function normaliseRichText(doc: RichText): RichText {
  const blocks: RichBlock[] = [];
  for (const block of doc.blocks) {
    if (block.type === 'paragraph') blocks.push({ type: 'paragraph', content: normaliseRuns(block.content) });
    else if (block.items.length > 0)
      blocks.push({ type: block.type, items: block.items.map((item) => normaliseRuns(item)) });
  }
  return blocks.length === 0 ? EMPTY_RICH_TEXT : { blocks };
}

/** Whether two documents have the same normal form. */
export function richTextEquals(a: RichText, b: RichText): boolean {
  return JSON.stringify(normaliseRichText(a)) === JSON.stringify(normaliseRichText(b));
}
