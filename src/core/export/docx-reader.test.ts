import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { docxFromModel } from './docx';
import { sampleModel } from './testing/sample-model';

/** Our paragraph styles as HTML, so the reader reports what each paragraph is. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1.title:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Quote Attribution'] => p.attribution:fresh",
  "p[style-name='Judgment'] => p.judgment:fresh",
];

function isElement(node: AnyNode): node is Element {
  return isTag(node);
}

function elements(nodes: readonly AnyNode[]): Element[] {
  return nodes.flatMap((node) => (isElement(node) ? [node, ...elements(node.children)] : []));
}

function textOf(node: AnyNode): string {
  if (isText(node)) return node.data;
  return isElement(node) ? node.children.map(textOf).join('') : '';
}

/**
 * The .docx read by mammoth, a .docx reader written apart from this project (our own importer
 * shares our idea of the format; this one does not).
 */
async function readWithMammoth() {
  const model = sampleModel();
  const buffer = docxFromModel(model, { creationDate: new Date('2024-03-05T09:30:00Z'), author: 'Anna' });
  const result = await mammoth.convertToHtml({ buffer }, { styleMap: STYLE_MAP });
  const all = elements(parseDocument(result.value).children);
  return { model, result, all };
}

describe('the Word export read by an independent .docx reader (mammoth)', () => {
  it('reads without errors: title, headings, quotes with attributions, judgments, lists and links', async () => {
    const { model, result, all } = await readWithMammoth();
    expect(result.messages.filter((message) => message.type === 'error')).toEqual([]);
    const texts = (selector: (element: Element) => boolean) => all.filter(selector).map(textOf);
    expect(texts((element) => element.name === 'h1' && element.attribs.class === 'title')).toEqual([
      model.title,
    ]);
    expect(texts((element) => element.name === 'h1' && element.attribs.class === undefined)).toEqual([
      'Key judgments',
      'Discussion',
      'Sources',
      'Notes',
    ]);
    expect(texts((element) => element.name === 'h2')).toEqual(['Arabic-language reporting']);
    expect(texts((element) => element.attribs.class === 'judgment')).toEqual([
      'Exports will fall further in 2024.',
    ]);

    // Each quote's paragraphs, verbatim (a line break inside a paragraph is a <br>), with the
    // citation mark after the last one, then its attribution.
    const quotes = all.filter((element) => element.name === 'blockquote');
    const quoteBlocks = model.sections
      .flatMap((section) => section.blocks)
      .filter((block) => block.kind === 'quote');
    expect(quotes.length).toBe(quoteBlocks.length);
    quoteBlocks.forEach((block, index) => {
      const paragraphs = elements(quotes[index]?.children ?? []).filter((element) => element.name === 'p');
      const text = paragraphs
        .map((paragraph) =>
          paragraph.children
            .filter((child) => !(isElement(child) && child.name === 'sup'))
            .map((child) => (isElement(child) && child.name === 'br' ? '\n' : textOf(child)))
            .join(''),
        )
        .join('\n\n');
      // A repeated citation is a cross-reference field whose shown result is its number.
      expect(text.replace(/\d+$/, '')).toBe(block.text);
    });
    expect(texts((element) => element.attribs.class === 'attribution')).toEqual(
      quoteBlocks.map((block) => `— ${block.attribution}`),
    );

    expect(
      all.filter((element) => element.name === 'ul').map((list) => elements(list.children).map(textOf)),
    ).toEqual([['Pipelines', 'Shipping']]);
    expect(
      all
        .filter(
          (element) =>
            element.name === 'ol' &&
            !elements(element.children).some((item) => item.attribs.id?.startsWith('endnote-')),
        )
        .map((list) => elements(list.children).map(textOf)),
    ).toEqual([['Cut prices', 'Find new buyers']]);
    const link = all.find((element) => element.name === 'a' && textOf(element) === 'the report');
    expect(link?.attribs.href).toBe('https://example.org/report?id=7&lang=en');
    expect(all.filter((element) => element.name === 'strong').map(textOf)).toEqual(['steep']);
    expect(all.filter((element) => element.name === 'em').map(textOf)).toEqual(['sudden']);
  });

  it('finds real endnotes: each citation links to its note, which holds the full citation', async () => {
    const { model, all } = await readWithMammoth();
    const references = all
      .filter((element) => element.name === 'a' && element.attribs.id?.startsWith('endnote-ref-') === true)
      .map((element) => ({ href: element.attribs.href, mark: textOf(element) }));
    expect(references).toEqual(
      model.notes.map((note) => ({ href: `#endnote-${note.number}`, mark: `[${note.number}]` })),
    );
    for (const note of model.notes) {
      const item = all.find(
        (element) => element.name === 'li' && element.attribs.id === `endnote-${note.number}`,
      );
      expect(
        textOf(item as Element)
          .replace('↑', '')
          .trim(),
      ).toBe(note.text);
    }
  });
});
