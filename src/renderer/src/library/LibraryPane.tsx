import { memo, useMemo, useState, type ReactNode } from 'react';
import { MOD } from '../components/Kbd';
import type { DocumentSummary } from '../../../shared/dto';
import { EmptyState } from '../components/EmptyState';
import { ErrorNote } from '../components/ErrorNote';
import { joinPresent, shortDate } from '../format';

type Props = Readonly<{
  documents: readonly DocumentSummary[] | undefined;
  error: string | null;
  selectedId: string | null;
  onOpen: (documentId: string) => void;
  onImportFiles: () => void;
  onImportFolder: () => void;
  onPaste: () => void;
  importPanel: ReactNode;
}>;

export function LibraryPane({
  documents,
  error,
  selectedId,
  onOpen,
  onImportFiles,
  onImportFolder,
  onPaste,
  importPanel,
}: Props) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase();
    if (documents === undefined || needle === '') return documents ?? [];
    return documents.filter((document) =>
      joinPresent([document.title, document.author, document.outlet], ' ')
        .toLocaleLowerCase()
        .includes(needle),
    );
  }, [documents, filter]);

  return (
    <nav className="sources-panel" aria-label="Library">
      <header className="pane__header">
        <h2 className="pane__title">Library</h2>
        <span className="pane__count">{documents === undefined ? '' : `${documents.length} documents`}</span>
      </header>
      <div className="pane__tools pane__tools--row" role="toolbar" aria-label="Import">
        <button
          type="button"
          className="button button--small"
          onClick={onImportFiles}
          aria-label="Import files"
          title={`Import files (${MOD}+O)`}
        >
          Import…
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={onImportFolder}
          aria-label="Import folder"
          title={`Import a folder (${MOD}+Shift+O)`}
        >
          Folder…
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={onPaste}
          aria-label="Paste as new document"
          title={`Paste as new document (${MOD}+Shift+V)`}
        >
          Paste…
        </button>
      </div>
      {importPanel}
      <div className="pane__tools">
        <input
          type="search"
          className="field"
          placeholder="Filter by title, author, outlet"
          aria-label="Filter documents"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
      </div>
      {error === null ? null : <ErrorNote message={error} />}
      {documents !== undefined && documents.length === 0 ? (
        <EmptyState title="Your library is empty">
          Drop files or folders here, or press {MOD}+O to import .md, .txt, .html, .pdf and .docx files.
        </EmptyState>
      ) : null}
      {documents !== undefined && documents.length > 0 && shown.length === 0 ? (
        <EmptyState title="No documents match this filter" />
      ) : null}
      <ul className="doc-list" aria-label="Documents">
        {shown.map((document) => (
          <DocumentItem
            key={document.id}
            document={document}
            selected={document.id === selectedId}
            onOpen={onOpen}
          />
        ))}
      </ul>
    </nav>
  );
}

/** One library row; memoised so opening a document re-renders two rows, not the whole list. */
const DocumentItem = memo(function DocumentItem({
  document,
  selected,
  onOpen,
}: Readonly<{ document: DocumentSummary; selected: boolean; onOpen: (documentId: string) => void }>) {
  return (
    <li>
      <button
        type="button"
        className={`doc-list__item${selected ? ' is-selected' : ''}`}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onOpen(document.id)}
      >
        <span className="doc-list__title">{document.title}</span>
        <span className="doc-list__meta">
          {joinPresent([document.outlet, shortDate(document.publishedAt)])}
          <span className="format-tag">{document.format}</span>
        </span>
      </button>
    </li>
  );
});
