import { Mark, type Node } from 'prosemirror-model';
import {
  isSafeLink,
  normaliseRichText,
  type RichBlock,
  type RichInline,
  type RichText,
} from '../../../../shared/rich-text';
import { linkHref, marks, nodes, richTextSchema } from './schema';

function textNode(inline: RichInline): Node {
  const set: Mark[] = [];
  if (inline.bold === true) set.push(marks.strong.create());
  if (inline.italic === true) set.push(marks.em.create());
  // An unsafe target (possible only in unvalidated input) loses its link, never its text.
  if (inline.link !== undefined && isSafeLink(inline.link))
    set.push(marks.link.create({ href: inline.link }));
  return richTextSchema.text(inline.text, Mark.setFrom(set));
}

function paragraph(runs: readonly RichInline[]): Node {
  return nodes.paragraph.create(null, runs.map(textNode));
}

function block(rich: RichBlock): Node {
  if (rich.type === 'paragraph') return paragraph(rich.content);
  const listType = rich.type === 'bullet-list' ? nodes.bulletList : nodes.orderedList;
  return listType.create(
    null,
    rich.items.map((item) => nodes.listItem.create(null, paragraph(item))),
  );
}

/** The editor document for a commentary (normalised first, so no empty text nodes reach it). */
export function toProseMirrorDoc(rich: RichText): Node {
  return nodes.doc.create(null, normaliseRichText(rich).blocks.map(block));
}

function inlineOf(node: Node): RichInline {
  const inline: { text: string; bold?: true; italic?: true; link?: string } = { text: node.text ?? '' };
  for (const mark of node.marks) {
    if (mark.type === marks.strong) inline.bold = true;
    else if (mark.type === marks.em) inline.italic = true;
    else if (mark.type === marks.link) inline.link = linkHref(mark);
  }
  return inline;
}

function runsOf(textblock: Node): RichInline[] {
  const runs: RichInline[] = [];
  textblock.forEach((child) => {
    if (child.isText) runs.push(inlineOf(child));
  });
  return runs;
}

/** A list item's runs; the schema allows one paragraph, but be tolerant of more. */
function itemRuns(item: Node): RichInline[] {
  const runs: RichInline[] = [];
  item.forEach((child, _offset, index) => {
    if (index > 0) runs.push({ text: ' ' });
    runs.push(...runsOf(child));
  });
  return runs;
}

/** The commentary held by an editor document, normalised. */
export function fromProseMirrorDoc(doc: Node): RichText {
  const blocks: RichBlock[] = [];
  doc.forEach((child) => {
    if (child.type === nodes.bulletList || child.type === nodes.orderedList) {
      const items: RichInline[][] = [];
      child.forEach((item) => items.push(itemRuns(item)));
      blocks.push({ type: child.type === nodes.bulletList ? 'bullet-list' : 'ordered-list', items });
    } else {
      blocks.push({ type: 'paragraph', content: runsOf(child) });
    }
  });
  return normaliseRichText({ blocks });
}
