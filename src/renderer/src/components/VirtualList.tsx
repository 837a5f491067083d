import { useEffect, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';

type Props = Readonly<{
  count: number;
  rowHeight: number;
  /** Renders row `index`; called only for rows in (or near) view. */
  renderRow: (index: number) => ReactNode;
  /** Called with the range of rows in view, so data can be fetched page by page. */
  onRange?: (first: number, last: number) => void;
  label: string;
  overscan?: number;
}>;

/**
 * A fixed-row-height virtualised list: only the rows in view (plus a margin) exist in the DOM, so
 * 100,000 rows scroll as smoothly as 100.
 */
export function VirtualList({ count, rowHeight, renderRow, onRange, label, overscan = 6 }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // Only the first visible row is state, so scrolling within a row renders nothing.
  const [topRow, setTopRow] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const element = scroller.current;
    if (element === null) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, topRow - overscan);
  const last = Math.min(count - 1, topRow + Math.ceil(height / rowHeight) + overscan);

  useEffect(() => {
    if (count > 0) onRange?.(first, last);
  }, [first, last, count, onRange]);

  const rows: ReactNode[] = [];
  for (let index = first; index <= last; index += 1) {
    rows.push(
      <div
        key={index}
        role="listitem"
        className="virtual-list__row"
        style={{ top: index * rowHeight, height: rowHeight }}
      >
        {renderRow(index)}
      </div>,
    );
  }
  return (
    <div
      ref={scroller}
      className="virtual-list"
      onScroll={(event) => {
        const row = Math.floor(event.currentTarget.scrollTop / rowHeight);
        // Rendered before this frame paints, not in a task after it: the rows for a scroll
        // position appear in the same frame as the position itself.
        if (row !== topRow) flushSync(() => setTopRow(row));
      }}
    >
      <div
        role="list"
        aria-label={label}
        aria-rowcount={count}
        className="virtual-list__inner"
        style={{ height: count * rowHeight }}
      >
        {rows}
      </div>
    </div>
  );
}
