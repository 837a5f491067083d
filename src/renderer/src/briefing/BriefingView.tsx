import type { Briefing } from '../../../shared/dto';
import { attributionLine, formatLongDate, numberCitations } from '../../../shared/citations';
import { EmptyState } from '../components/EmptyState';

/** The briefing as the analyst will read it: sections, quotes with attribution, and sources. */
export function BriefingView({ briefing }: { briefing: Briefing }) {
  const { byItem, sources } = numberCitations(briefing);
  const isEmpty = briefing.sections.every((section) => section.items.length === 0);
  return (
    <div className="briefing">
      <header className="briefing__header">
        {briefing.marking === '' ? null : <p className="briefing__marking">{briefing.marking}</p>}
        <h3 className="briefing__title">{briefing.title}</h3>
        <p className="briefing__meta">{formatLongDate(briefing.date)}</p>
      </header>
      {briefing.bluf === '' ? null : (
        <section className="briefing__bluf" aria-label="Bottom line up front">
          <p className="briefing__bluf-label">Bottom line</p>
          <p>{briefing.bluf}</p>
        </section>
      )}
      {isEmpty ? (
        <EmptyState title="This briefing has no content yet">
          Add excerpts from the list beside the reader; each keeps its source and citation.
        </EmptyState>
      ) : null}
      {briefing.sections.map((section) => (
        <section key={section.id} className="briefing__section" aria-label={section.heading}>
          <h4 className="briefing__section-heading">{section.heading}</h4>
          {section.items.map((item) =>
            item.kind === 'commentary' ? (
              <p key={item.id} className="briefing__commentary">
                {item.text}
              </p>
            ) : (
              <figure key={item.id} className="briefing__quote">
                <blockquote>
                  {item.quote}
                  <sup className="citation-mark">{byItem.get(item.id)}</sup>
                </blockquote>
                <figcaption>— {attributionLine(item.attribution)}</figcaption>
              </figure>
            ),
          )}
        </section>
      ))}
      {sources.length === 0 ? null : (
        <section className="briefing__sources" aria-label="Sources">
          <h4 className="briefing__section-heading">Sources</h4>
          <ol>
            {sources.map((source) => (
              <li key={source.documentId}>
                {attributionLine(source)}, “{source.title}”
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
