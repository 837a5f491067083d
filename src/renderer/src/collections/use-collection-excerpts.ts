import { useCallback, useState } from 'react';
import type { CollectionDetail, ExcerptDetail } from '../../../shared/dto';
import { call, errorMessage } from '../api';

type More = Readonly<{ key: string; excerpts: readonly ExcerptDetail[]; loading: boolean }>;

/**
 * A collection's excerpts as far as the user has asked for them: getCollection answers the first
 * page, and "Show more" appends the next, so no answer grows with the collection. A new key
 * (collection, library version) starts again from the first page.
 */
export function useCollectionExcerpts(detail: CollectionDetail | undefined, key: string) {
  const [more, setMore] = useState<More>({ key, excerpts: [], loading: false });
  const [error, setError] = useState<string | null>(null);
  const extra = more.key === key ? more.excerpts : [];
  const excerpts = detail === undefined ? [] : [...detail.excerpts, ...extra];
  const left = detail === undefined ? 0 : detail.excerptCount - excerpts.length;
  const loading = more.key === key && more.loading;
  const collectionId = detail?.id;
  const offset = excerpts.length;
  const showMore = useCallback(() => {
    if (collectionId === undefined || loading) return;
    setMore((previous) => ({ key, excerpts: previous.key === key ? previous.excerpts : [], loading: true }));
    call('getCollection', { collectionId, offset })
      .then((page) =>
        setMore((previous) =>
          previous.key === key
            ? { key, excerpts: [...previous.excerpts, ...page.excerpts], loading: false }
            : previous,
        ),
      )
      .catch((reason: unknown) => {
        setError(errorMessage(reason));
        setMore((previous) => (previous.key === key ? { ...previous, loading: false } : previous));
      });
  }, [collectionId, key, loading, offset]);
  return { excerpts, left, loading, showMore, error };
}
