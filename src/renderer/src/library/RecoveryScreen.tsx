import { useEffect, useState } from 'react';
import type { BackupSummary, LibraryStatus } from '../../../shared/dto';
import { call, errorMessage } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { formatDateTime } from '../format';

const REASONS: Readonly<Record<BackupSummary['reason'], string>> = {
  scheduled: 'scheduled backup',
  manual: 'backup made on request',
  'pre-migration': 'before an app update changed the library',
  'before-restore': 'before a restore',
};

function size(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

/** Shown instead of the app when the library file cannot be opened: restore a backup or start anew. */
export function RecoveryScreen({ status, onReopened }: { status: LibraryStatus; onReopened: () => void }) {
  const [backups, setBackups] = useState<readonly BackupSummary[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('listBackups', {}).then(setBackups, (failure: unknown) => setError(errorMessage(failure)));
  }, []);
  const good = (backups ?? []).filter((backup) => backup.ok);
  const newest = good[0];

  const act = (action: () => Promise<LibraryStatus>) => {
    setBusy(true);
    setError(null);
    action().then(
      (opened) => {
        if (opened.state === 'damaged') {
          setBusy(false);
          setError(opened.message);
        } else onReopened();
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorMessage(failure));
      },
    );
  };
  const restore = (backup: BackupSummary) => act(() => call('restoreBackup', { backupId: backup.id }));

  return (
    <main className="recovery" aria-labelledby="recovery-title">
      <h1 id="recovery-title" className="recovery__title">
        Your library could not be opened
      </h1>
      <p className="recovery__message">{status.message}</p>
      {error === null ? null : <ErrorNote message={error} />}
      <section className="recovery__actions" aria-label="Recovery">
        {newest === undefined ? (
          <p>{backups === null ? 'Looking for backups…' : 'There is no good backup to restore.'}</p>
        ) : (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => restore(newest)}
          >
            Restore newest good backup ({formatDateTime(newest.createdAt)})
          </button>
        )}
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => act(() => call('startEmptyLibrary', {}))}
        >
          Start with an empty library
        </button>
      </section>
      {backups !== null && backups.length > 0 ? (
        <section aria-labelledby="recovery-backups">
          <h2 id="recovery-backups" className="recovery__subtitle">
            Backups
          </h2>
          <ul className="recovery__list">
            {backups.map((backup) => (
              <li key={backup.id} className="recovery__backup">
                <span>
                  <strong>{formatDateTime(backup.createdAt)}</strong> · {REASONS[backup.reason]} ·{' '}
                  {size(backup.sizeBytes)}
                  {backup.ok ? null : (
                    <span className="recovery__bad">
                      {' '}
                      · failed its check: {backup.problem ?? 'unknown problem'}
                    </span>
                  )}
                </span>
                {backup.ok ? (
                  <button
                    type="button"
                    className="button button--small"
                    disabled={busy}
                    aria-label={`Restore the backup of ${formatDateTime(backup.createdAt)}`}
                    onClick={() => restore(backup)}
                  >
                    Restore
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="recovery__note">
        Nothing is deleted: the damaged file is moved to the “set-aside” folder beside your library before
        anything else is opened.
      </p>
    </main>
  );
}
