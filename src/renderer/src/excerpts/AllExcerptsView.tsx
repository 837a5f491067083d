import { memo, useCallback, useState } from 'react';
import type { Collection, ExcerptDetail, ExcerptFilter, ExcerptSort, TagCount } from '../../../shared/dto';
import { EmptyState } from '../components/EmptyState';
import { ErrorNote } from '../components/ErrorNote';
import { VirtualList } from '../components/VirtualList';
import { call, errorMessage } from '../api';
import { useLibraryVersion } from '../library-version';
import { useQuery } from '../use-query';
import { DocumentFilter } from './DocumentFilter';
import { IntegrityPanel } from './IntegrityPanel';
import { ExcerptRow } from './ExcerptRow';
import { TagManager } from './TagManager';
import { useExcerptPages } from './use-excerpt-pages';

type Props = Readonly<{
  tags: readonly TagCount[];
  collections: readonly Collection[];
  canAddToBriefing: boolean;
  onOpen: (excerpt: ExcerptDetail) => void;
  onAddToCollection: (excerptIds: readonly string[], collectionId: string) => void;
  onAddToBriefing: (excerptIds: readonly string[]) => void;
}>;

const ROW_HEIGHT = 84;

/** Every excerpt in the library, filtered and sorted, in a virtualised list with multi-select. */
export const AllExcerptsView = memo(function AllExcerptsView(props: Props) {
  const { version } = useLibraryVersion();
  const [filter, setFilter] = useState<ExcerptFilter>({});
  const [sort, setSort] = useState<ExcerptSort>('recent');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [anchor, setAnchor] = useState<number | null>(null);
  const pages = useExcerptPages(filter, sort, version);
  const outlets =
    useQuery(() => call('listOutlets', {}), `outlets:${version}`, { keepPrevious: true }).data ?? [];
  const setField = (field: keyof ExcerptFilter, value: string) =>
    setFilter((previous) => {
      const next: Record<string, string> = { ...previous };
      if (value === '') delete next[field];
      else next[field] = value;
      return next;
    });

  const { rowsBetween } = pages;
  const [selectError, setSelectError] = useState<string | null>(null);
  const [selecting, setSelecting] = useState(false);
  // Stable while the list stays the same, so the memoised rows do not re-render as it scrolls.
  const toggle = useCallback(
    (index: number, excerpt: ExcerptDetail, shift: boolean) => {
      setAnchor(index);
      setSelectError(null);
      if (!shift || anchor === null) {
        setSelected((previous) => {
          const next = new Set(previous);
          if (next.has(excerpt.id)) next.delete(excerpt.id);
          else next.add(excerpt.id);
          return next;
        });
        return;
      }
      // Shift+click selects the whole run, rows not loaded (or no longer held) included.
      setSelecting(true);
      rowsBetween(Math.min(anchor, index), Math.max(anchor, index))
        .then(
          (rows) => {
            if (rows === null) return;
            setSelected((previous) => new Set([...previous, ...rows.map((row) => row.id)]));
          },
          (reason: unknown) =>
            setSelectError(`Could not select those excerpts (${errorMessage(reason)}). Shift+click again.`),
        )
        .finally(() => setSelecting(false));
    },
    [anchor, rowsBetween],
  );

  const ids = [...selected];
  return (
    <div className="all-excerpts">
      <div className="filters" role="group" aria-label="Filter excerpts">
        <select
          className="field field--small"
          aria-label="Filter by tag"
          value={filter.tag ?? ''}
          onChange={(event) => setField('tag', event.target.value)}
        >
          <option value="">All tags</option>
          {props.tags.map((tag) => (
            <option key={tag.name} value={tag.name}>
              {tag.name} ({tag.count})
            </option>
          ))}
        </select>
        <select
          className="field field--small"
          aria-label="Filter by outlet"
          value={filter.outlet ?? ''}
          onChange={(event) => setField('outlet', event.target.value)}
        >
          <option value="">All outlets</option>
          {outlets.map((outlet) => (
            <option key={outlet} value={outlet}>
              {outlet}
            </option>
          ))}
        </select>
        <DocumentFilter
          documentId={filter.documentId}
          version={version}
          onChange={(documentId) => setField('documentId', documentId)}
        />
        <div className="filters__dates">
          <input
            type="date"
            className="field field--small"
            aria-label="Published from"
            value={filter.from ?? ''}
            onChange={(event) => setField('from', event.target.value)}
          />
          <input
            type="date"
            className="field field--small"
            aria-label="Published to"
            value={filter.to ?? ''}
            onChange={(event) => setField('to', event.target.value)}
          />
        </div>
        <select
          className="field field--small"
          aria-label="Sort"
          value={sort}
          onChange={(event) => setSort(event.target.value === 'document' ? 'document' : 'recent')}
        >
          <option value="recent">Newest first</option>
          <option value="document">By document</option>
        </select>
      </div>
      <IntegrityPanel />
      <TagManager tags={props.tags} />
      <div className="selection-bar" role="toolbar" aria-label="Selected excerpts">
        <span className="selection-bar__count" role="status">
          {pages.total === null
            ? 'Loading…'
            : `${pages.total} excerpts${ids.length > 0 ? ` · ${ids.length} selected` : ''}${selecting ? ' · selecting…' : ''}`}
        </span>
        {ids.length === 0 ? null : (
          <>
            <select
              className="field field--small"
              aria-label="Add selected to collection"
              value=""
              onChange={(event) => {
                if (event.target.value !== '') props.onAddToCollection(ids, event.target.value);
              }}
            >
              <option value="">Add to collection…</option>
              {props.collections.map((collection) => (
                <option key={collection.id} value={collection.id}>
                  {collection.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button--small"
              disabled={!props.canAddToBriefing}
              onClick={() => props.onAddToBriefing(ids)}
            >
              Add to briefing
            </button>
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => setSelected(new Set())}
            >
              Clear
            </button>
          </>
        )}
      </div>
      {pages.error === null ? null : <ErrorNote message={pages.error} />}
      {selectError === null ? null : (
        <ErrorNote message={selectError} onDismiss={() => setSelectError(null)} />
      )}
      {pages.total === 0 ? (
        <EmptyState
          title={Object.keys(filter).length === 0 ? 'No excerpts yet' : 'No excerpts match these filters'}
        >
          {Object.keys(filter).length === 0
            ? 'Select a passage in the reader and press Add excerpt.'
            : 'Clear a filter to see more.'}
        </EmptyState>
      ) : (
        <VirtualList
          label="All excerpts"
          count={pages.total ?? 0}
          rowHeight={ROW_HEIGHT}
          onRange={pages.onRange}
          renderRow={(index) => {
            const excerpt = pages.at(index);
            return (
              <ExcerptRow
                index={index}
                excerpt={excerpt}
                selected={excerpt !== undefined && selected.has(excerpt.id)}
                onToggle={toggle}
                onOpen={props.onOpen}
              />
            );
          }}
        />
      )}
    </div>
  );
});
