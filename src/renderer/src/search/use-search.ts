import { useCallback, useEffect, useState } from 'react';
import type { DocumentSearchHit, SearchFacets, SearchResults, SearchSort } from '../../../shared/dto';
import { call, errorMessage } from '../api';

/** Wait after the last keystroke before searching; short enough to feel instant. */
export const TYPE_DEBOUNCE_MS = 120;
/** Facets count every match, so they follow the hits a little later. */
const FACET_DELAY_MS = 200;
const PAGE_SIZE = 20;

export type SearchState = Readonly<{
  /** The query the shown results answer (null before the first answer). */
  answered: string | null;
  results: SearchResults | null;
  documents: readonly DocumentSearchHit[];
  facets: SearchFacets | null;
  /** True while the facets shown belong to an earlier query. */
  facetsStale: boolean;
  error: string | null;
  searching: boolean;
  loadingMore: boolean;
  loadMore: () => void;
}>;

type Answer = Readonly<{
  key: string;
  query: string;
  results: SearchResults;
  documents: readonly DocumentSearchHit[];
}>;

/**
 * Search as you type: each change waits {@link TYPE_DEBOUNCE_MS}, the last word being typed matches
 * longer words, and an answer to an older query is dropped. The previous results stay on screen
 * while the next ones load, so the list never flashes empty.
 */
export function useSearch(query: string, sort: SearchSort, version: number): SearchState {
  const key = `${version}\u0000${sort}\u0000${query}`;
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [facets, setFacets] = useState<{ key: string; facets: SearchFacets } | null>(null);
  const [error, setError] = useState<{ key: string; message: string } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => {
    // Cleared when the query changes: an answer to an older query is never shown.
    let live = true;
    const timer = setTimeout(() => {
      call('search', { query, sort, typeahead: true, limit: PAGE_SIZE }).then(
        (results) => {
          if (live) setAnswer({ key, query, results, documents: results.documents });
        },
        (reason: unknown) => {
          if (live) setError({ key, message: errorMessage(reason) });
        },
      );
    }, TYPE_DEBOUNCE_MS);
    const facetTimer = setTimeout(() => {
      call('searchFacets', { query, typeahead: true }).then(
        (value) => {
          if (live) setFacets({ key, facets: value });
        },
        () => undefined,
      );
    }, TYPE_DEBOUNCE_MS + FACET_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
      clearTimeout(facetTimer);
    };
  }, [key, query, sort]);

  const loadMore = useCallback(() => {
    if (answer === null || answer.key !== key || loadingMore) return;
    if (answer.documents.length >= answer.results.documentTotal) return;
    setLoadingMore(true);
    call('search', { query, sort, typeahead: true, limit: PAGE_SIZE, offset: answer.documents.length })
      .then(
        (page) => {
          setAnswer((previous) =>
            previous === null || previous.key !== key
              ? previous
              : {
                  ...previous,
                  documents: [
                    ...previous.documents,
                    ...page.documents.filter(
                      (document) =>
                        !previous.documents.some((shown) => shown.documentId === document.documentId),
                    ),
                  ],
                },
          );
        },
        (reason: unknown) => setError({ key, message: errorMessage(reason) }),
      )
      .finally(() => setLoadingMore(false));
  }, [answer, key, loadingMore, query, sort]);

  return {
    answered: answer?.query ?? null,
    results: answer?.results ?? null,
    documents: answer?.documents ?? [],
    facets: facets?.facets ?? null,
    facetsStale: facets?.key !== key,
    error: error?.key === key ? error.message : null,
    searching: answer?.key !== key,
    loadingMore,
    loadMore,
  };
}
