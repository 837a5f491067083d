/** Find-in-document over the rendered reader text, painted with the CSS Custom Highlight API. */

export type FindResult = Readonly<{ ranges: readonly Range[] }>;

const MAX_MATCHES = 5000;

/** Every case-insensitive occurrence of `query` in the text under `root`, as DOM ranges. */
export function findInElement(root: HTMLElement, query: string): Range[] {
  const needle = query.trim().toLocaleLowerCase();
  if (needle === '') return [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  let text = '';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    nodes.push(node as Text);
    starts.push(text.length);
    text += (node as Text).data;
  }
  const haystack = text.toLocaleLowerCase();
  const ranges: Range[] = [];
  let from = 0;
  while (ranges.length < MAX_MATCHES) {
    const index = haystack.indexOf(needle, from);
    if (index < 0) break;
    const range = document.createRange();
    const start = locate(nodes, starts, index);
    const end = locate(nodes, starts, index + needle.length);
    if (start === null || end === null) break;
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
    ranges.push(range);
    from = index + needle.length;
  }
  return ranges;
}

function locate(
  nodes: readonly Text[],
  starts: readonly number[],
  position: number,
): { node: Text; offset: number } | null {
  let low = 0;
  let high = nodes.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((starts[middle] ?? 0) <= position) low = middle;
    else high = middle - 1;
  }
  const node = nodes[low];
  const start = starts[low];
  if (node === undefined || start === undefined) return null;
  return { node, offset: Math.min(position - start, node.data.length) };
}

/** Paints all matches, and the current one more strongly; a no-op where the API is missing. */
export function paintMatches(ranges: readonly Range[], current: number): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
  CSS.highlights.set('find-match', new Highlight(...ranges));
  const active = ranges[current];
  if (active === undefined) CSS.highlights.delete('find-current');
  else CSS.highlights.set('find-current', new Highlight(active));
}

export function clearMatches(): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
  CSS.highlights.delete('find-match');
  CSS.highlights.delete('find-current');
}
