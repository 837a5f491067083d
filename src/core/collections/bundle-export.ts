import type Database from 'better-sqlite3';
import { CoreError } from '../errors';
import { writeFileAtomic } from '../export/atomic-write';
import { sha256Hex } from '../corpus/import';
import { getDocumentSummary, getDocumentText } from '../store/documents';
import { selectorAt } from '../excerpts/anchor';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  bundleBodySchema,
  MAX_BUNDLE_BYTES,
  sealBundle,
  serialiseBundle,
  type BundleDocument,
  type BundleExcerpt,
  type BundleManifest,
} from './bundle-format';
import { getCollectionDetail } from './service';

export type BundleExport = Readonly<{
  path: string;
  collectionId: string;
  documents: number;
  excerpts: number;
  /** The bundle's integrity hash, for the sender to quote to the recipient. */
  sha256: string;
}>;

function emptyToNull(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : value;
}

/**
 * Builds a collection's bundle from one consistent read of the library: the excerpts in order and
 * every document they quote, in order of first use. Each quote is checked against its text first,
 * so a bundle is never written that its recipient would refuse.
 */
export function buildCollectionBundle(
  db: Database.Database,
  collectionId: string,
  now: Date,
): BundleManifest {
  const body = db.transaction(() => {
    const collection = getCollectionDetail(db, collectionId);
    const documents: BundleDocument[] = [];
    const keys = new Map<string, BundleDocument>();
    const excerpts: BundleExcerpt[] = collection.excerpts.map((excerpt, position) => {
      let document = keys.get(excerpt.documentId);
      if (document === undefined) {
        const summary = getDocumentSummary(db, excerpt.documentId);
        const stored = getDocumentText(db, excerpt.documentId);
        if (summary === undefined || stored === undefined) {
          throw new CoreError(
            'document-not-found',
            `The source of excerpt ${excerpt.id} is missing from the library.`,
          );
        }
        document = {
          key: `d${documents.length + 1}`,
          title: summary.title,
          author: emptyToNull(summary.author),
          outlet: emptyToNull(summary.outlet),
          publishedAt: summary.publishedAt,
          url: emptyToNull(summary.url),
          language: emptyToNull(summary.language),
          direction: summary.direction,
          format: summary.format,
          text: stored.text,
          textSha256: sha256Hex(stored.text),
          originalSha256: summary.sha256,
        };
        keys.set(excerpt.documentId, document);
        documents.push(document);
      }
      if (document.text.slice(excerpt.start, excerpt.end) !== excerpt.quote) {
        throw new CoreError(
          'export-failed',
          `The collection was not exported because the quote “${excerpt.quote.slice(0, 40)}” no longer matches “${document.title}”.`,
        );
      }
      return {
        key: `e${position + 1}`,
        documentKey: document.key,
        // The context is taken from the text itself, so that it always agrees with the offsets.
        ...selectorAt(document.text, excerpt.start, excerpt.end),
        start: excerpt.start,
        end: excerpt.end,
        page: excerpt.page,
        note: excerpt.note,
        tags: [...excerpt.tags],
        color: excerpt.color,
        position,
      };
    });
    return {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      exportedAt: now.toISOString(),
      collection: { name: collection.name, description: collection.description },
      documents,
      excerpts,
    };
  })();
  const checked = bundleBodySchema.safeParse(body);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new CoreError(
      'export-failed',
      `The collection cannot be shared as a bundle: ${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid'}.`,
    );
  }
  return sealBundle(checked.data);
}

/** Writes a collection's bundle to `path` atomically (temporary file, fsync, rename). */
export function exportCollectionBundleTo(
  db: Database.Database,
  input: Readonly<{ collectionId: string; path: string; now: Date }>,
): BundleExport {
  const manifest = buildCollectionBundle(db, input.collectionId, input.now);
  const bytes = serialiseBundle(manifest);
  if (bytes.byteLength > MAX_BUNDLE_BYTES) {
    throw new CoreError(
      'export-failed',
      `The collection's bundle would be larger than the ${MAX_BUNDLE_BYTES / 1024 / 1024} MB a recipient can import; split it into smaller collections.`,
    );
  }
  try {
    writeFileAtomic(input.path, bytes);
  } catch (error) {
    throw new CoreError(
      'export-failed',
      `The bundle could not be written to ${input.path} (${error instanceof Error ? error.message : String(error)}). Any earlier file there is unchanged.`,
    );
  }
  return {
    path: input.path,
    collectionId: input.collectionId,
    documents: manifest.documents.length,
    excerpts: manifest.excerpts.length,
    sha256: manifest.integrity.sha256,
  };
}
