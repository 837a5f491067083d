/**
 * Every method of the Briefing Builder API, by name. The preload, the IPC door, the e2e host and
 * the CLI all derive their method lists from this tuple, so adding a method here (with its type in
 * api.ts and its schema in schemas.ts) makes the compiler point at every host that lacks it.
 * This file must stay free of imports: the sandboxed preload bundles it.
 */
export const API_METHODS = [
  'listDocuments',
  'getDocument',
  'updateDocumentMetadata',
  'pickImportFiles',
  'importPickedFile',
  'importFileBytes',
  'importPastedText',
  'createExcerpt',
  'listExcerpts',
  'deleteExcerpt',
  'updateExcerpt',
  'resizeExcerpt',
  'listAllExcerpts',
  'listTags',
  'renameTag',
  'verifyExcerpts',
  'planCarryOver',
  'applyCarryOver',
  'listCollections',
  'createCollection',
  'updateCollection',
  'deleteCollection',
  'getCollection',
  'addToCollection',
  'removeFromCollection',
  'moveInCollection',
  'exportCollectionBundle',
  'importCollectionBundle',
  'importBundleBytes',
  'undo',
  'redo',
  'historyState',
  'listBriefings',
  'createBriefing',
  'duplicateBriefing',
  'deleteBriefing',
  'restoreBriefing',
  'getBriefing',
  'openBriefing',
  'updateBriefing',
  'addSection',
  'updateSection',
  'removeSection',
  'moveSection',
  'addBriefingItem',
  'insertCollection',
  'moveBriefingItem',
  'removeBriefingItem',
  'updateCommentary',
  'updateJudgment',
  'editQuote',
  'undoBriefing',
  'redoBriefing',
  'briefingHistory',
  'saveBriefingVersion',
  'listBriefingVersions',
  'compareBriefingVersion',
  'restoreBriefingVersion',
  'addExcerptToBriefing',
  'exportBriefingPdf',
  'revealExport',
  'exportBriefing',
  'openExport',
  'exportStatus',
  'previewBriefing',
  'search',
  'searchFacets',
  'listSavedSearches',
  'saveSearch',
  'deleteSavedSearch',
  'runSavedSearch',
] as const;

export type ApiMethod = (typeof API_METHODS)[number];

/** The single IPC channel the preload and the main process share. */
export const API_CHANNEL = 'briefing-builder:api';

export function isApiMethod(value: unknown): value is ApiMethod {
  return typeof value === 'string' && (API_METHODS as readonly string[]).includes(value);
}
