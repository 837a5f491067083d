import { useCallback, useMemo, useState } from 'react';
import type { DocumentMetadataInput, ExcerptDetail } from '../../../shared/dto';
import { call, errorMessage } from '../api';
import { useLibraryVersion } from '../library-version';
import { useQuery } from '../use-query';
import type { TextRange } from './selection';

const EXCERPT_PAGE = 500;

/** Every excerpt of a document, a page (at most 500, the API's most) at a time. */
async function allExcerptsOf(documentId: string): Promise<readonly ExcerptDetail[]> {
  const all: ExcerptDetail[] = [];
  for (;;) {
    const page = await call('listExcerpts', { documentId, offset: all.length, limit: EXCERPT_PAGE });
    all.push(...page);
    if (page.length < EXCERPT_PAGE) return all;
  }
}

/** The open document, its excerpts, and making new excerpts from selections. */
export function useReader(documentId: string | null) {
  const { version, changed } = useLibraryVersion();
  const document = useQuery(
    documentId === null ? null : () => call('getDocument', { documentId }),
    `doc:${documentId ?? ''}:${version}`,
    { keepPrevious: true },
  );
  const excerpts = useQuery(
    documentId === null ? null : () => allExcerptsOf(documentId),
    `excerpts:${documentId ?? ''}:${version}`,
    { keepPrevious: true },
  );
  // The same array until the excerpts change: the reader and the excerpt rail beside it are
  // memoised, and a new array on every render of the window would redraw every highlight and card.
  const loaded = excerpts.data;
  const documentExcerpts = useMemo<readonly ExcerptDetail[]>(
    () => (loaded ?? []).filter((excerpt) => excerpt.documentId === documentId),
    [loaded, documentId],
  );
  const [error, setError] = useState<string | null>(null);
  const [lastCreatedId, setLastCreatedId] = useState<string | null>(null);

  const addExcerpt = useCallback(
    async (range: TextRange) => {
      if (documentId === null) return;
      setError(null);
      try {
        const created = await call('createExcerpt', { documentId, start: range.start, end: range.end });
        setLastCreatedId(created.id);
        changed();
      } catch (reason) {
        setError(errorMessage(reason));
      }
    },
    [documentId, changed],
  );

  const saveMetadata = useCallback(
    async (metadata: DocumentMetadataInput) => {
      await call('updateDocumentMetadata', metadata);
      changed();
    },
    [changed],
  );

  return {
    saveMetadata,
    document: document.data?.id === documentId ? document.data : undefined,
    loading: document.loading,
    excerpts: documentExcerpts,
    error: error ?? document.error ?? excerpts.error,
    addExcerpt,
    lastCreatedId,
  };
}
