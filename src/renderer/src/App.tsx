import { useCallback, useState } from 'react';
import type { Excerpt } from '../../shared/dto';
import { call } from './api';
import { BriefingPane } from './briefing/BriefingPane';
import { useBriefingWorkspace } from './briefing/use-briefing-workspace';
import { ExcerptRail } from './excerpts/ExcerptRail';
import { LibraryPane } from './library/LibraryPane';
import { ReaderPane } from './reader/ReaderPane';
import { useReader } from './reader/use-reader';
import { useQuery } from './use-query';

export function App() {
  const documents = useQuery(() => call('listDocuments', {}), 'documents');
  const [documentId, setDocumentId] = useState<string | null>(null);
  const reader = useReader(documentId);
  const workspace = useBriefingWorkspace();

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
      <div className="app__panes">
        <LibraryPane
          documents={documents.data}
          error={documents.error}
          selectedId={documentId}
          onOpen={setDocumentId}
        />
        <ReaderPane
          key={documentId ?? 'none'}
          document={reader.document}
          loading={reader.loading}
          error={reader.error}
          excerpts={reader.excerpts}
          onAddExcerpt={reader.addExcerpt}
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
    </div>
  );
}
