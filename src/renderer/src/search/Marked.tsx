import type { ReactNode } from 'react';
import type { MarkedText } from '../../../shared/dto';

/** Text with its matched words in <mark>: built from ranges, never from markup. */
export function Marked({ text }: { text: MarkedText }) {
  const parts: ReactNode[] = [];
  let at = 0;
  text.highlights.forEach(([start, end], index) => {
    if (start < at) return;
    if (start > at) parts.push(text.text.slice(at, start));
    parts.push(
      <mark key={index} className="search-mark">
        {text.text.slice(start, end)}
      </mark>,
    );
    at = end;
  });
  if (at < text.text.length) parts.push(text.text.slice(at));
  return <>{parts}</>;
}
