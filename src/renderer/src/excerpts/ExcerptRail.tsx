import { memo, useDeferredValue, useState } from 'react';
import type { Collection, ExcerptDetail } from '../../../shared/dto';
import { EmptyState } from '../components/EmptyState';
import { ErrorNote } from '../components/ErrorNote';
import { ExcerptCard } from './ExcerptCard';
import { useExcerptActions } from './use-excerpt-actions';

type Props = Readonly<{
  excerpts: readonly ExcerptDetail[];
  documentText: string | undefined;
  collections: readonly Collection[];
  tagSuggestions: readonly string[];
  canAddToBriefing: boolean;
  onAddToBriefing: (excerpt: ExcerptDetail) => void;
  onShow: (excerpt: ExcerptDetail) => void;
  /** The excerpt just taken, opened for its note and tags. */
  lastCreatedId: string | null;
}>;

/** The open document's excerpts in document order, beside the reader. */
export const ExcerptRail = memo(function ExcerptRail(props: Props) {
  const { documentText } = props;
  // The reader paints first; the cards follow in the next render.
  const excerpts = useDeferredValue(props.excerpts);
  const { actions, error, clearError } = useExcerptActions({
    documentText,
    onAddToBriefing: props.onAddToBriefing,
  });
  const [chosen, setChosen] = useState<string | null>(null);
  const expandedId = chosen ?? props.lastCreatedId;
  return (
    <aside className="pane pane--excerpts" aria-label="Excerpts">
      <header className="pane__header">
        <h2 className="pane__title">Excerpts</h2>
        <span className="pane__count">{documentText === undefined ? '' : excerpts.length}</span>
      </header>
      {error === null ? null : <ErrorNote message={error} onDismiss={clearError} />}
      {documentText !== undefined && excerpts.length === 0 ? (
        <EmptyState title="No excerpts yet">
          Select a passage in the reader and add it as an excerpt.
        </EmptyState>
      ) : null}
      <ol className="excerpt-list" aria-label="Excerpts of this document">
        {excerpts.map((excerpt) => (
          <li key={`${excerpt.id}:${excerpt.updatedAt}`}>
            <ExcerptCard
              excerpt={excerpt}
              collections={props.collections}
              tagSuggestions={props.tagSuggestions}
              canAddToBriefing={props.canAddToBriefing}
              actions={{ ...actions, onShow: props.onShow }}
              expanded={excerpt.id === expandedId}
              onExpand={() => setChosen(excerpt.id)}
            />
          </li>
        ))}
      </ol>
    </aside>
  );
});
