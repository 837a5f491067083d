import type { ExportResult } from '../../../shared/dto';

type Props = Readonly<{
  busy: boolean;
  result: ExportResult | null;
  onExport: () => void;
  onReveal: (exportId: string) => void;
}>;

export function ExportBar({ busy, result, onExport, onReveal }: Props) {
  return (
    <footer className="export-bar">
      <div className="export-bar__status" role="status" aria-live="polite">
        {busy ? 'Exporting…' : null}
        {!busy && result !== null && result.path !== null
          ? `Exported ${result.pages} ${result.pages === 1 ? 'page' : 'pages'} with ${result.citations} ${result.citations === 1 ? 'citation' : 'citations'} to ${result.path}`
          : null}
        {!busy && result !== null && result.path === null ? 'Export cancelled.' : null}
      </div>
      <div className="export-bar__actions">
        {result?.exportId === null || result === null ? null : (
          <button
            type="button"
            className="button button--quiet"
            onClick={() => onReveal(result.exportId ?? '')}
          >
            Show in folder
          </button>
        )}
        <button type="button" className="button button--primary" disabled={busy} onClick={onExport}>
          Export PDF
        </button>
      </div>
    </footer>
  );
}
