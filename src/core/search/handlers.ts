import type { BriefingApi } from '../../shared/api';
import type { CoreContext } from '../api/core';
import { deleteSavedSearch, listSavedSearches, runSavedSearch, saveSearch } from './saved';
import { search, searchDocuments, searchExcerptHits, searchFacets, searchResults } from './service';

export type SearchMethods =
  'search' | 'searchFacets' | 'listSavedSearches' | 'saveSearch' | 'deleteSavedSearch' | 'runSavedSearch';

export function searchHandlers({ db, ports, searchThreads }: CoreContext): Pick<BriefingApi, SearchMethods> {
  return {
    search: async (input) => {
      if (searchThreads === undefined) return search(db, input);
      // Both halves are ranked on the search threads at once, and this thread stays free; a half a
      // thread cannot answer is ranked here after all.
      const documents = searchThreads.documents.documents(input).catch(() => null);
      const excerpts = searchThreads.excerpts.excerpts(input).catch(() => null);
      return searchResults(
        input,
        (await documents) ?? searchDocuments(db, input),
        (await excerpts) ?? searchExcerptHits(db, input),
      );
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
