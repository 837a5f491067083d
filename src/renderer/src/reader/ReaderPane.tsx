import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentDetail, Excerpt } from '../../../shared/dto';
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
}>;

export function ReaderPane({ document, loading, error, excerpts, onAddExcerpt }: Props) {
  const articleRef = useRef<HTMLElement>(null);
  const [pending, setPending] = useState<TextRange | null>(null);
  const [busy, setBusy] = useState(false);

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
    return () => window.removeEventListener('keydown', onKey);
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
          <p className="reader__outlet">{joinPresent([document.outlet, shortDate(document.publishedAt)])}</p>
          <h1 className="reader__title">{document.title}</h1>
          <p className="reader__byline">
            {document.author === null ? 'Author unknown' : `By ${document.author}`}
          </p>
          {document.url === null ? null : <p className="reader__url">{document.url}</p>}
        </header>
        <div className="reader__body">
          <DocumentText text={document.text} blocks={document.blocks} excerpts={excerpts} />
        </div>
      </article>
    </main>
  );
}
