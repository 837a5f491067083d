import type { Node, NodeType, ResolvedPos } from 'prosemirror-model';
import { AllSelection, TextSelection, type Command, type EditorState } from 'prosemirror-state';
import { nodes } from './schema';

export type ListKind = 'bullet-list' | 'ordered-list';

function listType(kind: ListKind): NodeType {
  return kind === 'bullet-list' ? nodes.bulletList : nodes.orderedList;
}

function kindOf(node: Node): ListKind | null {
  if (node.type === nodes.bulletList) return 'bullet-list';
  if (node.type === nodes.orderedList) return 'ordered-list';
  return null;
}

/** The kind of list the selection starts in, if any (lists are never nested: depth 1). */
export function activeList(state: EditorState): ListKind | null {
  const { $from } = state.selection;
  return $from.depth >= 1 ? kindOf($from.node(1)) : null;
}

/** A position as (index of its textblock in document order, offset inside it). */
type TextblockPoint = Readonly<{ index: number; offset: number }>;

function toPoint(doc: Node, pos: number): TextblockPoint {
  let index = 0;
  let found: TextblockPoint | null = null;
  doc.descendants((node, start) => {
    if (found !== null) return false;
    if (!node.isTextblock) return true;
    if (pos <= start + node.nodeSize - 1) found = { index, offset: Math.max(0, pos - start - 1) };
    index += 1;
    return false;
  });
  return found ?? { index: Math.max(0, index - 1), offset: Number.MAX_SAFE_INTEGER };
}

function fromPoint(doc: Node, point: TextblockPoint): number {
  let index = 0;
  let result = doc.content.size;
  let done = false;
  doc.descendants((node, start) => {
    if (done) return false;
    if (!node.isTextblock) return true;
    if (index === point.index) {
      result = start + 1 + Math.min(point.offset, node.content.size);
      done = true;
    }
    index += 1;
    return false;
  });
  return result;
}

type Unit = Readonly<{ paragraph: Node; from: ListKind | null }>;

/** The top-level index of the block holding a position, clamped to the document. */
function blockIndex($pos: ResolvedPos): number {
  return Math.min($pos.index(0), $pos.doc.childCount - 1);
}

/** The index of the list item holding a position; `fallback` for a position between blocks. */
function itemIndex($pos: ResolvedPos, fallback: number): number {
  return $pos.depth >= 1 ? $pos.index(1) : fallback;
}

function paragraphOf(item: Node): Node {
  return item.firstChild ?? nodes.paragraph.create();
}

function buildList(kind: ListKind, paragraphs: readonly Node[]): Node {
  return listType(kind).create(
    null,
    paragraphs.map((paragraph) => nodes.listItem.create(null, paragraph)),
  );
}

/**
 * Ctrl+Shift+8 / Ctrl+Shift+7. When everything selected is already in a list of `kind`, the
 * selected items turn back into paragraphs (splitting the list around them). Otherwise the selected
 * paragraphs and every list the selection touches become one list of `kind` (switching kinds is
 * about the whole list, not one item), continuing a list of that kind right before or after.
 * Works on whole top-level blocks, since lists are flat, and keeps the selection on the same text.
 */
export function toggleList(kind: ListKind): Command {
  return (state, dispatch) => {
    const { doc, selection } = state;
    if (doc.childCount === 0) return false;
    const first = blockIndex(selection.$from);
    const last = blockIndex(selection.$to);
    const firstItem = itemIndex(selection.$from, 0);
    const lastItem = (list: Node) => Math.min(itemIndex(selection.$to, Infinity), list.childCount - 1);
    const selected: Unit[] = [];
    for (let index = first; index <= last; index += 1) {
      const block = doc.child(index);
      const blockKind = kindOf(block);
      if (blockKind === null) {
        selected.push({ paragraph: block, from: null });
        continue;
      }
      const lo = index === first ? firstItem : 0;
      const hi = index === last ? lastItem(block) : block.childCount - 1;
      for (let item = lo; item <= hi; item += 1)
        selected.push({ paragraph: paragraphOf(block.child(item)), from: blockKind });
    }
    let start = first;
    let end = last + 1;
    let blocks: Node[];
    if (selected.every((unit) => unit.from === kind)) {
      const head = doc.child(first);
      const tail = doc.child(last);
      const hi = lastItem(tail);
      blocks = [
        ...(firstItem > 0 ? [head.copy(head.content.cut(0, positionOfChild(head, firstItem)))] : []),
        ...selected.map((unit) => unit.paragraph),
        ...(hi < tail.childCount - 1 ? [tail.copy(tail.content.cut(positionOfChild(tail, hi + 1)))] : []),
      ];
    } else {
      if (start > 0 && kindOf(doc.child(start - 1)) === kind) start -= 1;
      if (end < doc.childCount && kindOf(doc.child(end)) === kind) end += 1;
      const paragraphs: Node[] = [];
      for (let index = start; index < end; index += 1) {
        const block = doc.child(index);
        if (kindOf(block) === null) paragraphs.push(block);
        else
          block.forEach((item) => {
            paragraphs.push(paragraphOf(item));
          });
      }
      blocks = [buildList(kind, paragraphs)];
    }
    if (dispatch === undefined) return true;
    const anchor = toPoint(doc, selection.anchor);
    const head = toPoint(doc, selection.head);
    const from = positionOfChild(doc, start);
    const to = positionOfChild(doc, end);
    const tr = state.tr.replaceWith(from, to, blocks);
    tr.setSelection(
      selection instanceof AllSelection
        ? new AllSelection(tr.doc)
        : TextSelection.create(tr.doc, fromPoint(tr.doc, anchor), fromPoint(tr.doc, head)),
    );
    dispatch(tr.scrollIntoView());
    return true;
  };
}

/** The offset of `parent`'s child `index` inside `parent`'s content. */
function positionOfChild(parent: Node, index: number): number {
  let offset = 0;
  for (let i = 0; i < index; i += 1) offset += parent.child(i).nodeSize;
  return offset;
}
