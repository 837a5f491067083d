import { memo, useState, type FormEvent } from 'react';
import type { BundleImportSummary, Collection, ExcerptDetail } from '../../../shared/dto';
import { call, errorMessage } from '../api';
import { dragCollection } from '../briefing/drag';
import { EmptyState } from '../components/EmptyState';
import { ErrorNote } from '../components/ErrorNote';
import { useLibraryVersion } from '../library-version';
import { useQuery } from '../use-query';
import { CollectionItems } from './CollectionItems';
import { useCollectionExcerpts } from './use-collection-excerpts';

type Props = Readonly<{
  collections: readonly Collection[];
  onOpenExcerpt: (excerpt: ExcerptDetail) => void;
  /** Adds the whole collection, in its order, to the open briefing; null when none is open. */
  onInsertInBriefing: ((collectionId: string) => void) | null;
}>;

/** Collections: create, open, reorder, rename, delete, and share them as bundle files. */
export const CollectionsView = memo(function CollectionsView({
  collections,
  onOpenExcerpt,
  onInsertInBriefing,
}: Props) {
  const { version, changed } = useLibraryVersion();
  const [openId, setOpenId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const detail = useQuery(
    openId === null ? null : () => call('getCollection', { collectionId: openId }),
    `collection:${openId ?? ''}:${version}`,
    {
      keepPrevious: true,
    },
  );

  const run = (work: () => Promise<unknown>) => {
    setError(null);
    work()
      .then(changed)
      .catch((reason: unknown) => setError(errorMessage(reason)));
  };
  const create = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') return;
    run(async () => {
      const created = await call('createCollection', { name: trimmed });
      setName('');
      setOpenId(created.id);
    });
  };
  const describeImport = (summary: BundleImportSummary) =>
    `Imported “${summary.collectionName}”: ${summary.excerptsAdded} excerpts added, ${summary.excerptsAlreadyPresent} already here; ${summary.documentsAdded} documents added, ${summary.documentsAlreadyPresent} already here; ${summary.verified} quotes verified.`;

  const open = detail.data?.id === openId ? detail.data : undefined;
  const items = useCollectionExcerpts(open, `collection:${openId ?? ''}:${version}`);
  return (
    <div className="collections">
      <form className="collections__new" onSubmit={create} aria-label="New collection">
        <input
          className="field field--small"
          aria-label="New collection name"
          placeholder="New collection…"
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={200}
        />
        <button type="submit" className="button button--small" disabled={name.trim() === ''}>
          Create
        </button>
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={() =>
            run(async () => {
              const summary = await call('importCollectionBundle', {});
              if (summary !== null) {
                setNotice(describeImport(summary));
                setOpenId(summary.collectionId);
              }
            })
          }
        >
          Import bundle…
        </button>
      </form>
      {error === null ? null : <ErrorNote message={error} onDismiss={() => setError(null)} />}
      {notice === null ? null : (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {collections.length === 0 ? (
        <EmptyState title="No collections yet">
          Name one above, then add excerpts to it from the reader or the excerpts list.
        </EmptyState>
      ) : null}
      <ul className="collection-list" aria-label="Collections">
        {collections.map((collection) => (
          <li key={collection.id}>
            <button
              type="button"
              draggable
              title="Drag onto the briefing to insert the whole collection"
              onDragStart={(event) => dragCollection(event, collection.id, collection.name)}
              className={`collection-list__item${collection.id === openId ? ' is-selected' : ''}`}
              aria-current={collection.id === openId ? 'true' : undefined}
              onClick={() => setOpenId(collection.id === openId ? null : collection.id)}
            >
              <span>{collection.name}</span>
              <span className="pane__count">{collection.excerptCount}</span>
            </button>
          </li>
        ))}
      </ul>
      {open === undefined ? null : (
        <section className="collection-detail" aria-label={`Collection ${open.name}`}>
          <header className="collection-detail__header">
            <input
              key={`${open.id}:${open.updatedAt}`}
              className="field field--small collection-detail__name"
              aria-label="Collection name"
              defaultValue={open.name}
              onBlur={(event) => {
                const value = event.target.value.trim();
                if (value !== '' && value !== open.name)
                  run(() => call('updateCollection', { collectionId: open.id, name: value }));
              }}
            />
            <textarea
              key={`description:${open.id}:${open.updatedAt}`}
              className="field field--area collection-detail__description"
              aria-label="Collection description"
              placeholder="What this collection is for…"
              rows={2}
              defaultValue={open.description}
              maxLength={5000}
              onBlur={(event) => {
                if (event.target.value !== open.description)
                  run(() =>
                    call('updateCollection', { collectionId: open.id, description: event.target.value }),
                  );
              }}
            />
          </header>
          {open.excerpts.length === 0 ? (
            <EmptyState title="This collection is empty">Use “Add to collection…” on any excerpt.</EmptyState>
          ) : null}
          <CollectionItems
            excerpts={items.excerpts}
            total={open.excerptCount}
            onOpen={onOpenExcerpt}
            onMove={(excerpt, toIndex) =>
              run(() => call('moveInCollection', { collectionId: open.id, excerptId: excerpt.id, toIndex }))
            }
            onRemove={(excerpt) =>
              run(() => call('removeFromCollection', { collectionId: open.id, excerptIds: [excerpt.id] }))
            }
          />
          {items.error === null ? null : <ErrorNote message={items.error} />}
          {items.left > 0 ? (
            <button
              type="button"
              className="button button--small button--quiet collection-detail__more"
              disabled={items.loading}
              onClick={items.showMore}
            >
              {items.loading ? 'Loading…' : `Show more (${items.left} left)`}
            </button>
          ) : null}
          <footer className="collection-detail__actions">
            <button
              type="button"
              className="button button--small"
              disabled={onInsertInBriefing === null || open.excerpts.length === 0}
              title={
                onInsertInBriefing === null ? 'Open a briefing first' : 'Adds every excerpt, in this order'
              }
              onClick={() => onInsertInBriefing?.(open.id)}
            >
              Insert in briefing
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() =>
                run(async () => {
                  const result = await call('exportCollectionBundle', { collectionId: open.id });
                  if (result.path !== null) setNotice(`Exported “${open.name}” to ${result.path}`);
                })
              }
            >
              Export bundle…
            </button>
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() =>
                run(async () => {
                  await call('deleteCollection', { collectionId: open.id });
                  setOpenId(null);
                  setNotice(`Deleted “${open.name}”. Press Ctrl+Z to undo.`);
                })
              }
            >
              Delete collection
            </button>
          </footer>
        </section>
      )}
    </div>
  );
});
