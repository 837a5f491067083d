import { describe, expect, it } from 'vitest';
import { CoreError } from '../../errors';
import type { ParsedDocument, RawBlock } from '../imported-document';
import { buildText, normaliseInline } from '../normalise';
import { importMarkdown, nestingDepth } from './markdown';
import { randomBytesFrom, randomMarkup, seededRandom } from './text-fuzz';

function parse(text: string | Buffer): ParsedDocument {
  const result = importMarkdown(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, 'note.md');
  if (result instanceof Promise) throw new Error('the Markdown importer is synchronous');
  return result;
}

const summary = (document: ParsedDocument) =>
  document.blocks.map((block) => [block.kind, block.level, normaliseInline(block.text)]);

/** Each block's marks as [type, marked text, href?], from the normalised document. */
function marksOf(document: ParsedDocument): (string | undefined)[][][] {
  const { text, blocks } = buildText(document.blocks);
  return blocks.map((block) =>
    block.marks.map((mark) => [mark.type, text.slice(mark.start, mark.end), ...(mark.href === undefined ? [] : [mark.href])]),
  );
}

function expectRunsMatchText(blocks: readonly RawBlock[]): void {
  for (const block of blocks) {
    if (block.runs !== undefined) expect(block.runs.map((run) => run.text).join('')).toBe(block.text);
  }
}

describe('importMarkdown', () => {
  it('reads front matter (as before) and takes the first H1 as the title only without one', () => {
    const withFrontMatter = parse(
      '---\ntitle: "Guarding the Baltic Seabed"\nauthor: "Łukasz Drozdowski"\noutlet: Northern Ledger\n' +
        'date: 2026-03-14\nurl: https://www.northernledger.example/a\nlanguage: en\n---\n\n# Not the title\n\nBody.',
    );
    expect(withFrontMatter).toMatchObject({
      format: 'md',
      title: 'Guarding the Baltic Seabed',
      author: 'Łukasz Drozdowski',
      outlet: 'Northern Ledger',
      publishedAt: '2026-03-14',
      url: 'https://www.northernledger.example/a',
      language: 'en',
    });
    expect(summary(withFrontMatter)).toEqual([
      ['heading', 1, 'Not the title'],
      ['paragraph', 0, 'Body.'],
    ]);
    const withoutFrontMatter = parse('# The *Real* Title\n\nBody.');
    expect(withoutFrontMatter.title).toBe('The Real Title');
    expect(summary(withoutFrontMatter)).toEqual([['paragraph', 0, 'Body.']]);
  });

  it('reads author lists and TOML front matter', () => {
    expect(parse('---\ntitle: T\nauthors:\n  - Jane Doe\n  - John Roe\n---\nBody.').author).toBe('Jane Doe, John Roe');
    expect(parse('---\nauthor: [Jane Doe, "John Roe"]\n---\nBody.').author).toBe('Jane Doe, John Roe');
    const toml = parse('+++\ntitle = "Hugo Note"\ndate = 2026-03-04T10:00:00Z\nauthors = ["Jane Doe"]\n+++\nBody.');
    expect(toml).toMatchObject({ title: 'Hugo Note', publishedAt: '2026-03-04', author: 'Jane Doe' });
  });

  it('keeps headings, paragraphs, nested lists, block quotes, code and tables as blocks', () => {
    const document = parse(
      '## Section\n\nA paragraph\nwrapped over two lines.\n\n- one\n  - one-one\n    - deep\n- two\n\n' +
        '1. first\n2. second\n\n   continued paragraph of second\n\n> Quoted *line*\n> - quoted item\n\n' +
        '```\nconst x = 1;\n```\n\n| Country | Share |\n|---|---|\n| Kazakhstan | 40% |\n\n---\n\nEnd.',
    );
    expect(summary(document)).toEqual([
      ['heading', 2, 'Section'],
      ['paragraph', 0, 'A paragraph wrapped over two lines.'],
      ['list-item', 1, 'one'],
      ['list-item', 2, 'one-one'],
      ['list-item', 3, 'deep'],
      ['list-item', 1, 'two'],
      ['list-item', 1, 'first'],
      ['list-item', 1, 'second'],
      ['list-item', 1, 'continued paragraph of second'],
      ['block-quote', 0, 'Quoted line'],
      ['block-quote', 0, 'quoted item'],
      ['paragraph', 0, 'const x = 1;'],
      ['paragraph', 0, 'Country | Share'],
      ['paragraph', 0, 'Kazakhstan | 40%'],
      ['paragraph', 0, 'End.'],
    ]);
    expectRunsMatchText(document.blocks);
  });

  it('keeps emphasis, code and safe links as runs', () => {
    const document = parse(
      'Plain **strong _both_** and *em* and `code &amp; more` and [a link](https://example.org/a "t") ' +
        'and [mail](mailto:desk@example.org) and <https://auto.example/x> and &copy; &amp;.',
    );
    expect(normaliseInline(document.blocks[0]?.text ?? '')).toBe(
      'Plain strong both and em and code &amp; more and a link and mail and https://auto.example/x and © &.',
    );
    expect(marksOf(document)).toEqual([
      [
        ['strong', 'strong both'],
        ['em', 'both'],
        ['em', 'em'],
        ['code', 'code &amp; more'],
        ['link', 'a link', 'https://example.org/a'],
        ['link', 'mail', 'mailto:desk@example.org'],
        ['link', 'https://auto.example/x', 'https://auto.example/x'],
      ],
    ]);
    expectRunsMatchText(document.blocks);
  });

  it('reads emphasis and links from inline HTML tags', () => {
    const document = parse('Some <b>raw bold</b>, <em>raw em</em> and <a href="https://e.example/">raw link</a>.');
    expect(marksOf(document)).toEqual([
      [
        ['strong', 'raw bold'],
        ['em', 'raw em'],
        ['link', 'raw link', 'https://e.example/'],
      ],
    ]);
  });

  it('never lets hostile raw HTML or unsafe links into text or hrefs', () => {
    const document = parse(
      [
        'Text <script>alert("PAYLOAD1")</script> stays and <img src=x onerror="alert(\'PAYLOAD2\')"> too.',
        '<iframe srcdoc="<script>alert(\'PAYLOAD3\')</script>">PAYLOAD4</iframe>',
        '<script>\nalert("PAYLOAD5")\n</script>',
        '<style>\n.x { content: "PAYLOAD6" }\n</style>',
        '<svg onload="alert(\'PAYLOAD7\')"><text>PAYLOAD8</text></svg>',
        '[click](javascript:alert("PAYLOAD9")) [enc](java&#115;cript:alert(1)) [data](data:text/html,PAYLOAD10) <javascript:alert(\'PAYLOAD11\')>',
        '<a href="javascript:alert(\'PAYLOAD12\')">bad</a> <a href="vbscript:PAYLOAD13">vb</a>',
        'Before <iframe src="https://x.example/">\nPAYLOAD14\n\nPAYLOAD15 still inside\n</iframe> after.',
        '<div onclick="PAYLOAD16">\n<p>Block <em>html</em> text</p>\n<noscript>PAYLOAD17</noscript>\n</div>',
        '<!-- PAYLOAD18 --> Visible',
      ].join('\n\n'),
    );
    const { text, blocks } = buildText(document.blocks);
    expect(text).not.toMatch(/PAYLOAD|alert|script|onerror|<|>/);
    for (const block of blocks) {
      for (const mark of block.marks) expect(mark.href ?? 'https:').toMatch(/^https?:/);
    }
    expect(summary(document)).toEqual([
      ['paragraph', 0, 'Text stays and too.'],
      ['paragraph', 0, 'click enc data'],
      ['paragraph', 0, 'bad vb'],
      ['paragraph', 0, 'Before'],
      ['paragraph', 0, 'after.'],
      ['paragraph', 0, 'Block html text'],
      ['paragraph', 0, 'Visible'],
    ]);
    expectRunsMatchText(document.blocks);
  });

  it('keeps the text after an <svg> or <math> left open, as a browser shows it', () => {
    const document = parse(
      [
        '[x] <svg onload="alert(1)">hidden inside',
        'after words here',
        'Math <math><mi>PAYLOAD</mi>',
        '<svg>',
        'still shown',
        '<template><svg>',
        'PAYLOAD in a template',
      ].join('\n\n'),
    );
    expect(summary(document)).toEqual([
      ['paragraph', 0, '[x]'],
      ['paragraph', 0, 'after words here'],
      ['paragraph', 0, 'Math'],
      ['paragraph', 0, 'still shown'],
    ]);
    expectRunsMatchText(document.blocks);
  });

  it('survives nesting deep enough to exhaust a recursive parser', () => {
    const deep = `${'>'.repeat(5000)} deep quote\n\n${'- '.repeat(3000)}deep item\n\n${'<div>'.repeat(5000)}deep html`;
    const text = parse(deep)
      .blocks.map((block) => block.text)
      .join(' ');
    expect(text).toContain('deep quote');
    expect(text).toContain('deep item');
    expect(text).toContain('deep html');
    expect(text).not.toContain('<div>');
  });

  it('throws nothing but CoreError for 2,000 random buffers and 2,000 random marked-up texts', () => {
    const random = seededRandom(14032026);
    for (let i = 0; i < 4000; i += 1) {
      const bytes = i < 2000 ? randomBytesFrom(random) : Buffer.from(randomMarkup(random), 'utf8');
      try {
        const document = parse(bytes);
        expect(document.format).toBe('md');
        expectRunsMatchText(document.blocks);
        for (const block of document.blocks) {
          for (const run of block.runs ?? []) if (run.href !== undefined) expect(run.href).toMatch(/^(?:https?|mailto):/);
        }
        buildText(document.blocks);
      } catch (error) {
        if (!(error instanceof CoreError)) throw new Error(`input ${i} threw ${String(error)}`, { cause: error });
      }
    }
  });
});

describe('deeply nested Markdown', () => {
  it('measures nesting from indentation and quote marks', () => {
    expect(nestingDepth('plain\n  - one\n    - two\n')).toBe(2);
    expect(nestingDepth('>>> quoted\n\ttabbed')).toBe(3);
    expect(nestingDepth('')).toBe(0);
  });

  it('keeps the text of a list nested thousands deep as paragraphs, without exhausting memory', async () => {
    const deep = Array.from({ length: 2000 }, (_, index) => `${'  '.repeat(index)}- item ${index}`).join('\n');
    const started = performance.now();
    const parsed = await importMarkdown(Buffer.from(deep), 'deep.md');
    expect(performance.now() - started).toBeLessThan(5000);
    const text = parsed.blocks.map((block) => block.text).join(' ');
    expect(text).toMatch(/item 0\b[\s\S]*item 1999\b/);
  });
});
