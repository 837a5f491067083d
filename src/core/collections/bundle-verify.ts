import { sha256Hex } from '../corpus/import';
import { CoreError } from '../errors';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  bundleIntegrity,
  bundleSchema,
  MAX_BUNDLE_BYTES,
  MAX_BUNDLE_DOCUMENTS,
  MAX_BUNDLE_EXCERPTS,
  type BundleDocument,
  type BundleExcerpt,
  type BundleManifest,
} from './bundle-format';

/** A bundle whose every hash and anchor checked out. */
export type VerifiedBundle = Readonly<{ manifest: BundleManifest; verified: number }>;

/** Keys that could reach an object's prototype if a parsed object were ever merged or spread. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function invalid(message: string): CoreError {
  return new CoreError('bundle-invalid', message);
}

/**
 * Reads and verifies a bundle's bytes without touching the library: size, UTF-8, JSON, format and
 * version, the strict schema, keys and references, every document's text hash, every excerpt's
 * anchor and the integrity hash. Any failure throws CoreError('bundle-invalid') naming what is
 * wrong, so a caller imports either a whole verified bundle or nothing.
 */
export function verifyBundle(bytes: Uint8Array): VerifiedBundle {
  if (bytes.byteLength === 0) throw invalid('The bundle file is empty.');
  if (bytes.byteLength > MAX_BUNDLE_BYTES) {
    throw invalid(`The bundle is larger than the ${MAX_BUNDLE_BYTES / 1024 / 1024} MB limit.`);
  }
  const manifest = parseManifest(decodeJson(bytes));
  const documents = verifyReferences(manifest);
  for (const document of manifest.documents) verifyDocumentHash(document);
  for (const excerpt of manifest.excerpts) {
    const document = documents.get(excerpt.documentKey);
    if (document !== undefined) verifyAnchor(excerpt, document);
  }
  if (bundleIntegrity(manifest) !== manifest.integrity.sha256) {
    throw invalid(
      'The bundle’s integrity hash does not match its contents: something in it (a note, a tag, a title, …) was changed after it was exported.',
    );
  }
  return { manifest, verified: manifest.excerpts.length };
}

function decodeJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    // A UTF-8 byte order mark is dropped; invalid UTF-8 is refused rather than replaced.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid('The file is not UTF-8 text, so it is not a collection bundle.');
  }
  try {
    return JSON.parse(text, refuseUnsafeKeys) as unknown;
  } catch (error) {
    if (error instanceof CoreError) throw error;
    // JSON.parse recurses: nesting thousands deep exhausts the stack (no bundle nests past five).
    const reason =
      error instanceof RangeError
        ? 'it is nested too deeply'
        : error instanceof Error
          ? error.message
          : String(error);
    throw invalid(`The file is not a collection bundle: it is not valid JSON (${reason}).`);
  }
}

function refuseUnsafeKeys(key: string, value: unknown): unknown {
  if (UNSAFE_KEYS.has(key)) throw invalid(`The bundle contains a forbidden key "${key}".`);
  return value;
}

function parseManifest(raw: unknown): BundleManifest {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalid('The file is not a collection bundle: it is not a JSON object.');
  }
  const { format, version, documents, excerpts } = raw as Record<string, unknown>;
  if (format !== BUNDLE_FORMAT) {
    throw invalid(
      `The file is not a Briefing Builder collection bundle (its format is not "${BUNDLE_FORMAT}").`,
    );
  }
  if (version !== BUNDLE_VERSION) {
    throw invalid(
      `This bundle is version ${JSON.stringify(version) ?? 'undefined'}; this version of Briefing Builder reads version ${BUNDLE_VERSION} only.`,
    );
  }
  // Cheap checks first, so that a huge array is refused before every element is validated.
  if (Array.isArray(documents) && documents.length > MAX_BUNDLE_DOCUMENTS) {
    throw invalid(
      `The bundle has ${documents.length} documents; at most ${MAX_BUNDLE_DOCUMENTS} are allowed.`,
    );
  }
  if (Array.isArray(excerpts) && excerpts.length > MAX_BUNDLE_EXCERPTS) {
    throw invalid(`The bundle has ${excerpts.length} excerpts; at most ${MAX_BUNDLE_EXCERPTS} are allowed.`);
  }
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where =
      issue === undefined || issue.path.length === 0 ? '' : `${issue.path.map(String).join('.')}: `;
    throw invalid(`The bundle is not valid: ${where}${issue?.message ?? 'unexpected content'}.`);
  }
  return parsed.data;
}

function describeDocument(document: BundleDocument): string {
  return `document ${document.key} (“${preview(document.title)}”)`;
}

function describeExcerpt(excerpt: BundleExcerpt): string {
  return `Excerpt ${excerpt.key} (“${preview(excerpt.quote)}”)`;
}

/** The start of a quote or title on one line, for a message. */
function preview(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= 40 ? line : `${line.slice(0, 40)}…`;
}

/** Unique keys, excerpts that point at documents of the bundle, dense positions, no stray documents. */
function verifyReferences(manifest: BundleManifest): Map<string, BundleDocument> {
  const documents = new Map<string, BundleDocument>();
  for (const document of manifest.documents) {
    if (documents.has(document.key))
      throw invalid(`The bundle has two documents with the key ${document.key}.`);
    documents.set(document.key, document);
  }
  const excerptKeys = new Set<string>();
  const positions = new Set<number>();
  const quoted = new Set<string>();
  for (const excerpt of manifest.excerpts) {
    if (excerptKeys.has(excerpt.key))
      throw invalid(`The bundle has two excerpts with the key ${excerpt.key}.`);
    excerptKeys.add(excerpt.key);
    if (!documents.has(excerpt.documentKey)) {
      throw invalid(
        `${describeExcerpt(excerpt)} quotes document ${excerpt.documentKey}, which is not in the bundle.`,
      );
    }
    quoted.add(excerpt.documentKey);
    if (excerpt.position >= manifest.excerpts.length || positions.has(excerpt.position)) {
      throw invalid(
        `${describeExcerpt(excerpt)} has position ${excerpt.position}; positions must run from 0 to ${manifest.excerpts.length - 1}, each used once.`,
      );
    }
    positions.add(excerpt.position);
  }
  for (const document of manifest.documents) {
    if (!quoted.has(document.key)) {
      throw invalid(`The bundle carries ${describeDocument(document)}, which none of its excerpts quotes.`);
    }
  }
  return documents;
}

function verifyDocumentHash(document: BundleDocument): void {
  if (sha256Hex(document.text) !== document.textSha256) {
    throw invalid(
      `The text of ${describeDocument(document)} does not match its SHA-256: the text or its hash was changed after export.`,
    );
  }
}

/** The W3C TextPositionSelector and TextQuoteSelector of an excerpt must agree with the text. */
function verifyAnchor(excerpt: BundleExcerpt, document: BundleDocument): void {
  const { text } = document;
  const { start, end, quote, prefix, suffix } = excerpt;
  if (end <= start) {
    throw invalid(`${describeExcerpt(excerpt)} ends (${end}) before it starts (${start}).`);
  }
  if (end > text.length) {
    throw invalid(
      `${describeExcerpt(excerpt)} points at ${start}–${end}, beyond the end of ${describeDocument(document)} (${text.length} characters).`,
    );
  }
  if (text.slice(start, end) !== quote) {
    throw invalid(
      `${describeExcerpt(excerpt)} is not what ${describeDocument(document)} says at ${start}–${end}.`,
    );
  }
  if (prefix.length > start || text.slice(start - prefix.length, start) !== prefix) {
    throw invalid(
      `${describeExcerpt(excerpt)}: its prefix is not the text before it in ${describeDocument(document)}.`,
    );
  }
  if (text.slice(end, end + suffix.length) !== suffix) {
    throw invalid(
      `${describeExcerpt(excerpt)}: its suffix is not the text after it in ${describeDocument(document)}.`,
    );
  }
}
