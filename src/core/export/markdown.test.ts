import { DomUtils, parseDocument } from 'htmlparser2';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../corpus/importers/markdown';
import type { ParsedDocument } from '../corpus/imported-document';
import type { PrintBlock, PrintModel } from './layout';
import { markdownFromModel } from './markdown';
import { HOSTILE_QUOTE, sampleModel } from './testing/sample-model';
import { latinModel } from './testing/print-models';

/** Renders Markdown as GFM (marked has no footnotes, so `[^1]` stays literal text). */
function render(markdown: string): ReturnType<typeof parseDocument> {
  return parseDocument(marked.parse(markdown, { gfm: true, async: false }));
}

function texts(markdown: string, tag: string): string[] {
  return DomUtils.getElementsByTagName(tag, render(markdown)).map((element) => DomUtils.textContent(element));
}

function reimport(markdown: string): ParsedDocument {
  const result = importMarkdown(Buffer.from(markdown, 'utf8'), 'briefing.md');
  if (result instanceof Promise) throw new Error('the Markdown importer is synchronous');
  return result;
}

/** Undoes backslash escapes the way CommonMark does (only before ASCII punctuation). */
function unescape(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

function oneSection(blocks: readonly PrintBlock[]): PrintModel {
  return sampleModel({ sections: [{ heading: 'Section', level: 1, blocks }], notes: [], sources: [] });
}

const quote = (text: string, citation = 0): PrintBlock => ({
  kind: 'quote',
  text,
  attribution: 'A. Source',
  citation,
});

describe('markdownFromModel', () => {
  it('writes the marking, title block, BLUF, sections, quotes, judgments, lists, sources and notes', () => {
    const markdown = markdownFromModel(sampleModel());
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('**TLP:AMBER**');
    expect(lines.at(-2)).toBe('**TLP:AMBER**');
    expect(markdown.endsWith('\n')).toBe(true);
    expect(markdown).toContain(
      '# Gas exports in 2024 & \\<beyond\\>\n\n*How the pipeline dispute is changing supply*',
    );
    expect(markdown).toContain('\n\nAnna Analyst · March 4, 2024\n\nDistribution: Energy desk\n\n---\n\n');
    expect(markdown).toContain(
      '**Bottom line up front:** Exports will likely keep falling.\n\nThe ministry disputes this.',
    );
    expect(markdown).toContain('\n## Key judgments\n');
    expect(markdown).toContain('\n### Arabic-language reporting\n');
    expect(markdown).toContain(
      '**Exports will fall further in 2024.**\\\n*Likely (55-80 %) · moderate confidence*',
    );
    expect(markdown).toContain(
      '> Exports fell by a third in the first quarter.[^1]\n>\n> — Jane Reporter, Energy Daily, March 1, 2024',
    );
    expect(markdown).toContain(
      'The fall is **steep** and *sudden*; see [the report](<https://example.org/report?id=7&lang=en>).',
    );
    expect(markdown).toContain('- Pipelines\n- Shipping\n\n1. Cut prices\n2. Find new buyers');
    expect(markdown).toContain(
      '## Sources\n\n- Jane Reporter. “Exports Fall.” Energy Daily, March 1, 2024.\n- Ministry of Energy. “Statement.” March 2, 2024.',
    );

    const document = reimport(markdown);
    expect(document.blocks.map((block) => [block.kind, block.level])).toEqual(
      expect.arrayContaining([
        ['heading', 2],
        ['heading', 3],
        ['block-quote', 0],
        ['list-item', 1],
      ]),
    );
    const html = render(markdown);
    expect(DomUtils.getElementsByTagName('h1', html).map((h) => DomUtils.textContent(h))).toEqual([
      'Gas exports in 2024 & <beyond>',
    ]);
    expect(texts(markdown, 'h2')).toEqual(['Key judgments', 'Discussion', 'Sources']);
    expect(texts(markdown, 'h3')).toEqual(['Arabic-language reporting']);
    expect(texts(markdown, 'ul')).toHaveLength(2);
    expect(texts(markdown, 'ol')).toHaveLength(1);
    expect(texts(markdown, 'blockquote')).toHaveLength(4);
    expect(texts(markdown, 'hr')).toHaveLength(1);
  });

  it('numbers footnote references and definitions as the model does', () => {
    const model = sampleModel();
    const markdown = markdownFromModel(model);
    const references = [...markdown.matchAll(/\[\^(\d+)\](?!:)/g)].map((match) => Number(match[1]));
    const quoted = model.sections.flatMap((section) =>
      section.blocks.flatMap((block) => (block.kind === 'quote' ? [block.citation] : [])),
    );
    expect(references).toEqual(quoted);
    expect(references).toEqual([1, 2, 1, 3]);
    const definitions = [...markdown.matchAll(/^\[\^(\d+)\]: (.*)$/gm)].map((match) => [
      Number(match[1]),
      unescape(match[2] ?? ''),
    ]);
    expect(definitions).toEqual(model.notes.map((note) => [note.number, note.text]));
    // Definitions stand apart so that none is read as the continuation of the one before.
    expect(markdown).toContain('March 1, 2024, https\\://energy.test/a.\n\n[^2]: ');

    const uncited = markdownFromModel(oneSection([quote('No note for this.', 0), quote('Nor this.', 7)]));
    expect(uncited).not.toMatch(/\[\^/);
  });

  it('keeps a quote made of Markdown syntax verbatim', () => {
    const markdown = markdownFromModel(oneSection([quote(HOSTILE_QUOTE)]));
    const line = markdown
      .split('\n')
      .find((candidate) => candidate.startsWith('> ') && candidate.includes('not em'));
    expect(line).toBeDefined();
    expect(unescape(line?.slice(2) ?? '')).toBe(HOSTILE_QUOTE);
    const [rendered] = DomUtils.getElementsByTagName('blockquote', render(markdown)).map((element) =>
      DomUtils.textContent(DomUtils.getElementsByTagName('p', element)[0] ?? element),
    );
    expect(rendered).toBe(HOSTILE_QUOTE);
    // Nothing in it became markup.
    const html = DomUtils.getInnerHTML(
      DomUtils.getElementsByTagName('blockquote', render(markdown))[0] ?? render(''),
    );
    expect(html).toContain('&lt;b&gt;tag&lt;/b&gt;');
    expect(html).not.toMatch(/<(em|strong|code|del|img|a|table|h\d|b)[ >]/);
  });

  it('keeps every line of a quote, and lines that would start blocks stay text', () => {
    const lines = [
      '# not a heading',
      '> not nested',
      '- not a list',
      '+ nor this',
      '1. nor this',
      '2) nor this',
    ];
    const tricky = [
      ...lines,
      '===',
      '---',
      '    not code',
      '<div>not html</div>',
      'ends with a backslash \\',
    ];
    const text = tricky.join('\n');
    const markdown = markdownFromModel(oneSection([quote(text, 0)]));
    const block = markdown.split('\n\n').find((chunk) => chunk.includes('not a heading')) ?? '';
    const quoted = block.split('\n>\n')[0]?.split('\n') ?? [];
    expect(quoted).toHaveLength(tricky.length);
    expect(quoted.every((line) => line.startsWith('> '))).toBe(true);
    const [blockquote] = DomUtils.getElementsByTagName('blockquote', render(markdown));
    const paragraphs = blockquote === undefined ? [] : DomUtils.getElementsByTagName('p', blockquote);
    expect(paragraphs).toHaveLength(2); // the quote, then its attribution
    const html = DomUtils.getInnerHTML(paragraphs[0] ?? blockquote ?? render(''));
    const renderedLines = html
      .split(/<br ?\/?>\n?/)
      .map((piece) => DomUtils.textContent(parseDocument(piece)));
    // Leading spaces are dropped (a renderer would collapse them); everything else is as written.
    expect(renderedLines).toEqual(tricky.map((line) => line.trimStart()));
  });

  it('keeps blank lines in a quote as paragraphs inside the block quote', () => {
    const markdown = markdownFromModel(oneSection([quote('First.\n\nSecond,\nstill second.', 0)]));
    expect(markdown).toContain('> First.\n>\n> Second,\\\n> still second.\n>\n> — A. Source');
    expect(texts(markdown, 'blockquote')).toHaveLength(1);
  });

  it('writes emphasis and links that render as intended, with whitespace outside the delimiters', () => {
    const markdown = markdownFromModel(
      oneSection([
        {
          kind: 'paragraph',
          runs: [
            { text: 'Bold ', bold: true },
            { text: 'both', bold: true, italic: true },
            { text: ' bold again ', bold: true },
            { text: 'italic', italic: true },
            { text: ' — ' },
            { text: 'a link', link: 'https://example.org/a_(b)?q=<x>' },
            { text: ' and ' },
            { text: 'bold link', link: 'mailto:desk@example.org', bold: true },
            { text: ' and ' },
            { text: 'no script', link: 'javascript:alert(1)' },
            { text: ' &amp' },
            { text: '; end' },
          ],
        },
      ]),
    );
    const html = marked.parse(markdown, { gfm: true, async: false });
    expect(html).toContain(
      '<strong>Bold <em>both</em> bold again</strong> <em>italic</em> — ' +
        '<a href="https://example.org/a_(b)?q=%3Cx%3E">a link</a> and <a href="mailto:desk@example.org"><strong>bold link</strong></a>' +
        ' and no script &amp;amp; end',
    );
    expect(markdown).not.toContain('javascript');
  });

  it('escapes headings, list items, notes and sources', () => {
    const model = sampleModel({
      title: 'Title with # and ** and [x](y)',
      sections: [
        {
          heading: 'Heading ending in ##',
          level: 2,
          blocks: [
            { kind: 'list-item', marker: '1.', runs: [{ text: '# not a heading' }] },
            { kind: 'list-item', marker: '1.', runs: [{ text: '2. not a nested list' }] },
            { kind: 'judgment', text: '- not a list *either*', qualifier: 'Likely · low confidence' },
          ],
        },
      ],
      notes: [{ number: 1, text: 'Note with *stars* and <tags> and `code`.' }],
      sources: ['- Source with _underscores_ and | pipes |'],
    });
    const markdown = markdownFromModel(model);
    expect(texts(markdown, 'h1')).toEqual(['Title with # and ** and [x](y)']);
    expect(texts(markdown, 'h3')).toEqual(['Heading ending in ##']);
    // A new ordered list starting at 1 after another is kept apart.
    expect(texts(markdown, 'ol').map((list) => list.trim())).toEqual([
      '# not a heading',
      '2. not a nested list',
    ]);
    expect(texts(markdown, 'strong')).toContain('- not a list *either*');
    expect(texts(markdown, 'li')).toContain('- Source with _underscores_ and | pipes |');
    expect(texts(markdown, 'p')).toContain('[^1]: Note with *stars* and <tags> and `code`.');
  });

  it('leaves right-to-left text untouched', () => {
    const model = sampleModel();
    const markdown = markdownFromModel(model);
    for (const text of [
      'انخفضت الصادرات بنسبة 30 في المئة',
      'הדוח מאשר את הירידה.',
      'الجزيرة, “الصادرات,” March 3, 2024.',
    ]) {
      expect(markdown).toContain(text);
    }
    expect(
      texts(markdown, 'blockquote').some((text) => text.includes('انخفضت الصادرات بنسبة 30 في المئة[^3]')),
    ).toBe(true);
  });

  it('drops control characters and omits what is empty', () => {
    const markdown = markdownFromModel({
      title: 'A\u0000B\u0007C',
      subtitle: '',
      byline: '',
      distribution: '',
      marking: '',
      bluf: '',
      sections: [{ heading: ' ', level: 1, blocks: [{ kind: 'paragraph', runs: [{ text: '  ' }] }] }],
      notes: [],
      sources: [],
    });
    expect(markdown).toBe('# ABC\n\n---\n');
  });
});

describe('the source appendix', () => {
  it('lists each source with its hashes and access date, as the PDF does', () => {
    const markdown = markdownFromModel({
      ...latinModel(),
      appendix: [
        {
          source: 'Okafor-Reid, Daniel. “Red Sea.” Harbourline Weekly, 2025.',
          fileSha256: 'a'.repeat(64),
          textSha256: 'b'.repeat(64),
          accessed: '27 November 2026',
        },
      ],
    });
    expect(markdown).toContain('## Appendix: source records');
    expect(markdown).toContain(
      `- Okafor-Reid, Daniel. “Red Sea.” Harbourline Weekly, 2025.  \n  Accessed 27 November 2026  \n  File SHA-256 ${'a'.repeat(64)}  \n  Text SHA-256 ${'b'.repeat(64)}`,
    );
  });
});
