import type { BriefingApi } from '../../shared/api';
import type { CoreContext } from '../api/core';
import { applyCarryOver, planCarryOver } from './carry-over';
import { resizeExcerpt, updateExcerpt } from './edit';
import { verifyExcerpts } from './integrity';
import { listExcerptPage } from './library';
import { libraryHistoryState, redoLibraryEdit, undoLibraryEdit } from './library-history';
import { listTags, renameTag } from './tags';

export type ExcerptLibraryMethods =
  | 'updateExcerpt'
  | 'resizeExcerpt'
  | 'listAllExcerpts'
  | 'listTags'
  | 'renameTag'
  | 'verifyExcerpts'
  | 'planCarryOver'
  | 'applyCarryOver'
  | 'undo'
  | 'redo'
  | 'historyState';

export function excerptLibraryHandlers({ db, ports }: CoreContext): Pick<BriefingApi, ExcerptLibraryMethods> {
  return {
    updateExcerpt: (input) => Promise.resolve(updateExcerpt(db, { ...input, now: ports.now() })),
    resizeExcerpt: (input) => Promise.resolve(resizeExcerpt(db, { ...input, now: ports.now() })),
    listAllExcerpts: (input) => Promise.resolve(listExcerptPage(db, input)),
    listTags: () => Promise.resolve(listTags(db)),
    renameTag: (input) => {
      renameTag(db, { ...input, now: ports.now() });
      return Promise.resolve(listTags(db));
    },
    verifyExcerpts: ({ documentId }) => Promise.resolve(verifyExcerpts(db, documentId)),
    planCarryOver: (input) => Promise.resolve(planCarryOver(db, input)),
    applyCarryOver: (input) => Promise.resolve(applyCarryOver(db, { ...input, now: ports.now() })),
    undo: () => Promise.resolve(undoLibraryEdit(db)),
    redo: () => Promise.resolve(redoLibraryEdit(db)),
    historyState: () => Promise.resolve(libraryHistoryState(db)),
  };
}
