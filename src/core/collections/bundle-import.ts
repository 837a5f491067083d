import type Database from 'better-sqlite3';
import { readFile, stat } from 'node:fs/promises';
import type { BundleImportSummary } from '../../shared/dto';
import { sha256Hex } from '../corpus/import';
import { BLOCK_SEPARATOR } from '../corpus/normalise';
import { CoreError } from '../errors';
import { selectorAt } from '../excerpts/anchor';
import { newId } from '../ids';
import type { NewBlock } from '../store/blocks';
import { insertBlocks } from '../store/blocks';
import { findDocumentIdByTextSha256, setExcerptColorAndPage } from '../store/bundle-documents';
import { collectionNameExists, insertCollection, insertCollectionItem } from '../store/collections';
import {
  findDocumentIdByOriginalSha256,
  findLatestVersionOfSource,
  getDocumentText,
  insertDocument,
} from '../store/documents';
import { addExcerptTags, findTagByName, insertTag } from '../store/tags';
import { findExcerptByPosition, insertExcerpt } from '../store/excerpts';
import { MAX_BUNDLE_BYTES, type BundleDocument, type BundleExcerpt } from './bundle-format';
import { verifyBundle } from './bundle-verify';
import { MAX_COLLECTION_NAME } from './service';

/** Reads a bundle file the host (dialog) or the CLI chose, refusing an oversized one unread. */
export async function readBundleFile(path: string): Promise<Buffer> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    throw new CoreError('file-not-found', `No bundle file exists at ${path}.`);
  }
  if (size > MAX_BUNDLE_BYTES) {
    throw new CoreError(
      'bundle-invalid',
      `The bundle is larger than the ${MAX_BUNDLE_BYTES / 1024 / 1024} MB limit.`,
    );
  }
  try {
    return await readFile(path);
  } catch (error) {
    throw new CoreError(
      'file-not-found',
      `The bundle file ${path} cannot be read (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}

/**
 * Verifies a bundle completely, then imports it in one transaction: documents are reused when the
 * library has the same normalised text (same SHA-256), excerpts when the library has one at the
 * same offsets of that document, and a new collection holds them in the bundle's order. A bundle
 * that fails any check imports nothing.
 */
export function importBundle(
  db: Database.Database,
  input: Readonly<{ bytes: Uint8Array; sourceName: string; now: Date }>,
): BundleImportSummary {
  const { manifest } = verifyBundle(input.bytes);
  const at = input.now.toISOString();
  return db.transaction((): BundleImportSummary => {
    let documentsAdded = 0;
    let documentsAlreadyPresent = 0;
    const documentIds = new Map<string, string>();
    for (const document of manifest.documents) {
      const existing = findDocumentIdByTextSha256(db, document.textSha256);
      if (existing === undefined) {
        documentIds.set(document.key, storeBundleDocument(db, document, input.sourceName, at));
        documentsAdded += 1;
      } else {
        documentIds.set(document.key, existing);
        documentsAlreadyPresent += 1;
      }
    }

    const texts = new Map<string, { text: string; textSha256: string }>();
    const storedText = (documentId: string) => {
      let stored = texts.get(documentId);
      if (stored === undefined) {
        stored = getDocumentText(db, documentId);
        if (stored === undefined) throw new CoreError('internal', 'A document vanished during the import.');
        texts.set(documentId, stored);
      }
      return stored;
    };

    let excerptsAdded = 0;
    let excerptsAlreadyPresent = 0;
    let verified = 0;
    const order: string[] = [];
    const inCollection = new Set<string>();
    const inOrder = [...manifest.excerpts].sort((a, b) => a.position - b.position);
    for (const excerpt of inOrder) {
      const documentId = documentIds.get(excerpt.documentKey) ?? '';
      const stored = storedText(documentId);
      // The library's copy is the ground truth from now on: check the anchor against it too.
      if (stored.text.slice(excerpt.start, excerpt.end) !== excerpt.quote) {
        throw new CoreError(
          'bundle-invalid',
          `Excerpt ${excerpt.key} does not match the library’s copy of its document at ${excerpt.start}–${excerpt.end}.`,
        );
      }
      verified += 1;
      const existing = findExcerptByPosition(db, documentId, excerpt.start, excerpt.end);
      let excerptId: string;
      if (existing === undefined) {
        excerptId = storeBundleExcerpt(db, { excerpt, documentId, stored, at });
        excerptsAdded += 1;
      } else {
        excerptId = existing.id;
        excerptsAlreadyPresent += 1;
      }
      // Two passages of a bundle can land on one excerpt (two documents with the same text).
      if (!inCollection.has(excerptId)) {
        inCollection.add(excerptId);
        order.push(excerptId);
      }
    }

    const collectionId = newId('col');
    const collectionName = unusedName(db, manifest.collection.name.trim() || 'Imported collection');
    insertCollection(db, {
      id: collectionId,
      name: collectionName,
      description: manifest.collection.description.trim(),
      now: at,
    });
    order.forEach((excerptId, position) => insertCollectionItem(db, { collectionId, excerptId, position }));
    return {
      collectionId,
      collectionName,
      documentsAdded,
      documentsAlreadyPresent,
      excerptsAdded,
      excerptsAlreadyPresent,
      verified,
    };
  })();
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Stores a document from a bundle. Its original file is not in the bundle, so the text's UTF-8
 * bytes stand in for it (as for pasted text) and the sender's original SHA-256 is noted in the
 * metadata as first imported. Blocks are rebuilt as paragraphs between the blank lines that join
 * blocks in every document's text.
 */
function storeBundleDocument(
  db: Database.Database,
  document: BundleDocument,
  sourceName: string,
  at: string,
): string {
  let bytes = Buffer.from(document.text, 'utf8');
  // A file with exactly these bytes may already be a document whose normalised text differs (its
  // header lines were read as metadata): mark the stand-in as UTF-8 text so the two stay apart.
  if (findDocumentIdByOriginalSha256(db, sha256Hex(bytes)) !== undefined)
    bytes = Buffer.concat([UTF8_BOM, bytes]);
  const originalSha256 = sha256Hex(bytes);
  if (findDocumentIdByOriginalSha256(db, originalSha256) !== undefined) {
    throw new CoreError(
      'bundle-invalid',
      `The text of document ${document.key} clashes with a file already in the library.`,
    );
  }
  const id = newId('doc');
  insertDocument(db, {
    id,
    title: document.title,
    author: document.author,
    outlet: document.outlet,
    publishedAt: document.publishedAt,
    url: document.url,
    language: document.language,
    direction: document.direction,
    format: document.format,
    sourceName,
    text: document.text,
    textSha256: document.textSha256,
    originalSha256,
    originalBytes: bytes,
    importedAt: at,
    previousVersionId:
      findLatestVersionOfSource(db, { url: document.url, title: document.title, outlet: document.outlet }) ??
      null,
    provenance: { bundleOriginalSha256: document.originalSha256 },
  });
  insertBlocks(db, id, document.text, paragraphBlocks(document.text));
  return id;
}

/** Paragraph blocks between the blank-line separators of a document's text. */
export function paragraphBlocks(text: string): NewBlock[] {
  const blocks: NewBlock[] = [];
  let offset = 0;
  for (const part of text.split(BLOCK_SEPARATOR)) {
    const start = offset;
    offset += part.length + BLOCK_SEPARATOR.length;
    if (part.trim() === '') continue;
    blocks.push({
      kind: 'paragraph',
      level: 0,
      start,
      end: start + part.length,
      page: null,
      boilerplate: false,
      marks: [],
    });
  }
  return blocks;
}

function storeBundleExcerpt(
  db: Database.Database,
  input: Readonly<{
    excerpt: BundleExcerpt;
    documentId: string;
    stored: Readonly<{ text: string; textSha256: string }>;
    at: string;
  }>,
): string {
  const { excerpt, stored, at } = input;
  const id = newId('exc');
  insertExcerpt(db, {
    id,
    documentId: input.documentId,
    documentTextSha256: stored.textSha256,
    ...selectorAt(stored.text, excerpt.start, excerpt.end),
    start: excerpt.start,
    end: excerpt.end,
    note: excerpt.note.trim(),
    createdAt: at,
    updatedAt: at,
  });
  if (excerpt.color !== null || excerpt.page !== null) {
    setExcerptColorAndPage(db, { excerptId: id, color: excerpt.color, page: excerpt.page });
  }
  // Same case-insensitive matching (in every script) as tags edited in the app.
  addExcerptTags(
    db,
    id,
    excerpt.tags.map((tag) => findTagByName(db, tag)?.id ?? insertTag(db, tag, at)),
  );
  return id;
}

/** The name itself when no collection has it, else "name (2)", "name (3)", … */
function unusedName(db: Database.Database, name: string): string {
  if (!collectionNameExists(db, name)) return name;
  for (let n = 2; ; n += 1) {
    const suffix = ` (${n})`;
    const candidate = `${name.slice(0, MAX_COLLECTION_NAME - suffix.length).trimEnd()}${suffix}`;
    if (!collectionNameExists(db, candidate)) return candidate;
  }
}
