import { Schema, type DOMOutputSpec, type Mark } from 'prosemirror-model';
import { isSafeLink } from '../../../../shared/rich-text';

/**
 * The editor's document model, one to one with `RichText`: paragraphs and flat lists whose items
 * hold exactly one paragraph, with bold, italic and link marks. No hard breaks, headings or nested
 * lists, because the stored model has none.
 *
 * The parse rules only serve ProseMirror's reading back of DOM edits the browser made itself
 * (typing, spell-check replacements). Clipboard HTML is never parsed (see dom-events.ts).
 */
export const richTextSchema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    paragraph: {
      group: 'block',
      content: 'text*',
      marks: '_',
      parseDOM: [{ tag: 'p' }],
      toDOM: (): DOMOutputSpec => ['p', 0],
    },
    bullet_list: {
      group: 'block',
      content: 'list_item+',
      parseDOM: [{ tag: 'ul' }],
      toDOM: (): DOMOutputSpec => ['ul', 0],
    },
    ordered_list: {
      group: 'block',
      content: 'list_item+',
      parseDOM: [{ tag: 'ol' }],
      toDOM: (): DOMOutputSpec => ['ol', 0],
    },
    list_item: {
      content: 'paragraph',
      defining: true,
      parseDOM: [{ tag: 'li' }],
      toDOM: (): DOMOutputSpec => ['li', 0],
    },
    text: {},
  },
  marks: {
    link: {
      attrs: { href: { validate: 'string' } },
      // Typing at the end of a link does not extend it.
      inclusive: false,
      parseDOM: [
        {
          tag: 'a[href]',
          getAttrs: (dom) => {
            const href = dom.getAttribute('href') ?? '';
            return isSafeLink(href) ? { href } : false;
          },
        },
      ],
      toDOM: (mark: Mark): DOMOutputSpec => {
        const href = linkHref(mark);
        // The title shows the target on hover, since clicking a link in the editor does nothing.
        return isSafeLink(href)
          ? ['a', { href, title: href, rel: 'noopener noreferrer nofollow' }, 0]
          : ['a', 0];
      },
    },
    em: {
      parseDOM: [{ tag: 'em' }, { tag: 'i' }],
      toDOM: (): DOMOutputSpec => ['em', 0],
    },
    strong: {
      parseDOM: [{ tag: 'strong' }, { tag: 'b' }],
      toDOM: (): DOMOutputSpec => ['strong', 0],
    },
  },
});

export const nodes = {
  doc: richTextSchema.nodes.doc,
  paragraph: richTextSchema.nodes.paragraph,
  bulletList: richTextSchema.nodes.bullet_list,
  orderedList: richTextSchema.nodes.ordered_list,
  listItem: richTextSchema.nodes.list_item,
};

export const marks = {
  link: richTextSchema.marks.link,
  em: richTextSchema.marks.em,
  strong: richTextSchema.marks.strong,
};

/** A link mark's target (the schema validates it as a string). */
export function linkHref(mark: Mark): string {
  const href: unknown = mark.attrs.href;
  return typeof href === 'string' ? href : '';
}
