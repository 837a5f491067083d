import type { ExcerptFilter, ExcerptSort } from '../../../shared/dto';
import { call } from '../api';
import { usePages } from '../use-pages';

export const PAGE_SIZE = 100;

/** The all-excerpts list, a page at a time; a change of filter, sort or library version starts afresh. */
export function useExcerptPages(filter: ExcerptFilter, sort: ExcerptSort, version: number) {
  return usePages(
    JSON.stringify({ filter, sort, version }),
    (offset, limit) => call('listAllExcerpts', { filter, sort, offset, limit }),
    PAGE_SIZE,
  );
}
