/** Maps the browser's selection inside the reader to offsets in the document's normalised text. */

const BLOCK_SELECTOR = '[data-block-start]';

function blockOf(node: Node): HTMLElement | null {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return element?.closest<HTMLElement>(BLOCK_SELECTOR) ?? null;
}

/** Offset of a DOM point inside a block: the block's start plus the text before the point. */
function offsetInBlock(block: HTMLElement, container: Node, offset: number): number {
  const range = document.createRange();
  range.selectNodeContents(block);
  range.setEnd(container, offset);
  return Number(block.dataset['blockStart']) + range.toString().length;
}

export type TextRange = Readonly<{ start: number; end: number }>;

/**
 * The selected range of document text inside `root`, or null when nothing in it is selected.
 * Selections that start or end between blocks (or outside the text) are clipped to the blocks they
 * cover.
 */
export function selectedTextRange(root: HTMLElement): TextRange | null {
  const selection = window.getSelection();
  if (selection === null || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const blocks = Array.from(root.querySelectorAll<HTMLElement>(BLOCK_SELECTOR)).filter((block) =>
    range.intersectsNode(block),
  );
  const first = blocks[0];
  const last = blocks.at(-1);
  if (first === undefined || last === undefined) return null;

  const startBlock = blockOf(range.startContainer);
  const start =
    startBlock !== null && root.contains(startBlock)
      ? offsetInBlock(startBlock, range.startContainer, range.startOffset)
      : Number(first.dataset['blockStart']);
  const endBlock = blockOf(range.endContainer);
  const end =
    endBlock !== null && root.contains(endBlock)
      ? offsetInBlock(endBlock, range.endContainer, range.endOffset)
      : Number(last.dataset['blockEnd']);
  return end > start ? { start, end } : null;
}
