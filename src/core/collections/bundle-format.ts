import { z } from 'zod';
import { EXCERPT_COLORS, type DocumentFormat } from '../../shared/dto';
import { sha256Hex } from '../corpus/import';

/**
 * A collection bundle: one UTF-8 JSON file (extension `.bbundle`) that carries a collection, its
 * excerpts in order and the full normalised text of every document they quote, so that a recipient
 * can verify every quote without the sender's library:
 *
 * ```
 * { format: "briefing-builder-collection", version: 1, exportedAt,
 *   collection: { name, description },
 *   documents: [{ key, title, author, outlet, publishedAt, url, language, direction, format,
 *                 text, textSha256, originalSha256 }],
 *   excerpts:  [{ key, documentKey, quote, prefix, suffix, start, end, page, note, tags, color,
 *                 position }],
 *   integrity: { sha256 } }
 * ```
 *
 * `text` is the document's normalised text (blocks joined by a blank line); `textSha256` is the
 * SHA-256 of its UTF-8 bytes and `originalSha256` that of the file the sender imported (which is not
 * included). `start`/`end` are UTF-16 offsets into `text` (end exclusive) with
 * `text.slice(start, end) === quote`, `prefix` ends at `start` and `suffix` begins at `end`.
 * `position` is the excerpt's 0-based place in the collection. `integrity.sha256` is the SHA-256 of
 * the canonical JSON (object keys sorted by code unit, no whitespace) of every other member. It
 * detects corruption and casual edits; it is not a signature.
 */
export const BUNDLE_FORMAT = 'briefing-builder-collection';
export const BUNDLE_VERSION = 1;
export const BUNDLE_EXTENSION = 'bbundle';

/** Larger files are refused before they are parsed. */
export const MAX_BUNDLE_BYTES = 100 * 1024 * 1024;
export const MAX_BUNDLE_DOCUMENTS = 10_000;
export const MAX_BUNDLE_EXCERPTS = 10_000;
export const MAX_DOCUMENT_TEXT = 20_000_000;
export const MAX_QUOTE = 1_000_000;
export const MAX_CONTEXT = 1000;
export const MAX_NOTE = 20_000;
export const MAX_TAGS = 100;

const DOCUMENT_FORMATS = ['md', 'txt', 'html', 'pdf', 'docx'] as const satisfies readonly DocumentFormat[];

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 as 64 lowercase hex digits');
const key = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.-]+$/, 'a key has only letters, digits, ".", "_" and "-"');
const optionalText = (max: number) => z.string().min(1).max(max).nullable();
const offset = z.number().int().min(0).max(MAX_DOCUMENT_TEXT);
const tag = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^\p{Cc}]+$/u, 'a tag cannot contain control characters')
  .refine((value) => value === value.trim(), 'a tag has no surrounding spaces');

const documentSchema = z
  .object({
    key,
    title: z.string().min(1).max(1000),
    author: optionalText(1000),
    outlet: optionalText(1000),
    publishedAt: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD')
      .nullable(),
    url: optionalText(2000),
    language: optionalText(35),
    direction: z.enum(['ltr', 'rtl']).nullable(),
    format: z.enum(DOCUMENT_FORMATS),
    text: z.string().min(1).max(MAX_DOCUMENT_TEXT),
    textSha256: sha256,
    originalSha256: sha256,
  })
  .strict();

const excerptSchema = z
  .object({
    key,
    documentKey: key,
    quote: z.string().min(1).max(MAX_QUOTE),
    prefix: z.string().max(MAX_CONTEXT),
    suffix: z.string().max(MAX_CONTEXT),
    start: offset,
    end: offset,
    page: z.number().int().min(1).max(1_000_000).nullable(),
    note: z.string().max(MAX_NOTE),
    tags: z.array(tag).max(MAX_TAGS),
    color: z.enum(EXCERPT_COLORS).nullable(),
    position: z.number().int().min(0).max(MAX_BUNDLE_EXCERPTS),
  })
  .strict();

const bodyShape = {
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  exportedAt: z.iso.datetime(),
  collection: z.object({ name: z.string().min(1).max(200), description: z.string().max(5000) }).strict(),
  documents: z.array(documentSchema).max(MAX_BUNDLE_DOCUMENTS),
  excerpts: z.array(excerptSchema).max(MAX_BUNDLE_EXCERPTS),
};

/** Everything but the integrity member: what the integrity hash covers. */
export const bundleBodySchema = z.object(bodyShape).strict();

/** The strict schema of a whole bundle file. */
export const bundleSchema = z.object({ ...bodyShape, integrity: z.object({ sha256 }).strict() }).strict();

export type BundleBody = z.output<typeof bundleBodySchema>;
export type BundleManifest = z.output<typeof bundleSchema>;
export type BundleDocument = BundleBody['documents'][number];
export type BundleExcerpt = BundleBody['excerpts'][number];

/**
 * Canonical JSON: object keys sorted by UTF-16 code unit, no whitespace, members with undefined
 * values left out. Bundles hold only strings, integers, null, arrays and objects, for which
 * JSON.stringify's own number and string forms are already canonical.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, member]) => `${JSON.stringify(name)}:${canonicalJson(member)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new Error('Bundles hold only finite numbers.');
  return JSON.stringify(value ?? null);
}

export function bundleIntegrity(body: BundleBody): string {
  const { format, version, exportedAt, collection, documents, excerpts } = body;
  return sha256Hex(canonicalJson({ format, version, exportedAt, collection, documents, excerpts }));
}

/** Adds the integrity hash to a bundle's body. */
export function sealBundle(body: BundleBody): BundleManifest {
  return { ...body, integrity: { sha256: bundleIntegrity(body) } };
}

/** The file's bytes: UTF-8 JSON, indented so that a curious recipient can read it. */
export function serialiseBundle(manifest: BundleManifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`, 'utf8');
}
