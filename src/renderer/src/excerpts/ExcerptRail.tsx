import type { Excerpt } from '../../../shared/dto';
import { EmptyState } from '../components/EmptyState';

type Props = Readonly<{
  excerpts: readonly Excerpt[];
  hasDocument: boolean;
  canAddToBriefing: boolean;
  onAddToBriefing: (excerpt: Excerpt) => void;
  onShow: (excerpt: Excerpt) => void;
}>;

/** The open document's excerpts in document order, beside the reader. */
export function ExcerptRail({ excerpts, hasDocument, canAddToBriefing, onAddToBriefing, onShow }: Props) {
  return (
    <aside className="pane pane--excerpts" aria-label="Excerpts">
      <header className="pane__header">
        <h2 className="pane__title">Excerpts</h2>
        <span className="pane__count">{hasDocument ? excerpts.length : ''}</span>
      </header>
      {hasDocument && excerpts.length === 0 ? (
        <EmptyState title="No excerpts yet">
          Select a passage in the reader and add it as an excerpt.
        </EmptyState>
      ) : null}
      <ol className="excerpt-list" aria-label="Excerpts of this document">
        {excerpts.map((excerpt) => (
          <li key={excerpt.id} className="excerpt-card">
            <button
              type="button"
              className="excerpt-card__quote"
              onClick={() => onShow(excerpt)}
              title="Show in the document"
            >
              {excerpt.quote}
            </button>
            {excerpt.note === '' ? null : <p className="excerpt-card__note">{excerpt.note}</p>}
            <div className="excerpt-card__actions">
              <button
                type="button"
                className="button"
                disabled={!canAddToBriefing}
                title={canAddToBriefing ? 'Append to the open briefing' : 'Create a briefing first'}
                onClick={() => onAddToBriefing(excerpt)}
              >
                Add to briefing
              </button>
            </div>
          </li>
        ))}
      </ol>
    </aside>
  );
}
