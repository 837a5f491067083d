import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Collection, ExcerptDetail, TagCount } from '../../shared/dto';
import { call, errorMessage, onMenuCommand } from './api';
import { BriefingPane } from './briefing/BriefingPane';
import { BriefingPreview } from './briefing/preview/BriefingPreview';
import { useBriefingWorkspace } from './briefing/use-briefing-workspace';
import { CollectionsView } from './collections/CollectionsView';
import { ErrorNote } from './components/ErrorNote';
import { AllExcerptsView } from './excerpts/AllExcerptsView';
import { CarryOverDialog } from './excerpts/CarryOverDialog';
import { ExcerptRail } from './excerpts/ExcerptRail';
import type { LocalFile } from './import/drop';
import { DropOverlay } from './import/DropOverlay';
import { ImportPanel } from './import/ImportPanel';
import { PasteDialog } from './import/PasteDialog';
import { useFileDrop } from './import/use-file-drop';
import { useImport } from './import/use-import';
import { LibraryPane } from './library/LibraryPane';
import { SourcesPane, type SourcesTab } from './library/SourcesPane';
import { useLibraryVersion } from './library-version';
import { ReaderPane, type ReaderFocus } from './reader/ReaderPane';
import { SearchView, type SearchTarget, type SearchViewHandle } from './search/SearchView';
import { useReader } from './reader/use-reader';
import { useUndo } from './use-undo';
import { useQuery } from './use-query';

const NO_COLLECTIONS: readonly Collection[] = [];
const NO_TAGS: readonly TagCount[] = [];

/**
 * The window. The panes are memoised and get stable props: opening a briefing (or any state held
 * here) re-renders only what changed, not a long document, its excerpt cards or a result list.
 */
export function App() {
  const { version, changed } = useLibraryVersion();
  const collections = useQuery(() => call('listCollections', {}), `collections:${version}`, {
    keepPrevious: true,
  });
  const tags = useQuery(() => call('listTags', {}), `tags:${version}`, { keepPrevious: true });
  const [documentId, setDocumentId] = useState<string | null>(null);
  const [tab, setTab] = useState<SourcesTab>('library');
  const [pasting, setPasting] = useState(false);
  const [carryOver, setCarryOver] = useState(false);
  const scrollTo = useRef<string | null>(null);
  const [searchQuery, setSearchQuery] = useState('');
  const [focus, setFocus] = useState<(ReaderFocus & { documentId: string }) | null>(null);
  const searchView = useRef<SearchViewHandle>(null);
  const focusSearch = useCallback(() => {
    setTab('search');
    // The search view mounts with the tab; focus it once it is there.
    requestAnimationFrame(() => searchView.current?.focus());
  }, []);
  const [appError, setAppError] = useState<string | null>(null);
  const reader = useReader(documentId);
  const workspace = useBriefingWorkspace();
  const [previewOpen, setPreviewOpen] = useState(false);
  const togglePreview = useCallback(() => setPreviewOpen((open) => !open), []);
  const undo = useUndo();

  const afterImport = useCallback(
    (firstImported: string | null) => {
      changed();
      if (firstImported !== null) setDocumentId(firstImported);
    },
    [changed],
  );
  const imports = useImport(afterImport);
  const { importLocalFiles, importFromDialog: pickAndImport } = imports;
  const onDroppedFiles = useCallback(
    (files: LocalFile[]) => void importLocalFiles(files),
    [importLocalFiles],
  );
  const dropping = useFileDrop(onDroppedFiles);

  const importFromDialog = useCallback(
    (folders: boolean) => {
      pickAndImport(folders).catch((error: unknown) => setAppError(errorMessage(error)));
    },
    [pickAndImport],
  );
  const importFiles = useCallback(() => importFromDialog(false), [importFromDialog]);
  const importFolder = useCallback(() => importFromDialog(true), [importFromDialog]);
  const startPaste = useCallback(() => setPasting(true), []);
  const importPanel = useMemo(
    () =>
      imports.run === null ? null : (
        <ImportPanel run={imports.run} onCancel={imports.cancel} onDismiss={imports.dismiss} />
      ),
    [imports.run, imports.cancel, imports.dismiss],
  );

  const exportPdf = workspace.exportPdf;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 'k' && !event.shiftKey && !event.altKey) {
        event.preventDefault();
        focusSearch();
      } else if (key === 'o') {
        event.preventDefault();
        importFromDialog(event.shiftKey);
      } else if (key === 'v' && event.shiftKey) {
        event.preventDefault();
        setPasting(true);
      } else if (key === 'e' && event.shiftKey) {
        event.preventDefault();
        void exportPdf();
      } else if (key === 'p' && event.shiftKey) {
        event.preventDefault();
        togglePreview();
      }
    };
    window.addEventListener('keydown', onKey);
    const stop = onMenuCommand((command) => {
      if (command === 'import-files' || command === 'import-folder')
        importFromDialog(command === 'import-folder');
      else if (command === 'paste-document') setPasting(true);
      else if (command === 'export-pdf') void exportPdf();
      else if (command === 'focus-search') focusSearch();
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      stop();
    };
  }, [importFromDialog, exportPdf, focusSearch, togglePreview]);

  // Scroll to an excerpt's highlight once its document is shown.
  const scrollToPending = useCallback(() => {
    const excerptId = scrollTo.current;
    if (excerptId === null) return;
    const mark = document.querySelector(`mark[data-excerpt-ids~="${CSS.escape(excerptId)}"]`);
    if (mark === null) return;
    mark.scrollIntoView({ block: 'center' });
    scrollTo.current = null;
  }, []);
  useEffect(scrollToPending, [scrollToPending, reader.document, reader.excerpts]);

  const openExcerpt = useCallback(
    (excerpt: Pick<ExcerptDetail, 'id' | 'documentId'>) => {
      scrollTo.current = excerpt.id;
      setDocumentId(excerpt.documentId);
      requestAnimationFrame(scrollToPending);
    },
    [scrollToPending],
  );

  const openSearchTarget = useCallback(
    (target: SearchTarget) => {
      if (target.excerptId !== undefined) {
        setFocus(null);
        openExcerpt({ id: target.excerptId, documentId: target.documentId });
        return;
      }
      setFocus((previous) => ({
        id: (previous?.id ?? 0) + 1,
        documentId: target.documentId,
        start: target.start,
        matches: target.matches,
      }));
      setDocumentId(target.documentId);
    },
    [openExcerpt],
  );

  const excerptPassage = useCallback(
    (documentId: string, start: number, end: number) => {
      call('createExcerpt', { documentId, start, end })
        .then((excerpt) => {
          changed();
          setFocus(null);
          openExcerpt(excerpt);
        })
        .catch((error: unknown) => setAppError(errorMessage(error)));
    },
    [changed, openExcerpt],
  );

  const addToCollection = useCallback(
    (excerptIds: readonly string[], collectionId: string) => {
      call('addToCollection', { collectionId, excerptIds })
        .then(changed)
        .catch((error: unknown) => setAppError(errorMessage(error)));
    },
    [changed],
  );

  const addManyToBriefing = workspace.addExcerpts;
  const addToBriefing = useCallback(
    (excerptIds: readonly string[]) => void addManyToBriefing(excerptIds),
    [addManyToBriefing],
  );
  const addOneToBriefing = useCallback(
    (excerpt: Pick<ExcerptDetail, 'id'>) => void addManyToBriefing([excerpt.id]),
    [addManyToBriefing],
  );
  const { insertCollection } = workspace.composer.actions;
  const insertInBriefing = useMemo(
    () => (workspace.canAdd ? (collectionId: string) => void insertCollection(collectionId) : null),
    [workspace.canAdd, insertCollection],
  );
  const previousVersionId = reader.document?.previousVersionId ?? null;
  const carryOverOpen = useMemo(
    () => (previousVersionId === null ? null : () => setCarryOver(true)),
    [previousVersionId],
  );
  const collectionList = collections.data ?? NO_COLLECTIONS;
  const tagList = tags.data ?? NO_TAGS;
  const tagSuggestions = useMemo(() => tagList.map((tag) => tag.name), [tagList]);
  const readerFocus = focus !== null && focus.documentId === documentId ? focus : null;

  const wide = tab !== 'library';
  return (
    <div className="app">
      <header className="app__bar">
        <span className="app__name">Briefing Builder</span>
        <span className="app__tagline">Offline · every quote verbatim and attributed</span>
        {undo.message === null ? null : (
          <span className="app__status" role="status">
            {undo.message}
            <button
              type="button"
              className="button button--small button--quiet"
              aria-label="Dismiss"
              onClick={undo.dismiss}
            >
              ×
            </button>
          </span>
        )}
      </header>
      {appError === null ? null : <ErrorNote message={appError} onDismiss={() => setAppError(null)} />}
      <div className={`app__panes${wide ? ' app__panes--wide-sources' : ''}`}>
        <SourcesPane tab={tab} onTab={setTab}>
          {tab === 'library' ? (
            <LibraryPane
              selectedId={documentId}
              onOpen={setDocumentId}
              onImportFiles={importFiles}
              onImportFolder={importFolder}
              onPaste={startPaste}
              importPanel={importPanel}
            />
          ) : null}
          {tab === 'excerpts' ? (
            <AllExcerptsView
              tags={tagList}
              collections={collectionList}
              canAddToBriefing={workspace.canAdd}
              onOpen={openExcerpt}
              onAddToCollection={addToCollection}
              onAddToBriefing={addToBriefing}
            />
          ) : null}
          {tab === 'search' ? (
            <SearchView
              ref={searchView}
              query={searchQuery}
              onQuery={setSearchQuery}
              collections={collectionList}
              canAddToBriefing={workspace.canAdd}
              onOpen={openSearchTarget}
              onExcerptPassage={excerptPassage}
              onAddToCollection={addToCollection}
              onAddToBriefing={addToBriefing}
            />
          ) : null}
          {tab === 'collections' ? (
            <CollectionsView
              collections={collectionList}
              onOpenExcerpt={openExcerpt}
              onInsertInBriefing={insertInBriefing}
            />
          ) : null}
        </SourcesPane>
        {previewOpen && workspace.openId !== null ? (
          <BriefingPreview store={workspace.composer.store} onClose={togglePreview} />
        ) : (
          <ReaderPane
            key={documentId ?? 'none'}
            document={reader.document}
            loading={reader.loading}
            error={reader.error}
            excerpts={reader.excerpts}
            onAddExcerpt={reader.addExcerpt}
            onSaveMetadata={reader.saveMetadata}
            onOpenDocument={setDocumentId}
            focus={readerFocus}
            onCarryOver={carryOverOpen}
          />
        )}
        <ExcerptRail
          excerpts={reader.excerpts}
          documentText={reader.document?.text}
          collections={collectionList}
          tagSuggestions={tagSuggestions}
          canAddToBriefing={workspace.canAdd}
          onAddToBriefing={addOneToBriefing}
          onShow={openExcerpt}
          lastCreatedId={reader.lastCreatedId}
        />
        <BriefingPane
          workspace={workspace}
          previewOpen={previewOpen && workspace.openId !== null}
          onTogglePreview={togglePreview}
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
      {carryOver && reader.document !== undefined && reader.document.previousVersionId !== null ? (
        <CarryOverDialog
          fromDocumentId={reader.document.previousVersionId}
          toDocumentId={reader.document.id}
          onDone={changed}
          onClose={() => setCarryOver(false)}
        />
      ) : null}
    </div>
  );
}
