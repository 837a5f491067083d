import { useEffect, useRef, useState, type FormEvent } from 'react';
import { BRIEFING_TEMPLATES } from '../../../shared/briefing-templates';
import type { BriefingSummary } from '../../../shared/dto';
import { formatDateTime } from '../format';

type Props = Readonly<{
  briefings: readonly BriefingSummary[];
  openId: string | null;
  query: string;
  onQuery: (query: string) => void;
  onOpen: (briefingId: string) => void;
  onCreate: (title: string, template: string | undefined) => void;
  onDuplicate: (briefingId: string) => void;
  onRename: (briefingId: string, title: string) => void;
  onDelete: (briefingId: string) => void;
  onClose: () => void;
  /** Whether the analyst opened the list (then the filter takes the focus), rather than it showing on its own. */
  focusOnOpen: boolean;
}>;

/** Every briefing, last opened first: open, search by title, create (blank or from a template), copy, rename, delete. */
export function BriefingsList(props: Props) {
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<string>('bluf');
  const [renaming, setRenaming] = useState<{ id: string; title: string } | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const { focusOnOpen } = props;
  useEffect(() => {
    if (focusOnOpen) search.current?.focus();
  }, [focusOnOpen]);

  const create = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim() === '') return;
    props.onCreate(title.trim(), template === '' ? undefined : template);
    setTitle('');
  };

  return (
    <section
      className="briefings-list"
      aria-label="Briefings"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && renaming === null) {
          event.preventDefault();
          props.onClose();
        }
      }}
    >
      <div className="briefings-list__head">
        <input
          ref={search}
          className="field"
          type="search"
          aria-label="Filter briefings by title"
          placeholder="Filter briefings by title"
          value={props.query}
          onChange={(event) => props.onQuery(event.target.value)}
        />
        <button type="button" className="button button--quiet" onClick={props.onClose}>
          Close
        </button>
      </div>
      {props.briefings.length === 0 ? (
        <p className="briefings-list__empty">
          {props.query.trim() === ''
            ? 'No briefings yet. Create the first one below.'
            : `No briefing title contains “${props.query.trim()}”.`}
        </p>
      ) : (
        <ul className="briefings-list__items" aria-label="Briefings, last opened first">
          {props.briefings.map((summary) => (
            <li
              key={summary.id}
              className={`briefings-list__item${summary.id === props.openId ? ' briefings-list__item--open' : ''}`}
            >
              {renaming?.id === summary.id ? (
                <form
                  className="briefings-list__rename"
                  onSubmit={(event) => {
                    event.preventDefault();
                    if (renaming.title.trim() !== '') props.onRename(summary.id, renaming.title.trim());
                    setRenaming(null);
                  }}
                >
                  <input
                    className="field field--compact"
                    aria-label={`New title for ${summary.title}`}
                    value={renaming.title}
                    maxLength={500}
                    autoFocus
                    onChange={(event) => setRenaming({ id: summary.id, title: event.target.value })}
                    onKeyDown={(event) => {
                      if (event.key === 'Escape') {
                        event.preventDefault();
                        event.stopPropagation();
                        setRenaming(null);
                      }
                    }}
                  />
                  <button type="submit" className="button button--small">
                    Rename
                  </button>
                </form>
              ) : (
                <button
                  type="button"
                  className="briefings-list__open"
                  onClick={() => props.onOpen(summary.id)}
                >
                  <span className="briefings-list__title">{summary.title}</span>
                  <span className="briefings-list__meta">
                    {summary.sectionCount} {summary.sectionCount === 1 ? 'section' : 'sections'} ·{' '}
                    {summary.itemCount} {summary.itemCount === 1 ? 'block' : 'blocks'} · edited{' '}
                    {formatDateTime(summary.updatedAt)}
                  </span>
                </button>
              )}
              <span className="briefings-list__actions">
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Rename ${summary.title}`}
                  title="Rename"
                  onClick={() => setRenaming({ id: summary.id, title: summary.title })}
                >
                  ✎
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Duplicate ${summary.title}`}
                  title="Duplicate"
                  onClick={() => props.onDuplicate(summary.id)}
                >
                  ⧉
                </button>
                <button
                  type="button"
                  className="icon-button icon-button--danger"
                  aria-label={`Delete ${summary.title}`}
                  title="Delete (the notice that follows offers Undo)"
                  onClick={() => props.onDelete(summary.id)}
                >
                  ×
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <form className="briefings-list__new" onSubmit={create} aria-label="New briefing">
        <label className="field-label" htmlFor="new-briefing-title">
          New briefing
        </label>
        <input
          id="new-briefing-title"
          className="field"
          placeholder="Title, e.g. Red Sea shipping outlook"
          value={title}
          maxLength={500}
          onChange={(event) => setTitle(event.target.value)}
        />
        <fieldset className="template-choices">
          <legend className="field-label">Start from</legend>
          {[{ id: '', name: 'Blank', description: 'No sections; add your own.' }, ...BRIEFING_TEMPLATES].map(
            (choice) => (
              <label
                key={choice.id}
                className={`template-choice${template === choice.id ? ' template-choice--active' : ''}`}
              >
                <input
                  type="radio"
                  name="briefing-template"
                  value={choice.id}
                  checked={template === choice.id}
                  onChange={() => setTemplate(choice.id)}
                />
                <span className="template-choice__name">{choice.name}</span>
                <span className="template-choice__description">{choice.description}</span>
              </label>
            ),
          )}
        </fieldset>
        <button type="submit" className="button button--primary" disabled={title.trim() === ''}>
          Create briefing
        </button>
      </form>
    </section>
  );
}
