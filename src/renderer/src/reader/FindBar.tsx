import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { clearMatches, findInElement, paintMatches } from './find';

type Props = Readonly<{ root: () => HTMLElement | null; onClose: () => void; documentKey: string }>;

/** Ctrl+F in the reader: type to find, Enter / Shift+Enter for next / previous, Escape to close. */
export function FindBar({ root, onClose, documentKey }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const ranges = useMemo(() => {
    const element = root();
    return element === null ? [] : findInElement(element, query);
    // The document (and its highlights) may re-render under the same query: documentKey says so.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, root, documentKey]);
  const [position, setPosition] = useState<{ ranges: readonly Range[]; index: number }>({
    ranges: [],
    index: 0,
  });
  const current = position.ranges === ranges ? position.index : 0;

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
    return clearMatches;
  }, []);

  useEffect(() => {
    paintMatches(ranges, current);
    ranges[current]?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
  }, [ranges, current]);

  const move = (delta: number) => {
    if (ranges.length === 0) return;
    setPosition({ ranges, index: (current + delta + ranges.length) % ranges.length });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      move(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };
  const status =
    query.trim() === '' ? '' : ranges.length === 0 ? 'No matches' : `${current + 1} of ${ranges.length}`;
  return (
    <div className="find-bar" role="search" aria-label="Find in document">
      <input
        ref={input}
        type="search"
        className="field field--compact"
        aria-label="Find in document"
        placeholder="Find in document"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <span className="find-bar__status" role="status" aria-live="polite">
        {status}
      </span>
      <button
        type="button"
        className="button button--small button--quiet"
        aria-label="Previous match"
        onClick={() => move(-1)}
        disabled={ranges.length === 0}
      >
        ↑
      </button>
      <button
        type="button"
        className="button button--small button--quiet"
        aria-label="Next match"
        onClick={() => move(1)}
        disabled={ranges.length === 0}
      >
        ↓
      </button>
      <button
        type="button"
        className="button button--small button--quiet"
        aria-label="Close find"
        onClick={onClose}
      >
        ×
      </button>
    </div>
  );
}
