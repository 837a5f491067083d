import type { TextRange } from './selection';

const BLOCK = '[data-block-start]';

function rangeOf(element: Element | null | undefined): TextRange | null {
  if (!(element instanceof HTMLElement)) return null;
  const start = Number(element.dataset['blockStart']);
  const end = Number(element.dataset['blockEnd']);
  return Number.isFinite(start) && Number.isFinite(end) && end > start ? { start, end } : null;
}

/** The whole block beside a point in the reader's margin (the block at that height). */
export function blockRangeAtHeight(root: HTMLElement, clientY: number): TextRange | null {
  for (const block of root.querySelectorAll(BLOCK)) {
    const box = block.getBoundingClientRect();
    if (clientY >= box.top && clientY <= box.bottom) return rangeOf(block);
  }
  return null;
}

/** The whole block holding the selection's focus (or caret), for the keyboard equivalent. */
export function blockRangeAtSelection(root: HTMLElement): TextRange | null {
  const selection = window.getSelection();
  const node = selection?.focusNode ?? selection?.anchorNode;
  if (node === null || node === undefined || !root.contains(node)) return null;
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return rangeOf(element?.closest(BLOCK));
}
