import { useId, useState, type KeyboardEvent } from 'react';
import { linkFromInput } from './commands';

type Props = Readonly<{
  /** The link's current target, or null when adding a new link. */
  initialHref: string | null;
  onApply: (href: string) => void;
  onRemove: () => void;
  onCancel: () => void;
}>;

/**
 * The inline link form under the toolbar (no window.prompt: dialogs are disabled in the app). Enter
 * applies, Escape cancels; an address that is not http:, https: or mailto: is refused with a reason.
 */
export function LinkForm({ initialHref, onApply, onRemove, onCancel }: Props) {
  const [draft, setDraft] = useState(initialHref ?? '');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();
  const apply = () => {
    if (draft.trim() === '') {
      if (initialHref === null) onCancel();
      else onRemove();
      return;
    }
    const href = linkFromInput(draft);
    if (href === null)
      setError(
        'Links must be web addresses (http:// or https://) or email addresses; other kinds are refused.',
      );
    else onApply(href);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      apply();
    } else if (event.key === 'Escape') {
      // The form's Escape only closes the form, not whatever holds the editor.
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };
  return (
    <div className="rich-text__link-form" role="group" aria-label="Link" onKeyDown={onKeyDown}>
      <label className="rich-text__link-label" htmlFor={inputId}>
        Link to
      </label>
      <input
        id={inputId}
        className="field field--compact rich-text__link-input"
        type="url"
        inputMode="url"
        placeholder="https://…"
        autoFocus
        spellCheck={false}
        maxLength={2000}
        value={draft}
        aria-invalid={error !== null}
        aria-describedby={error === null ? undefined : errorId}
        onChange={(event) => {
          setDraft(event.target.value);
          setError(null);
        }}
      />
      <button type="button" className="button button--small button--primary" onClick={apply}>
        Apply
      </button>
      {initialHref !== null && (
        <button type="button" className="button button--small" onClick={onRemove}>
          Remove
        </button>
      )}
      <button type="button" className="button button--small button--quiet" onClick={onCancel}>
        Cancel
      </button>
      {error !== null && (
        <p id={errorId} className="rich-text__link-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
