import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { CoreError } from '../../errors';
import type { ParsedDocument, RawBlock } from '../imported-document';
import { importPdf, joinLines } from './pdf';
import {
  ARTICLE_HEADING,
  ARTICLE_OUTLET,
  ARTICLE_TITLE,
  articleOptions,
  expectedText,
  makePdf,
  type GeneratedPdf,
  type PdfBlockSpec,
} from './testing/make-pdf';

async function parse(bytes: Buffer): Promise<ParsedDocument> {
  return await importPdf(bytes, 'test.pdf');
}

/** Deterministic "random" bytes (a linear congruential generator), so failures can be replayed. */
function noise(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let index = 0; index < length; index += 1) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}

async function rejection(promise: Promise<unknown>): Promise<CoreError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(CoreError);
  return error as CoreError;
}

function paragraphs(count: number, lead: string): PdfBlockSpec[] {
  return Array.from({ length: count }, (_, index) => ({
    kind: 'paragraph' as const,
    text:
      `${lead} ${index + 1} opens with a sentence long enough to wrap onto a second line of the page, ` +
      'and it carries on for a while so that the paragraph really does span several lines of text.',
  }));
}

// pdf.js must stay silent: no warnings or errors on the console from any test below.
let consoleSpies: MockInstance[] = [];
beforeEach(() => {
  consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation(() => undefined),
  );
});
afterEach(() => {
  for (const spy of consoleSpies) {
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  }
});

describe('importPdf: a three-page article', () => {
  let article: GeneratedPdf;
  let parsed: ParsedDocument;
  beforeEach(async () => {
    article ??= await makePdf(articleOptions());
    parsed ??= await parse(article.bytes);
  });

  it('is a real three-page article with a paragraph that crosses a page break', () => {
    expect(article.pageCount).toBe(3);
    expect(article.placed.some((block) => block.firstPage !== block.lastPage)).toBe(true);
  });

  it('takes title, author, date and language from the document info', () => {
    expect(parsed).toMatchObject({
      format: 'pdf',
      title: ARTICLE_TITLE,
      author: 'Jane Doe',
      publishedAt: '2024-03-05',
      language: 'en-GB',
      direction: 'ltr',
      outlet: null,
      url: null,
    });
  });

  it('leaves running headers, footers and page numbers out of every block', () => {
    for (const block of parsed.blocks) {
      expect(block.text).not.toContain(ARTICLE_OUTLET);
      expect(block.text).not.toMatch(/\bPage \d/);
      expect(block.text).not.toMatch(/^\d+$/);
      expect(block.text).not.toContain('·');
    }
  });

  it('does not repeat the title as a block', () => {
    expect(parsed.blocks.some((block) => block.text === ARTICLE_TITLE)).toBe(false);
  });

  it('detects the section heading, on the page it is on', () => {
    const headings = parsed.blocks.filter((block) => block.kind === 'heading');
    const placed = article.placed.find((block) => block.kind === 'heading');
    expect(headings).toEqual([{ kind: 'heading', level: 2, text: ARTICLE_HEADING, page: placed?.firstPage }]);
  });

  it('joins wrapped lines into paragraphs that read as written, each block on its page', () => {
    const bodyBlocks = parsed.blocks.filter((block) => block.kind === 'paragraph');
    const expected = article.placed.filter((block) => block.kind === 'paragraph');
    let cursor = 0;
    for (const paragraph of expected) {
      const parts: RawBlock[] = [];
      // One block, or one per page when the paragraph continues across a page break.
      for (let page = paragraph.firstPage; page <= paragraph.lastPage; page += 1) {
        const block = bodyBlocks[cursor];
        cursor += 1;
        expect(block?.page).toBe(page);
        if (block !== undefined) parts.push(block);
      }
      expect(parts.map((part) => part.text).join(' ')).toBe(expectedText(paragraph.text));
    }
    expect(cursor).toBe(bodyBlocks.length);
  });

  it('mends the word hyphenated at a line end and keeps the real hyphen', () => {
    const text = parsed.blocks.map((block) => block.text).join('\n');
    expect(text).toContain('open to the international shipping lines');
    expect(text).not.toContain('interna-');
    expect(text).toContain('The Abu Dhabi-based operator');
  });

  it('gives every block a page between 1 and 3, in reading order', () => {
    const pages = parsed.blocks.map((block) => block.page ?? 0);
    expect(pages.every((page) => page >= 1 && page <= 3)).toBe(true);
    expect([...pages].sort((a, b) => a - b)).toEqual(pages);
    expect(new Set(pages)).toEqual(new Set([1, 2, 3]));
  });

  it('leaves the caller’s bytes untouched', async () => {
    const copy = Buffer.from(article.bytes);
    await parse(article.bytes);
    expect(article.bytes.equals(copy)).toBe(true);
  });
});

describe('importPdf: layout', () => {
  it.each([
    ['a bare number', (page: number) => String(page)],
    ['"Page N of M"', (page: number, count: number) => `Page ${page} of ${count}`],
    ['"N / M"', (page: number, count: number) => `${page} / ${count}`],
    ['"- N -"', (page: number) => `- ${page} -`],
  ])('drops page numbers written as %s', async (_, footer) => {
    const blocks = [...paragraphs(6, 'Paragraph'), { kind: 'page-break' as const }, ...paragraphs(6, 'Later paragraph')];
    const pdf = await makePdf({ info: { Title: 'Numbers' }, footer, blocks });
    const parsed = await parse(pdf.bytes);
    expect(parsed.blocks.map((block) => block.text)).toEqual(
      pdf.placed.filter((block) => block.kind === 'paragraph').map((block) => expectedText(block.text)),
    );
    expect(parsed.blocks.map((block) => block.page)).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
  });

  it('takes the title from the largest type on page 1 when the document info has none', async () => {
    const pdf = await makePdf({
      header: () => 'Quarterly Review',
      blocks: [
        { kind: 'title', text: 'Freight Rates Climb Again' },
        ...paragraphs(3, 'Paragraph'),
        { kind: 'heading', text: 'Outlook' },
        ...paragraphs(2, 'Closing paragraph'),
        { kind: 'page-break' },
        ...paragraphs(3, 'Next page'),
      ],
    });
    const parsed = await parse(pdf.bytes);
    expect(parsed.title).toBe('Freight Rates Climb Again');
    expect(parsed.author).toBeNull();
    expect(parsed.blocks[0]).toMatchObject({ kind: 'paragraph', page: 1 });
    expect(parsed.blocks.filter((block) => block.kind === 'heading')).toEqual([
      { kind: 'heading', level: 2, text: 'Outlook', page: 1 },
    ]);
    expect(parsed.blocks.some((block) => block.text.includes('Quarterly Review'))).toBe(false);
    expect(parsed.blocks).toHaveLength(9);
  });

  it('mends a word hyphenated across a page break, keeping each part on its page', async () => {
    const pdf = await makePdf({
      info: { Title: 'Split' },
      blocks: [
        ...paragraphs(2, 'Paragraph'),
        { kind: 'paragraph', text: 'Officials said that the interna-' },
        { kind: 'page-break' },
        { kind: 'paragraph', text: 'tional meeting would go ahead as planned.' },
      ],
    });
    const parsed = await parse(pdf.bytes);
    expect(parsed.blocks.slice(-2)).toEqual([
      { kind: 'paragraph', level: 0, text: 'Officials said that the international', page: 1 },
      { kind: 'paragraph', level: 0, text: 'meeting would go ahead as planned.', page: 2 },
    ]);
  });

  it('reads several PDFs at once', async () => {
    const files = await Promise.all(
      ['Alpha', 'Beta', 'Gamma'].map((name) => makePdf({ info: { Title: name }, blocks: paragraphs(3, name) })),
    );
    const parsed = await Promise.all(files.map((file) => parse(file.bytes)));
    expect(parsed.map((document) => document.title)).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(parsed.map((document) => document.blocks[0]?.text.split(' ')[0])).toEqual(['Alpha', 'Beta', 'Gamma']);
  });

  it('takes outlet and URL from custom document info entries', async () => {
    const pdf = await makePdf({
      info: { Title: 'Freight', Author: 'Ann Lee', CreationDate: new Date(Date.UTC(2023, 10, 30, 23, 59)) },
      customInfo: { Publisher: 'The Gulf Ledger', URL: 'https://gulfledger.example/freight' },
      blocks: paragraphs(1, 'Paragraph'),
    });
    expect(await parse(pdf.bytes)).toMatchObject({
      title: 'Freight',
      author: 'Ann Lee',
      outlet: 'The Gulf Ledger',
      url: 'https://gulfledger.example/freight',
      publishedAt: '2023-11-30',
    });
  });

  it('keeps Cyrillic text exactly and Arabic letters as text', async () => {
    const pdf = await makePdf({
      info: { Title: 'Новости судоходства' },
      blocks: [
        { kind: 'heading', text: 'Новости судоходства' },
        { kind: 'paragraph', text: 'Международная конференция по судоходству открылась в Москве во вторник.' },
        { kind: 'paragraph', text: 'افتتح الميناء الجديد في دبي يوم الاثنين' },
      ],
    });
    const parsed = await parse(pdf.bytes);
    expect(parsed.title).toBe('Новости судоходства');
    expect(parsed.blocks[0]).toEqual({
      kind: 'paragraph',
      level: 0,
      text: 'Международная конференция по судоходству открылась в Москве во вторник.',
      page: 1,
    });
    const arabic = parsed.blocks[1]?.text ?? '';
    for (const word of ['دبي', 'الميناء', 'الجديد', 'افتتح']) expect(arabic).toContain(word);
    expect(parsed.blocks).toHaveLength(2);
  });

  it('reports right-to-left direction for an Arabic document', async () => {
    const pdf = await makePdf({
      lang: 'ar',
      blocks: [{ kind: 'paragraph', text: 'افتتح الميناء الجديد في دبي يوم الاثنين، وقال المسؤولون إن السفن الأولى ستصل قريبا.' }],
    });
    const parsed = await parse(pdf.bytes);
    expect(parsed).toMatchObject({ direction: 'rtl', language: 'ar' });
    expect(parsed.blocks).toHaveLength(1);
    expect(parsed.blocks[0]?.text).toMatch(/[\u0600-\u06FF]{3,}/u);
  });
});

describe('importPdf: files that cannot be imported', () => {
  it('rejects random bytes quickly as unreadable', async () => {
    const started = Date.now();
    const error = await rejection(parse(noise(8192, 7)));
    expect(error.code).toBe('import-unreadable');
    expect(error.message).toMatch(/^The file is not a readable PDF \(.+\)\.$/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('rejects random bytes behind a PDF header as unreadable', async () => {
    const started = Date.now();
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), noise(8192, 11)]);
    const error = await rejection(parse(bytes));
    expect(error.code).toBe('import-unreadable');
    expect(error.message).toMatch(/^The file is not a readable PDF \(.+\)\.$/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('rejects an empty file as unreadable', async () => {
    const error = await rejection(parse(Buffer.alloc(0)));
    expect(error).toMatchObject({ code: 'import-unreadable', message: 'The file is not a readable PDF (the file is empty).' });
  });

  it('rejects a truncated PDF as unreadable', async () => {
    const { bytes } = await makePdf(articleOptions());
    const error = await rejection(parse(bytes.subarray(0, Math.floor(bytes.length / 2))));
    expect(error.code).toBe('import-unreadable');
    expect(error.message).toMatch(/^The file is not a readable PDF \(.+\)\.$/);
  });

  it('rejects a password-protected PDF with a clear message', async () => {
    const { bytes } = await makePdf({ ...articleOptions(), userPassword: 'secret' });
    const error = await rejection(parse(bytes));
    expect(error).toMatchObject({
      code: 'import-unreadable',
      message: 'The PDF is password-protected; remove the password and import it again.',
    });
  });

  it('reports a PDF without a text layer as empty', async () => {
    const { bytes } = await makePdf({ info: { Title: 'Scan' }, blocks: [{ kind: 'rectangle' }] });
    const error = await rejection(parse(bytes));
    expect(error).toMatchObject({
      code: 'import-empty-file',
      message: 'The PDF has no text layer (it may be a scan); run OCR on it first.',
    });
  });

  it('reports a PDF whose only text is page furniture as empty', async () => {
    const { bytes } = await makePdf({
      footer: (page) => `Page ${page}`,
      blocks: [{ kind: 'rectangle' }, { kind: 'page-break' }, { kind: 'rectangle' }],
    });
    const error = await rejection(parse(bytes));
    expect(error.code).toBe('import-empty-file');
  });
});

describe('joinLines', () => {
  it('mends a word split at a line end', () => {
    expect(joinLines('the interna-', 'tional community')).toBe('the international community');
  });

  it('keeps a hyphen before a capital letter or digit, without a space', () => {
    expect(joinLines('the COVID-', '19 pandemic')).toBe('the COVID-19 pandemic');
    expect(joinLines('the pro-', 'European camp')).toBe('the pro-European camp');
  });

  it('joins ordinary lines and dashes with a space', () => {
    expect(joinLines('Abu Dhabi-based firms', 'said')).toBe('Abu Dhabi-based firms said');
    expect(joinLines('a pause -', 'then more')).toBe('a pause - then more');
  });
});
