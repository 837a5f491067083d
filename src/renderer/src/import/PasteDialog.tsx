import { useEffect, useRef, useState, type FormEvent } from 'react';

type Props = Readonly<{ onImport: (text: string) => void; onClose: () => void }>;

/**
 * "Paste as new document": the analyst pastes into a plain text area (no clipboard permission is
 * needed), and the text becomes a document. The first line becomes its title.
 */
export function PasteDialog({ onImport, onClose }: Props) {
  const [text, setText] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() !== '') onImport(text);
  };
  return (
    <div
      className="modal-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
    >
      <form
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-label="Paste as new document"
        onSubmit={submit}
        onKeyDown={(event) => event.key === 'Escape' && onClose()}
      >
        <h2 className="modal__title">Paste as new document</h2>
        <p className="modal__hint">
          Paste the text below. The first line becomes the title; edit the details after import.
        </p>
        <textarea
          ref={area}
          className="field field--area"
          aria-label="Text to import"
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={14}
        />
        <div className="modal__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={text.trim() === ''}>
            Add document
          </button>
        </div>
      </form>
    </div>
  );
}
