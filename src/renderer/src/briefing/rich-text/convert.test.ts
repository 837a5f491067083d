import type { Mark } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_RICH_TEXT,
  RICH_TEXT_SCHEMA,
  normaliseRichText,
  type RichBlock,
  type RichInline,
  type RichText,
} from '../../../../shared/rich-text';
import { fromProseMirrorDoc, toProseMirrorDoc } from './convert';
import { marks, nodes, richTextSchema } from './schema';

const paragraph = (...content: RichInline[]): RichBlock => ({ type: 'paragraph', content });
const doc = (...blocks: RichBlock[]): RichText => ({ blocks });

function roundTrip(value: RichText): RichText {
  const node = toProseMirrorDoc(value);
  node.check();
  return fromProseMirrorDoc(node);
}

/** A small seeded generator (mulberry32), so failures reproduce. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}

describe('ProseMirror conversion', () => {
  const shapes: Readonly<Record<string, RichText>> = {
    empty: EMPTY_RICH_TEXT,
    'no blocks': doc(),
    'plain paragraph': doc(paragraph({ text: 'Grain exports fell.' })),
    'empty paragraphs around text': doc(paragraph(), paragraph({ text: 'x' }), paragraph()),
    'every mark combination': doc(
      paragraph(
        { text: 'b', bold: true },
        { text: 'i', italic: true },
        { text: 'bi', bold: true, italic: true },
        { text: 'l', link: 'https://example.org/a' },
        { text: 'bil', bold: true, italic: true, link: 'mailto:desk@example.org' },
        { text: 'plain' },
      ),
    ),
    'adjacent different links': doc(
      paragraph({ text: 'one', link: 'https://a.example' }, { text: 'two', link: 'https://b.example' }),
    ),
    'bullet list with an empty item': doc({
      type: 'bullet-list',
      items: [[{ text: 'a' }], [], [{ text: 'c' }]],
    }),
    'adjacent lists of each kind': doc(
      { type: 'bullet-list', items: [[{ text: 'a' }]] },
      { type: 'bullet-list', items: [[{ text: 'b' }]] },
      { type: 'ordered-list', items: [[{ text: 'c', bold: true }]] },
      paragraph({ text: 'after' }),
    ),
    'unicode and whitespace': doc(paragraph({ text: '  Ödessa — 港口 🚢  ' }), paragraph({ text: '\t' })),
  };

  for (const [name, value] of Object.entries(shapes)) {
    it(`round-trips: ${name}`, () => {
      expect(roundTrip(value)).toEqual(normaliseRichText(value));
    });
  }

  it('builds the expected ProseMirror structure', () => {
    const node = toProseMirrorDoc(
      doc(paragraph({ text: 'a', bold: true }, { text: 'b', link: 'https://example.org' }), {
        type: 'ordered-list',
        items: [[{ text: 'one' }], []],
      }),
    );
    expect(node.toString()).toBe(
      'doc(paragraph(strong("a"), link("b")), ordered_list(list_item(paragraph("one")), list_item(paragraph)))',
    );
    expect(node.child(0).child(1).marks[0]?.attrs).toEqual({ href: 'https://example.org' });
    expect(toProseMirrorDoc(doc()).toString()).toBe('doc(paragraph)');
  });

  it('keeps the text but drops an unsafe link from unvalidated input', () => {
    const value = doc(paragraph({ text: 'click', link: 'javascript:alert(1)' }));
    expect(roundTrip(value)).toEqual(doc(paragraph({ text: 'click' })));
  });

  it('reads documents ProseMirror built itself, normalised', () => {
    const { paragraph: p, listItem, bulletList, doc: root } = nodes;
    const text = (value: string, set?: readonly Mark[]) => richTextSchema.text(value, set);
    const node = root.create(null, [
      p.create(null, [text('a', [marks.em.create()]), text('b', [marks.em.create()]), text('c')]),
      bulletList.create(null, [
        listItem.create(null, p.create()),
        listItem.create(null, p.create(null, text('x'))),
      ]),
    ]);
    expect(fromProseMirrorDoc(node)).toEqual(
      doc(paragraph({ text: 'ab', italic: true }, { text: 'c' }), {
        type: 'bullet-list',
        items: [[], [{ text: 'x' }]],
      }),
    );
  });

  it('round-trips random documents and always yields valid commentary (seeded)', () => {
    const rng = random(424_242);
    const texts = ['', 'a', 'word ', ' space', 'Ödessa', '🚢', 'x\ty', '1. not a list'];
    const links = ['https://example.org', 'http://a.example/p?q=1', 'mailto:x@y.example'];
    const inline = (): RichInline => ({
      text: rng.pick(texts),
      ...(rng.next() < 0.3 ? { bold: true as const } : {}),
      ...(rng.next() < 0.3 ? { italic: true as const } : {}),
      ...(rng.next() < 0.2 ? { link: rng.pick(links) } : {}),
    });
    const inlines = () => Array.from({ length: rng.int(5) }, inline);
    for (let round = 0; round < 1_000; round += 1) {
      const value = doc(
        ...Array.from({ length: rng.int(6) }, (): RichBlock => {
          const kind = rng.pick(['paragraph', 'paragraph', 'bullet-list', 'ordered-list'] as const);
          return kind === 'paragraph'
            ? paragraph(...inlines())
            : { type: kind, items: Array.from({ length: rng.int(4) }, inlines) };
        }),
      );
      const back = roundTrip(value);
      expect(back).toEqual(normaliseRichText(value));
      expect(RICH_TEXT_SCHEMA.safeParse(back).success).toBe(true);
      // Converting twice changes nothing more: the ProseMirror documents are equal too.
      expect(toProseMirrorDoc(back).eq(toProseMirrorDoc(value))).toBe(true);
    }
  });
});
