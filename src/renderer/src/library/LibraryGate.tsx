import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { LibraryStatus } from '../../../shared/dto';
import { call, errorMessage, LIBRARY_DAMAGED_EVENT } from '../api';
import { RecoveryScreen } from './RecoveryScreen';

/**
 * Asks core how the library opened before the app shows it: a damaged library gets the recovery
 * screen instead of the app, a library from a newer version a read-only banner above it.
 */
export function LibraryGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<LibraryStatus | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [noticeOpen, setNoticeOpen] = useState(true);
  useEffect(() => {
    const ask = () => {
      call('libraryStatus', {}).then(setStatus, (error: unknown) => setFailure(errorMessage(error)));
    };
    ask();
    // The check of a large library runs after it opens; damage it finds sends the window here.
    window.addEventListener(LIBRARY_DAMAGED_EVENT, ask);
    return () => window.removeEventListener(LIBRARY_DAMAGED_EVENT, ask);
  }, []);
  // A restored or new library is a different library: start the window over on it.
  const reopen = useCallback(() => window.location.reload(), []);

  if (failure !== null) {
    return (
      <main className="recovery">
        <h1 className="recovery__title">Briefing Builder could not reach its library</h1>
        <p>{failure}</p>
      </main>
    );
  }
  if (status === null) return null;
  if (status.state === 'damaged') return <RecoveryScreen status={status} onReopened={reopen} />;
  return (
    <div className="library-gate">
      {status.state === 'read-only' ? (
        <div className="library-banner library-banner--read-only" role="status">
          <strong>Read-only library.</strong> {status.message}
        </div>
      ) : null}
      {status.setAside !== null && noticeOpen ? (
        <div className="library-banner" role="status">
          <span>
            Your library was replaced. The earlier file is kept as <code>{status.setAside}</code> in the
            library folder.
          </span>
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => setNoticeOpen(false)}
            aria-label="Dismiss notice"
          >
            ×
          </button>
        </div>
      ) : null}
      {children}
    </div>
  );
}
