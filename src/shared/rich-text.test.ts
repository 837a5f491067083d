import { describe, expect, it } from 'vitest';
import {
  EMPTY_RICH_TEXT,
  RICH_TEXT_LIMITS,
  RICH_TEXT_SCHEMA,
  isRichTextEmpty,
  isSafeLink,
  normaliseRichText,
  richTextEquals,
  richTextFromPlain,
  richTextToPlain,
  type RichBlock,
  type RichInline,
  type RichText,
} from './rich-text';

const paragraph = (...content: RichInline[]): RichBlock => ({ type: 'paragraph', content });
const doc = (...blocks: RichBlock[]): RichText => ({ blocks });

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

const WORDS = ['grain', 'port', 'Ödessa', 'tariff', '12', 'naïve', 'ship', '—', 'état', 'vote'];

describe('RICH_TEXT_SCHEMA', () => {
  it('accepts paragraphs, lists, marks and safe links', () => {
    const value = doc(
      paragraph({ text: 'Exports ' }, { text: 'fell', bold: true, italic: true }),
      {
        type: 'bullet-list',
        items: [[{ text: 'one' }], [{ text: 'two', link: 'https://example.org/a?b=1#c' }]],
      },
      { type: 'ordered-list', items: [[], [{ text: 'mail', link: 'mailto:desk@example.org' }]] },
    );
    expect(RICH_TEXT_SCHEMA.safeParse(value).success).toBe(true);
    expect(RICH_TEXT_SCHEMA.safeParse(EMPTY_RICH_TEXT).success).toBe(true);
  });

  it('refuses extra keys, false marks, unknown blocks and item-less lists', () => {
    const refused: unknown[] = [
      { blocks: [], extra: 1 },
      doc({ type: 'paragraph', content: [{ text: 'a', underline: true }] } as unknown as RichBlock),
      { blocks: [{ type: 'paragraph', content: [{ text: 'a', bold: false }] }] },
      { blocks: [{ type: 'heading', content: [] }] },
      { blocks: [{ type: 'bullet-list', items: [] }] },
      { blocks: [{ type: 'paragraph', content: [], items: [] }] },
      { blocks: [{ type: 'paragraph', content: [{ text: 'a\u0000b' }] }] },
      { blocks: 'text' },
      null,
    ];
    for (const value of refused)
      expect(RICH_TEXT_SCHEMA.safeParse(value).success, JSON.stringify(value)).toBe(false);
  });

  it('enforces the size limits', () => {
    const blocks = (count: number) => Array.from({ length: count }, () => paragraph({ text: 'x' }));
    expect(RICH_TEXT_SCHEMA.safeParse(doc(...blocks(RICH_TEXT_LIMITS.blocks))).success).toBe(true);
    expect(RICH_TEXT_SCHEMA.safeParse(doc(...blocks(RICH_TEXT_LIMITS.blocks + 1))).success).toBe(false);
    const items = (count: number) => Array.from({ length: count }, () => [{ text: 'x' }]);
    const list = (count: number) => doc({ type: 'bullet-list', items: items(count) });
    expect(RICH_TEXT_SCHEMA.safeParse(list(RICH_TEXT_LIMITS.listItems)).success).toBe(true);
    expect(RICH_TEXT_SCHEMA.safeParse(list(RICH_TEXT_LIMITS.listItems + 1)).success).toBe(false);
    // The total counts across blocks, even when every run is under the cap by itself.
    const half = 'x'.repeat(RICH_TEXT_LIMITS.textChars / 2);
    expect(
      RICH_TEXT_SCHEMA.safeParse(doc(paragraph({ text: half }), paragraph({ text: half }))).success,
    ).toBe(true);
    const over = RICH_TEXT_SCHEMA.safeParse(doc(paragraph({ text: half }), paragraph({ text: `${half}x` })));
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.message).toMatch(/at most 200000 characters/);
  });

  it('refuses hostile and unusable links', () => {
    const hostile = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0001javascript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'blob:https://example.org/uuid',
      'about:blank',
      'app://main/index.html',
      '//evil.example/x',
      '/relative/path',
      'example.org',
      'https://user:secret@example.org/',
      'https://',
      `https://example.org/${'a'.repeat(RICH_TEXT_LIMITS.linkChars)}`,
      '',
    ];
    for (const href of hostile) {
      expect(isSafeLink(href), href).toBe(false);
      const value = doc(paragraph({ text: 'click', link: href }));
      expect(RICH_TEXT_SCHEMA.safeParse(value).success, href).toBe(false);
    }
    for (const href of [
      'https://example.org',
      'http://localhost:8080/x',
      'HTTPS://EXAMPLE.ORG',
      'mailto:a@b.org',
    ])
      expect(isSafeLink(href), href).toBe(true);
  });
});

describe('plain text', () => {
  it('reads paragraphs on blank lines and joins single line breaks with spaces', () => {
    expect(richTextFromPlain('First line\r\nsame paragraph\n \nSecond\u0000 one\n\n\n\n')).toEqual(
      doc(paragraph({ text: 'First line same paragraph' }), paragraph({ text: 'Second one' })),
    );
    expect(richTextFromPlain('')).toEqual(EMPTY_RICH_TEXT);
    expect(richTextFromPlain('  \n\n ')).toEqual(EMPTY_RICH_TEXT);
  });

  it('reads blocks of bulleted or numbered lines as lists', () => {
    expect(
      richTextFromPlain('Intro\n\n- one\n* two\n• three\n\n1. first\n2) second\n\n- a\nnot a list'),
    ).toEqual(
      doc(
        paragraph({ text: 'Intro' }),
        { type: 'bullet-list', items: [[{ text: 'one' }], [{ text: 'two' }], [{ text: 'three' }]] },
        { type: 'ordered-list', items: [[{ text: 'first' }], [{ text: 'second' }]] },
        paragraph({ text: '- a not a list' }),
      ),
    );
    // Empty items survive the trip through plain text ("• " is an empty item).
    const empties: RichText = doc({ type: 'bullet-list', items: [[], [{ text: 'b' }]] });
    expect(richTextFromPlain(richTextToPlain(empties))).toEqual(empties);
    // "3.5 million" is not a list marker: the number must be followed by a space.
    expect(richTextFromPlain('3.5 million tonnes')).toEqual(doc(paragraph({ text: '3.5 million tonnes' })));
  });

  it('writes blank-line separated blocks with bullets and numbers', () => {
    const value = doc(
      paragraph(
        { text: 'Bold', bold: true },
        { text: ' and ' },
        { text: 'linked', link: 'https://example.org' },
      ),
      { type: 'bullet-list', items: [[{ text: 'one' }], [{ text: 'two' }]] },
      { type: 'ordered-list', items: [[{ text: 'first' }], [{ text: 'second' }]] },
    );
    expect(richTextToPlain(value)).toBe('Bold and linked\n\n• one\n• two\n\n1. first\n2. second');
  });

  it('round-trips through plain text, losing only marks and links (seeded)', () => {
    const rng = random(20_240_611);
    const words = (count: number) => Array.from({ length: count }, () => rng.pick(WORDS)).join(' ');
    const runs = (): RichInline[] => [
      { text: `${words(1 + rng.int(4))} `, bold: true },
      { text: words(1 + rng.int(4)), link: 'https://example.org' },
    ];
    for (let round = 0; round < 300; round += 1) {
      const blocks: RichBlock[] = Array.from({ length: 1 + rng.int(5) }, (): RichBlock => {
        const kind = rng.pick(['paragraph', 'bullet-list', 'ordered-list'] as const);
        if (kind === 'paragraph') return paragraph(...runs());
        return { type: kind, items: Array.from({ length: 1 + rng.int(4) }, runs) };
      });
      const value = doc(...blocks);
      const plain = richTextToPlain(value);
      const strip = (run: readonly RichInline[]) => run.map((inline) => ({ text: inline.text }));
      const withoutMarks = doc(
        ...blocks.map((block): RichBlock =>
          block.type === 'paragraph'
            ? paragraph(...strip(block.content))
            : { type: block.type, items: block.items.map(strip) },
        ),
      );
      expect(richTextFromPlain(plain)).toEqual(normaliseRichText(withoutMarks));
      expect(richTextToPlain(richTextFromPlain(plain))).toBe(plain);
      expect(richTextFromPlain(plain)).toEqual(richTextFromPlain(richTextToPlain(richTextFromPlain(plain))));
    }
  });
});

describe('normaliseRichText', () => {
  it('merges runs with the same marks, drops empty runs and empty lists, keeps one block', () => {
    const value = doc(
      paragraph(
        { text: 'a' },
        { text: '' },
        { text: 'b' },
        { italic: true, text: 'c' },
        { text: 'd', italic: true },
      ),
      { type: 'bullet-list', items: [] },
      {
        type: 'ordered-list',
        items: [
          [
            { text: 'x', link: 'https://a.example' },
            { text: 'y', link: 'https://b.example' },
          ],
        ],
      },
    );
    expect(normaliseRichText(value)).toEqual(
      doc(paragraph({ text: 'ab' }, { text: 'cd', italic: true }), {
        type: 'ordered-list',
        items: [
          [
            { text: 'x', link: 'https://a.example' },
            { text: 'y', link: 'https://b.example' },
          ],
        ],
      }),
    );
    expect(normaliseRichText(doc())).toEqual(EMPTY_RICH_TEXT);
    expect(normaliseRichText(doc({ type: 'bullet-list', items: [] }))).toEqual(EMPTY_RICH_TEXT);
  });

  it('is idempotent and gives equal documents equal JSON (seeded)', () => {
    const rng = random(7);
    const inline = (): RichInline => ({
      text: rng.pick(['', 'a', 'bc', ' ', 'déf']),
      ...(rng.next() < 0.4 ? { bold: true as const } : {}),
      ...(rng.next() < 0.4 ? { italic: true as const } : {}),
      ...(rng.next() < 0.2 ? { link: rng.pick(['https://a.example', 'mailto:x@y.example']) } : {}),
    });
    const inlines = () => Array.from({ length: rng.int(6) }, inline);
    for (let round = 0; round < 500; round += 1) {
      const value = doc(
        ...Array.from({ length: rng.int(4) }, (): RichBlock =>
          rng.next() < 0.5
            ? paragraph(...inlines())
            : {
                type: rng.pick(['bullet-list', 'ordered-list'] as const),
                items: Array.from({ length: rng.int(3) }, inlines),
              },
        ),
      );
      const once = normaliseRichText(value);
      expect(normaliseRichText(once)).toEqual(once);
      expect(JSON.stringify(normaliseRichText(JSON.parse(JSON.stringify(once)) as RichText))).toBe(
        JSON.stringify(once),
      );
      expect(richTextEquals(value, once)).toBe(true);
      expect(RICH_TEXT_SCHEMA.safeParse(once).success).toBe(true);
      // Only item-less lists disappear from the text.
      const kept = value.blocks.filter((block) => block.type === 'paragraph' || block.items.length > 0);
      expect(richTextToPlain(once)).toBe(richTextToPlain(doc(...kept)));
    }
  });

  it('compares documents by their normal form', () => {
    expect(richTextEquals(doc(paragraph({ text: 'a' }, { text: 'b' })), doc(paragraph({ text: 'ab' })))).toBe(
      true,
    );
    expect(richTextEquals(doc(paragraph({ text: 'ab', bold: true })), doc(paragraph({ text: 'ab' })))).toBe(
      false,
    );
    expect(richTextEquals(doc(), EMPTY_RICH_TEXT)).toBe(true);
  });
});

describe('isRichTextEmpty', () => {
  it('is true only when there is no visible text', () => {
    expect(isRichTextEmpty(EMPTY_RICH_TEXT)).toBe(true);
    expect(
      isRichTextEmpty(doc(paragraph({ text: '  ' }), { type: 'bullet-list', items: [[], [{ text: '\n' }]] })),
    ).toBe(true);
    expect(isRichTextEmpty(doc(paragraph(), { type: 'ordered-list', items: [[{ text: 'x' }]] }))).toBe(false);
  });
});
