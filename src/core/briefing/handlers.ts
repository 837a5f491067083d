import type { BriefingApi } from '../../shared/api';
import type { CoreContext } from '../api/core';
import { listBriefingSummaries } from '../store/briefings';
import { addExcerptToBriefing, createBriefing, requireBriefing } from './service';

export function briefingHandlers({
  db,
  ports,
}: CoreContext): Pick<
  BriefingApi,
  'listBriefings' | 'createBriefing' | 'getBriefing' | 'addExcerptToBriefing'
> {
  return {
    listBriefings: () => Promise.resolve(listBriefingSummaries(db)),
    createBriefing: ({ title }) => Promise.resolve(createBriefing(db, { title }, ports.now())),
    getBriefing: ({ briefingId }) => Promise.resolve(requireBriefing(db, briefingId)),
    addExcerptToBriefing: (input) => Promise.resolve(addExcerptToBriefing(db, input, ports.now())),
  };
}
