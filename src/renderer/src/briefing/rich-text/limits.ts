import type { Node } from 'prosemirror-model';
import { Plugin, type EditorState } from 'prosemirror-state';
import { RICH_TEXT_LIMITS } from '../../../../shared/rich-text';

/** Characters of text in a document. */
export function textLength(doc: Node): number {
  let total = 0;
  doc.descendants((node) => {
    if (node.isText) total += node.text?.length ?? 0;
    return true;
  });
  return total;
}

/** How far a document is over RICH_TEXT_SCHEMA's limits, summed over the limits (0 when within). */
export function overage(doc: Node): number {
  // Text, blocks and items all take room in content.size, so a small document cannot be over.
  if (doc.content.size <= 1_000) return 0;
  let over = Math.max(0, doc.childCount - RICH_TEXT_LIMITS.blocks);
  doc.forEach((block) => {
    if (!block.isTextblock) over += Math.max(0, block.childCount - RICH_TEXT_LIMITS.listItems);
  });
  return over + Math.max(0, textLength(doc) - RICH_TEXT_LIMITS.textChars);
}

/**
 * Refuses edits that take the document further over the limits than it already is, so the
 * commentary always stays savable. A document loaded over the limits can still shrink.
 */
export function limitsPlugin(): Plugin {
  return new Plugin({
    filterTransaction: (tr, state) => !tr.docChanged || overage(tr.doc) <= overage(state.doc),
  });
}

/** How many characters of text can replace the selection without going over the limit. */
export function textBudget(state: EditorState): number {
  const { from, to } = state.selection;
  const selected = state.doc.textBetween(from, to, '').length;
  return Math.max(0, RICH_TEXT_LIMITS.textChars - (textLength(state.doc) - selected));
}
