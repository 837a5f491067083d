import type { BriefingApi } from '../../shared/api';
import type { CoreContext } from '../api/core';
import { listBriefingSummaries } from '../store/briefings';
import { briefingHistoryState, redoBriefingEdit, undoBriefingEdit } from './history';
import { editQuote, updateCommentary, updateJudgment } from './items';
import {
  addBriefingItem,
  addSection,
  insertCollection,
  moveBriefingItem,
  moveSection,
  removeBriefingItem,
  removeSection,
  updateSection,
} from './outline-edit';
import {
  createBriefing,
  deleteBriefing,
  duplicateBriefing,
  openBriefing,
  requireBriefing,
  restoreDeletedBriefing,
  updateBriefingMetadata,
} from './service';
import { compareVersion, listVersions, restoreVersion, saveVersion } from './versions';

type BriefingMethods =
  | 'listBriefings'
  | 'createBriefing'
  | 'duplicateBriefing'
  | 'deleteBriefing'
  | 'restoreBriefing'
  | 'getBriefing'
  | 'openBriefing'
  | 'updateBriefing'
  | 'addSection'
  | 'updateSection'
  | 'removeSection'
  | 'moveSection'
  | 'addBriefingItem'
  | 'insertCollection'
  | 'moveBriefingItem'
  | 'removeBriefingItem'
  | 'updateCommentary'
  | 'updateJudgment'
  | 'editQuote'
  | 'undoBriefing'
  | 'redoBriefing'
  | 'briefingHistory'
  | 'saveBriefingVersion'
  | 'listBriefingVersions'
  | 'compareBriefingVersion'
  | 'restoreBriefingVersion'
  | 'addExcerptToBriefing';

/** Briefing calls are synchronous SQLite work; each answers as a settled promise. */
export function briefingHandlers({ db, ports }: CoreContext): Pick<BriefingApi, BriefingMethods> {
  const now = () => ports.now();
  const run = <T>(work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return {
    listBriefings: ({ query }) => run(() => listBriefingSummaries(db, query?.trim() ?? '')),
    createBriefing: ({ title, template }) => run(() => createBriefing(db, { title, template }, now())),
    duplicateBriefing: ({ briefingId }) => run(() => duplicateBriefing(db, briefingId, now())),
    deleteBriefing: ({ briefingId }) => run(() => deleteBriefing(db, briefingId, now())),
    restoreBriefing: ({ briefingId }) => run(() => restoreDeletedBriefing(db, briefingId, now())),
    getBriefing: ({ briefingId }) => run(() => requireBriefing(db, briefingId)),
    openBriefing: ({ briefingId }) => run(() => openBriefing(db, briefingId, now())),
    updateBriefing: (input) => run(() => updateBriefingMetadata(db, input, now())),
    addSection: (input) => run(() => addSection(db, input, now())),
    updateSection: (input) => run(() => updateSection(db, input, now())),
    removeSection: ({ sectionId }) => run(() => removeSection(db, sectionId, now())),
    moveSection: ({ sectionId, index }) => run(() => moveSection(db, sectionId, index, now())),
    addBriefingItem: (input) => run(() => addBriefingItem(db, input, now())),
    insertCollection: (input) => run(() => insertCollection(db, input, now())),
    moveBriefingItem: (input) => run(() => moveBriefingItem(db, input, now())),
    removeBriefingItem: ({ itemId }) => run(() => removeBriefingItem(db, itemId, now())),
    updateCommentary: (input) => run(() => updateCommentary(db, input, now())),
    updateJudgment: (input) => run(() => updateJudgment(db, input, now())),
    editQuote: (input) => run(() => editQuote(db, input, now())),
    undoBriefing: ({ briefingId }) => run(() => undoBriefingEdit(db, briefingId)),
    redoBriefing: ({ briefingId }) => run(() => redoBriefingEdit(db, briefingId)),
    briefingHistory: ({ briefingId }) => run(() => briefingHistoryState(db, briefingId)),
    saveBriefingVersion: ({ briefingId, name }) =>
      run(() => saveVersion(db, { briefingId, name, reason: 'manual' }, now())),
    listBriefingVersions: ({ briefingId }) => run(() => listVersions(db, briefingId)),
    compareBriefingVersion: ({ versionId }) => run(() => compareVersion(db, versionId)),
    restoreBriefingVersion: ({ versionId }) => run(() => restoreVersion(db, versionId, now())),
    addExcerptToBriefing: (input) =>
      run(() =>
        addBriefingItem(
          db,
          {
            briefingId: input.briefingId,
            sectionId: input.sectionId,
            index: input.index,
            item: { kind: 'excerpt', excerptId: input.excerptId },
          },
          now(),
        ),
      ),
  };
}
