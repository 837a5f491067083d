import type { BriefingApi } from '../../shared/api';
import type { CoreContext } from '../api/core';
import {
  getExcerptDetails,
  listExcerptDetailsForDocument,
  listExcerptIdsNewestFirst,
} from '../store/excerpts';
import { requireExcerptDetail } from './edit';
import { addExcerpt, deleteExcerpt, requireDocumentText } from './service';

/** The most excerpts one `listExcerpts` call answers (about 0.35 MB of JSON): page on for more. */
export const MAX_EXCERPTS_PER_CALL = 500;

export function excerptHandlers({
  db,
  ports,
}: CoreContext): Pick<BriefingApi, 'createExcerpt' | 'listExcerpts' | 'deleteExcerpt'> {
  return {
    createExcerpt: (input) => {
      const excerpt = addExcerpt(db, { ...input, now: ports.now() });
      return Promise.resolve(requireExcerptDetail(db, excerpt.id));
    },
    listExcerpts: ({ documentId, offset = 0, limit = MAX_EXCERPTS_PER_CALL }) => {
      if (documentId === undefined) {
        const ids = listExcerptIdsNewestFirst(db, offset, limit);
        return Promise.resolve(getExcerptDetails(db, ids));
      }
      requireDocumentText(db, documentId);
      return Promise.resolve(listExcerptDetailsForDocument(db, documentId, offset, limit));
    },
    deleteExcerpt: ({ excerptId }) => {
      deleteExcerpt(db, excerptId, ports.now());
      return Promise.resolve();
    },
  };
}
