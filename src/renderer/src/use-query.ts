import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from './api';

export type Query<T> = Readonly<{
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}>;

/** Loads data through the API and reloads it when `key` changes; stale answers are ignored. */
export function useQuery<T>(load: (() => Promise<T>) | null, key: string): Query<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(load !== null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (load === null) {
      setData(undefined);
      setLoading(false);
      return;
    }
    let current = true;
    setLoading(true);
    load()
      .then((value) => {
        if (!current) return;
        setData(value);
        setError(null);
      })
      .catch((reason: unknown) => {
        if (current) setError(errorMessage(reason));
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
    // `load` is recreated on every render; `key` says when the query really changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, loading, reload };
}
