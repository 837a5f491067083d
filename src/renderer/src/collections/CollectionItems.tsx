import { useState, type DragEvent, type KeyboardEvent } from 'react';
import type { ExcerptDetail } from '../../../shared/dto';
import { dragExcerpts } from '../briefing/drag';

type Props = Readonly<{
  /** The excerpts loaded so far, from the first: a long collection loads a page at a time. */
  excerpts: readonly ExcerptDetail[];
  /** How many the collection holds. */
  total: number;
  onMove: (excerpt: ExcerptDetail, toIndex: number) => void;
  onRemove: (excerpt: ExcerptDetail) => void;
  onOpen: (excerpt: ExcerptDetail) => void;
}>;

/**
 * A collection's excerpts in order: drag to reorder, or focus one and press Alt+Up / Alt+Down.
 * Moves are announced for screen readers.
 */
export function CollectionItems({ excerpts, total, onMove, onRemove, onOpen }: Props) {
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const move = (excerpt: ExcerptDetail, toIndex: number) => {
    if (toIndex < 0 || toIndex >= total) return;
    onMove(excerpt, toIndex);
    setAnnouncement(`Moved “${excerpt.quote.slice(0, 40)}” to position ${toIndex + 1} of ${total}.`);
  };
  const onKeyDown = (event: KeyboardEvent, excerpt: ExcerptDetail, index: number) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    move(excerpt, index + (event.key === 'ArrowUp' ? -1 : 1));
  };
  const onDrop = (event: DragEvent, index: number) => {
    event.preventDefault();
    const excerpt = excerpts.find((item) => item.id === dragging);
    setDragging(null);
    setOver(null);
    if (excerpt !== undefined && excerpts.indexOf(excerpt) !== index) move(excerpt, index);
  };

  return (
    <>
      <ol className="collection-items" aria-label="Excerpts in this collection">
        {excerpts.map((excerpt, index) => (
          <li
            key={excerpt.id}
            className={`collection-item${over === index ? ' is-drop-target' : ''}${dragging === excerpt.id ? ' is-dragging' : ''}`}
            draggable
            tabIndex={0}
            aria-label={`${index + 1}. ${excerpt.quote.slice(0, 80)}`}
            aria-describedby="collection-move-hint"
            onDragStart={(event) => {
              setDragging(excerpt.id);
              // Reorders within the collection, or drops onto the briefing as an excerpt block.
              dragExcerpts(event, [excerpt.id], excerpt.quote);
            }}
            onDragOver={(event) => {
              event.preventDefault();
              setOver(index);
            }}
            onDragEnd={() => {
              setDragging(null);
              setOver(null);
            }}
            onDrop={(event) => onDrop(event, index)}
            onKeyDown={(event) => onKeyDown(event, excerpt, index)}
          >
            <span className="collection-item__grip" aria-hidden="true">
              ⠿
            </span>
            <button type="button" className="collection-item__quote" onClick={() => onOpen(excerpt)}>
              {excerpt.quote}
            </button>
            <span className="collection-item__source">{excerpt.documentTitle}</span>
            <span className="collection-item__actions">
              <button
                type="button"
                className="button button--small button--quiet"
                aria-label="Move up"
                disabled={index === 0}
                onClick={() => move(excerpt, index - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="button button--small button--quiet"
                aria-label="Move down"
                disabled={index === total - 1}
                onClick={() => move(excerpt, index + 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="button button--small button--quiet"
                aria-label="Remove from collection"
                onClick={() => onRemove(excerpt)}
              >
                ×
              </button>
            </span>
          </li>
        ))}
      </ol>
      <p id="collection-move-hint" className="visually-hidden">
        Press Alt+Up or Alt+Down to move.
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
