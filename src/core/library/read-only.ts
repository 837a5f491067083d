import type { BriefingApi } from '../../shared/api';
import type { ApiMethod } from '../../shared/methods';
import { CoreError } from '../errors';

/**
 * What a library opened read-only (written by a newer version of the app) still answers: reading,
 * searching, checking quotes, previewing and exporting (an export saves no version there), the
 * status and the backups. Everything else is refused before it reaches the store; SQLite's own
 * read-only flag is the backstop.
 */
const ACCESS: Readonly<Record<ApiMethod, 'reads' | 'changes'>> = {
  listDocuments: 'reads',
  listDocumentPage: 'reads',
  listOutlets: 'reads',
  getDocument: 'reads',
  updateDocumentMetadata: 'changes',
  pickImportFiles: 'changes',
  importPickedFile: 'changes',
  importFileBytes: 'changes',
  importPastedText: 'changes',
  createExcerpt: 'changes',
  listExcerpts: 'reads',
  deleteExcerpt: 'changes',
  updateExcerpt: 'changes',
  resizeExcerpt: 'changes',
  listAllExcerpts: 'reads',
  listTags: 'reads',
  renameTag: 'changes',
  verifyExcerpts: 'reads',
  planCarryOver: 'reads',
  applyCarryOver: 'changes',
  listCollections: 'reads',
  createCollection: 'changes',
  updateCollection: 'changes',
  deleteCollection: 'changes',
  getCollection: 'reads',
  addToCollection: 'changes',
  removeFromCollection: 'changes',
  moveInCollection: 'changes',
  exportCollectionBundle: 'reads',
  importCollectionBundle: 'changes',
  importBundleBytes: 'changes',
  undo: 'changes',
  redo: 'changes',
  historyState: 'reads',
  listBriefings: 'reads',
  createBriefing: 'changes',
  duplicateBriefing: 'changes',
  deleteBriefing: 'changes',
  restoreBriefing: 'changes',
  getBriefing: 'reads',
  openBriefing: 'reads',
  updateBriefing: 'changes',
  addSection: 'changes',
  updateSection: 'changes',
  removeSection: 'changes',
  moveSection: 'changes',
  addBriefingItem: 'changes',
  insertCollection: 'changes',
  moveBriefingItem: 'changes',
  removeBriefingItem: 'changes',
  updateCommentary: 'changes',
  updateJudgment: 'changes',
  editQuote: 'changes',
  undoBriefing: 'changes',
  redoBriefing: 'changes',
  briefingHistory: 'reads',
  saveBriefingVersion: 'changes',
  listBriefingVersions: 'reads',
  compareBriefingVersion: 'reads',
  restoreBriefingVersion: 'changes',
  addExcerptToBriefing: 'changes',
  exportBriefingPdf: 'reads',
  revealExport: 'reads',
  exportBriefing: 'reads',
  openExport: 'reads',
  exportStatus: 'reads',
  previewBriefing: 'reads',
  search: 'reads',
  searchFacets: 'reads',
  listSavedSearches: 'reads',
  saveSearch: 'changes',
  deleteSavedSearch: 'changes',
  runSavedSearch: 'changes',
  libraryStatus: 'reads',
  listBackups: 'reads',
  backupNow: 'reads',
  restoreBackup: 'reads',
  startEmptyLibrary: 'reads',
};

/** Every method is one or the other, so a new method cannot slip past without a decision. */
export const READ_ONLY_METHODS: ReadonlySet<ApiMethod> = new Set(
  (Object.keys(ACCESS) as ApiMethod[]).filter((method) => ACCESS[method] === 'reads'),
);

export function readOnlyMessage(found: number, latest: number): string {
  return `This library was saved by a newer version of Briefing Builder (schema ${found}; this version understands up to ${latest}), so it is open read-only: you can read, search and export, but changes are not saved. Update Briefing Builder to work on it; the file has not been changed.`;
}

function isReadOnlyWrite(error: unknown): boolean {
  return (
    error instanceof Error &&
    ((error as { code?: unknown }).code === 'SQLITE_READONLY' || /readonly database/i.test(error.message))
  );
}

/** The API of a read-only library: reads pass, every change is refused with `library-read-only`. */
export function readOnlyHandlers(handlers: BriefingApi, message: string): BriefingApi {
  const table = handlers as unknown as Record<ApiMethod, (input: unknown) => Promise<unknown>>;
  const refuse = () => Promise.reject(new CoreError('library-read-only', message));
  const wrapped = {} as Record<ApiMethod, (input: unknown) => Promise<unknown>>;
  for (const method of Object.keys(table) as ApiMethod[]) {
    if (!READ_ONLY_METHODS.has(method)) {
      wrapped[method] = refuse;
      continue;
    }
    // Opening a briefing records when it was opened: read-only, it is only read.
    const target = method === 'openBriefing' ? table.getBriefing : table[method];
    wrapped[method] = (input) =>
      target(input).catch((error: unknown) => {
        throw isReadOnlyWrite(error) ? new CoreError('library-read-only', message) : error;
      });
  }
  return wrapped as unknown as BriefingApi;
}
