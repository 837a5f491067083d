import { memo } from 'react';
import type { ExcerptDetail } from '../../../shared/dto';
import { dragExcerpts } from '../briefing/drag';

/**
 * The most of a quote a row shows: two clamped lines of the widest list hold fewer characters, and
 * laying out the rest of a long quote on every scroll would be wasted work.
 */
const QUOTE_CHARACTERS = 320;

type Props = Readonly<{
  index: number;
  excerpt: ExcerptDetail | undefined;
  selected: boolean;
  onToggle: (index: number, excerpt: ExcerptDetail, shift: boolean) => void;
  onOpen: (excerpt: ExcerptDetail) => void;
}>;

/**
 * One row of the all-excerpts list. Memoised: scrolling adds and removes rows but leaves the ones
 * still in view untouched.
 */
export const ExcerptRow = memo(function ExcerptRow({ index, excerpt, selected, onToggle, onOpen }: Props) {
  if (excerpt === undefined) return <div className="excerpt-row excerpt-row--loading" aria-busy="true" />;
  const quote =
    excerpt.quote.length > QUOTE_CHARACTERS ? `${excerpt.quote.slice(0, QUOTE_CHARACTERS)}…` : excerpt.quote;
  return (
    <div
      className={`excerpt-row${selected ? ' is-selected' : ''} excerpt-row--${excerpt.color ?? 'none'}`}
      draggable
      onDragStart={(event) => dragExcerpts(event, [excerpt.id], excerpt.quote)}
    >
      <input
        type="checkbox"
        className="excerpt-row__check"
        aria-label={`Select excerpt: ${excerpt.quote.slice(0, 40)}`}
        checked={selected}
        onChange={() => undefined}
        onClick={(event) => onToggle(index, excerpt, event.shiftKey)}
      />
      <button
        type="button"
        className="excerpt-row__body"
        onClick={() => onOpen(excerpt)}
        title="Open in the reader"
      >
        <span className="excerpt-row__quote">{quote}</span>
        <span className="excerpt-row__meta">
          {excerpt.documentTitle}
          {excerpt.tags.length === 0 ? '' : ` · ${excerpt.tags.map((tag) => `#${tag}`).join(' ')}`}
        </span>
      </button>
    </div>
  );
});
