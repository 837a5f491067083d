import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from './api';

export type Query<T> = Readonly<{
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}>;

type Answer<T> = Readonly<{ key: string; generation: number; data: T | undefined; error: string | null }>;

/**
 * Loads data through the API whenever `key` changes (or `reload` is called). Answers for an older
 * key are ignored; while reloading the same key, the previous data stays on screen.
 */
export function useQuery<T>(
  load: (() => Promise<T>) | null,
  key: string,
  options: Readonly<{ keepPrevious?: boolean }> = {},
): Query<T> {
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (load === null) return;
    let current = true;
    load().then(
      (data) => {
        if (current) setAnswer({ key, generation, data, error: null });
      },
      (reason: unknown) => {
        if (current) {
          setAnswer((previous) => ({
            key,
            generation,
            data: previous?.key === key ? previous.data : undefined,
            error: errorMessage(reason),
          }));
        }
      },
    );
    return () => {
      current = false;
    };
    // `load` is a new closure on every render; `key` and `generation` say when to load again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const fresh = load !== null && answer !== null && answer.key === key;
  return {
    // Showing the last answer while a new key loads avoids flashes when only a version changed.
    data: fresh ? answer.data : options.keepPrevious === true && load !== null ? answer?.data : undefined,
    error: fresh ? answer.error : null,
    loading: load !== null && (!fresh || answer.generation !== generation),
    reload,
  };
}
