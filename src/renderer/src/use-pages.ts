import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../../shared/dto';
import { errorMessage } from './api';

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
  // Answers that arrive after the key changed belong to a list no longer shown.
  const latestKey = useRef(key);
  useEffect(() => {
    latestKey.current = key;
  }, [key]);

  const load = useCallback(
    (page: number) => {
      if (requested.current.key !== key) requested.current = { key, pages: new Set() };
      if (requested.current.pages.has(page)) return;
      requested.current.pages.add(page);
      fetchPage(page * pageSize, pageSize)
        .then((result) => {
          if (latestKey.current !== key) return;
          setLoaded((previous) => {
            const base = previous.key === key ? previous.pages : new Map<number, readonly T[]>();
            return { key, total: result.total, pages: new Map(base).set(page, result.items), error: null };
          });
        })
        .catch((reason: unknown) => {
          if (latestKey.current !== key) return;
          setLoaded((previous) => ({ ...previous, key, error: errorMessage(reason) }));
        });
    },
    // `key` says when `fetchPage` asks for something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, pageSize],
  );

  useEffect(() => load(0), [load]);

  // The pages in view and one either side, so scrolling either way finds its rows already loaded.
  const onRange = useCallback(
    (first: number, last: number) => {
      const from = Math.max(0, Math.floor(first / pageSize) - 1);
      for (let page = from; page <= Math.floor(last / pageSize) + 1; page += 1) load(page);
    },
    [load, pageSize],
  );

  const current = loaded.key === key ? loaded : undefined;
  const at = useCallback(
    (index: number): T | undefined => current?.pages.get(Math.floor(index / pageSize))?.[index % pageSize],
    [current, pageSize],
  );
  return { total: current?.total ?? null, at, onRange, error: current?.error ?? null };
}
