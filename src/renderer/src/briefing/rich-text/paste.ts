import { Fragment, Slice, type Node } from 'prosemirror-model';
import type { Command } from 'prosemirror-state';
import { richTextFromPlain } from '../../../../shared/rich-text';
import { toProseMirrorDoc } from './convert';
import { nodes } from './schema';

function listItemsOf(blocks: readonly Node[]): Node[] {
  const items: Node[] = [];
  for (const block of blocks) {
    if (block.type === nodes.paragraph) items.push(nodes.listItem.create(null, block));
    else
      block.forEach((item) => {
        items.push(item);
      });
  }
  return items;
}

/**
 * Inserts plain text over the selection. One line goes in as text (taking the marks at the cursor);
 * several lines are read with `richTextFromPlain` (blank lines make paragraphs, "- " / "1. " lines
 * make lists). Inside a list every pasted block becomes an item of that list, since lists do not nest.
 */
export function insertPlainText(text: string): Command {
  return (state, dispatch) => {
    const clean = text.replaceAll('\u0000', '').replace(/\r\n?/g, '\n');
    if (clean === '') return false;
    if (dispatch === undefined) return true;
    const { $from } = state.selection;
    if (!clean.includes('\n')) {
      dispatch(state.tr.insertText(clean.replaceAll('\t', ' ')).scrollIntoView());
      return true;
    }
    const blocks: Node[] = [];
    toProseMirrorDoc(richTextFromPlain(clean)).forEach((block) => {
      blocks.push(block);
    });
    const inList = $from.depth >= 2 && $from.node(-1).type === nodes.listItem;
    const slice = inList
      ? new Slice(Fragment.from(listItemsOf(blocks)), 2, 2)
      : new Slice(
          Fragment.from(blocks),
          blocks[0]?.type === nodes.paragraph ? 1 : 0,
          blocks.at(-1)?.type === nodes.paragraph ? 1 : 0,
        );
    dispatch(state.tr.replaceSelection(slice).scrollIntoView());
    return true;
  };
}

/** Cuts text to `budget` characters without splitting a surrogate pair. */
export function truncateText(text: string, budget: number): string {
  if (text.length <= budget) return text;
  const cut = text.slice(0, budget);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
