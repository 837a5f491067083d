import { useState } from 'react';
import { call } from '../api';
import { useQuery } from '../use-query';

/** How many matching documents the picker offers at once (the library may hold 50,000). */
const MATCHES_SHOWN = 50;

type Props = Readonly<{
  documentId: string | undefined;
  version: number;
  onChange: (documentId: string) => void;
}>;

/**
 * Picks one document to filter by: type part of its title, author or outlet, then choose among the
 * first matches. The library is never loaded whole for this.
 */
export function DocumentFilter({ documentId, version, onChange }: Props) {
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<{ id: string; title: string } | null>(null);
  const trimmed = query.trim();
  const matches = useQuery(
    () =>
      call('listDocumentPage', {
        ...(trimmed === '' ? {} : { query: trimmed }),
        offset: 0,
        limit: MATCHES_SHOWN,
      }),
    `document-filter:${version}:${trimmed}`,
    { keepPrevious: true },
  );
  const items = matches.data?.items ?? [];
  const current = documentId === undefined ? null : chosen?.id === documentId ? chosen : null;
  const more = (matches.data?.total ?? 0) - items.length;
  return (
    <div className="filters__document">
      <input
        type="search"
        className="field field--small"
        aria-label="Find a document to filter by"
        placeholder="Find document…"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <select
        className="field field--small"
        aria-label="Filter by document"
        value={documentId ?? ''}
        onChange={(event) => {
          const id = event.target.value;
          const item = items.find((entry) => entry.id === id);
          setChosen(item === undefined ? null : { id, title: item.title });
          onChange(id);
        }}
      >
        <option value="">All documents</option>
        {current !== null && !items.some((item) => item.id === current.id) ? (
          <option value={current.id}>{current.title}</option>
        ) : null}
        {items.map((document) => (
          <option key={document.id} value={document.id}>
            {document.title}
          </option>
        ))}
        {more > 0 ? (
          <option value="" disabled>
            {`${more} more: type to narrow`}
          </option>
        ) : null}
      </select>
    </div>
  );
}
