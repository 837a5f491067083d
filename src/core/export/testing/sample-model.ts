import type { PrintModel } from '../layout';

/** A quote made of nothing but Markdown and XML syntax, to prove both exports keep it verbatim. */
export const HOSTILE_QUOTE =
  '*not em* _nor this_ **bold?** [link](http://x.test) ![img](y.png) # hash > gt | pipe | `code` ``two`` ' +
  '~~strike~~ <b>tag</b> &amp; &copy; \\backslash\\ 1. one + plus - dash [^9] <https://auto.test> & AT&T ' +
  'https://a.test/x_y www.b_c.test me_now@x.test!';

/**
 * A briefing with every kind of block: judgments, quotes (one over several lines, one cited
 * again), commentary with emphasis and links, both kinds of list, Arabic and Hebrew text.
 */
export function sampleModel(overrides: Partial<PrintModel> = {}): PrintModel {
  return {
    title: 'Gas exports in 2024 & <beyond>',
    subtitle: 'How the pipeline dispute is changing supply',
    byline: 'Anna Analyst · March 4, 2024',
    distribution: 'Distribution: Energy desk',
    marking: 'TLP:AMBER',
    bluf: 'Exports will likely keep falling.\n\nThe ministry disputes this.',
    sections: [
      {
        heading: 'Key judgments',
        level: 1,
        blocks: [
          {
            kind: 'judgment',
            text: 'Exports will fall further in 2024.',
            qualifier: 'Likely (55-80 %) · moderate confidence',
          },
        ],
      },
      {
        heading: 'Discussion',
        level: 1,
        blocks: [
          {
            kind: 'quote',
            text: 'Exports fell by a third in the first quarter.',
            attribution: 'Jane Reporter, Energy Daily, March 1, 2024',
            citation: 1,
          },
          {
            kind: 'paragraph',
            runs: [
              { text: 'The fall is ' },
              { text: 'steep', bold: true },
              { text: ' and ' },
              { text: 'sudden', italic: true },
              { text: '; see ' },
              { text: 'the report', link: 'https://example.org/report?id=7&lang=en' },
              { text: '.' },
            ],
          },
          {
            kind: 'quote',
            text: 'First line of the statement,\nsecond line.\n\nA new paragraph.',
            attribution: 'Ministry of Energy, March 2, 2024',
            citation: 2,
          },
          {
            kind: 'quote',
            text: 'Supply will recover by summer.',
            attribution: 'Jane Reporter, Energy Daily, March 1, 2024',
            citation: 1,
          },
          { kind: 'list-item', marker: '•', runs: [{ text: 'Pipelines' }] },
          { kind: 'list-item', marker: '•', runs: [{ text: 'Shipping' }] },
          { kind: 'list-item', marker: '1.', runs: [{ text: 'Cut prices' }] },
          { kind: 'list-item', marker: '2.', runs: [{ text: 'Find new buyers' }] },
        ],
      },
      {
        heading: 'Arabic-language reporting',
        level: 2,
        blocks: [
          {
            kind: 'quote',
            text: 'انخفضت الصادرات بنسبة 30 في المئة',
            attribution: 'الجزيرة, March 3, 2024',
            citation: 3,
          },
          { kind: 'paragraph', runs: [{ text: 'הדוח מאשר את הירידה.' }] },
        ],
      },
    ],
    notes: [
      {
        number: 1,
        text: 'Jane Reporter, “Exports Fall,” Energy Daily, March 1, 2024, https://energy.test/a.',
      },
      { number: 2, text: 'Ministry of Energy, “Statement,” March 2, 2024.' },
      { number: 3, text: 'الجزيرة, “الصادرات,” March 3, 2024.' },
    ],
    sources: [
      'Jane Reporter. “Exports Fall.” Energy Daily, March 1, 2024.',
      'Ministry of Energy. “Statement.” March 2, 2024.',
    ],
    ...overrides,
  };
}
