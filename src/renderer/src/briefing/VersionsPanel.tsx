import { useState, type FormEvent } from 'react';
import type { BriefingComparison } from '../../../shared/dto';
import { call, errorMessage } from '../api';
import { formatDateTime } from '../format';
import { useQuery } from '../use-query';

type Props = Readonly<{ briefingId: string; updatedAt: string; onRestore: (versionId: string) => void }>;

const REASONS = { manual: 'saved', export: 'exported', restore: 'before a restore' } as const;
const CHANGE_WORDS = { added: 'Added', removed: 'Removed', moved: 'Moved', edited: 'Edited' } as const;
const KIND_WORDS = {
  excerpt: 'excerpt',
  commentary: 'commentary',
  judgment: 'key judgment',
  section: 'section',
} as const;

/** Named versions of the briefing: save one, compare one with the draft, restore one (undoable). */
export function VersionsPanel({ briefingId, updatedAt, onRestore }: Props) {
  const [name, setName] = useState('');
  const [generation, setGeneration] = useState(0);
  const [comparedId, setComparedId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const versions = useQuery(
    () => call('listBriefingVersions', { briefingId }),
    `versions:${briefingId}:${generation}:${updatedAt}`,
    { keepPrevious: true },
  );
  // The comparison follows the draft as it is edited.
  const compared = useQuery(
    comparedId === null ? null : () => call('compareBriefingVersion', { versionId: comparedId }),
    `compare:${comparedId ?? ''}:${updatedAt}`,
    { keepPrevious: true },
  );
  const comparison: BriefingComparison | null = comparedId === null ? null : (compared.data ?? null);

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    call('saveBriefingVersion', { briefingId, name: name.trim() })
      .then(() => {
        setName('');
        setGeneration((value) => value + 1);
      })
      .catch((reason: unknown) => setError(errorMessage(reason)));
  };
  const compare = (versionId: string) => setComparedId(versionId);

  return (
    <section className="versions" aria-label="Versions">
      <form className="versions__save" onSubmit={save}>
        <input
          className="field"
          aria-label="Version name"
          placeholder="Name this version, e.g. Sent to desk"
          value={name}
          maxLength={200}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="button" disabled={name.trim() === ''}>
          Save version
        </button>
      </form>
      {(error ?? compared.error) === null ? null : (
        <p className="versions__error" role="alert">
          {error ?? compared.error}
        </p>
      )}
      {(versions.data?.length ?? 0) === 0 ? (
        <p className="versions__empty">No versions yet. Save one here; every export saves one too.</p>
      ) : (
        <ul className="versions__list">
          {versions.data?.map((version) => (
            <li key={version.id} className="versions__item">
              <span className="versions__name">{version.name}</span>
              <span className="versions__meta">
                {REASONS[version.reason]} {formatDateTime(version.createdAt)} · {version.itemCount}{' '}
                {version.itemCount === 1 ? 'block' : 'blocks'}
              </span>
              <span className="versions__actions">
                <button
                  type="button"
                  className="button button--small button--quiet"
                  aria-label={`Compare ${version.name} with the draft`}
                  onClick={() => compare(version.id)}
                >
                  Compare
                </button>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Restore ${version.name}`}
                  onClick={() => onRestore(version.id)}
                >
                  Restore
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {comparison === null ? null : (
        <div className="versions__comparison" aria-label={`Changes since ${comparison.version.name}`}>
          <h4 className="versions__comparison-title">
            Since “{comparison.version.name}”
            <button
              type="button"
              className="icon-button"
              aria-label="Close comparison"
              onClick={() => setComparedId(null)}
            >
              ×
            </button>
          </h4>
          {comparison.changes.length === 0 ? (
            <p className="versions__empty">The draft is the same as this version.</p>
          ) : (
            <ul className="versions__changes">
              {comparison.changes.map((change, index) => (
                <li key={index} className={`change change--${change.kind}`}>
                  <span className="change__kind">
                    {CHANGE_WORDS[change.kind]} {KIND_WORDS[change.itemKind]}
                  </span>{' '}
                  {change.label}
                  {change.itemKind === 'section' ? null : (
                    <span className="change__where"> in {change.section}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
