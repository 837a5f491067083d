/** Highlights a search hit's words in the reader with the CSS Custom Highlight API. */

const BLOCK_SELECTOR = '[data-block-start]';
const HIGHLIGHT = 'search-match';

function blockAt(root: HTMLElement, offset: number): HTMLElement | null {
  for (const block of root.querySelectorAll<HTMLElement>(BLOCK_SELECTOR)) {
    const start = Number(block.dataset['blockStart']);
    const end = Number(block.dataset['blockEnd']);
    if (start <= offset && offset < end) return block;
  }
  return null;
}

/** The DOM point `offset` characters into the document, inside `block`. */
function pointIn(block: HTMLElement, offset: number): { node: Text; offset: number } | null {
  let remaining = offset - Number(block.dataset['blockStart']);
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node !== null; node = walker.nextNode() as Text | null) {
    if (remaining <= node.data.length) return { node, offset: remaining };
    remaining -= node.data.length;
    last = node;
  }
  return last === null ? null : { node: last, offset: last.data.length };
}

/** DOM ranges for [start, end) offsets of the document text shown under `root`. */
export function rangesForOffsets(
  root: HTMLElement,
  offsets: readonly (readonly [number, number])[],
): Range[] {
  const ranges: Range[] = [];
  for (const [start, end] of offsets) {
    const block = blockAt(root, start);
    if (block === null) continue;
    const from = pointIn(block, start);
    const to = pointIn(block, Math.min(end, Number(block.dataset['blockEnd'])));
    if (from === null || to === null) continue;
    const range = document.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    ranges.push(range);
  }
  return ranges;
}

/** Paints the matched words and scrolls their passage into view; returns whether it found it. */
export function showSearchTarget(
  root: HTMLElement,
  target: Readonly<{ start: number; matches: readonly (readonly [number, number])[] }>,
  scroll = true,
): boolean {
  const block = blockAt(root, target.start);
  if (block === null) return false;
  if (scroll) block.scrollIntoView({ block: 'center' });
  block.classList.add('block--search-target');
  if (typeof CSS !== 'undefined' && 'highlights' in CSS) {
    CSS.highlights.set(HIGHLIGHT, new Highlight(...rangesForOffsets(root, target.matches)));
  }
  return true;
}

export function clearSearchTarget(root: HTMLElement | null): void {
  root?.querySelectorAll('.block--search-target').forEach((element) => {
    element.classList.remove('block--search-target');
  });
  if (typeof CSS !== 'undefined' && 'highlights' in CSS) CSS.highlights.delete(HIGHLIGHT);
}
