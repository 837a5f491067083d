import { describe, expect, it } from 'vitest';
import { importDocx } from '../corpus/importers/docx';
import { docxFromModel } from './docx';
import type { PrintModel } from './layout';
import { HOSTILE_QUOTE, sampleModel } from './testing/sample-model';
import { attributeValues, part, unpackText } from './testing/unpack';
import { assertWellFormedXml } from './testing/xml-check';

const build = (model: PrintModel): Buffer => docxFromModel(model, { creationDate: new Date(0) });

const EMPTY: PrintModel = {
  title: '',
  subtitle: '',
  byline: '',
  distribution: '',
  marking: '',
  bluf: '',
  sections: [],
  notes: [],
  sources: [],
};

/** A model whose every text field carries characters XML cannot hold and markup it must escape. */
function hostileModel(): PrintModel {
  const junk = '\u0000\u0008\uFFFE\uD800 ]]> <w:p> & "\'';
  return sampleModel({
    title: `Title ${junk}`,
    marking: `TLP:RED ${junk}`,
    bluf: `BLUF ${junk}`,
    sections: [
      {
        heading: `Heading ${junk}`,
        level: 1,
        blocks: [
          { kind: 'quote', text: `${HOSTILE_QUOTE}${junk}`, attribution: `Author ${junk}`, citation: 1 },
          { kind: 'paragraph', runs: [{ text: `Link ${junk}`, link: 'https://example.org/?a=1&b="2"' }] },
          { kind: 'judgment', text: `Judgment ${junk}`, qualifier: `Likely ${junk}` },
        ],
      },
    ],
    notes: [{ number: 1, text: `Note ${junk}` }],
    sources: [`Source ${junk}`],
  });
}

describe('the .docx package', () => {
  it('has well-formed XML in every part, whatever the text holds', () => {
    for (const model of [sampleModel(), hostileModel(), EMPTY]) {
      const parts = unpackText(build(model));
      expect(parts.size).toBe(12);
      for (const [name, xml] of parts) {
        expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'), name).toBe(true);
        assertWellFormedXml(xml, name);
      }
    }
  });

  it('keeps hostile text as text, minus the characters XML cannot hold', async () => {
    const bytes = build(hostileModel());
    const document = await importDocx(bytes, 'hostile.docx');
    const clean = ' ]]> <w:p> & "\'';
    expect(document.title).toBe(`Title${clean}`.replace(/\s+$/, ''));
    expect(document.blocks.find((block) => block.kind === 'block-quote')?.text).toBe(
      `${HOSTILE_QUOTE}${clean}`,
    );
    const link = part(unpackText(bytes), 'word/_rels/document.xml.rels');
    expect(link).toContain('Target="https://example.org/?a=1&amp;b=&quot;2&quot;" TargetMode="External"');
  });

  it('declares a content type for every part and a target for every relationship', () => {
    const parts = unpackText(build(sampleModel()));
    const types = part(parts, '[Content_Types].xml');
    const overrides = new Set(attributeValues(types, 'Override', 'PartName'));
    for (const name of parts.keys()) {
      if (name.endsWith('.rels') || name === '[Content_Types].xml') continue;
      expect(overrides.has(`/${name}`), name).toBe(true);
    }
    expect(types).toContain(
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
    );
    const internal = (rels: string, base: string): string[] =>
      [...rels.matchAll(/<Relationship ([^>]*)\/>/g)]
        .map((match) => match[1] ?? '')
        .filter((attributes) => !attributes.includes('TargetMode="External"'))
        .map((attributes) => `${base}${/Target="([^"]*)"/.exec(attributes)?.[1] ?? ''}`);
    const targets = [
      ...internal(part(parts, '_rels/.rels'), ''),
      ...internal(part(parts, 'word/_rels/document.xml.rels'), 'word/'),
    ];
    expect(targets.sort()).toEqual(
      [...parts.keys()].filter((name) => !name.endsWith('.rels') && name !== '[Content_Types].xml').sort(),
    );
    const ids = attributeValues(part(parts, 'word/_rels/document.xml.rels'), 'Relationship', 'Id');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('makes commentary links external hyperlinks, one relationship per target, and drops unsafe ones', async () => {
    const href = 'https://example.org/a';
    const model = sampleModel({
      sections: [
        {
          heading: 'Links',
          level: 1,
          blocks: [
            {
              kind: 'paragraph',
              runs: [
                { text: 'one', link: href, bold: true },
                { text: ' two ', link: href },
                { text: 'script', link: 'javascript:alert(1)' },
              ],
            },
          ],
        },
      ],
    });
    const bytes = build(model);
    const parts = unpackText(bytes);
    const rels = part(parts, 'word/_rels/document.xml.rels');
    expect(rels.match(/TargetMode="External"/g)).toHaveLength(1);
    expect(rels).toContain(`Target="${href}" TargetMode="External"`);
    expect(rels).not.toContain('javascript');
    const document = part(parts, 'word/document.xml');
    expect(attributeValues(document, 'w:hyperlink', 'r:id')).toEqual(['rIdLink1', 'rIdLink1']);
    const imported = await importDocx(bytes, 'links.docx');
    expect(imported.blocks.find((block) => block.text.startsWith('one'))?.runs).toEqual([
      { text: 'one', marks: ['strong'], href },
      { text: ' two ', href },
      { text: 'script' },
    ]);
  });

  it('marks right-to-left paragraphs with w:bidi and their runs with w:rtl', () => {
    const document = part(unpackText(build(sampleModel())), 'word/document.xml');
    const paragraphs = document.match(/<w:p>.*?<\/w:p>/g) ?? [];
    const arabic = paragraphs.find((p) => p.includes('انخفضت'));
    expect(arabic).toContain('<w:bidi/>');
    expect(arabic).toContain(
      '<w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space="preserve">انخفضت الصادرات بنسبة 30 في المئة</w:t></w:r>',
    );
    expect(paragraphs.find((p) => p.includes('הדוח'))).toContain('<w:bidi/>');
    const english = paragraphs.filter((p) => p.includes('Exports'));
    expect(english.length).toBeGreaterThan(0);
    for (const p of english) expect(p).not.toMatch(/<w:bidi\/>|<w:rtl\/>/);
  });

  it('numbers ordered lists from their first marker and restarts each one', () => {
    const item = (marker: string, text: string) => ({ kind: 'list-item', marker, runs: [{ text }] }) as const;
    const model = sampleModel({
      sections: [
        {
          heading: 'Lists',
          level: 1,
          blocks: [
            item('1.', 'a'),
            item('2.', 'b'),
            item('•', 'dot'),
            item('1.', 'c'),
            item('1.', 'd'),
            item('4.', 'e'),
          ],
        },
      ],
    });
    const parts = unpackText(build(model));
    const document = part(parts, 'word/document.xml');
    expect(attributeValues(document, 'w:numId', 'w:val')).toEqual(['2', '2', '1', '3', '4', '4']);
    const numbering = part(parts, 'word/numbering.xml');
    expect(attributeValues(numbering, 'w:num', 'w:numId')).toEqual(['1', '2', '3', '4']);
    expect(attributeValues(numbering, 'w:startOverride', 'w:val')).toEqual(['1', '1', '1']);
    expect(numbering).toContain('<w:numFmt w:val="bullet"/>');
  });

  it('defines the styles the document uses', () => {
    const parts = unpackText(build(sampleModel()));
    const styles = new Set(attributeValues(part(parts, 'word/styles.xml'), 'w:style', 'w:styleId'));
    for (const id of [
      'Title',
      'Heading1',
      'Heading2',
      'Quote',
      'Judgment',
      'EndnoteText',
      'EndnoteReference',
    ]) {
      expect(styles.has(id), id).toBe(true);
    }
    for (const name of ['word/document.xml', 'word/endnotes.xml', 'word/header1.xml', 'word/footer1.xml']) {
      const xml = part(parts, name);
      const used = [
        ...attributeValues(xml, 'w:pStyle', 'w:val'),
        ...attributeValues(xml, 'w:rStyle', 'w:val'),
      ];
      for (const id of used) expect(styles.has(id), `${name}: ${id}`).toBe(true);
    }
  });
});
