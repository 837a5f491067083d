import { call } from '../api';
import { usePages } from '../use-pages';

const PAGE_SIZE = 100;

/** The library list, a page at a time; a new filter or library version starts afresh. */
export function useDocumentPages(filter: string, version: number) {
  const query = filter.trim();
  return usePages(
    JSON.stringify({ query, version }),
    (offset, limit) => call('listDocumentPage', { ...(query === '' ? {} : { query }), offset, limit }),
    PAGE_SIZE,
  );
}
