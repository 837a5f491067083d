import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExcerptDetail, ExcerptFilter, ExcerptSort } from '../../../shared/dto';
import { call, errorMessage } from '../api';

export const PAGE_SIZE = 100;

type Loaded = Readonly<{
  key: string;
  total: number | null;
  pages: ReadonlyMap<number, readonly ExcerptDetail[]>;
  error: string | null;
}>;

/**
 * The all-excerpts list, loaded a page at a time as the user scrolls, so the window never holds
 * (or receives in one message) more than it shows. A change of filter, sort or library version
 * starts afresh.
 */
export function useExcerptPages(filter: ExcerptFilter, sort: ExcerptSort, version: number) {
  const key = JSON.stringify({ filter, sort, version });
  const [loaded, setLoaded] = useState<Loaded>({ key, total: null, pages: new Map(), error: null });
  const requested = useRef<{ key: string; pages: Set<number> }>({ key, pages: new Set() });

  const load = useCallback(
    (page: number) => {
      if (requested.current.key !== key) requested.current = { key, pages: new Set() };
      if (requested.current.pages.has(page)) return;
      requested.current.pages.add(page);
      call('listAllExcerpts', { filter, sort, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then((result) =>
          setLoaded((previous) => {
            const base = previous.key === key ? previous.pages : new Map<number, readonly ExcerptDetail[]>();
            return { key, total: result.total, pages: new Map(base).set(page, result.items), error: null };
          }),
        )
        .catch((reason: unknown) =>
          setLoaded((previous) => ({ ...previous, key, error: errorMessage(reason) })),
        );
    },
    // `key` carries filter, sort and version.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );

  useEffect(() => load(0), [load]);

  // The pages in view and one either side, so scrolling either way finds its rows already loaded.
  const onRange = useCallback(
    (first: number, last: number) => {
      const from = Math.max(0, Math.floor(first / PAGE_SIZE) - 1);
      for (let page = from; page <= Math.floor(last / PAGE_SIZE) + 1; page += 1) load(page);
    },
    [load],
  );

  const current = loaded.key === key ? loaded : undefined;
  const at = useCallback(
    (index: number): ExcerptDetail | undefined =>
      current?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [current],
  );
  return { total: current?.total ?? null, at, onRange, error: current?.error ?? null };
}
