import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentDetail, DocumentMetadataInput, Excerpt } from '../../../shared/dto';
import { MetadataEditor } from './MetadataEditor';
import { onMenuCommand } from '../api';
import { EmptyState } from '../components/EmptyState';
import { ErrorNote } from '../components/ErrorNote';
import { Kbd, MOD } from '../components/Kbd';
import { joinPresent, shortDate } from '../format';
import { DocumentText } from './DocumentText';
import { selectedTextRange, type TextRange } from './selection';

type Props = Readonly<{
  document: DocumentDetail | undefined;
  loading: boolean;
  error: string | null;
  excerpts: readonly Excerpt[];
  onAddExcerpt: (range: TextRange) => Promise<void>;
  onSaveMetadata: (metadata: DocumentMetadataInput) => Promise<void>;
  onOpenDocument: (documentId: string) => void;
}>;

export function ReaderPane({
  document,
  loading,
  error,
  excerpts,
  onAddExcerpt,
  onSaveMetadata,
  onOpenDocument,
}: Props) {
  const articleRef = useRef<HTMLElement>(null);
  const [pending, setPending] = useState<TextRange | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const [showBoilerplate, setShowBoilerplate] = useState(false);

  useEffect(() => {
    const update = () => {
      const article = articleRef.current;
      setPending(article === null ? null : selectedTextRange(article));
    };
    globalThis.document.addEventListener('selectionchange', update);
    return () => globalThis.document.removeEventListener('selectionchange', update);
  }, []);

  const addExcerpt = useCallback(async () => {
    if (pending === null || busy) return;
    setBusy(true);
    try {
      await onAddExcerpt(pending);
      globalThis.getSelection()?.removeAllRanges();
      setPending(null);
    } finally {
      setBusy(false);
    }
  }, [pending, busy, onAddExcerpt]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'e') {
        event.preventDefault();
        void addExcerpt();
      }
    };
    window.addEventListener('keydown', onKey);
    const stopListening = onMenuCommand((command) => {
      if (command === 'add-excerpt') void addExcerpt();
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      stopListening();
    };
  }, [addExcerpt]);

  if (document === undefined) {
    return (
      <main className="pane pane--reader" aria-label="Reader">
        {error === null ? null : <ErrorNote message={error} />}
        {loading ? null : (
          <EmptyState title="Open a document from the library">
            Select a passage with the mouse, then press <Kbd keys={`${MOD}+E`} /> or “Add excerpt”.
          </EmptyState>
        )}
      </main>
    );
  }

  const boilerplateCount = document.blocks.filter((block) => block.boilerplate).length;
  return (
    <main className="pane pane--reader" aria-label="Reader">
      <div className="reader-toolbar" role="toolbar" aria-label="Reader tools">
        <span className="reader-toolbar__hint">
          {pending === null
            ? 'Select a passage to excerpt it'
            : `${pending.end - pending.start} characters selected`}
        </span>
        <button
          type="button"
          className="button button--primary"
          disabled={pending === null || busy}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => void addExcerpt()}
          title={`Add the selected passage as an excerpt (${MOD}+E)`}
        >
          Add excerpt
        </button>
      </div>
      {error === null ? null : <ErrorNote message={error} />}
      <article
        ref={articleRef}
        className="reader"
        aria-label={document.title}
        lang={document.language ?? undefined}
      >
        <header className="reader__header">
          <p className="reader__outlet">
            {joinPresent([document.outlet, shortDate(document.publishedAt), document.format.toUpperCase()])}
          </p>
          <h1 className="reader__title">{document.title}</h1>
          <p className="reader__byline">
            {document.author === null ? 'Author unknown' : `By ${document.author}`}
          </p>
          {document.url === null ? null : <p className="reader__url">{document.url}</p>}
          <div className="reader__header-actions">
            <button
              type="button"
              className="button button--small"
              onClick={() => setEditing((value) => !value)}
              aria-expanded={editing}
            >
              Edit details
            </button>
            {boilerplateCount > 0 ? (
              <button
                type="button"
                className="button button--small button--quiet"
                aria-pressed={showBoilerplate}
                onClick={() => setShowBoilerplate((value) => !value)}
                title="Bylines, datelines, photo credits and other site furniture kept out of the reading flow"
              >
                {showBoilerplate ? 'Hide' : 'Show'} {boilerplateCount} hidden{' '}
                {boilerplateCount === 1 ? 'line' : 'lines'}
              </button>
            ) : null}
          </div>
          {document.previousVersionId === null ? null : (
            <p className="reader__version">
              A newer version of a source already in the library.{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => onOpenDocument(document.previousVersionId ?? '')}
              >
                Open the earlier version
              </button>
            </p>
          )}
          {editing ? (
            <MetadataEditor document={document} onSave={onSaveMetadata} onClose={() => setEditing(false)} />
          ) : null}
        </header>
        <div className="reader__body" dir={document.direction ?? undefined}>
          <DocumentText
            text={document.text}
            blocks={document.blocks}
            excerpts={excerpts}
            showBoilerplate={showBoilerplate}
          />
        </div>
      </article>
    </main>
  );
}
