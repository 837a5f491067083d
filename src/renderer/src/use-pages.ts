import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../../shared/dto';
import { errorMessage } from './api';
import { KEPT_PAGES, pagesToKeep, pagesToLoad, rowsOfPages } from './page-window';

type Loaded<T> = Readonly<{
  key: string;
  total: number | null;
  pages: ReadonlyMap<number, readonly T[]>;
  error: string | null;
}>;

/**
 * A long list loaded a page at a time as the user scrolls a VirtualList, so the window never holds
 * (or receives in one message) more than it shows. A new `key` (filter, sort, library version)
 * starts afresh; answers for an older key are dropped.
 */
export function usePages<T>(
  key: string,
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  pageSize: number,
) {
  const [loaded, setLoaded] = useState<Loaded<T>>({ key, total: null, pages: new Map(), error: null });
  const requested = useRef<{ key: string; pages: Set<number> }>({ key, pages: new Set() });
  /** The pages the view wants now; those far from them are dropped as others arrive. */
  const wanted = useRef<readonly number[]>([0]);
  // Answers that arrive after the key changed belong to a list no longer shown.
  const latestKey = useRef(key);
  const latestLoaded = useRef(loaded);
  useEffect(() => {
    latestKey.current = key;
    latestLoaded.current = loaded;
  }, [key, loaded]);

  const load = useCallback(
    (page: number) => {
      if (requested.current.key !== key) requested.current = { key, pages: new Set() };
      if (requested.current.pages.has(page)) return;
      requested.current.pages.add(page);
      fetchPage(page * pageSize, pageSize)
        .then((result) => {
          if (latestKey.current !== key) return;
          setLoaded((previous) => {
            const pages = new Map(previous.key === key ? previous.pages : undefined).set(page, result.items);
            const kept = pagesToKeep(pages.keys(), wanted.current, KEPT_PAGES);
            for (const stored of pages.keys()) {
              if (kept.has(stored)) continue;
              pages.delete(stored);
              if (requested.current.key === key) requested.current.pages.delete(stored);
            }
            return { key, total: result.total, pages, error: null };
          });
        })
        .catch((reason: unknown) => {
          // Asked again when the view next wants it.
          if (requested.current.key === key) requested.current.pages.delete(page);
          if (latestKey.current !== key) return;
          setLoaded((previous) => ({ ...previous, key, error: errorMessage(reason) }));
        });
    },
    // `key` says when `fetchPage` asks for something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, pageSize],
  );

  useEffect(() => load(0), [load]);

  const onRange = useCallback(
    (first: number, last: number) => {
      const pages = pagesToLoad(first, last, pageSize);
      wanted.current = pages;
      for (const page of pages) load(page);
    },
    [load, pageSize],
  );

  /**
   * Rows `from`..`to` (inclusive), whether loaded or not: those not held are fetched (and not
   * kept). Null when the list changed (a new key) before they all arrived.
   */
  const rowsBetween = useCallback(
    async (from: number, to: number): Promise<readonly T[] | null> => {
      const rows = await rowsOfPages(
        from,
        to,
        pageSize,
        (page) => (latestLoaded.current.key === key ? latestLoaded.current.pages.get(page) : undefined),
        async (page) => (await fetchPage(page * pageSize, pageSize)).items,
      );
      return latestKey.current === key ? rows : null;
    },
    // `key` says when `fetchPage` asks for something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, pageSize],
  );

  const current = loaded.key === key ? loaded : undefined;
  const at = useCallback(
    (index: number): T | undefined => current?.pages.get(Math.floor(index / pageSize))?.[index % pageSize],
    [current, pageSize],
  );
  return { total: current?.total ?? null, at, onRange, rowsBetween, error: current?.error ?? null };
}
