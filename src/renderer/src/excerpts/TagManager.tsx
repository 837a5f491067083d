import { useState } from 'react';
import type { TagCount } from '../../../shared/dto';
import { call, errorMessage } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { useLibraryVersion } from '../library-version';

/** Renames tags; renaming onto an existing tag merges the two. Undo with Ctrl+Z. */
export function TagManager({ tags }: { tags: readonly TagCount[] }) {
  const { changed } = useLibraryVersion();
  const [error, setError] = useState<string | null>(null);
  if (tags.length === 0) return null;
  const rename = (from: string, to: string) => {
    const target = to.trim();
    if (target === '' || target === from) return;
    setError(null);
    call('renameTag', { from, to: target })
      .then(changed)
      .catch((reason: unknown) => setError(errorMessage(reason)));
  };
  return (
    <details className="tag-manager">
      <summary>Tags ({tags.length})</summary>
      {error === null ? null : <ErrorNote message={error} />}
      <ul className="tag-manager__list" aria-label="Tags">
        {tags.map((tag) => (
          <li key={tag.name} className="tag-manager__item">
            <input
              className="field field--small"
              aria-label={`Rename tag ${tag.name}`}
              defaultValue={tag.name}
              maxLength={64}
              onBlur={(event) => rename(tag.name, event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') event.currentTarget.blur();
              }}
            />
            <span className="pane__count">{tag.count}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
