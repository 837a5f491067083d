import type { BriefingApi } from '../../shared/api';
import type { CoreContext } from '../api/core';
import { listAllExcerptsNewestFirst, listExcerptsForDocument } from '../store/excerpts';
import { createExcerptAt, deleteExcerpt, requireDocumentText } from './service';

export function excerptHandlers({
  db,
  ports,
}: CoreContext): Pick<BriefingApi, 'createExcerpt' | 'listExcerpts' | 'deleteExcerpt'> {
  return {
    createExcerpt: (input) => Promise.resolve(createExcerptAt(db, { ...input, now: ports.now() })),
    listExcerpts: ({ documentId }) => {
      if (documentId === undefined) return Promise.resolve(listAllExcerptsNewestFirst(db));
      requireDocumentText(db, documentId);
      return Promise.resolve(listExcerptsForDocument(db, documentId));
    },
    deleteExcerpt: ({ excerptId }) => {
      deleteExcerpt(db, excerptId);
      return Promise.resolve();
    },
  };
}
