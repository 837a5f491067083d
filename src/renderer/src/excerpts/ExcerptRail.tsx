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
}>;

/** The open document's excerpts in document order, beside the reader. */
export function ExcerptRail(props: Props) {
  const { excerpts, documentText } = props;
  const { actions, error, clearError } = useExcerptActions({
    documentText,
    onAddToBriefing: props.onAddToBriefing,
  });
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
            />
          </li>
        ))}
      </ol>
    </aside>
  );
}
