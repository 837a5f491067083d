import type { ExportProgress, ExportResult } from '../../../shared/dto';

type Props = Readonly<{
  busy: boolean;
  progress: ExportProgress | null;
  result: ExportResult | null;
  onExport: (format: 'pdf' | 'docx' | 'md') => void;
  onOpen: (exportId: string) => void;
  onReveal: (exportId: string) => void;
}>;

/** Export to PDF (Ctrl+Shift+E), Word or Markdown; then open the file or show it in its folder. */
/** What the export is doing, in words. */
function progressText(progress: ExportProgress | null): string {
  switch (progress?.stage) {
    case 'choosing-file':
      return 'Choose where to save…';
    case 'laying-out':
      return progress.pages > 1 ? `Laying out pages… ${progress.pages}` : 'Laying out pages…';
    case 'writing':
      return 'Writing the file…';
    default:
      return 'Exporting…';
  }
}

export function ExportBar({ busy, progress, result, onExport, onOpen, onReveal }: Props) {
  const exportId = result?.exportId ?? null;
  const pages =
    result === null || result.pages === 0
      ? ''
      : `${result.pages} ${result.pages === 1 ? 'page' : 'pages'} with `;
  return (
    <footer className="export-bar">
      <div className="export-bar__status" role="status" aria-live="polite">
        {busy ? (
          <span className="export-bar__progress">
            <progress aria-label="Export progress" />
            {progressText(progress)}
          </span>
        ) : null}
        {!busy && result !== null && result.path !== null
          ? `Exported ${pages}${result.citations} ${result.citations === 1 ? 'citation' : 'citations'} to ${result.path}`
          : null}
        {!busy && result !== null && result.path === null ? 'Export cancelled.' : null}
      </div>
      <div className="export-bar__actions">
        {exportId === null ? null : (
          <>
            <button
              type="button"
              className="button button--quiet"
              aria-label="Open the exported file"
              onClick={() => onOpen(exportId)}
            >
              Open
            </button>
            <button type="button" className="button button--quiet" onClick={() => onReveal(exportId)}>
              Show in folder
            </button>
          </>
        )}
        <button
          type="button"
          className="button button--quiet"
          disabled={busy}
          title="Export as a Word document (.docx)"
          onClick={() => onExport('docx')}
        >
          Word
        </button>
        <button
          type="button"
          className="button button--quiet"
          disabled={busy}
          title="Export as Markdown (.md)"
          onClick={() => onExport('md')}
        >
          Markdown
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          title="Export as PDF (Ctrl+Shift+E)"
          onClick={() => onExport('pdf')}
        >
          Export PDF
        </button>
      </div>
    </footer>
  );
}
