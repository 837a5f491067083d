import { DEFAULT_PRINT_SETTINGS } from './print-settings';
import { describe, expect, it } from 'vitest';
import { seededRandom as prng } from './testing/random';
import {
  attributionLine,
  bibliographyEntry,
  chicagoNote,
  compactNote,
  DEFAULT_CITATION_OPTIONS,
  formatLongDate,
  IBID,
  numberCitations,
  planCitations,
  shortNote,
  sourceSortKey,
  type CitationOptions,
  type CitedItem,
} from './citations';
import type { Attribution, Briefing } from './dto';
import { richTextFromPlain } from './rich-text';

const source = (overrides: Partial<Attribution> = {}): Attribution => ({
  documentId: 'doc-example',
  title: 'Title of the Article',
  author: 'Jane Analyst',
  outlet: 'Outlet Name',
  publishedAt: '2019-03-04',
  url: 'https://example.org/a',
  ...overrides,
});

const A = source({
  documentId: 'doc-a',
  title: 'Rising Tensions: Shipping Insurers Weigh the Red Sea Risk',
  outlet: 'Harbourline Weekly',
});
const B = source({
  documentId: 'doc-b',
  title: 'Is War Coming?',
  author: 'Reuters',
  outlet: 'Reuters',
  publishedAt: '2024-11-21',
  url: null,
});
const C = source({
  documentId: 'doc-c',
  title: 'Guarding the Baltic Seabed',
  author: null,
  outlet: null,
  publishedAt: null,
  url: 'https://www.nordic.example/seabed',
});

const CHICAGO_A =
  'Jane Analyst, “Rising Tensions: Shipping Insurers Weigh the Red Sea Risk,” Harbourline Weekly, March 4, 2019, https://example.org/a.';
const CHICAGO_B = 'Reuters, “Is War Coming?” Reuters, November 21, 2024.';
const CHICAGO_C = '“Guarding the Baltic Seabed,” https://www.nordic.example/seabed.';
const COMPACT_A =
  'Jane Analyst, “Rising Tensions: Shipping Insurers Weigh the Red Sea Risk,” Harbourline Weekly, Mar. 4, 2019.';
const COMPACT_B = 'Reuters, “Is War Coming?” Reuters, Nov. 21, 2024.';
const COMPACT_C = '“Guarding the Baltic Seabed,” nordic.example.';
const SHORT_A = 'Analyst, “Rising Tensions.”';

/** The fixed reading order A, A, B, A, C, C, as items a1..c2. */
const SEQUENCE: CitedItem[] = [
  { itemId: 'a1', source: A },
  { itemId: 'a2', source: A },
  { itemId: 'b1', source: B },
  { itemId: 'a3', source: A },
  { itemId: 'c1', source: C },
  { itemId: 'c2', source: C },
];

const numbered = (texts: readonly string[], documents: readonly Attribution[]) =>
  texts.map((text, index) => ({ number: index + 1, text, documentId: documents[index]?.documentId }));

describe('the examples in briefing-conventions.md', () => {
  it('writes the Chicago note of the conventions, less the access date that Attribution does not carry', () => {
    const documented =
      '1. Jane Analyst, "Title of the Article," Outlet Name, March 4, 2019, https://example.org/a (accessed May 2, 2019).';
    // The conventions write plain quotes; notes use typographic ones, as the PDF always has.
    const expected = documented
      .replace(' (accessed May 2, 2019)', '')
      .replace('"Title', '“Title')
      .replace('Article,"', 'Article,”');
    const plan = planCitations([{ itemId: 'i1', source: source() }], DEFAULT_CITATION_OPTIONS);
    const [note] = plan.notes;
    expect(`${note?.number}. ${note?.text}`).toBe(expected);
    expect(expected).toBe(
      '1. Jane Analyst, “Title of the Article,” Outlet Name, March 4, 2019, https://example.org/a.',
    );
  });

  it('writes the bibliography entry and the shortened note of the brief', () => {
    expect(bibliographyEntry(source())).toBe(
      'Analyst, Jane. “Title of the Article.” Outlet Name, March 4, 2019. https://example.org/a.',
    );
    expect(shortNote(source({ title: 'Rising Tensions' }))).toBe('Analyst, “Rising Tensions.”');
    expect(compactNote(source())).toBe('Jane Analyst, “Title of the Article,” Outlet Name, Mar. 4, 2019.');
  });
});

describe('planCitations on the sequence A, A, B, A, C, C', () => {
  it('defaults to Chicago notes, one per source', () => {
    expect(DEFAULT_CITATION_OPTIONS).toEqual({ style: 'chicago', repeat: 'reuse' });
  });

  it('chicago + reuse: a repeat reuses the first number', () => {
    const plan = planCitations(SEQUENCE, { style: 'chicago', repeat: 'reuse' });
    expect([...plan.byItem]).toEqual([
      ['a1', 1],
      ['a2', 1],
      ['b1', 2],
      ['a3', 1],
      ['c1', 3],
      ['c2', 3],
    ]);
    expect(plan.notes).toEqual(numbered([CHICAGO_A, CHICAGO_B, CHICAGO_C], [A, B, C]));
    expect(plan.sources).toEqual([A, B, C]);
  });

  it('short + reuse: compact notes, one per source', () => {
    const plan = planCitations(SEQUENCE, { style: 'short', repeat: 'reuse' });
    expect([...plan.byItem.values()]).toEqual([1, 1, 2, 1, 3, 3]);
    expect(plan.notes).toEqual(numbered([COMPACT_A, COMPACT_B, COMPACT_C], [A, B, C]));
    expect(plan.sources).toEqual([A, B, C]);
  });

  it('chicago + ibid: a note per citation, Ibid. after the same source, a shortened note later', () => {
    const plan = planCitations(SEQUENCE, { style: 'chicago', repeat: 'ibid' });
    expect([...plan.byItem]).toEqual([
      ['a1', 1],
      ['a2', 2],
      ['b1', 3],
      ['a3', 4],
      ['c1', 5],
      ['c2', 6],
    ]);
    expect(plan.notes).toEqual(
      numbered([CHICAGO_A, IBID, CHICAGO_B, SHORT_A, CHICAGO_C, IBID], [A, A, B, A, C, C]),
    );
    expect(IBID).toBe('Ibid.');
    expect(plan.sources).toEqual([A, B, C]);
  });

  it('short + ibid: compact first notes, then Ibid. or the shortened note', () => {
    const plan = planCitations(SEQUENCE, { style: 'short', repeat: 'ibid' });
    expect([...plan.byItem.values()]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(plan.notes).toEqual(
      numbered([COMPACT_A, IBID, COMPACT_B, SHORT_A, COMPACT_C, IBID], [A, A, B, A, C, C]),
    );
    expect(plan.sources).toEqual([A, B, C]);
  });

  it('plans nothing for no citations', () => {
    const plan = planCitations([], DEFAULT_CITATION_OPTIONS);
    expect(plan.byItem.size).toBe(0);
    expect(plan.notes).toEqual([]);
    expect(plan.sources).toEqual([]);
  });

  it('words every note from the first attribution of a source', () => {
    const renamed = { ...A, title: 'Renamed later' };
    const plan = planCitations(
      [
        { itemId: 'x', source: A },
        { itemId: 'y', source: B },
        { itemId: 'z', source: renamed },
      ],
      { style: 'chicago', repeat: 'ibid' },
    );
    expect(plan.notes[2]?.text).toBe(SHORT_A);
    expect(plan.sources).toEqual([A, B]);
  });
});

const FIELDS = {
  title: ['Title of the Article', 'Is War Coming?', 'Rising Tensions: A Subtitle', '', 'Say "no."'],
  author: [
    'Jane Analyst',
    'Reuters',
    'Jane Analyst and John Smith',
    'Иван Петров',
    'محمد عبد الله',
    null,
    '',
  ],
  outlet: ['Outlet Name', 'Reuters', null, ''],
  publishedAt: ['2019-03-04', '2024-11', null],
  url: ['https://example.org/a', null],
} as const;

const ALL_OPTIONS: readonly CitationOptions[] = [
  { style: 'chicago', repeat: 'reuse' },
  { style: 'chicago', repeat: 'ibid' },
  { style: 'short', repeat: 'reuse' },
  { style: 'short', repeat: 'ibid' },
];

describe('planCitations on random sequences (seeded)', () => {
  it('keeps its invariants for every option combination', () => {
    const random = prng(20_250_301);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
    for (let run = 0; run < 400; run += 1) {
      const documents: Attribution[] = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, index) => ({
        documentId: `doc-${run}-${index}`,
        title: pick(FIELDS.title),
        author: pick(FIELDS.author),
        outlet: pick(FIELDS.outlet),
        publishedAt: pick(FIELDS.publishedAt),
        url: pick(FIELDS.url),
      }));
      const items: CitedItem[] = Array.from({ length: Math.floor(random() * 25) }, (_, index) => ({
        itemId: `item-${index}`,
        source: pick(documents),
      }));
      const ids = items.map((item) => item.source.documentId);
      const distinct = [...new Set(ids)];
      const context = `run ${run}: ${ids.join(' ')}`;
      for (const options of ALL_OPTIONS) {
        const plan = planCitations(items, options);
        expect(planCitations(items, options), context).toEqual(plan);
        // Notes are numbered 1..n in order, and every item points at a note of its own source.
        expect(
          plan.notes.map((note) => note.number),
          context,
        ).toEqual(plan.notes.map((_, index) => index + 1));
        expect(plan.byItem.size, context).toBe(items.length);
        for (const item of items) {
          const note = plan.notes[(plan.byItem.get(item.itemId) ?? 0) - 1];
          expect(note?.documentId, context).toBe(item.source.documentId);
        }
        expect(
          plan.sources.map((entry) => entry.documentId),
          context,
        ).toEqual(distinct);
        for (const note of plan.notes) expect(note.text.trim(), context).not.toBe('');
        if (options.repeat === 'reuse') {
          // One note per source, numbered by first appearance.
          expect(
            plan.notes.map((note) => note.documentId),
            context,
          ).toEqual(distinct);
          expect(
            items.map((item) => plan.byItem.get(item.itemId)),
            context,
          ).toEqual(ids.map((id) => distinct.indexOf(id) + 1));
          expect(
            plan.notes.some((note) => note.text === IBID),
            context,
          ).toBe(false);
        } else {
          expect(plan.notes.length, context).toBe(items.length);
          ids.forEach((id, index) => {
            const text = plan.notes[index]?.text;
            const first = ids.indexOf(id) === index;
            if (first) expect(text, context).not.toBe(IBID);
            // Ibid. exactly when the citation before is of the same source.
            else expect(text === IBID, context).toBe(ids[index - 1] === id);
          });
        }
      }
    }
  });
});

describe('note wording', () => {
  it('lets a "?" or "!" end the title instead of the comma or period', () => {
    expect(chicagoNote(source({ title: 'Is War Coming?' }))).toBe(
      'Jane Analyst, “Is War Coming?” Outlet Name, March 4, 2019, https://example.org/a.',
    );
    expect(chicagoNote(source({ title: 'Not Again!', outlet: null, publishedAt: null, url: null }))).toBe(
      'Jane Analyst, “Not Again!”',
    );
    expect(bibliographyEntry(source({ title: 'Is War Coming?' }))).toBe(
      'Analyst, Jane. “Is War Coming?” Outlet Name, March 4, 2019. https://example.org/a.',
    );
    expect(shortNote(source({ title: 'Is War Coming?' }))).toBe('Analyst, “Is War Coming?”');
  });

  it('drops a period, comma or colon that ends a title in favour of its own', () => {
    expect(chicagoNote(source({ title: 'Talks Resume.' }))).toBe(
      'Jane Analyst, “Talks Resume,” Outlet Name, March 4, 2019, https://example.org/a.',
    );
    expect(bibliographyEntry(source({ title: 'Talks Resume:' }))).toBe(
      'Analyst, Jane. “Talks Resume.” Outlet Name, March 4, 2019. https://example.org/a.',
    );
    expect(chicagoNote(source({ title: 'Talks Resume.', outlet: null, publishedAt: null, url: null }))).toBe(
      'Jane Analyst, “Talks Resume.”',
    );
  });

  it('turns double quotes inside a title into single quotes, punctuating inside them', () => {
    expect(chicagoNote(source({ title: 'The "Shadow Fleet" Slips Past the Sanctions Net' }))).toBe(
      'Jane Analyst, “The ‘Shadow Fleet’ Slips Past the Sanctions Net,” Outlet Name, March 4, 2019, https://example.org/a.',
    );
    expect(chicagoNote(source({ title: 'Minister Says “No”' }))).toBe(
      'Jane Analyst, “Minister Says ‘No,’” Outlet Name, March 4, 2019, https://example.org/a.',
    );
    expect(bibliographyEntry(source({ title: 'Minister Says "No."' }))).toBe(
      'Analyst, Jane. “Minister Says ‘No.’” Outlet Name, March 4, 2019. https://example.org/a.',
    );
    expect(chicagoNote(source({ title: 'He Asked "Why?"' }))).toBe(
      'Jane Analyst, “He Asked ‘Why?’” Outlet Name, March 4, 2019, https://example.org/a.',
    );
  });

  it('leaves out missing parts', () => {
    expect(chicagoNote(source({ author: null }))).toBe(
      '“Title of the Article,” Outlet Name, March 4, 2019, https://example.org/a.',
    );
    expect(chicagoNote(source({ title: '' }))).toBe(
      'Jane Analyst, Outlet Name, March 4, 2019, https://example.org/a.',
    );
    expect(chicagoNote(source({ outlet: null }))).toBe(
      'Jane Analyst, “Title of the Article,” March 4, 2019, https://example.org/a.',
    );
    expect(chicagoNote(source({ publishedAt: null }))).toBe(
      'Jane Analyst, “Title of the Article,” Outlet Name, https://example.org/a.',
    );
    expect(chicagoNote(source({ url: null }))).toBe(
      'Jane Analyst, “Title of the Article,” Outlet Name, March 4, 2019.',
    );
    expect(chicagoNote(source({ outlet: '', publishedAt: null, url: '  ' }))).toBe(
      'Jane Analyst, “Title of the Article.”',
    );
    expect(bibliographyEntry(source({ author: null }))).toBe(
      '“Title of the Article.” Outlet Name, March 4, 2019. https://example.org/a.',
    );
    expect(bibliographyEntry(source({ outlet: null, url: null }))).toBe(
      'Analyst, Jane. “Title of the Article.” March 4, 2019.',
    );
    expect(bibliographyEntry(source({ title: '  ' }))).toBe(
      'Analyst, Jane. Outlet Name, March 4, 2019. https://example.org/a.',
    );
    expect(shortNote(source({ author: null }))).toBe('Outlet Name, “Title of the Article.”');
    expect(shortNote(source({ author: null, outlet: null }))).toBe('“Title of the Article.”');
    expect(shortNote(source({ title: '' }))).toBe('Analyst.');
  });

  it('says so when nothing at all is known about a source', () => {
    const empty = source({ title: '', author: null, outlet: null, publishedAt: null, url: null });
    expect(chicagoNote(empty)).toBe('Untitled source.');
    expect(compactNote(empty)).toBe('Untitled source.');
    expect(shortNote(empty)).toBe('Untitled source.');
    expect(bibliographyEntry(empty)).toBe('Untitled source.');
  });

  it('collapses white space and drops a scraped "By"', () => {
    expect(chicagoNote(source({ author: ' By  Jane   Analyst ', title: ' Title  of the\nArticle ' }))).toBe(
      'Jane Analyst, “Title of the Article,” Outlet Name, March 4, 2019, https://example.org/a.',
    );
  });

  it('keeps dates it cannot read as they are', () => {
    expect(chicagoNote(source({ publishedAt: '2019-09', url: null }))).toBe(
      'Jane Analyst, “Title of the Article,” Outlet Name, 2019-09.',
    );
    expect(compactNote(source({ publishedAt: '2019-09-30' }))).toBe(
      'Jane Analyst, “Title of the Article,” Outlet Name, Sept. 30, 2019.',
    );
  });

  it('names the host in the short style when the outlet is unknown, and never the full URL', () => {
    expect(compactNote(source({ outlet: null, url: 'https://www.Example.org/a?b=1' }))).toBe(
      'Jane Analyst, “Title of the Article,” example.org, Mar. 4, 2019.',
    );
    expect(compactNote(source({ outlet: null, url: 'not a url' }))).toBe(
      'Jane Analyst, “Title of the Article,” Mar. 4, 2019.',
    );
  });
});

describe('short titles', () => {
  const shortTitleOf = (title: string) => shortNote(source({ title, author: null, outlet: null }));

  it('keeps the main title, without a leading article, up to four significant words', () => {
    expect(shortTitleOf('Rising Tensions: Shipping Insurers Weigh the Red Sea Risk')).toBe(
      '“Rising Tensions.”',
    );
    expect(shortTitleOf('Red Sea War-Risk Premiums Refuse to Fall')).toBe('“Red Sea War-Risk Premiums.”');
    expect(shortTitleOf('The Quiet War for the Baltic Seabed Cables')).toBe(
      '“Quiet War for the Baltic Seabed.”',
    );
    expect(shortTitleOf('Talks to resume, minister says')).toBe('“Talks to resume, minister says.”');
    expect(shortTitleOf('Shipping — What Comes Next')).toBe('“Shipping.”');
    expect(shortTitleOf('A')).toBe('“A.”');
  });

  it('keeps a question that ends the main title, and drops one that a cut leaves behind', () => {
    expect(shortTitleOf('Is War Coming? Analysts Weigh In')).toBe('“Is War Coming?”');
    expect(shortTitleOf('Will the Red Sea Stay Closed to Shipping?')).toBe('“Will the Red Sea Stay.”');
  });

  it('closes a quotation that the cut leaves open', () => {
    expect(shortTitleOf('Minister says "we will never negotiate with them"')).toBe(
      '“Minister says ‘we will.’”',
    );
    expect(shortTitleOf('The “Shadow Fleet” Slips Past the Sanctions Net')).toBe(
      '“‘Shadow Fleet’ Slips Past.”',
    );
  });
});

describe('author names', () => {
  const withAuthor = (author: string, outlet: string | null = 'Outlet Name') =>
    source({ author, outlet, title: 'Rising Tensions' });

  it('uses the last word as the surname and inverts it in the bibliography', () => {
    expect(shortNote(withAuthor('Jane Q. Analyst'))).toBe('Analyst, “Rising Tensions.”');
    expect(bibliographyEntry(withAuthor('Jane Q. Analyst'))).toMatch(
      /^Analyst, Jane Q\. “Rising Tensions\.”/,
    );
  });

  it('names a single word or an organisation whole', () => {
    expect(shortNote(withAuthor('Reuters'))).toBe('Reuters, “Rising Tensions.”');
    expect(bibliographyEntry(withAuthor('Reuters'))).toMatch(/^Reuters\. “Rising/);
    expect(shortNote(withAuthor('Reuters Staff'))).toBe('Reuters Staff, “Rising Tensions.”');
    expect(shortNote(withAuthor('International Crisis Group'))).toBe(
      'International Crisis Group, “Rising Tensions.”',
    );
    expect(shortNote(withAuthor('Al Jazeera', 'Al Jazeera'))).toBe('Al Jazeera, “Rising Tensions.”');
    expect(bibliographyEntry(withAuthor('Al Jazeera', 'Al Jazeera'))).toMatch(/^Al Jazeera\. “Rising/);
  });

  it('names two, three and more authors the Chicago way', () => {
    expect(shortNote(withAuthor('Jane Analyst and John Smith'))).toBe(
      'Analyst and Smith, “Rising Tensions.”',
    );
    expect(bibliographyEntry(withAuthor('Jane Analyst and John Smith'))).toMatch(
      /^Analyst, Jane, and John Smith\. “Rising/,
    );
    expect(shortNote(withAuthor('Jane Analyst & John Smith'))).toBe('Analyst and Smith, “Rising Tensions.”');
    expect(shortNote(withAuthor('Jane Analyst, John Smith, and Bob Lee'))).toBe(
      'Analyst, Smith, and Lee, “Rising Tensions.”',
    );
    expect(bibliographyEntry(withAuthor('Jane Analyst, John Smith, and Bob Lee'))).toMatch(
      /^Analyst, Jane, John Smith, and Bob Lee\. “Rising/,
    );
    expect(shortNote(withAuthor('Jane Analyst, John Smith, Bob Lee, Ann Cho'))).toBe(
      'Analyst et al., “Rising Tensions.”',
    );
    // The author is printed as recorded in the full note.
    expect(chicagoNote(withAuthor('Jane Analyst and John Smith'))).toMatch(
      /^Jane Analyst and John Smith, “Rising/,
    );
  });

  it('keeps particles with the surname and suffixes after the given names', () => {
    expect(shortNote(withAuthor('Ursula von der Leyen'))).toBe('von der Leyen, “Rising Tensions.”');
    expect(bibliographyEntry(withAuthor('Ursula von der Leyen'))).toMatch(/^von der Leyen, Ursula\. “/);
    expect(shortNote(withAuthor('Martin Luther King Jr.'))).toBe('King, “Rising Tensions.”');
    expect(bibliographyEntry(withAuthor('Martin Luther King, Jr.'))).toMatch(/^King, Martin Luther, Jr\. “/);
  });

  it('reads a name that is already inverted', () => {
    expect(shortNote(withAuthor('Analyst, Jane'))).toBe('Analyst, “Rising Tensions.”');
    expect(bibliographyEntry(withAuthor('Analyst, Jane'))).toMatch(/^Analyst, Jane\. “/);
  });

  it('handles Cyrillic and Arabic names', () => {
    const russian = source({
      author: 'Иван Иванович Петров',
      title: 'Рост напряжённости в Красном море',
      outlet: 'Коммерсантъ',
    });
    expect(chicagoNote(russian)).toBe(
      'Иван Иванович Петров, “Рост напряжённости в Красном море,” Коммерсантъ, March 4, 2019, https://example.org/a.',
    );
    expect(shortNote(russian)).toBe('Петров, “Рост напряжённости в Красном море.”');
    expect(bibliographyEntry(russian)).toBe(
      'Петров, Иван Иванович. “Рост напряжённости в Красном море.” Коммерсантъ, March 4, 2019. https://example.org/a.',
    );
    expect(shortNote(source({ author: 'Иван Петров и Анна Смирнова' }))).toBe(
      // The notes are in English, so the joining word is too.
      'Петров and Смирнова, “Title of the Article.”',
    );
    const arabic = source({
      author: 'محمد عبد الله',
      title: 'التوترات في البحر الأحمر تتصاعد مجددا',
      outlet: 'الجزيرة',
    });
    expect(shortNote(arabic)).toBe('عبد الله, “التوترات في البحر الأحمر تتصاعد.”');
    expect(bibliographyEntry(arabic)).toBe(
      'عبد الله, محمد. “التوترات في البحر الأحمر تتصاعد مجددا.” الجزيرة, March 4, 2019. https://example.org/a.',
    );
  });
});

describe('sourceSortKey', () => {
  it('orders sources as a bibliography does', () => {
    const sources = [
      source({ documentId: 'zebra', author: null, title: 'The Zebra Report' }),
      source({ documentId: 'smith', author: 'Adam Smith' }),
      source({ documentId: 'angstrom', author: 'Anders Ångström' }),
      source({ documentId: 'analyst-b', author: 'Jane Analyst', title: 'Beta Title' }),
      source({ documentId: 'analyst-a', author: 'Jane Analyst', title: 'Alpha Title' }),
      source({ documentId: 'leyen', author: 'Ursula von der Leyen' }),
      source({ documentId: 'reuters', author: 'Reuters' }),
      source({ documentId: 'quoted', author: null, title: '"Quoted" Title' }),
    ];
    const sorted = [...sources].sort((a, b) => {
      const [left, right] = [sourceSortKey(a), sourceSortKey(b)];
      return left < right ? -1 : left > right ? 1 : 0;
    });
    expect(sorted.map((entry) => entry.documentId)).toEqual([
      'analyst-a',
      'analyst-b',
      'angstrom',
      'quoted',
      'reuters',
      'smith',
      'leyen',
      'zebra',
    ]);
  });

  it('tells apart sources that agree on everything but the document', () => {
    expect(sourceSortKey(source({ documentId: 'x' }))).not.toBe(sourceSortKey(source({ documentId: 'y' })));
  });
});

describe('the helpers existing callers use', () => {
  it('formats dates and attribution lines as before', () => {
    expect(formatLongDate('2019-03-04')).toBe('March 4, 2019');
    expect(formatLongDate('2019-03-04T10:00:00Z')).toBe('March 4, 2019');
    expect(formatLongDate('2019-13-04')).toBe('2019-13-04');
    expect(formatLongDate('spring')).toBe('spring');
    expect(formatLongDate(null)).toBeNull();
    expect(attributionLine(source())).toBe('Jane Analyst, Outlet Name, March 4, 2019');
    expect(attributionLine(source({ author: null, outlet: '', publishedAt: null }))).toBe(
      'Title of the Article',
    );
  });

  it('numbers a briefing by first appearance of each source', () => {
    const excerpt = (id: string, attribution: Attribution) =>
      ({
        id,
        kind: 'excerpt',
        excerptId: `x-${id}`,
        quote: 'q',
        originalQuote: 'q',
        trim: null,
        note: '',
        attribution,
      }) as const;
    const briefing: Briefing = {
      printSettings: DEFAULT_PRINT_SETTINGS,
      id: 'brf',
      title: 'T',
      subtitle: '',
      author: '',
      date: '2026-01-01',
      marking: '',
      bluf: '',
      recipients: '',
      citationStyle: 'chicago',
      repeatCitations: 'reuse',
      template: '',
      createdAt: '',
      updatedAt: '',
      openedAt: null,
      sections: [
        {
          id: 's1',
          heading: 'One',
          level: 1,
          guidance: '',
          items: [excerpt('a1', A), { id: 'c', kind: 'commentary', text: 't', rich: richTextFromPlain('t') }],
        },
        { id: 's2', heading: 'Two', level: 1, guidance: '', items: [excerpt('b1', B), excerpt('a2', A)] },
      ],
    };
    const { byItem, sources } = numberCitations(briefing);
    expect([...byItem]).toEqual([
      ['a1', 1],
      ['b1', 2],
      ['a2', 1],
    ]);
    expect(sources).toEqual([A, B]);
  });
});
