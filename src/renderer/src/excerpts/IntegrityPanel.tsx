import { useState } from 'react';
import type { IntegrityReport } from '../../../shared/dto';
import { call, errorMessage } from '../api';
import { ErrorNote } from '../components/ErrorNote';

/** "Check quotes": re-verifies every excerpt against its source text and shows what is off. */
export function IntegrityPanel() {
  const [report, setReport] = useState<IntegrityReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const check = () => {
    setBusy(true);
    setError(null);
    call('verifyExcerpts', {})
      .then(setReport)
      .catch((reason: unknown) => setError(errorMessage(reason)))
      .finally(() => setBusy(false));
  };
  return (
    <section className="integrity" aria-label="Quote check">
      <div className="integrity__bar">
        <button type="button" className="button button--small" onClick={check} disabled={busy}>
          {busy ? 'Checking…' : 'Check quotes'}
        </button>
        {report === null ? null : (
          <span className="integrity__summary" role="status">
            {report.checked} checked: {report.exact} exact, {report.moved} moved, {report.broken} broken
          </span>
        )}
      </div>
      {error === null ? null : <ErrorNote message={error} />}
      {report !== null && report.problems.length > 0 ? (
        <ul className="integrity__problems">
          {report.problems.map((item) => (
            <li key={item.excerptId} className={`integrity__item integrity__item--${item.status}`}>
              <strong>{item.status === 'moved' ? 'Moved' : 'Broken'}</strong>: {item.quote.slice(0, 120)}
              {item.diff === null ? null : (
                <p className="integrity__diff">
                  {item.diff.map((part, index) =>
                    part.op === 'same' ? (
                      <span key={index}>{part.text}</span>
                    ) : part.op === 'removed' ? (
                      <del key={index}>{part.text}</del>
                    ) : (
                      <ins key={index}>{part.text}</ins>
                    ),
                  )}
                </p>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
