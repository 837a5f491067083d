import { useState } from 'react';
import { EXCERPT_COLORS, type Collection, type ExcerptColor, type ExcerptDetail } from '../../../shared/dto';
import { dragExcerpts } from '../briefing/drag';
import { TagEditor } from './TagEditor';

export type ExcerptActions = Readonly<{
  onShow?: (excerpt: ExcerptDetail) => void;
  onAddToBriefing?: (excerpt: ExcerptDetail) => void;
  onAddToCollection: (excerpt: ExcerptDetail, collectionId: string) => void;
  onUpdate: (
    excerpt: ExcerptDetail,
    change: Readonly<{ note?: string; tags?: readonly string[]; color?: ExcerptColor | null }>,
  ) => void;
  onResize?: (excerpt: ExcerptDetail, edge: 'start' | 'end', direction: -1 | 1) => void;
  onDelete: (excerpt: ExcerptDetail) => void;
}>;

/** Moving either edge of an excerpt by a word, outwards or inwards. */
const ADJUSTMENTS = [
  { label: 'Extend start by a word', text: '◀ start', edge: 'start', direction: -1 },
  { label: 'Shrink start by a word', text: 'start ▶', edge: 'start', direction: 1 },
  { label: 'Shrink end by a word', text: '◀ end', edge: 'end', direction: -1 },
  { label: 'Extend end by a word', text: 'end ▶', edge: 'end', direction: 1 },
] as const;

type Props = Readonly<{
  excerpt: ExcerptDetail;
  collections: readonly Collection[];
  tagSuggestions: readonly string[];
  canAddToBriefing: boolean;
  actions: ExcerptActions;
  /** Collapsed cards show the quote, source and tags; one card at a time opens for editing. */
  expanded?: boolean;
  onExpand?: () => void;
}>;

/** One excerpt with everything an analyst does to it inline: note, tags, colour, size, where it goes. */
export function ExcerptCard({
  excerpt,
  collections,
  tagSuggestions,
  canAddToBriefing,
  actions,
  expanded = true,
  onExpand,
}: Props) {
  const [note, setNote] = useState(excerpt.note);
  const [adjusting, setAdjusting] = useState(false);
  const onAddToBriefing = actions.onAddToBriefing;
  const addToBriefing =
    onAddToBriefing === undefined ? null : (
      <button
        type="button"
        className="button button--small"
        disabled={!canAddToBriefing}
        title={canAddToBriefing ? 'Append to the open briefing' : 'Create a briefing first'}
        onClick={() => onAddToBriefing(excerpt)}
      >
        Add to briefing
      </button>
    );
  const saveNote = () => {
    if (note.trim() !== excerpt.note) actions.onUpdate(excerpt, { note: note.trim() });
  };
  return (
    <article
      className={`excerpt-card excerpt-card--${excerpt.color ?? 'none'}`}
      aria-label={`Excerpt: ${excerpt.quote.slice(0, 60)}`}
    >
      <button
        type="button"
        className="excerpt-card__quote"
        draggable
        onDragStart={(event) => dragExcerpts(event, [excerpt.id], excerpt.quote)}
        onClick={() => actions.onShow?.(excerpt)}
        title={actions.onShow === undefined ? undefined : 'Show in the document'}
      >
        {excerpt.quote}
      </button>
      <p
        className="excerpt-card__source"
        title={`Created ${new Date(excerpt.createdAt).toLocaleString()} · edited ${new Date(excerpt.updatedAt).toLocaleString()}`}
      >
        {excerpt.documentTitle}
        {excerpt.page === null ? '' : `, p. ${excerpt.page}`}
      </p>
      {expanded ? null : (
        <div className="excerpt-card__compact">
          {excerpt.note === '' ? null : <p className="excerpt-card__note-text">{excerpt.note}</p>}
          {excerpt.tags.length === 0 ? null : (
            <p className="excerpt-card__tags">{excerpt.tags.map((tag) => `#${tag}`).join(' ')}</p>
          )}
          <div className="excerpt-card__actions">
            {addToBriefing}
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={onExpand}
              aria-label="Edit note, tags and colour"
            >
              Edit
            </button>
          </div>
        </div>
      )}
      {!expanded ? null : (
        <>
          <textarea
            className="excerpt-card__note"
            aria-label="Note"
            placeholder="Add a note…"
            rows={note === '' ? 1 : 2}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            onBlur={saveNote}
          />
          <TagEditor
            tags={excerpt.tags}
            suggestions={tagSuggestions}
            onChange={(tags) => actions.onUpdate(excerpt, { tags })}
          />
          <div className="excerpt-card__colors" role="radiogroup" aria-label="Colour">
            {EXCERPT_COLORS.map((color) => (
              <button
                key={color}
                type="button"
                role="radio"
                aria-checked={excerpt.color === color}
                aria-label={color}
                className={`swatch swatch--${color}`}
                onClick={() => actions.onUpdate(excerpt, { color: excerpt.color === color ? null : color })}
              />
            ))}
          </div>
          {adjusting && actions.onResize !== undefined ? (
            <div className="excerpt-card__adjust" role="group" aria-label="Adjust the excerpt">
              {ADJUSTMENTS.map((adjustment) => (
                <button
                  key={adjustment.label}
                  type="button"
                  className="button button--small"
                  aria-label={adjustment.label}
                  onClick={() => actions.onResize?.(excerpt, adjustment.edge, adjustment.direction)}
                >
                  {adjustment.text}
                </button>
              ))}
            </div>
          ) : null}
          <div className="excerpt-card__actions">
            {addToBriefing}
            <select
              className="field field--compact field--small"
              aria-label="Add to collection"
              value=""
              onChange={(event) => {
                if (event.target.value !== '') actions.onAddToCollection(excerpt, event.target.value);
              }}
            >
              <option value="">Add to collection…</option>
              {collections.map((collection) => (
                <option key={collection.id} value={collection.id}>
                  {collection.name}
                </option>
              ))}
            </select>
            {actions.onResize === undefined ? null : (
              <button
                type="button"
                className="button button--small button--quiet"
                aria-pressed={adjusting}
                onClick={() => setAdjusting((value) => !value)}
              >
                Adjust
              </button>
            )}
            <button
              type="button"
              className="button button--small button--quiet"
              aria-label="Delete excerpt"
              onClick={() => actions.onDelete(excerpt)}
            >
              Delete
            </button>
          </div>
        </>
      )}
    </article>
  );
}
