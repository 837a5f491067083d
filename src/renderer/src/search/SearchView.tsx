import {
  forwardRef,
  memo,
  type ReactNode,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import type {
  BlockHit,
  Collection,
  DocumentSearchHit,
  ExcerptSearchHit,
  FacetCount,
  SearchSort,
} from '../../../shared/dto';
import { dragExcerpts } from '../briefing/drag';
import { EmptyState } from '../components/EmptyState';
import { ErrorNote } from '../components/ErrorNote';
import { MOD } from '../components/Kbd';
import { useLibraryVersion } from '../library-version';
import { Marked } from './Marked';
import { withFilter, withYear } from './query-edit';
import { SavedSearches } from './SavedSearches';
import { useSearch } from './use-search';

/** Where a hit leads in the reader: the passage to scroll to and the words to highlight. */
export type SearchTarget = Readonly<{
  documentId: string;
  start: number;
  end: number;
  matches: readonly (readonly [number, number])[];
  excerptId?: string;
}>;

type Props = Readonly<{
  query: string;
  onQuery: (query: string) => void;
  collections: readonly Collection[];
  canAddToBriefing: boolean;
  onOpen: (target: SearchTarget) => void;
  onExcerptPassage: (documentId: string, start: number, end: number) => void;
  onAddToCollection: (excerptIds: readonly string[], collectionId: string) => void;
  onAddToBriefing: (excerptIds: readonly string[]) => void;
}>;

export type SearchViewHandle = Readonly<{ focus: () => void }>;

type Row =
  | { kind: 'excerpt'; key: string; excerpt: ExcerptSearchHit }
  | { kind: 'passage'; key: string; document: DocumentSearchHit; hit: BlockHit }
  | { kind: 'document'; key: string; document: DocumentSearchHit };

function rowsOf(excerpts: readonly ExcerptSearchHit[], documents: readonly DocumentSearchHit[]): Row[] {
  const rows: Row[] = excerpts.map((excerpt) => ({
    kind: 'excerpt',
    key: `x:${excerpt.excerptId}`,
    excerpt,
  }));
  for (const document of documents) {
    if (document.hits.length === 0)
      rows.push({ kind: 'document', key: `d:${document.documentId}`, document });
    for (const hit of document.hits) {
      rows.push({ kind: 'passage', key: `p:${document.documentId}:${hit.blockId}`, document, hit });
    }
  }
  return rows;
}

function targetOf(row: Row): SearchTarget {
  if (row.kind === 'excerpt') {
    const { documentId, start, end, excerptId } = row.excerpt;
    return { documentId, start, end, matches: [], excerptId };
  }
  if (row.kind === 'document') return { documentId: row.document.documentId, start: 0, end: 0, matches: [] };
  return {
    documentId: row.document.documentId,
    start: row.hit.start,
    end: row.hit.end,
    matches: row.hit.matches,
  };
}

function metaLine(document: DocumentSearchHit): string {
  return [document.author, document.outlet, document.publishedAt?.slice(0, 10)]
    .filter((part): part is string => part !== null && part !== undefined && part !== '')
    .join(' · ');
}

const SYNTAX = [
  ['grain exports', 'every word'],
  ['"war-risk premium"', 'exact phrase'],
  ['sanction*', 'words starting with'],
  ['-opinion', 'leave out'],
  ['Baltic OR Black', 'either'],
  ['author:okafor outlet:"Northern Ledger"', 'who and where'],
  ['tag:energy in:excerpts', 'your excerpts'],
  ['after:2025-01-01 before:2025-07-01', 'when published'],
] as const;

/**
 * Search across the corpus and every excerpt: type to search, arrows to move, Enter to open the
 * passage in the reader with the words highlighted.
 */
export const SearchView = memo(
  forwardRef<SearchViewHandle, Props>(function SearchView(props, ref) {
    const { version } = useLibraryVersion();
    const [sort, setSort] = useState<SearchSort>('relevance');
    const [active, setActive] = useState(0);
    const input = useRef<HTMLInputElement>(null);
    const list = useRef<HTMLDivElement>(null);
    const sentinel = useRef<HTMLDivElement>(null);
    const state = useSearch(props.query, sort, version);
    const { results, documents, loadMore } = state;
    const rows = useMemo(() => rowsOf(results?.excerpts ?? [], documents), [results, documents]);
    const activeIndex = Math.min(active, Math.max(0, rows.length - 1));

    useImperativeHandle(ref, () => ({
      focus: () => {
        input.current?.focus();
        input.current?.select();
      },
    }));

    useEffect(() => {
      const element = list.current?.querySelector<HTMLElement>(`[data-row-index="${activeIndex}"]`);
      element?.scrollIntoView({ block: 'nearest' });
    }, [activeIndex]);

    // Infinite scroll: the next page loads when the end of the list comes into view.
    useEffect(() => {
      const target = sentinel.current;
      if (target === null || typeof IntersectionObserver === 'undefined') return;
      const observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) loadMore();
      });
      observer.observe(target);
      return () => observer.disconnect();
    }, [loadMore, documents.length]);

    const open = (index: number) => {
      const row = rows[index];
      if (row !== undefined) props.onOpen(targetOf(row));
    };

    const onKeyDown = (event: KeyboardEvent) => {
      // Keys belong to the search field and the result list, not to forms such as "Save search".
      const target = event.target as Node;
      if (target !== input.current && list.current?.contains(target) !== true) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive(Math.max(0, Math.min(rows.length - 1, activeIndex + step)));
      } else if (event.key === 'Enter' && !event.altKey) {
        event.preventDefault();
        open(activeIndex);
      } else if (event.key === 'Enter' && event.altKey) {
        const row = rows[activeIndex];
        if (row?.kind === 'passage') {
          event.preventDefault();
          props.onExcerptPassage(row.document.documentId, row.hit.start, row.hit.end);
        }
      } else if (event.key === 'Escape' && props.query !== '') {
        event.preventDefault();
        props.onQuery('');
      }
    };

    const setQuery = (query: string) => {
      setActive(0);
      props.onQuery(query);
    };

    const typed = props.query.trim() !== '';
    const status =
      results === null || !typed
        ? ''
        : !results.searched
          ? 'Nothing to search yet'
          : `${results.documentTotal} document${results.documentTotal === 1 ? '' : 's'} · ${results.excerptTotal} excerpt${results.excerptTotal === 1 ? '' : 's'}`;

    const indexOf = new Map(rows.map((row, index) => [row.key, index]));
    const indexFor = (key: string): number => indexOf.get(key) ?? -1;
    const hitRow = (
      key: string,
      content: ReactNode,
      actions: ReactNode = null,
      dragExcerpt?: ExcerptSearchHit,
    ) => {
      const index = indexFor(key);
      return (
        <HitRow
          key={key}
          index={index}
          active={index === activeIndex}
          onActivate={() => setActive(index)}
          onOpen={() => open(index)}
          actions={actions}
          dragExcerpt={dragExcerpt}
        >
          {content}
        </HitRow>
      );
    };

    return (
      <div className="search-view" onKeyDown={onKeyDown}>
        <div className="search-view__bar">
          <input
            ref={input}
            type="search"
            className="field search-view__input"
            placeholder={`Search everything (${MOD}+K)`}
            aria-label="Search"
            aria-controls="search-results"
            aria-activedescendant={rows.length > 0 ? `search-row-${activeIndex}` : undefined}
            spellCheck={false}
            value={props.query}
            onChange={(event) => setQuery(event.target.value)}
          />
          <select
            className="field field--small"
            aria-label="Sort results"
            value={sort}
            onChange={(event) => setSort(event.target.value === 'date' ? 'date' : 'relevance')}
          >
            <option value="relevance">Best match</option>
            <option value="date">Newest first</option>
          </select>
        </div>
        <SavedSearches query={props.query} onRun={setQuery} />
        {state.error === null ? null : <ErrorNote message={state.error} />}
        {!typed ? (
          <EmptyState title="Search every document and excerpt">
            <dl className="search-syntax">
              {SYNTAX.map(([example, meaning]) => (
                <div key={example} className="search-syntax__row">
                  <dt>
                    <button
                      type="button"
                      className="search-syntax__example"
                      onClick={() => setQuery(example)}
                    >
                      {example}
                    </button>
                  </dt>
                  <dd>{meaning}</dd>
                </div>
              ))}
            </dl>
            <p>
              ↑ ↓ move through hits, Enter opens the passage, Alt+Enter excerpts it. {MOD}+K comes back here
              from anywhere.
            </p>
          </EmptyState>
        ) : (
          <>
            <div className="search-view__status" role="status" aria-live="polite">
              {status}
              {state.searching ? <span className="search-view__busy"> · searching…</span> : null}
            </div>
            {state.facets === null || results?.searched !== true ? null : (
              <Facets
                stale={state.facetsStale}
                facets={state.facets}
                onOutlet={(value) => setQuery(withFilter(props.query, 'outlet', value))}
                onAuthor={(value) => setQuery(withFilter(props.query, 'author', value))}
                onTag={(value) => setQuery(withFilter(props.query, 'tag', value))}
                onYear={(value) => setQuery(withYear(props.query, value))}
              />
            )}
            {results !== null && results.searched && rows.length === 0 && !state.searching ? (
              <EmptyState title="No documents or excerpts match">
                Try fewer words, a shorter prefix with *, or remove a filter.
              </EmptyState>
            ) : null}
            {results !== null && !results.searched ? (
              <EmptyState title="Nothing to search">
                Type a word of at least one letter or digit; punctuation alone is not searched.
              </EmptyState>
            ) : null}
            <div
              className="search-results"
              id="search-results"
              role="listbox"
              aria-label="Search results"
              ref={list}
            >
              {results !== null && results.excerpts.length > 0 ? (
                <section className="search-group" aria-label="Excerpts">
                  <h3 className="search-group__title">
                    Excerpts
                    {results.excerptTotal > results.excerpts.length ? (
                      <span className="search-group__more">
                        {' '}
                        · {results.excerptTotal} in all —{' '}
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => setQuery(`${props.query} in:excerpts`)}
                        >
                          show all
                        </button>
                      </span>
                    ) : null}
                  </h3>
                  {results.excerpts.map((excerpt) =>
                    hitRow(
                      `x:${excerpt.excerptId}`,
                      <>
                        <span className="search-hit__quote">
                          “<Marked text={excerpt.quote} />”
                        </span>
                        <span className="search-hit__meta">
                          {excerpt.documentTitle}
                          {excerpt.tags.length === 0
                            ? ''
                            : ` · ${excerpt.tags.map((tag) => `#${tag}`).join(' ')}`}
                        </span>
                        {excerpt.note === null ? null : (
                          <span className="search-hit__note">
                            <Marked text={excerpt.note} />
                          </span>
                        )}
                      </>,
                      <>
                        <select
                          className="field field--small"
                          aria-label="Add excerpt to collection"
                          value=""
                          disabled={props.collections.length === 0}
                          onChange={(event) => {
                            if (event.target.value !== '')
                              props.onAddToCollection([excerpt.excerptId], event.target.value);
                          }}
                        >
                          <option value="">
                            {props.collections.length === 0 ? 'No collections' : 'Add to collection…'}
                          </option>
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
                          onClick={() => props.onAddToBriefing([excerpt.excerptId])}
                        >
                          Add to briefing
                        </button>
                      </>,
                      excerpt,
                    ),
                  )}
                </section>
              ) : null}
              {documents.map((document) => (
                <section
                  key={document.documentId}
                  className="search-group search-group--document"
                  aria-label={document.title.text}
                >
                  <h3 className="search-doc__title">
                    <Marked text={document.title} />
                  </h3>
                  <p className="search-doc__meta">{metaLine(document)}</p>
                  {document.hits.length === 0
                    ? hitRow(
                        `d:${document.documentId}`,
                        <span className="search-hit__meta">Open document</span>,
                      )
                    : document.hits.map((hit) =>
                        hitRow(
                          `p:${document.documentId}:${hit.blockId}`,
                          <span className="search-hit__snippet">
                            {hit.page === null ? null : (
                              <span className="search-hit__page">p. {hit.page} </span>
                            )}
                            <Marked text={hit.snippet} />
                          </span>,
                          <button
                            type="button"
                            className="button button--small"
                            title="Make an excerpt of this whole paragraph (Alt+Enter)"
                            onClick={() => props.onExcerptPassage(document.documentId, hit.start, hit.end)}
                          >
                            Excerpt paragraph
                          </button>,
                        ),
                      )}
                </section>
              ))}
              {results !== null && documents.length < results.documentTotal ? (
                <div ref={sentinel} className="search-results__more">
                  <button type="button" className="button button--small button--quiet" onClick={loadMore}>
                    {state.loadingMore
                      ? 'Loading…'
                      : `Show more (${results.documentTotal - documents.length} left)`}
                  </button>
                </div>
              ) : null}
            </div>
          </>
        )}
      </div>
    );
  }),
);

/** One hit in the result list: an option of the listbox; a click selects it, the body opens it. */
function HitRow(props: {
  index: number;
  active: boolean;
  onActivate: () => void;
  onOpen: () => void;
  actions: ReactNode;
  children: ReactNode;
  /** An excerpt hit can be dragged onto the briefing. */
  dragExcerpt?: ExcerptSearchHit | undefined;
}) {
  const excerpt = props.dragExcerpt;
  return (
    <div
      draggable={excerpt !== undefined}
      onDragStart={
        excerpt === undefined
          ? undefined
          : (event) => dragExcerpts(event, [excerpt.excerptId], excerpt.quote.text)
      }
      data-row-index={props.index}
      role="option"
      id={`search-row-${props.index}`}
      aria-selected={props.active}
      className={`search-hit${props.active ? ' is-active' : ''}`}
      onMouseDown={props.onActivate}
      onDoubleClick={props.onOpen}
    >
      <button type="button" className="search-hit__open" tabIndex={-1} onClick={props.onOpen}>
        {props.children}
      </button>
      {props.actions === null ? null : <div className="search-hit__actions">{props.actions}</div>}
    </div>
  );
}

function FacetGroup({
  label,
  items,
  onPick,
}: {
  label: string;
  items: readonly FacetCount[];
  onPick: (value: string) => void;
}) {
  if (items.length === 0) return null;
  return (
    <div className="facet-group" role="group" aria-label={`Filter by ${label.toLowerCase()}`}>
      <span className="facet-group__label">{label}</span>
      {items.map((item) => (
        <button key={item.value} type="button" className="facet" onClick={() => onPick(item.value)}>
          {item.value} <span className="facet__count">{item.count}</span>
        </button>
      ))}
    </div>
  );
}

function Facets(props: {
  stale: boolean;
  facets: NonNullable<ReturnType<typeof useSearch>['facets']>;
  onOutlet: (value: string) => void;
  onAuthor: (value: string) => void;
  onYear: (value: string) => void;
  onTag: (value: string) => void;
}) {
  const { facets } = props;
  return (
    <div className={`facets${props.stale ? ' is-stale' : ''}`} aria-busy={props.stale}>
      <FacetGroup label="Outlet" items={facets.outlets} onPick={props.onOutlet} />
      <FacetGroup label="Author" items={facets.authors} onPick={props.onAuthor} />
      <FacetGroup label="Year" items={facets.years} onPick={props.onYear} />
      <FacetGroup label="Tag" items={facets.tags} onPick={props.onTag} />
    </div>
  );
}
