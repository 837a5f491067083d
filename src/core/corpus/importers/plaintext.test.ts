import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../errors';
import type { ParsedDocument } from '../imported-document';
import { buildText, normaliseInline } from '../normalise';
import { importPlainText } from './plaintext';
import { randomBytesFrom, randomMarkup, seededRandom } from './text-fuzz';

function parse(text: string | Buffer): ParsedDocument {
  const result = importPlainText(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, 'article.txt');
  if (result instanceof Promise) throw new Error('the plain-text importer is synchronous');
  return result;
}

const summary = (document: ParsedDocument) =>
  document.blocks.map((block) => [block.kind, block.level, normaliseInline(block.text), block.boilerplate === true]);

/** Every word of the source (apart from what went into metadata) is somewhere in the blocks. */
function expectNothingLost(source: string, document: ParsedDocument, consumed: readonly string[] = []): void {
  const kept = document.blocks.map((block) => block.text).join(' ');
  const words = (text: string) => text.split(/\s+/).filter((word) => word !== '' && !/^(?:[-*•]|\d+\.)$/.test(word));
  const remaining = [...words(kept)];
  const expected = words(source);
  for (const line of consumed) for (const word of words(line)) expected.splice(expected.indexOf(word), 1);
  for (const word of expected) {
    // A hyphenated word broken across lines is kept whole.
    const index = remaining.findIndex((candidate) => candidate === word || candidate.includes(word.replace(/-$/, '')));
    expect(index, `"${word}" is missing`).toBeGreaterThanOrEqual(0);
  }
}

const ARTICLE = `ANALYSIS

Grain Corridor Faces a Winter Test
By Jane Doe and John Roe
March 4, 2026

Photo: Reuters/Ivan Petrov

Insurers in London have begun to price the Black Sea corridor as a
standing risk rather than a temporary one, according to brokers who
spoke on condition of anonymity. The shift matters for the so-called
war-
risk premium that ships pay.

Advertisement

“We are not there yet,” said one underwriter in the City.

Key Drivers

- the tempo of strikes on ports;
- mine sightings, which have
  risen since October;
  - especially near Odesa
- the age of the vessel.

1. First numbered point
2. Second numbered point

Share this article

Read more: How the corridor was built

Jane Doe is a senior fellow at the Institute for Maritime Studies.
`;

describe('importPlainText', () => {
  it('reads a header block of Key: value lines (as before)', () => {
    const document = parse(
      'Title: Red Sea Premiums\nAuthor: By Daniel Okafor-Reid\nOutlet: Harbourline Weekly\nDate: 2025-11-21\n' +
        'URL: https://www.harbourline.example/a\nLanguage: en\n\nFirst paragraph.\n\nWhy Underwriters Are Not Convinced\n\nSecond paragraph.',
    );
    expect(document).toMatchObject({
      format: 'txt',
      title: 'Red Sea Premiums',
      author: 'Daniel Okafor-Reid',
      outlet: 'Harbourline Weekly',
      publishedAt: '2025-11-21',
      url: 'https://www.harbourline.example/a',
      language: 'en',
    });
    expect(summary(document)).toEqual([
      ['paragraph', 0, 'First paragraph.', false],
      ['heading', 2, 'Why Underwriters Are Not Convinced', false],
      ['paragraph', 0, 'Second paragraph.', false],
    ]);
  });

  it('recognises title, byline, dateline, credit, section label, chrome and bio, and keeps them all', () => {
    const document = parse(ARTICLE);
    expect(document.title).toBe('Grain Corridor Faces a Winter Test');
    expect(document.author).toBe('Jane Doe, John Roe');
    expect(document.publishedAt).toBe('2026-03-04');
    expect(summary(document)).toEqual([
      ['paragraph', 0, 'ANALYSIS', true],
      ['paragraph', 0, 'By Jane Doe and John Roe', true],
      ['paragraph', 0, 'March 4, 2026', true],
      ['paragraph', 0, 'Photo: Reuters/Ivan Petrov', true],
      [
        'paragraph',
        0,
        'Insurers in London have begun to price the Black Sea corridor as a standing risk rather than a temporary ' +
          'one, according to brokers who spoke on condition of anonymity. The shift matters for the so-called ' +
          'war-risk premium that ships pay.',
        false,
      ],
      ['paragraph', 0, 'Advertisement', true],
      ['paragraph', 0, '“We are not there yet,” said one underwriter in the City.', false],
      ['heading', 2, 'Key Drivers', false],
      ['list-item', 1, 'the tempo of strikes on ports;', false],
      ['list-item', 1, 'mine sightings, which have risen since October;', false],
      ['list-item', 2, 'especially near Odesa', false],
      ['list-item', 1, 'the age of the vessel.', false],
      ['list-item', 1, 'First numbered point', false],
      ['list-item', 1, 'Second numbered point', false],
      ['paragraph', 0, 'Share this article', true],
      ['paragraph', 0, 'Read more: How the corridor was built', true],
      ['paragraph', 0, 'Jane Doe is a senior fellow at the Institute for Maritime Studies.', true],
    ]);
    expectNothingLost(ARTICLE, document, ['Grain Corridor Faces a Winter Test']);
  });

  it('keeps the offsets exact: boilerplate blocks are in the text, in order', () => {
    const { text, blocks } = buildText(parse(ARTICLE).blocks);
    expect(text.startsWith('ANALYSIS\n\nBy Jane Doe and John Roe\n\nMarch 4, 2026')).toBe(true);
    for (const block of blocks) expect(text.slice(block.start, block.end)).toBe(text.slice(block.start, block.end).trim());
    expect(blocks.filter((block) => block.boilerplate).length).toBe(8);
  });

  it('splits title, byline and dateline that share a chunk, and reads bare bylines and labelled dates', () => {
    const document = parse(
      'World | Europe\nBaltic Cables: A New Front\nJane Doe, Senior Correspondent\n' +
        'Published: 2026-03-04 | Updated: 2026-03-05 10:32 GMT\n\nBody text begins here, with a comma.',
    );
    expect(document.title).toBe('Baltic Cables: A New Front');
    expect(document.author).toBe('Jane Doe');
    expect(document.publishedAt).toBe('2026-03-04');
    expect(summary(document)).toEqual([
      ['paragraph', 0, 'World | Europe', true],
      ['paragraph', 0, 'Jane Doe, Senior Correspondent', true],
      ['paragraph', 0, 'Published: 2026-03-04 | Updated: 2026-03-05 10:32 GMT', true],
      ['paragraph', 0, 'Body text begins here, with a comma.', false],
    ]);
  });

  it('reads the date forms sources use on datelines', () => {
    const dateOf = (line: string) => parse(`A Title\n\n${line}\n\nBody text.`).publishedAt;
    expect(dateOf('March 4, 2026')).toBe('2026-03-04');
    expect(dateOf('04 Mar 2026')).toBe('2026-03-04');
    expect(dateOf('Published: 2026-03-04')).toBe('2026-03-04');
    expect(dateOf('Wednesday, 4 March 2026, 09:00 GMT')).toBe('2026-03-04');
    expect(dateOf('Updated Mar. 5, 2026 at 10:32 a.m. EST')).toBe('2026-03-05');
    expect(dateOf('Posted on 4th March 2026')).toBe('2026-03-04');
    expect(dateOf('04.03.2026')).toBe('2026-03-04');
  });

  it('prefers a published dateline over an updated one, and the header over both', () => {
    expect(parse('A Title\n\nUpdated: March 6, 2026\nPublished: March 4, 2026\n\nBody.').publishedAt).toBe('2026-03-04');
    expect(parse('Title: A Title\nDate: 2026-01-01\n\nMarch 4, 2026\n\nBody.').publishedAt).toBe('2026-01-01');
  });

  it('does not take body sentences for bylines, datelines or bios', () => {
    const source =
      'A Quiet Sea\n\nBy March, the fleet had gone home.\n\nMarch 4, 2026, was the day the agreement entered into force.\n\n' +
      'Washington, Senior officials said the matter was closed.\n\nMs. Khoury is a former banker who now runs a shop.';
    const document = parse(source);
    expect(document.author).toBeNull();
    expect(document.publishedAt).toBeNull();
    expect(document.blocks.every((block) => block.boilerplate !== true)).toBe(true);
    expectNothingLost(source, document, ['A Quiet Sea']);
  });

  it('takes the repeated title, image credits, share prompts and sign-offs as boilerplate', () => {
    const document = parse(
      'Title: The Price of Passage\n\nThe Price of Passage\n\nImage credit: NASA Earth Observatory\n\n' +
        'Ships wait, quotes arrive.\n\nMost of the time the numbers work.\n\nListen to this article\n\n' +
        'Reporting by Jane Doe; Editing by John Roe\n\n— John Roe is a former editor of the Baltic Review.',
    );
    expect(summary(document).filter(([, , , boilerplate]) => boilerplate)).toEqual([
      ['paragraph', 0, 'The Price of Passage', true],
      ['paragraph', 0, 'Image credit: NASA Earth Observatory', true],
      ['paragraph', 0, 'Listen to this article', true],
      ['paragraph', 0, 'Reporting by Jane Doe; Editing by John Roe', true],
      ['paragraph', 0, '— John Roe is a former editor of the Baltic Review.', true],
    ]);
  });

  it('takes inline "About the author:" bios and credits without a colon as boilerplate', () => {
    const document = parse(
      'A Title\n\nImage credit NASA/JPL\n\nBody one.\n\nBody two.\n\nAbout the author: Jane Doe covers energy markets.',
    );
    expect(summary(document).filter(([, , , boilerplate]) => boilerplate).map(([, , text]) => text)).toEqual([
      'Image credit NASA/JPL',
      'About the author: Jane Doe covers energy markets.',
    ]);
  });

  it('takes an "About the author" section at the end as boilerplate', () => {
    const document = parse(
      'A Title\n\nBody one.\n\nBody two.\n\nAbout the author\n\nJohn Roe writes about shipping for several outlets.',
    );
    expect(summary(document).slice(-2)).toEqual([
      ['paragraph', 0, 'About the author', true],
      ['paragraph', 0, 'John Roe writes about shipping for several outlets.', true],
    ]);
  });

  it('joins hard-wrapped lines, keeping real hyphens, and splits unwrapped lines into paragraphs', () => {
    const wrapped =
      'Between November 2023 and the end of 2024, Houthi forces launched dozens\n' +
      'of missile, drone and boarding attacks on commercial ships in the south-\n' +
      'ern Red Sea. War-risk rates for a single transit climbed to between 0.7%\n' +
      'and 1% at the peak.\n' +
      'A lull in the spring of 2025 pushed quotes down towards 0.2%, only for the\n' +
      'sinking of two bulk carriers in July to send them back up.';
    expect(summary(parse(`Title: T\n\n${wrapped}`))).toEqual([
      [
        'paragraph',
        0,
        'Between November 2023 and the end of 2024, Houthi forces launched dozens of missile, drone and boarding ' +
          'attacks on commercial ships in the south-ern Red Sea. War-risk rates for a single transit climbed to ' +
          'between 0.7% and 1% at the peak.',
        false,
      ],
      [
        'paragraph',
        0,
        'A lull in the spring of 2025 pushed quotes down towards 0.2%, only for the sinking of two bulk carriers in ' +
          'July to send them back up.',
        false,
      ],
    ]);
    const long =
      'This paragraph was pasted from a web page and is one long line that was never wrapped by anyone, so each line break ends a paragraph.';
    expect(summary(parse(`Title: T\n\n${long} One.\n${long} Two.\n${long} Three.`)).map(([, , text]) => text)).toEqual([
      `${long} One.`,
      `${long} Two.`,
      `${long} Three.`,
    ]);
  });

  it('takes the first short line as the title and never a wrapped first line', () => {
    expect(parse('Is the Red Sea Safe Again?\n\nBody text.').title).toBe('Is the Red Sea Safe Again?');
    const wrapped = parse(
      'For almost two years, shipping executives have said they would return\nto the Red Sea when it is safe.',
    );
    expect(wrapped.title).toBeNull();
    expect(wrapped.blocks).toHaveLength(1);
    const headed = parse(
      'The Fleet That Is Not Just Fishing\nFor almost two years, shipping executives have said they would return\n' +
        'to the Red Sea when it is safe to do so, and not a moment before that.',
    );
    expect(headed.title).toBe('The Fleet That Is Not Just Fishing');
    expect(headed.blocks).toHaveLength(1);
  });

  it('reads "• " bullets, "* " bullets and "1) " numbers, with wrapped continuations', () => {
    const document = parse('Title: T\n\n• one\n• two that wraps onto\n  a second line\n* three\n10) ten');
    expect(summary(document)).toEqual([
      ['list-item', 1, 'one', false],
      ['list-item', 1, 'two that wraps onto a second line', false],
      ['list-item', 1, 'three', false],
      ['list-item', 1, 'ten', false],
    ]);
  });

  it('keeps a section break as boilerplate and reads front matter as a header', () => {
    const document = parse('---\ntitle: Notes\nauthor: Jane Doe\n---\nFirst part.\n\n* * *\n\nSecond part.');
    expect(document.title).toBe('Notes');
    expect(document.author).toBe('Jane Doe');
    expect(summary(document)).toEqual([
      ['paragraph', 0, 'First part.', false],
      ['paragraph', 0, '* * *', true],
      ['paragraph', 0, 'Second part.', false],
    ]);
    const notFrontMatter = parse('---\nAn opening line: not metadata\nand more text\n---\n\nBody.');
    expect(notFrontMatter.title).toBeNull();
    expect(summary(notFrontMatter)).toEqual([
      ['paragraph', 0, '---', true],
      ['paragraph', 0, 'An opening line: not metadata and more text', false],
      ['paragraph', 0, '---', true],
      ['paragraph', 0, 'Body.', false],
    ]);
  });

  it('decodes Windows-1252 and UTF-16 files', () => {
    const cp1252 = Buffer.from([
      0x54, 0x69, 0x74, 0x6c, 0x65, 0x3a, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a, 0x0a, 0x93, 0x51, 0x75, 0x6f, 0x74, 0x65,
      0x94, 0x20, 0x96, 0x20, 0x80, 0x35, 0x2e,
    ]);
    const document = parse(cp1252);
    expect(document.title).toBe('Café');
    expect(document.blocks[0]?.text).toBe('“Quote” – €5.');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('Title: Заголовок\n\nТекст.', 'utf16le')]);
    expect(parse(utf16).title).toBe('Заголовок');
  });

  it('refuses binary files with import-unreadable', () => {
    expect(() => parse(Buffer.from([0, 1, 2, 3, 0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0x1a, 0x0a, 0xff, 0xd8]))).toThrow(
      CoreError,
    );
  });

  it('throws nothing but CoreError for 2,000 random buffers and 2,000 random marked-up texts', () => {
    const random = seededRandom(20260304);
    for (let i = 0; i < 4000; i += 1) {
      const bytes = i < 2000 ? randomBytesFrom(random) : Buffer.from(randomMarkup(random), 'utf8');
      try {
        const document = parse(bytes);
        expect(document.format).toBe('txt');
        for (const block of document.blocks) expect(typeof block.text).toBe('string');
        buildText(document.blocks);
      } catch (error) {
        if (!(error instanceof CoreError)) throw new Error(`input ${i} threw ${String(error)}`, { cause: error });
      }
    }
  });
});
