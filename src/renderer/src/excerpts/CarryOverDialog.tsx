import { useEffect, useState } from 'react';
import type { CarryOverItem, CarryOverPlan } from '../../../shared/dto';
import { call, errorMessage } from '../api';
import { ErrorNote } from '../components/ErrorNote';

type Props = Readonly<{
  fromDocumentId: string;
  toDocumentId: string;
  onDone: () => void;
  onClose: () => void;
}>;

const LABEL: Readonly<Record<CarryOverItem['status'], string>> = {
  exact: 'Found verbatim',
  moved: 'Found verbatim, elsewhere',
  fuzzy: 'Changed in the new version: review',
  missing: 'Not found in the new version',
};

/**
 * Carries excerpts from an earlier version of a source to the newer one. Verbatim matches are
 * ticked; a changed passage is only taken if the analyst ticks it, and then with the new wording.
 */
export function CarryOverDialog({ fromDocumentId, toDocumentId, onDone, onClose }: Props) {
  const [plan, setPlan] = useState<CarryOverPlan | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('planCarryOver', { fromDocumentId, toDocumentId })
      .then((result) => {
        setPlan(result);
        setChosen(
          new Set(
            result.items
              .filter((item) => !item.carried && (item.status === 'exact' || item.status === 'moved'))
              .map((item) => item.excerptId),
          ),
        );
      })
      .catch((reason: unknown) => setError(errorMessage(reason)));
  }, [fromDocumentId, toDocumentId]);
  const apply = () => {
    call('applyCarryOver', { fromDocumentId, toDocumentId, excerptIds: [...chosen] })
      .then(() => {
        onDone();
        onClose();
      })
      .catch((reason: unknown) => setError(errorMessage(reason)));
  };
  return (
    <div className="modal-backdrop">
      <div
        className="modal modal--wide"
        role="dialog"
        aria-modal="true"
        aria-label="Carry excerpts over"
        onKeyDown={(event) => event.key === 'Escape' && onClose()}
      >
        <h2 className="modal__title">Carry excerpts over to this version</h2>
        <p className="modal__hint">
          Each excerpt of the earlier version is looked up in this one. Nothing changes unless you tick it.
        </p>
        {error === null ? null : <ErrorNote message={error} />}
        {plan === null ? <p>Checking…</p> : null}
        {plan !== null && plan.items.length === 0 ? <p>The earlier version has no excerpts.</p> : null}
        <ul className="carry-list">
          {plan?.items.map((item) => (
            <li key={item.excerptId} className={`carry-item carry-item--${item.status}`}>
              <label>
                <input
                  type="checkbox"
                  disabled={item.carried || item.status === 'missing'}
                  checked={chosen.has(item.excerptId)}
                  onChange={(event) =>
                    setChosen((previous) => {
                      const next = new Set(previous);
                      if (event.target.checked) next.add(item.excerptId);
                      else next.delete(item.excerptId);
                      return next;
                    })
                  }
                />
                <span className="carry-item__status">
                  {item.carried ? 'Already carried over' : LABEL[item.status]}
                </span>
              </label>
              <p className="carry-item__quote">{item.quote}</p>
              {item.status === 'fuzzy' && item.newQuote !== null ? (
                <p className="carry-item__new">
                  Now reads: <q>{item.newQuote}</q> ({Math.round(item.similarity * 100)}% similar)
                </p>
              ) : null}
            </li>
          ))}
        </ul>
        <div className="modal__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={chosen.size === 0}
            onClick={apply}
          >
            Carry over {chosen.size}
          </button>
        </div>
      </div>
    </div>
  );
}
