import type { BriefingApi } from '../../shared/api';
import type { CoreContext } from '../api/core';
import {
  getExcerptDetails,
  listAllExcerptsNewestFirst,
  listExcerptDetailsForDocument,
} from '../store/excerpts';
import { requireExcerptDetail } from './edit';
import { addExcerpt, deleteExcerpt, requireDocumentText } from './service';

export function excerptHandlers({
  db,
  ports,
}: CoreContext): Pick<BriefingApi, 'createExcerpt' | 'listExcerpts' | 'deleteExcerpt'> {
  return {
    createExcerpt: (input) => {
      const excerpt = addExcerpt(db, { ...input, now: ports.now() });
      return Promise.resolve(requireExcerptDetail(db, excerpt.id));
    },
    listExcerpts: ({ documentId }) => {
      if (documentId === undefined)
        return Promise.resolve(
          getExcerptDetails(
            db,
            listAllExcerptsNewestFirst(db).map((excerpt) => excerpt.id),
          ),
        );
      requireDocumentText(db, documentId);
      return Promise.resolve(listExcerptDetailsForDocument(db, documentId));
    },
    deleteExcerpt: ({ excerptId }) => {
      deleteExcerpt(db, excerptId, ports.now());
      return Promise.resolve();
    },
  };
}
