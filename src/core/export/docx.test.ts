import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDocx } from '../corpus/importers/docx';
import { docxFromModel } from './docx';
import type { PrintModel } from './layout';
import { sampleModel } from './testing/sample-model';
import { attributeValues, part, unpackText } from './testing/unpack';

const CREATED = new Date('2024-03-05T09:30:00Z');

function build(model: PrintModel = sampleModel()): Buffer {
  return docxFromModel(model, { creationDate: CREATED, author: 'Anna Analyst' });
}

/** The text of each w:endnote (by id), tags removed. */
function endnoteTexts(xml: string): Map<string, string> {
  const notes = new Map<string, string>();
  for (const match of xml.matchAll(/<w:endnote w:id="(\d+)">([\s\S]*?)<\/w:endnote>/g)) {
    const text = [...(match[2] ?? '').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
    notes.set(match[1] ?? '', text);
  }
  return notes;
}

/** Whether a command can be run here; external checks are skipped (only they) when it cannot. */
function available(command: string, args: readonly string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.error === undefined && result.status === 0;
}

describe('docxFromModel', () => {
  it('reads back with the project importer: metadata, then headings, paragraphs and quotes in order', async () => {
    const document = await importDocx(build(), 'briefing.docx');
    expect(document).toMatchObject({
      format: 'docx',
      title: 'Gas exports in 2024 & <beyond>',
      author: 'Anna Analyst',
      publishedAt: '2024-03-05',
    });
    expect(document.blocks.map((block) => [block.kind, block.level, block.text])).toEqual([
      ['paragraph', 0, 'How the pipeline dispute is changing supply'],
      ['paragraph', 0, 'Anna Analyst · March 4, 2024'],
      ['paragraph', 0, 'Distribution: Energy desk'],
      ['paragraph', 0, 'Bottom line up front'],
      ['paragraph', 0, 'Exports will likely keep falling.'],
      ['paragraph', 0, 'The ministry disputes this.'],
      ['heading', 1, 'Key judgments'],
      ['paragraph', 0, 'Exports will fall further in 2024.'],
      ['paragraph', 0, 'Likely (55-80 %) · moderate confidence'],
      ['heading', 1, 'Discussion'],
      ['block-quote', 0, 'Exports fell by a third in the first quarter.'],
      ['paragraph', 0, '— Jane Reporter, Energy Daily, March 1, 2024'],
      ['paragraph', 0, 'The fall is steep and sudden; see the report.'],
      // A line break inside a quote reads back as a space; a blank line starts a new paragraph.
      ['block-quote', 0, 'First line of the statement, second line.'],
      ['block-quote', 0, 'A new paragraph.'],
      ['paragraph', 0, '— Ministry of Energy, March 2, 2024'],
      // The repeated citation is a NOTEREF field whose shown result, "1", the importer reads as text.
      ['block-quote', 0, 'Supply will recover by summer.1'],
      ['paragraph', 0, '— Jane Reporter, Energy Daily, March 1, 2024'],
      ['list-item', 1, 'Pipelines'],
      ['list-item', 1, 'Shipping'],
      ['list-item', 1, 'Cut prices'],
      ['list-item', 1, 'Find new buyers'],
      ['heading', 2, 'Arabic-language reporting'],
      ['block-quote', 0, 'انخفضت الصادرات بنسبة 30 في المئة'],
      ['paragraph', 0, '— الجزيرة, March 3, 2024'],
      ['paragraph', 0, 'הדוח מאשר את הירידה.'],
      ['heading', 1, 'Sources'],
      ['paragraph', 0, 'Jane Reporter. “Exports Fall.” Energy Daily, March 1, 2024.'],
      ['paragraph', 0, 'Ministry of Energy. “Statement.” March 2, 2024.'],
      ['heading', 1, 'Notes'],
    ]);
    const commentary = document.blocks.find((block) => block.text.startsWith('The fall is'));
    expect(commentary?.runs).toEqual([
      { text: 'The fall is ' },
      { text: 'steep', marks: ['strong'] },
      { text: ' and ' },
      { text: 'sudden', marks: ['em'] },
      { text: '; see ' },
      { text: 'the report', href: 'https://example.org/report?id=7&lang=en' },
      { text: '.' },
    ]);
  });

  it('reads back the source appendix after the sources', async () => {
    const model: PrintModel = {
      ...sampleModel(),
      appendix: [
        {
          source: 'Reporter, Jane. “Exports fall.” Energy Daily, 2024.',
          fileSha256: 'a'.repeat(64),
          textSha256: 'b'.repeat(64),
          accessed: '5 March 2024',
        },
      ],
    };
    const texts = (await importDocx(build(model), 'briefing.docx')).blocks.map((block) => block.text);
    const at = texts.indexOf('Appendix: source records');
    expect(at).toBeGreaterThan(texts.indexOf('Sources'));
    expect(texts.slice(at + 1, at + 5)).toEqual([
      'Reporter, Jane. “Exports fall.” Energy Daily, 2024.',
      'Accessed 5 March 2024',
      `File SHA-256 ${'a'.repeat(64)}`,
      `Text SHA-256 ${'b'.repeat(64)}`,
    ]);
  });

  it('writes one real endnote per note, referenced from the quotes in number order', () => {
    const model = sampleModel();
    const parts = unpackText(build(model));
    const endnotes = part(parts, 'word/endnotes.xml');
    const document = part(parts, 'word/document.xml');
    expect(attributeValues(endnotes, 'w:endnote', 'w:id')).toEqual(['-1', '0', '1', '2', '3']);
    expect(attributeValues(endnotes, 'w:endnote', 'w:type')).toEqual(['separator', 'continuationSeparator']);
    expect(endnotes).toContain('<w:separator/>');
    expect(endnotes).toContain('<w:continuationSeparator/>');
    const texts = endnoteTexts(endnotes);
    expect(texts.size).toBe(model.notes.length);
    for (const note of model.notes) expect(texts.get(String(note.number))).toBe(` ${note.text}`);
    expect((endnotes.match(/<w:endnoteRef\/>/g) ?? []).length).toBe(model.notes.length);

    // Each note is referenced once, in number order, so Word's own numbering gives the model's numbers.
    expect(attributeValues(document, 'w:endnoteReference', 'w:id')).toEqual(['1', '2', '3']);
    expect(document).not.toContain('customMarkFollows');
    // The second citation of note 1 is a cross-reference to a bookmark on the first.
    expect(attributeValues(document, 'w:bookmarkStart', 'w:name')).toEqual([
      '_RefNote1',
      '_RefNote2',
      '_RefNote3',
    ]);
    expect(document).toContain('<w:instrText xml:space="preserve"> NOTEREF _RefNote1 \\f \\h </w:instrText>');
    const settings = part(parts, 'word/settings.xml');
    expect(settings).toContain(
      '<w:endnotePr><w:numFmt w:val="decimal"/><w:endnote w:id="-1"/><w:endnote w:id="0"/></w:endnotePr>',
    );
  });

  it('keeps the model numbers with custom marks when notes are not first cited in order', () => {
    const base = sampleModel();
    const model = sampleModel({
      sections: [
        {
          heading: 'Out of order',
          level: 1,
          blocks: [
            { kind: 'quote', text: 'Second note first.', attribution: 'B', citation: 2 },
            { kind: 'quote', text: 'Then the first.', attribution: 'A', citation: 1 },
            { kind: 'quote', text: 'An unknown note.', attribution: 'C', citation: 9 },
          ],
        },
      ],
      notes: base.notes.slice(0, 2),
    });
    const parts = unpackText(build(model));
    const document = part(parts, 'word/document.xml');
    const marks = [
      ...document.matchAll(/<w:endnoteReference w:customMarkFollows="1" w:id="(\d+)"\/><w:t>(\d+)<\/w:t>/g),
    ];
    expect(marks.map((match) => [match[1], match[2]])).toEqual([
      ['2', '2'],
      ['1', '1'],
    ]);
    expect(attributeValues(document, 'w:endnoteReference', 'w:id')).toEqual(['2', '1']);
    const endnotes = part(parts, 'word/endnotes.xml');
    expect(endnotes).not.toContain('<w:endnoteRef/>');
    expect(endnoteTexts(endnotes).get('2')).toBe(`2 ${base.notes[1]?.text}`);
  });

  it('puts the marking in the header and footer, with "Page X of Y" fields in the footer', () => {
    const parts = unpackText(build());
    const header = part(parts, 'word/header1.xml');
    const footer = part(parts, 'word/footer1.xml');
    expect(header).toContain('<w:t xml:space="preserve">TLP:AMBER</w:t>');
    expect(footer).toContain('<w:t xml:space="preserve">TLP:AMBER</w:t>');
    expect(footer).toMatch(/Page <\/w:t>.*> PAGE <\/w:instrText>.*> of <\/w:t>.*> NUMPAGES <\/w:instrText>/);
    expect(footer).toContain('Gas exports in 2024 &amp; &lt;beyond&gt;');
    const document = part(parts, 'word/document.xml');
    const rels = part(parts, 'word/_rels/document.xml.rels');
    const headerId = attributeValues(document, 'w:headerReference', 'r:id')[0];
    const footerId = attributeValues(document, 'w:footerReference', 'r:id')[0];
    expect(rels).toContain(
      `Id="${headerId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"`,
    );
    expect(rels).toContain(
      `Id="${footerId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"`,
    );

    const unmarked = unpackText(build(sampleModel({ marking: '' })));
    expect(part(unmarked, 'word/header1.xml')).toContain(
      '<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p>',
    );
    expect(part(unmarked, 'word/footer1.xml')).not.toContain('Marking');
  });

  it('is byte-identical for the same model and creation date', () => {
    const first = build();
    expect(build().equals(first)).toBe(true);
    const later = docxFromModel(sampleModel(), {
      creationDate: new Date('2025-01-01T00:00:00Z'),
      author: 'Anna Analyst',
    });
    expect(later.equals(first)).toBe(false);
    const core = part(unpackText(first), 'docProps/core.xml');
    expect(core).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-05T09:30:00Z</dcterms:created>',
    );
    expect(core).toContain('<dc:title>Gas exports in 2024 &amp; &lt;beyond&gt;</dc:title>');
    expect(core).toContain('<dc:creator>Anna Analyst</dc:creator>');
    expect(part(unpackText(docxFromModel(sampleModel())), 'docProps/core.xml')).not.toContain('dc:creator');
  });

  it('passes unzip -t and Python zipfile and minidom, where those tools exist', () => {
    const directory = mkdtempSync(join(tmpdir(), 'docx-export-'));
    try {
      const file = join(directory, 'briefing.docx');
      writeFileSync(file, build());
      if (available('unzip', ['-v'])) {
        const result = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
        expect(result.status, result.stdout).toBe(0);
        expect(result.stdout).toContain('No errors detected');
      }
      const python = [
        'import sys, zipfile, xml.dom.minidom as m',
        'z = zipfile.ZipFile(sys.argv[1])',
        'assert z.testzip() is None',
        '[m.parseString(z.read(n)) for n in z.namelist()]',
        'print(len(z.namelist()))',
      ].join('\n');
      if (available('python3', ['-c', 'import zipfile, xml.dom.minidom'])) {
        const result = spawnSync('python3', ['-c', python, file], { encoding: 'utf8' });
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout.trim()).toBe('12');
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
