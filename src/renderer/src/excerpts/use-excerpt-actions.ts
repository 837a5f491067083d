import { useCallback, useMemo, useState } from 'react';
import type { ExcerptDetail } from '../../../shared/dto';
import { call, errorMessage } from '../api';
import { useLibraryVersion } from '../library-version';
import type { ExcerptActions } from './ExcerptCard';
import { stepEdge } from './word-steps';

/** The edits an excerpt card offers, each followed by a refresh of every view. */
export function useExcerptActions(
  options: Readonly<{ documentText?: string; onAddToBriefing?: (excerpt: ExcerptDetail) => void }>,
) {
  const { changed } = useLibraryVersion();
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    (work: () => Promise<unknown>) => {
      setError(null);
      work()
        .then(changed)
        .catch((reason: unknown) => setError(errorMessage(reason)));
    },
    [changed],
  );
  const { documentText, onAddToBriefing } = options;
  const actions = useMemo<ExcerptActions>(
    () => ({
      ...(onAddToBriefing === undefined ? {} : { onAddToBriefing }),
      onAddToCollection: (excerpt, collectionId) =>
        run(() => call('addToCollection', { collectionId, excerptIds: [excerpt.id] })),
      onUpdate: (excerpt, change) => run(() => call('updateExcerpt', { excerptId: excerpt.id, ...change })),
      onDelete: (excerpt) => run(() => call('deleteExcerpt', { excerptId: excerpt.id })),
      ...(documentText === undefined
        ? {}
        : {
            onResize: (excerpt: ExcerptDetail, edge: 'start' | 'end', direction: -1 | 1) => {
              const next = stepEdge(documentText, excerpt.start, excerpt.end, edge, direction);
              if (next.start === excerpt.start && next.end === excerpt.end) return;
              run(() => call('resizeExcerpt', { excerptId: excerpt.id, ...next }));
            },
          }),
    }),
    [run, documentText, onAddToBriefing],
  );
  return { actions, error, clearError: () => setError(null) };
}
