import { basename } from 'node:path';
import type { BriefingApi } from '../../shared/api';
import type { CollectionDetail } from '../../shared/dto';
import type { CoreContext } from '../api/core';
import { CoreError } from '../errors';
import { safeFileName } from '../export/handlers';
import { newId } from '../ids';
import { listCollectionsRecentFirst } from '../store/collections';
import { exportCollectionBundleTo } from './bundle-export';
import { BUNDLE_EXTENSION, MAX_BUNDLE_BYTES } from './bundle-format';
import { importBundle, readBundleFile } from './bundle-import';
import {
  addToCollection,
  createCollection,
  deleteCollection,
  getCollectionDetail,
  moveInCollection,
  removeFromCollection,
  requireCollection,
  updateCollection,
} from './service';

/**
 * The most excerpts one answer about a collection carries (an excerpt can be a long paragraph:
 * 200 keep the answer near 1 MB at worst); the window pages through longer collections.
 */
export const MAX_COLLECTION_EXCERPTS_PER_CALL = 200;

function firstPage(detail: CollectionDetail): CollectionDetail {
  return { ...detail, excerpts: detail.excerpts.slice(0, MAX_COLLECTION_EXCERPTS_PER_CALL) };
}

export type CollectionMethods =
  | 'listCollections'
  | 'createCollection'
  | 'updateCollection'
  | 'deleteCollection'
  | 'getCollection'
  | 'addToCollection'
  | 'removeFromCollection'
  | 'moveInCollection'
  | 'exportCollectionBundle'
  | 'importCollectionBundle'
  | 'importBundleBytes';

export function collectionHandlers({
  db,
  ports,
  exports,
}: CoreContext): Pick<BriefingApi, CollectionMethods> {
  return {
    listCollections: () => Promise.resolve(listCollectionsRecentFirst(db)),
    createCollection: (input) => Promise.resolve(createCollection(db, input, ports.now())),
    updateCollection: (input) => Promise.resolve(updateCollection(db, input, ports.now())),
    deleteCollection: ({ collectionId }) => {
      deleteCollection(db, collectionId, ports.now());
      return Promise.resolve();
    },
    getCollection: ({ collectionId, offset = 0, limit = MAX_COLLECTION_EXCERPTS_PER_CALL }) =>
      Promise.resolve(getCollectionDetail(db, collectionId, { offset, limit })),
    // An edit answers the collection with its first page of excerpts, like getCollection.
    addToCollection: (input) => Promise.resolve(firstPage(addToCollection(db, input, ports.now()))),
    removeFromCollection: (input) => Promise.resolve(firstPage(removeFromCollection(db, input, ports.now()))),
    moveInCollection: (input) => Promise.resolve(firstPage(moveInCollection(db, input, ports.now()))),
    // `citations` counts the excerpts written; a bundle has no pages.
    exportCollectionBundle: async ({ collectionId }) => {
      const collection = requireCollection(db, collectionId);
      const path = await ports.chooseSavePath({
        title: 'Export collection as a bundle',
        defaultFileName: safeFileName(collection.name, BUNDLE_EXTENSION),
        extensions: [BUNDLE_EXTENSION],
      });
      if (path === null) return { exportId: null, path: null, pages: 0, citations: 0 };
      const result = exportCollectionBundleTo(db, { collectionId, path, now: ports.now() });
      const exportId = newId('exp');
      exports.set(exportId, result.path);
      return { exportId, path: result.path, pages: 0, citations: result.excerpts };
    },
    importCollectionBundle: async () => {
      const paths = await ports.chooseOpenPaths({ folders: false });
      const [path] = paths ?? [];
      if (path === undefined) return null;
      const bytes = await readBundleFile(path);
      return importBundle(db, { bytes, sourceName: basename(path), now: ports.now() });
    },
    importBundleBytes: ({ name, dataBase64 }) => {
      // Refuse an oversized bundle from the length of its base64 before decoding it.
      if (Math.floor((dataBase64.length * 3) / 4) > MAX_BUNDLE_BYTES + 2) {
        throw new CoreError(
          'bundle-invalid',
          `The bundle is larger than the ${MAX_BUNDLE_BYTES / 1024 / 1024} MB limit.`,
        );
      }
      const bytes = Buffer.from(dataBase64, 'base64');
      return Promise.resolve(importBundle(db, { bytes, sourceName: basename(name), now: ports.now() }));
    },
  };
}
