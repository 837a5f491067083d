import { useId, useState, type KeyboardEvent } from 'react';

type Props = Readonly<{
  tags: readonly string[];
  suggestions: readonly string[];
  onChange: (tags: readonly string[]) => void;
}>;

/** Tags as removable chips plus an input with autocomplete from the library's tags. */
export function TagEditor({ tags, suggestions, onChange }: Props) {
  const [draft, setDraft] = useState('');
  const listId = useId();
  const add = () => {
    const name = draft.trim();
    setDraft('');
    if (name === '' || tags.some((tag) => tag.toLocaleLowerCase() === name.toLocaleLowerCase())) return;
    onChange([...tags, name]);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && draft === '' && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  };
  return (
    <div className="tag-editor">
      {tags.map((tag) => (
        <span key={tag} className="tag-chip">
          {tag}
          <button
            type="button"
            className="tag-chip__remove"
            aria-label={`Remove tag ${tag}`}
            onClick={() => onChange(tags.filter((other) => other !== tag))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        className="tag-editor__input"
        aria-label="Add a tag"
        placeholder={tags.length === 0 ? 'Add tags…' : ''}
        list={listId}
        value={draft}
        maxLength={64}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={add}
      />
      <datalist id={listId}>
        {suggestions.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </div>
  );
}
