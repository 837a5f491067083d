import type { BriefingApi } from '../../shared/api';
import type { CoreContext } from '../api/core';
import { deleteSavedSearch, listSavedSearches, runSavedSearch, saveSearch } from './saved';
import { searchOnThreads } from './on-threads';
import { search, searchFacets } from './service';

export type SearchMethods =
  'search' | 'searchFacets' | 'listSavedSearches' | 'saveSearch' | 'deleteSavedSearch' | 'runSavedSearch';

export function searchHandlers({ db, ports, searchThreads }: CoreContext): Pick<BriefingApi, SearchMethods> {
  return {
    search: (input) => {
      if (searchThreads === undefined) return Promise.resolve(search(db, input));
      return searchOnThreads(db, searchThreads, input);
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
