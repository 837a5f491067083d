import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { parseQuoteEdit } from '../../../shared/quote-trim';

type Props = Readonly<{
  original: string;
  current: string;
  onSave: (text: string) => Promise<string | null>;
  onClose: () => void;
}>;

/**
 * Edits the quote a block prints. The rules are checked as the analyst types (the same rules core
 * enforces): cut words, mark a cut inside with …, add words in [square brackets]; nothing else.
 */
export function QuoteEditor({ original, current, onSave, onClose }: Props) {
  const [text, setText] = useState(current);
  const id = useId();
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const [refused, setRefused] = useState<string | null>(null);
  const check = useMemo(() => parseQuoteEdit(original, text), [original, text]);
  const save = () => {
    if (!check.ok) return;
    void onSave(text).then((reason) => {
      if (!mounted.current) return;
      if (reason === null) onClose();
      else setRefused(reason);
    });
  };
  return (
    <div className="quote-editor">
      <label className="field-label" htmlFor={`${id}-text`}>
        Quote as printed
      </label>
      <textarea
        id={`${id}-text`}
        className="field quote-editor__text"
        value={text}
        rows={Math.min(12, Math.max(3, Math.ceil(text.length / 48)))}
        aria-describedby={`${id}-rule`}
        aria-invalid={!check.ok}
        autoFocus
        onChange={(event) => {
          setText(event.target.value);
          setRefused(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            onClose();
          } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            save();
          }
        }}
      />
      <p
        id={`${id}-rule`}
        className={`quote-editor__rule${check.ok ? '' : ' quote-editor__rule--refused'}`}
        role="status"
      >
        {check.ok
          ? 'Cut words, mark a cut inside the quote with …, add words in [square brackets].'
          : check.reason}
      </p>
      {refused === null ? null : (
        <p className="quote-editor__rule quote-editor__rule--refused" role="alert">
          {refused}
        </p>
      )}
      <div className="quote-editor__actions">
        <button type="button" className="button button--quiet" onClick={() => setText(original)}>
          Whole excerpt
        </button>
        <span className="quote-editor__spacer" />
        <button type="button" className="button button--quiet" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={!check.ok}
          onClick={save}
          title="Ctrl+Enter"
        >
          Save quote
        </button>
      </div>
    </div>
  );
}
