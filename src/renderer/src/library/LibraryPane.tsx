import { memo, useState, type ReactNode } from 'react';
import { MOD } from '../components/Kbd';
import type { DocumentSummary } from '../../../shared/dto';
import { EmptyState } from '../components/EmptyState';
import { ErrorNote } from '../components/ErrorNote';
import { VirtualList } from '../components/VirtualList';
import { joinPresent, shortDate } from '../format';
import { useLibraryVersion } from '../library-version';
import { useDocumentPages } from './use-document-pages';

/** Height of one library row (title on one line, then outlet, date and format). */
const ROW_HEIGHT = 60;

type Props = Readonly<{
  selectedId: string | null;
  onOpen: (documentId: string) => void;
  onImportFiles: () => void;
  onImportFolder: () => void;
  onPaste: () => void;
  importPanel: ReactNode;
}>;

/** The library: every document, newest first, in a virtualised list loaded a page at a time. */
export const LibraryPane = memo(function LibraryPane({
  selectedId,
  onOpen,
  onImportFiles,
  onImportFolder,
  onPaste,
  importPanel,
}: Props) {
  const { version } = useLibraryVersion();
  const [filter, setFilter] = useState('');
  const filtering = filter.trim() !== '';
  const pages = useDocumentPages(filter, version);
  const total = pages.total;

  return (
    <nav className="sources-panel" aria-label="Library">
      <header className="pane__header">
        <h2 className="pane__title">Library</h2>
        <span className="pane__count">
          {total === null ? '' : filtering ? `${total} matching` : `${total} documents`}
        </span>
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
      {pages.error === null ? null : <ErrorNote message={pages.error} />}
      {total === 0 && !filtering ? (
        <EmptyState title="Your library is empty">
          Drop files or folders here, or press {MOD}+O to import .md, .txt, .html, .pdf and .docx files.
        </EmptyState>
      ) : null}
      {total === 0 && filtering ? <EmptyState title="No documents match this filter" /> : null}
      <div className="doc-list">
        <VirtualList
          label="Documents"
          count={total ?? 0}
          rowHeight={ROW_HEIGHT}
          onRange={pages.onRange}
          renderRow={(index) => {
            const document = pages.at(index);
            return document === undefined ? (
              <div className="doc-list__placeholder" aria-busy="true" />
            ) : (
              <DocumentItem document={document} selected={document.id === selectedId} onOpen={onOpen} />
            );
          }}
        />
      </div>
    </nav>
  );
});

/** One library row; memoised so opening a document re-renders two rows, not the whole list. */
const DocumentItem = memo(function DocumentItem({
  document,
  selected,
  onOpen,
}: Readonly<{ document: DocumentSummary; selected: boolean; onOpen: (documentId: string) => void }>) {
  return (
    <button
      type="button"
      className={`doc-list__item${selected ? ' is-selected' : ''}`}
      aria-current={selected ? 'true' : undefined}
      title={document.title}
      onClick={() => onOpen(document.id)}
    >
      <span className="doc-list__title">{document.title}</span>
      <span className="doc-list__meta">
        <span className="doc-list__source">
          {joinPresent([document.outlet, shortDate(document.publishedAt)])}
        </span>
        <span className="format-tag">{document.format}</span>
      </span>
    </button>
  );
});
