import { useCallback, useEffect, useState } from 'react';
import type { Excerpt } from '../../shared/dto';
import { call, errorMessage, onMenuCommand } from './api';
import { BriefingPane } from './briefing/BriefingPane';
import { useBriefingWorkspace } from './briefing/use-briefing-workspace';
import { ErrorNote } from './components/ErrorNote';
import { ExcerptRail } from './excerpts/ExcerptRail';
import type { LocalFile } from './import/drop';
import { DropOverlay } from './import/DropOverlay';
import { ImportPanel } from './import/ImportPanel';
import { PasteDialog } from './import/PasteDialog';
import { useFileDrop } from './import/use-file-drop';
import { useImport } from './import/use-import';
import { LibraryPane } from './library/LibraryPane';
import { ReaderPane } from './reader/ReaderPane';
import { useReader } from './reader/use-reader';
import { useQuery } from './use-query';

export function App() {
  const documents = useQuery(() => call('listDocuments', {}), 'documents');
  const [documentId, setDocumentId] = useState<string | null>(null);
  const [pasting, setPasting] = useState(false);
  const [appError, setAppError] = useState<string | null>(null);
  const reader = useReader(documentId);
  const workspace = useBriefingWorkspace();

  const reloadDocuments = documents.reload;
  const afterImport = useCallback(
    (firstImported: string | null) => {
      reloadDocuments();
      if (firstImported !== null) setDocumentId(firstImported);
    },
    [reloadDocuments],
  );
  const imports = useImport(afterImport);
  const importLocalFiles = imports.importLocalFiles;
  const onDroppedFiles = useCallback(
    (files: LocalFile[]) => void importLocalFiles(files),
    [importLocalFiles],
  );
  const dropping = useFileDrop(onDroppedFiles);

  const importFromDialog = useCallback(
    (folders: boolean) => {
      imports.importFromDialog(folders).catch((error: unknown) => setAppError(errorMessage(error)));
    },
    [imports],
  );

  const exportPdf = workspace.exportPdf;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 'o') {
        event.preventDefault();
        importFromDialog(event.shiftKey);
      } else if (key === 'v' && event.shiftKey) {
        event.preventDefault();
        setPasting(true);
      } else if (key === 'e' && event.shiftKey) {
        event.preventDefault();
        void exportPdf();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [importFromDialog, exportPdf]);

  useEffect(
    () =>
      onMenuCommand((command) => {
        if (command === 'import-files' || command === 'import-folder')
          importFromDialog(command === 'import-folder');
        else if (command === 'paste-document') setPasting(true);
        else if (command === 'export-pdf') void exportPdf();
      }),
    [importFromDialog, exportPdf],
  );

  const showExcerpt = useCallback((excerpt: Excerpt) => {
    const mark = document.querySelector(`mark[data-excerpt-ids~="${CSS.escape(excerpt.id)}"]`);
    mark?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, []);

  return (
    <div className="app">
      <header className="app__bar">
        <span className="app__name">Briefing Builder</span>
        <span className="app__tagline">Offline · every quote verbatim and attributed</span>
      </header>
      {appError === null ? null : <ErrorNote message={appError} onDismiss={() => setAppError(null)} />}
      <div className="app__panes">
        <LibraryPane
          documents={documents.data}
          error={documents.error}
          selectedId={documentId}
          onOpen={setDocumentId}
          onImportFiles={() => importFromDialog(false)}
          onImportFolder={() => importFromDialog(true)}
          onPaste={() => setPasting(true)}
          importPanel={
            imports.run === null ? null : (
              <ImportPanel run={imports.run} onCancel={imports.cancel} onDismiss={imports.dismiss} />
            )
          }
        />
        <ReaderPane
          key={documentId ?? 'none'}
          document={reader.document}
          loading={reader.loading}
          error={reader.error}
          excerpts={reader.excerpts}
          onAddExcerpt={reader.addExcerpt}
          onSaveMetadata={async (metadata) => {
            await reader.saveMetadata(metadata);
            reloadDocuments();
            workspace.refresh();
          }}
          onOpenDocument={setDocumentId}
        />
        <ExcerptRail
          excerpts={reader.excerpts}
          hasDocument={reader.document !== undefined}
          canAddToBriefing={workspace.canAdd}
          onAddToBriefing={(excerpt) => void workspace.addExcerpt(excerpt)}
          onShow={showExcerpt}
        />
        <BriefingPane
          briefings={workspace.briefings}
          briefing={workspace.briefing}
          error={workspace.error}
          busy={workspace.busy}
          exportResult={workspace.exportResult}
          onSelect={workspace.select}
          onCreate={workspace.create}
          onExport={() => void workspace.exportPdf()}
          onReveal={(exportId) => void workspace.reveal(exportId)}
          onDismissError={workspace.dismissError}
        />
      </div>
      {dropping ? <DropOverlay /> : null}
      {pasting ? (
        <PasteDialog
          onClose={() => setPasting(false)}
          onImport={(text) => {
            setPasting(false);
            void imports.importText(text);
          }}
        />
      ) : null}
    </div>
  );
}
