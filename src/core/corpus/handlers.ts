import type { BriefingApi } from '../../shared/api';
import type { CoreContext } from '../api/core';
import { CoreError } from '../errors';
import { newId } from '../ids';
import { listBlocksForDocument } from '../store/blocks';
import {
  countDocuments,
  getDocumentSummaries,
  getDocumentSummary,
  getDocumentText,
  listDocumentFilterFields,
  listDocumentSummaryPage,
  listOutletNames,
  updateDocumentMetadata,
} from '../store/documents';
import { importBytes, importPaths, listImportableFiles } from './import';
import { stat } from 'node:fs/promises';

/** The most summaries one listDocuments call answers (about 0.1 MB): callers page with `offset`. */
export const MAX_DOCUMENTS_PER_CALL = 200;

type CorpusMethods =
  | 'listDocuments'
  | 'listDocumentPage'
  | 'listOutlets'
  | 'getDocument'
  | 'updateDocumentMetadata'
  | 'pickImportFiles'
  | 'importPickedFile'
  | 'importFileBytes'
  | 'importPastedText';

export function corpusHandlers(context: CoreContext): Pick<BriefingApi, CorpusMethods> {
  const { db, ports } = context;
  return {
    listDocuments: ({ offset = 0, limit = MAX_DOCUMENTS_PER_CALL }) =>
      Promise.resolve(listDocumentSummaryPage(db, offset, limit)),

    listDocumentPage: ({ query, offset, limit }) => {
      const needle = (query ?? '').trim().toLocaleLowerCase();
      if (needle === '') {
        return Promise.resolve({ total: countDocuments(db), offset, items: listDocumentSummaryPage(db, offset, limit) });
      }
      const ids = listDocumentFilterFields(db)
        .filter((row) =>
          [row.title, row.author, row.outlet]
            .filter((field) => field !== null && field !== '')
            .join(' ')
            .toLocaleLowerCase()
            .includes(needle),
        )
        .map((row) => row.id);
      return Promise.resolve({
        total: ids.length,
        offset,
        items: getDocumentSummaries(db, ids.slice(offset, offset + limit)),
      });
    },

    listOutlets: () => Promise.resolve(listOutletNames(db)),

    getDocument: ({ documentId }) => {
      const summary = getDocumentSummary(db, documentId);
      const text = getDocumentText(db, documentId);
      if (summary === undefined || text === undefined) {
        throw new CoreError('document-not-found', 'That document is no longer in the library.');
      }
      return Promise.resolve({ ...summary, text: text.text, blocks: listBlocksForDocument(db, documentId) });
    },

    updateDocumentMetadata: ({ documentId, ...metadata }) => {
      if (updateDocumentMetadata(db, documentId, metadata, ports.now().toISOString()) === 0) {
        throw new CoreError('document-not-found', 'That document is no longer in the library.');
      }
      const summary = getDocumentSummary(db, documentId);
      if (summary === undefined) throw new CoreError('document-not-found', 'That document is no longer in the library.');
      return Promise.resolve(summary);
    },

    pickImportFiles: async ({ folders }) => {
      const chosen = await ports.chooseOpenPaths({ folders });
      if (chosen === null || chosen.length === 0) return { batchId: null, files: [] };
      const files: string[] = [];
      for (const path of chosen) {
        const info = await stat(path).catch(() => undefined);
        if (info?.isDirectory() === true) files.push(...(await listImportableFiles(path)));
        else files.push(path);
      }
      const batchId = newId('imp');
      context.importBatches.set(batchId, files);
      return { batchId, files: files.map((name, index) => ({ index, name })) };
    },

    importPickedFile: async ({ batchId, index }) => {
      const file = context.importBatches.get(batchId)?.[index];
      if (file === undefined) throw new CoreError('invalid-input', 'That file is not part of an import in progress.');
      const [outcome] = await importPaths(db, [file], ports.now, { parse: context.parse });
      if (outcome === undefined) throw new CoreError('internal', 'The file produced no import result.');
      return outcome;
    },

    importFileBytes: ({ name, dataBase64 }) =>
      importBytes(db, {
        bytes: Buffer.from(dataBase64, 'base64'),
        fileName: safeName(name),
        now: ports.now(),
        parse: context.parse,
      }),

    importPastedText: ({ text }) => {
      if (text.trim() === '') throw new CoreError('import-empty-file', 'The clipboard has no text to import.');
      return importBytes(db, {
        bytes: Buffer.from(text, 'utf8'),
        fileName: 'Pasted text.txt',
        now: ports.now(),
        parse: context.parse,
      });
    },
  };
}

/** A dropped file's name is only a label: no folders, no path tricks. */
function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\p{Cc}]/gu, '').trim();
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'Dropped file' : cleaned;
}
