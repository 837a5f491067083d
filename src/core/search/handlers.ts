import type { BriefingApi } from '../../shared/api';
import type { CoreContext } from '../api/core';
import { deleteSavedSearch, listSavedSearches, runSavedSearch, saveSearch } from './saved';
import {
  search,
  searchDocuments,
  searchesBothHalves,
  searchExcerptHits,
  searchFacets,
  searchResults,
} from './service';

export type SearchMethods =
  'search' | 'searchFacets' | 'listSavedSearches' | 'saveSearch' | 'deleteSavedSearch' | 'runSavedSearch';

export function searchHandlers({ db, ports, searchThread }: CoreContext): Pick<BriefingApi, SearchMethods> {
  return {
    search: async (input) => {
      if (searchThread === undefined || !searchesBothHalves(input)) return search(db, input);
      // The excerpts are ranked on the search thread while the documents are ranked here; if the
      // thread cannot answer, they are ranked here after all.
      const excerpts = searchThread.excerpts(input).catch(() => null);
      const documents = searchDocuments(db, input);
      return searchResults(input, documents, (await excerpts) ?? searchExcerptHits(db, input));
    },
    searchFacets: (input) => Promise.resolve(searchFacets(db, input)),
    listSavedSearches: () => Promise.resolve(listSavedSearches(db)),
    saveSearch: (input) => Promise.resolve(saveSearch(db, input, ports.now())),
    deleteSavedSearch: ({ savedSearchId }) => {
      deleteSavedSearch(db, savedSearchId);
      return Promise.resolve();
    },
    runSavedSearch: ({ savedSearchId }) => Promise.resolve(runSavedSearch(db, savedSearchId, ports.now())),
  };
}
