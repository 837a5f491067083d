import { useState } from 'react';
import type { DocumentDetail, DocumentMetadataInput } from '../../../shared/dto';
import { joinPresent, shortDate } from '../format';
import { MetadataEditor } from './MetadataEditor';

type Props = Readonly<{
  document: DocumentDetail;
  showBoilerplate: boolean;
  onToggleBoilerplate: () => void;
  onSaveMetadata: (metadata: DocumentMetadataInput) => Promise<void>;
  onOpenDocument: (documentId: string) => void;
  onCarryOver: (() => void) | null;
}>;

/** The document's citation details, editable, with its version and hidden-furniture controls. */
export function ReaderHeader({
  document,
  showBoilerplate,
  onToggleBoilerplate,
  onSaveMetadata,
  onOpenDocument,
  onCarryOver,
}: Props) {
  const [editing, setEditing] = useState(false);
  const boilerplateCount = document.blocks.filter((block) => block.boilerplate).length;
  return (
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
            onClick={onToggleBoilerplate}
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
          {onCarryOver === null ? null : (
            <>
              {' · '}
              <button type="button" className="link-button" onClick={onCarryOver}>
                Carry excerpts over…
              </button>
            </>
          )}
        </p>
      )}
      {editing ? (
        <MetadataEditor document={document} onSave={onSaveMetadata} onClose={() => setEditing(false)} />
      ) : null}
    </header>
  );
}
