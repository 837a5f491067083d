import type { ImportRun } from './use-import';

const LABEL: Readonly<Record<string, string>> = {
  waiting: 'Waiting',
  importing: 'Importing…',
  imported: 'Imported',
  duplicate: 'Already in library',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

type Props = Readonly<{ run: ImportRun; onCancel: () => void; onDismiss: () => void }>;

/** Progress of an import batch, file by file, with a summary at the end. */
export function ImportPanel({ run, onCancel, onDismiss }: Props) {
  const done = run.files.filter((file) => file.state !== 'waiting' && file.state !== 'importing').length;
  const count = (state: string) => run.files.filter((file) => file.state === state).length;
  const summary = [
    `${count('imported')} imported`,
    `${count('duplicate')} ${count('duplicate') === 1 ? 'duplicate' : 'duplicates'}`,
    `${count('failed')} failed`,
    ...(count('cancelled') > 0 ? [`${count('cancelled')} cancelled`] : []),
  ].join(', ');
  return (
    <section className="import-panel" aria-label="Import">
      <header className="import-panel__header">
        <span className="import-panel__title">
          {run.running ? `Importing ${done + 1} of ${run.files.length}` : 'Import finished'}
        </span>
        {run.running ? (
          <button type="button" className="button button--quiet" onClick={onCancel}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="button button--quiet"
            onClick={onDismiss}
            aria-label="Close import summary"
          >
            Close
          </button>
        )}
      </header>
      <progress
        className="import-panel__bar"
        max={run.files.length}
        value={done}
        aria-label="Import progress"
      />
      <p className="import-panel__summary" role="status" aria-live="polite">
        {run.running ? `${done} of ${run.files.length} done` : summary}
      </p>
      <ul className="import-panel__files" aria-label="Imported files">
        {run.files.map((file, index) => (
          <li key={index} className={`import-file import-file--${file.state}`}>
            <span className="import-file__name" title={file.name}>
              {file.name}
            </span>
            <span className="import-file__state">{LABEL[file.state]}</span>
            {file.message === null ? null : <span className="import-file__reason">{file.message}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
