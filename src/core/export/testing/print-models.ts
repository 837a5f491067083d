import type { PrintBlock, PrintModel } from '../layout';

/** The line that issue 7 names: an Arabic quote, an Arabic name, Latin, a year and a percentage. */
export const MIXED_LINE =
  '«آسيا الوسطى ليست مجرد سوق، بل شريك استراتيجي», said يوسف الحمادي (Yousef Al Hammadi) in 2025 with 12.5% growth';

/** Long enough to wrap over several lines at the content width. */
export const LONG_ARABIC =
  'تشهد منطقة آسيا الوسطى تحولات اقتصادية عميقة، إذ تسعى دولها إلى تنويع مصادر دخلها وتوسيع شراكاتها التجارية مع الخليج وأوروبا وشرق آسيا، ' +
  'وقد ارتفعت الاستثمارات في البنية التحتية والطاقة المتجددة والنقل بشكل ملحوظ خلال السنوات الأخيرة، ' +
  'غير أن التحديات المتعلقة بالحوكمة والشفافية وتقلب أسعار السلع ما زالت تلقي بظلالها على آفاق النمو في المدى المتوسط';

export const SHORT_ARABIC = 'آسيا الوسطى ليست مجرد سوق، بل شريك استراتيجي';

const base: PrintModel = {
  title: 'Contested sea lanes',
  subtitle: 'Shipping risk in the Red Sea and the Baltic',
  byline: 'Jane Analyst · 27 November 2026',
  distribution: 'Distribution: Desk heads',
  marking: 'TLP:GREEN',
  bluf: 'War-risk premiums will stay high through the first quarter even if attacks pause.',
  sections: [],
  notes: [],
  sources: [],
};

function latinBlocks(round: number): PrintBlock[] {
  return [
    {
      kind: 'paragraph',
      runs: [
        { text: `Round ${round}: underwriters price ` },
        { text: 'memory', bold: true },
        { text: ', not ceasefires; ' },
        { text: 'premiums lag every pause by weeks', italic: true },
        {
          text: ', and brokers expect the spread between Red Sea and Cape routes to narrow only slowly as fleets return and insurers rebuild their appetite for the corridor.',
        },
      ],
    },
    { kind: 'list-item', marker: '•', runs: [{ text: 'Premiums quoted weekly, not per voyage.' }] },
    { kind: 'list-item', marker: '2.', runs: [{ text: 'Cape routing adds ten to fourteen days.' }] },
    {
      kind: 'judgment',
      text: 'Premiums will stay above pre-crisis levels through March.',
      qualifier: 'Likely (55-80 %) · moderate confidence',
    },
    {
      kind: 'quote',
      text: 'The ceasefire is real, but underwriters have memory, and memory is priced into every certificate we write for the strait.',
      attribution:
        'Daniel Okafor-Reid, “Red Sea War-Risk Premiums Refuse to Fall,” Harbourline Weekly, November 21, 2025',
      citation: 1,
    },
  ];
}

/** A Latin-only briefing long enough to break pages, with every kind of block. */
export function latinModel(): PrintModel {
  return {
    ...base,
    sections: [
      { heading: 'Discussion', level: 1, blocks: [...latinBlocks(1), ...latinBlocks(2)] },
      { heading: 'Red Sea', level: 2, blocks: [...latinBlocks(3), ...latinBlocks(4)] },
      { heading: 'Baltic', level: 2, blocks: latinBlocks(5) },
      { heading: 'Outlook', level: 1, blocks: [...latinBlocks(6), ...latinBlocks(7)] },
    ],
    notes: [
      {
        number: 1,
        text: 'Daniel Okafor-Reid, “Red Sea War-Risk Premiums Refuse to Fall,” Harbourline Weekly, November 21, 2025, https://example.org/a (accessed November 27, 2026).',
      },
    ],
  };
}

/** A briefing with Arabic and mixed paragraphs, an Arabic quote, title, heading and judgment. */
export function arabicModel(): PrintModel {
  return {
    ...base,
    title: 'آسيا الوسطى: شريك استراتيجي',
    bluf: 'Central Asia is a partner, not only a market: «شريك استراتيجي».',
    sections: [
      {
        heading: 'Discussion',
        level: 1,
        blocks: [
          { kind: 'paragraph', runs: [{ text: SHORT_ARABIC }] },
          { kind: 'paragraph', runs: [{ text: MIXED_LINE }] },
          { kind: 'paragraph', runs: [{ text: LONG_ARABIC }] },
        ],
      },
      {
        heading: 'الموقف الإقليمي',
        level: 2,
        blocks: [
          {
            kind: 'quote',
            text: SHORT_ARABIC,
            attribution: 'يوسف الحمادي, Gulf Economic Review, March 4, 2025',
            citation: 1,
          },
          {
            kind: 'judgment',
            text: 'ستبقى الاستثمارات مرتفعة',
            qualifier: 'Likely (55-80 %) · moderate confidence',
          },
          { kind: 'list-item', marker: '•', runs: [{ text: 'شراكات تجارية جديدة' }] },
        ],
      },
    ],
    notes: [{ number: 1, text: 'يوسف الحمادي, “آسيا الوسطى,” Gulf Economic Review, March 4, 2025.' }],
  };
}
