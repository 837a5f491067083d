import { useState } from 'react';
import { call, errorMessage } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { useLibraryVersion } from '../library-version';
import { useQuery } from '../use-query';

type Props = Readonly<{ query: string; onRun: (query: string) => void }>;

/** Named queries: save the current one, rerun one (seeing what is new since its last run), delete. */
export function SavedSearches({ query, onRun }: Props) {
  const { version, changed } = useLibraryVersion();
  const saved = useQuery(() => call('listSavedSearches', {}), `saved:${version}`, { keepPrevious: true });
  const [naming, setNaming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ranNote, setRanNote] = useState<string | null>(null);
  const list = saved.data ?? [];
  const canSave = query.trim() !== '' && !list.some((item) => item.query === query);

  const save = (name: string) => {
    call('saveSearch', { name, query })
      .then(() => {
        setNaming(null);
        changed();
      })
      .catch((reason: unknown) => setError(errorMessage(reason)));
  };

  const run = (id: string, savedQuery: string, name: string) => {
    onRun(savedQuery);
    call('runSavedSearch', { savedSearchId: id })
      .then((before) => {
        setRanNote(
          before.newSinceLastRun === 0
            ? `“${name}”: nothing new since the last run.`
            : `“${name}”: ${before.newSinceLastRun} new document${before.newSinceLastRun === 1 ? '' : 's'} since the last run.`,
        );
        changed();
      })
      .catch((reason: unknown) => setError(errorMessage(reason)));
  };

  return (
    <div className="saved-searches">
      {error === null ? null : <ErrorNote message={error} onDismiss={() => setError(null)} />}
      {list.length === 0 && !canSave ? null : (
        <div className="saved-searches__row" role="group" aria-label="Saved searches">
          {list.map((item) => (
            <span key={item.id} className={`saved-search${item.query === query ? ' is-current' : ''}`}>
              <button
                type="button"
                className="saved-search__run"
                title={`Run: ${item.query}`}
                onClick={() => run(item.id, item.query, item.name)}
              >
                {item.name}
                {item.newSinceLastRun > 0 ? (
                  <span className="saved-search__new" aria-label={`${item.newSinceLastRun} new`}>
                    {item.newSinceLastRun} new
                  </span>
                ) : null}
              </button>
              <button
                type="button"
                className="saved-search__delete"
                aria-label={`Delete saved search ${item.name}`}
                onClick={() => {
                  call('deleteSavedSearch', { savedSearchId: item.id })
                    .then(changed)
                    .catch((reason: unknown) => setError(errorMessage(reason)));
                }}
              >
                ×
              </button>
            </span>
          ))}
          {canSave && naming === null ? (
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => setNaming(query.trim())}
            >
              Save search…
            </button>
          ) : null}
          {naming === null ? null : (
            <form
              className="saved-searches__form"
              onSubmit={(event) => {
                event.preventDefault();
                if (naming.trim() !== '') save(naming.trim());
              }}
            >
              <input
                className="field field--small"
                aria-label="Name for this search"
                autoFocus
                maxLength={200}
                value={naming}
                onChange={(event) => setNaming(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Escape') {
                    event.stopPropagation();
                    setNaming(null);
                  }
                }}
              />
              <button type="submit" className="button button--small" disabled={naming.trim() === ''}>
                Save
              </button>
              <button
                type="button"
                className="button button--small button--quiet"
                onClick={() => setNaming(null)}
              >
                Cancel
              </button>
            </form>
          )}
        </div>
      )}
      {ranNote === null ? null : (
        <p className="saved-searches__note" role="status">
          {ranNote}
          <button
            type="button"
            className="button button--small button--quiet"
            aria-label="Dismiss"
            onClick={() => setRanNote(null)}
          >
            ×
          </button>
        </p>
      )}
    </div>
  );
}
