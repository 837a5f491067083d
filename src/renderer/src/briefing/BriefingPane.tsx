import './composer.css';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { onMenuCommand } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { EmptyState } from '../components/EmptyState';
import { BriefingsList } from './BriefingsList';
import { Composer } from './Composer';
import { ExportBar } from './ExportBar';
import { MetadataForm } from './MetadataForm';
import type { BriefingWorkspace } from './use-briefing-workspace';
import { useComposerState } from './use-composer';
import { VersionsPanel } from './VersionsPanel';

type Props = Readonly<{
  workspace: BriefingWorkspace;
  previewOpen: boolean;
  onTogglePreview: () => void;
}>;

type Panel = 'none' | 'list' | 'details' | 'versions';

/**
 * The briefing being written: its blocks in sections, its details, versions and export. Ctrl+Z and
 * Ctrl+Shift+Z inside the pane undo and redo the briefing's own edits (its history survives a restart).
 */
export function BriefingPane({ workspace, previewOpen, onTogglePreview }: Props) {
  const { composer } = workspace;
  const state = useComposerState(composer.store);
  const briefing = state.briefing;
  const error = workspace.error ?? state.error;
  const [panel, setPanel] = useState<Panel>('none');
  const showList = panel === 'list' || (!workspace.hasBriefings && workspace.query === '');
  const toggle = (next: Panel) => setPanel((current) => (current === next ? 'none' : next));

  const { undo, redo } = composer.actions;
  useEffect(
    () =>
      onMenuCommand((command) => {
        if (command !== 'undo' && command !== 'redo') return;
        if (!(document.activeElement?.closest('[data-undo-scope="briefing"]') instanceof Element)) return;
        if (command === 'undo') undo();
        else redo();
      }),
    [undo, redo],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || briefing === undefined) return;
    // Fields that are not saved as they are typed (a quote being edited, a new heading, a filter)
    // keep their own undo.
    const target = event.target;
    if (
      (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) &&
      target.closest('[data-saves-as-typed]') === null
    ) {
      return;
    }
    const key = event.key.toLowerCase();
    if (key === 'z' || key === 'y') {
      event.preventDefault();
      event.stopPropagation();
      if (key === 'y' || event.shiftKey) composer.actions.redo();
      else composer.actions.undo();
    }
  };

  return (
    <section
      className="pane pane--briefing"
      aria-label="Briefing"
      data-undo-scope="briefing"
      onKeyDown={onKeyDown}
    >
      <header className="pane__header briefing-toolbar">
        <button
          type="button"
          className="briefing-toolbar__switch"
          aria-expanded={showList}
          aria-label={briefing === undefined ? 'Briefings' : `Briefings (open: ${briefing.title})`}
          onClick={() => toggle('list')}
        >
          <span className="pane__title">Briefings</span>
          <span aria-hidden="true">▾</span>
        </button>
        {briefing === undefined ? null : (
          <span className="briefing-toolbar__actions">
            <button
              type="button"
              className="icon-button"
              aria-label={state.history.undoLabel === null ? 'Undo' : `Undo ${state.history.undoLabel}`}
              title={`Undo${state.history.undoLabel === null ? '' : `: ${state.history.undoLabel}`} (Ctrl+Z)`}
              disabled={!state.history.canUndo}
              onClick={composer.actions.undo}
            >
              ↶
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={state.history.redoLabel === null ? 'Redo' : `Redo ${state.history.redoLabel}`}
              title={`Redo${state.history.redoLabel === null ? '' : `: ${state.history.redoLabel}`} (Ctrl+Shift+Z)`}
              disabled={!state.history.canRedo}
              onClick={composer.actions.redo}
            >
              ↷
            </button>
            <button
              type="button"
              className="button button--small button--quiet"
              aria-pressed={panel === 'details'}
              onClick={() => toggle('details')}
            >
              Details
            </button>
            <button
              type="button"
              className="button button--small button--quiet"
              aria-pressed={panel === 'versions'}
              onClick={() => toggle('versions')}
            >
              Versions
            </button>
            <button
              type="button"
              className="button button--small button--quiet"
              aria-pressed={previewOpen}
              onClick={onTogglePreview}
              title="Show the pages as they will print (Ctrl+Shift+P)"
            >
              Preview
            </button>
          </span>
        )}
      </header>
      {error === null ? null : <ErrorNote message={error} onDismiss={workspace.dismissError} />}
      {workspace.notice === null ? null : (
        <div className="notice" role="status">
          {workspace.notice.text}
          {workspace.notice.restore !== null ? (
            <button
              type="button"
              className="button button--small"
              onClick={() => void workspace.undoDelete()}
            >
              Undo
            </button>
          ) : null}
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={workspace.dismissNotice}
          >
            ×
          </button>
        </div>
      )}
      <div className="pane__scroll">
        {showList ? (
          <BriefingsList
            briefings={workspace.briefings}
            openId={workspace.openId}
            query={workspace.query}
            onQuery={workspace.setQuery}
            onOpen={(briefingId) => {
              workspace.open(briefingId);
              setPanel('none');
            }}
            onCreate={(title, template) => {
              void workspace.create(title, template);
              setPanel('none');
            }}
            onDuplicate={(briefingId) => {
              void workspace.duplicate(briefingId);
              setPanel('none');
            }}
            onRename={(briefingId, title) => void workspace.rename(briefingId, title)}
            onDelete={(briefingId) => void workspace.remove(briefingId)}
            onClose={() => setPanel('none')}
            focusOnOpen={panel === 'list'}
          />
        ) : briefing === undefined ? (
          <EmptyState title="No briefing open">Open one from the list above, or create a new one.</EmptyState>
        ) : (
          <>
            <div className="briefing-heading">
              {briefing.marking === '' ? null : <p className="briefing__marking">{briefing.marking}</p>}
              <h3 className="briefing__title">{briefing.title}</h3>
              {briefing.subtitle === '' ? null : <p className="briefing__subtitle">{briefing.subtitle}</p>}
            </div>
            {panel === 'details' ? (
              <MetadataForm briefing={briefing} onChange={composer.actions.updateMetadata} />
            ) : null}
            {panel === 'versions' ? (
              <VersionsPanel
                briefingId={briefing.id}
                updatedAt={briefing.updatedAt}
                onRestore={(versionId) =>
                  void composer.actions.restoreVersion(versionId).then((ok) => ok && setPanel('none'))
                }
              />
            ) : null}
            <Composer briefing={briefing} actions={composer.actions} />
          </>
        )}
      </div>
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {state.announcement}
      </p>
      {briefing === undefined ? null : (
        <ExportBar
          busy={workspace.busy}
          progress={workspace.exportProgress}
          result={workspace.exportResult}
          onExport={(format) => void workspace.exportAs(format)}
          onOpen={(exportId) => void workspace.openFile(exportId)}
          onReveal={(exportId) => void workspace.reveal(exportId)}
        />
      )}
    </section>
  );
}
