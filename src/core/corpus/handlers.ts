import type { BriefingApi } from '../../shared/api';
import type { CoreContext } from '../api/core';
import { CoreError } from '../errors';
import { listBlocksForDocument } from '../store/blocks';
import { getDocumentSummary, getDocumentText, listDocumentSummaries } from '../store/documents';

export function corpusHandlers({ db }: CoreContext): Pick<BriefingApi, 'listDocuments' | 'getDocument'> {
  return {
    listDocuments: () => Promise.resolve(listDocumentSummaries(db)),
    getDocument: ({ documentId }) => {
      const summary = getDocumentSummary(db, documentId);
      const text = getDocumentText(db, documentId);
      if (summary === undefined || text === undefined) {
        throw new CoreError('document-not-found', 'That document is no longer in the library.');
      }
      return Promise.resolve({ ...summary, text: text.text, blocks: listBlocksForDocument(db, documentId) });
    },
  };
}
