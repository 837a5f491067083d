import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../errors';
import type { ParsedDocument } from '../imported-document';
import { buildText } from '../normalise';
import { importDocx } from './docx';
import { deflatedZeros, escapeXml, makeDocx, makeZip } from './testing/make-zip';

const NOT_DOCX = 'The file is not a readable Word document (.docx).';
const PASSWORD = 'The Word document is password-protected; remove the password and import it again.';
const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const MB = 1024 * 1024;

async function parse(bytes: Buffer): Promise<ParsedDocument> {
  return await importDocx(bytes, 'briefing.docx');
}

async function failure(bytes: Buffer): Promise<{ code: string; message: string }> {
  try {
    await importDocx(bytes, 'briefing.docx');
  } catch (error) {
    if (error instanceof CoreError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the import to fail');
}

const summary = (document: ParsedDocument): [string, number, string][] =>
  document.blocks.map((block) => [block.kind, block.level, block.text]);

describe('importDocx', () => {
  it('reads metadata, structure, emphasis, links and tracked changes', async () => {
    const bytes = makeDocx({
      title: 'Gas exports in 2024',
      creator: 'Anna Analyst',
      created: '2024-03-05T09:30:00Z',
      modified: '2024-04-01T10:00:00Z',
      language: 'en-GB',
      paragraphs: [
        { style: 'Title', text: 'Gas exports in 2024' },
        { style: 'Heading1', text: 'Summary' },
        {
          runs: [
            { text: 'Exports rose ' },
            { text: 'sharply', bold: true },
            { text: ', said ' },
            { text: 'the ministry', italic: true },
            { text: ' (' },
            { text: 'source', href: 'https://example.org/report?id=7&lang=en' },
            { text: ', ' },
            { text: 'mail us', href: 'mailto:desk@example.org' },
            { text: ').' },
            { text: ' DELETED-WORDS', deleted: true },
            { text: ' Inserted words.', inserted: true },
          ],
        },
        { style: 'Heading2', text: 'Routes' },
        { numbered: true, level: 0, text: 'Pipelines' },
        { numbered: true, level: 1, text: 'Northern route' },
        { numbered: true, level: 0, text: 'Shipping' },
        { style: 'Quote', text: '“Supply is secure.”' },
        { style: 'IntenseQuote', text: 'Prices will fall.' },
        { text: 'Цены на газ выросли.' },
        { bidi: true, text: 'ارتفعت أسعار الغاز.' },
        { runs: [{ text: 'Tab\there,\nbreak there. ' }, { text: 'Both', bold: true, italic: true }] },
      ],
    });
    const document = await parse(bytes);
    expect(document).toMatchObject({
      format: 'docx',
      title: 'Gas exports in 2024',
      author: 'Anna Analyst',
      outlet: null,
      publishedAt: '2024-03-05',
      url: null,
      language: 'en-GB',
      direction: null,
    });
    expect(summary(document)).toEqual([
      ['heading', 1, 'Summary'],
      [
        'paragraph',
        0,
        'Exports rose sharply, said the ministry (source, mail us). Inserted words.',
      ],
      ['heading', 2, 'Routes'],
      ['list-item', 1, 'Pipelines'],
      ['list-item', 2, 'Northern route'],
      ['list-item', 1, 'Shipping'],
      ['block-quote', 0, '“Supply is secure.”'],
      ['block-quote', 0, 'Prices will fall.'],
      ['paragraph', 0, 'Цены на газ выросли.'],
      ['paragraph', 0, 'ارتفعت أسعار الغاز.'],
      ['paragraph', 0, 'Tab here, break there. Both'],
    ]);
    expect(JSON.stringify(document)).not.toContain('DELETED');

    expect(document.blocks[1]?.runs).toEqual([
      { text: 'Exports rose ' },
      { text: 'sharply', marks: ['strong'] },
      { text: ', said ' },
      { text: 'the ministry', marks: ['em'] },
      { text: ' (' },
      { text: 'source', href: 'https://example.org/report?id=7&lang=en' },
      { text: ', ' },
      { text: 'mail us', href: 'mailto:desk@example.org' },
      { text: '). Inserted words.' },
    ]);
    expect(document.blocks[0]?.runs).toBeUndefined();
    expect(document.blocks[10]?.runs).toEqual([
      { text: 'Tab here, break there. ' },
      { text: 'Both', marks: ['strong', 'em'] },
    ]);

    // The runs survive normalisation into document text with marks at the right offsets.
    const { text, blocks } = buildText(document.blocks);
    const link = blocks[1]?.marks.find((mark) => mark.type === 'link');
    expect(link === undefined ? null : text.slice(link.start, link.end)).toBe('source');
    const strong = blocks[1]?.marks.find((mark) => mark.type === 'strong');
    expect(strong === undefined ? null : text.slice(strong.start, strong.end)).toBe('sharply');
  });

  it('takes the title from the Title paragraph when core.xml has none', async () => {
    const document = await parse(
      makeDocx({
        paragraphs: [
          { style: 'Title', text: 'Shipping outlook' },
          { text: 'Body text.' },
          { style: 'Title', text: 'A second title paragraph' },
        ],
      }),
    );
    expect(document.title).toBe('Shipping outlook');
    expect(document.author).toBeNull();
    expect(document.publishedAt).toBeNull();
    expect(document.language).toBeNull();
    expect(summary(document)).toEqual([
      ['paragraph', 0, 'Body text.'],
      ['heading', 1, 'A second title paragraph'],
    ]);
  });

  it('keeps a Title paragraph that differs from the title in core.xml as a heading', async () => {
    const document = await parse(
      makeDocx({
        title: 'Template title',
        modified: '2023-12-31T23:00:00Z',
        paragraphs: [{ style: 'Title', text: 'Real title' }, { text: 'Body.' }],
      }),
    );
    expect(document.title).toBe('Template title');
    expect(document.publishedAt).toBe('2023-12-31');
    expect(summary(document)).toEqual([
      ['heading', 1, 'Real title'],
      ['paragraph', 0, 'Body.'],
    ]);
  });

  it('marks a predominantly right-to-left body as rtl', async () => {
    const document = await parse(
      makeDocx({
        paragraphs: [
          { bidi: true, text: 'ارتفعت أسعار الغاز بشكل حاد هذا العام.' },
          { bidi: true, runs: [{ text: 'قالت الوزارة', rtl: true, bold: true }] },
          { text: 'Short English note.' },
        ],
      }),
    );
    expect(document.direction).toBe('rtl');
    expect(document.blocks[1]?.runs).toEqual([{ text: 'قالت الوزارة', marks: ['strong'] }]);
  });

  it('respects w:val="0" and "false" turning emphasis off, and character styles', async () => {
    const document = await parse(
      makeDocx({
        paragraphs: [
          {
            runs: [
              { text: 'off ', rPr: '<w:b w:val="0"/><w:i w:val="false"/>' },
              { text: 'on ', rPr: '<w:b w:val="1"/><w:i w:val="true"/>' },
              { text: 'strong style', rPr: '<w:rStyle w:val="Strong"/>' },
              { text: ' hidden', rPr: '<w:vanish/>' },
            ],
          },
        ],
      }),
    );
    expect(document.blocks[0]?.runs).toEqual([
      { text: 'off ' },
      { text: 'on ', marks: ['strong', 'em'] },
      { text: 'strong style', marks: ['strong'] },
    ]);
  });

  it('skips field codes, footnote references, deleted text and fallback renderings', async () => {
    const run = (inner: string): string => `<w:r>${inner}</w:r>`;
    const rawBody =
      '<w:p>' +
      run('<w:t xml:space="preserve">See </w:t>') +
      run('<w:fldChar w:fldCharType="begin"/>') +
      run('<w:instrText xml:space="preserve"> HYPERLINK "https://example.com/field" \\o "tip" </w:instrText>') +
      run('<w:fldChar w:fldCharType="separate"/>') +
      run('<w:t>the field link</w:t>') +
      run('<w:fldChar w:fldCharType="end"/>') +
      run('<w:t xml:space="preserve"> and page </w:t>') +
      run('<w:fldChar w:fldCharType="begin"/>') +
      run('<w:instrText> PAGE </w:instrText>') +
      run('<w:fldChar w:fldCharType="separate"/>') +
      run('<w:t>7</w:t>') +
      run('<w:fldChar w:fldCharType="end"/>') +
      run('<w:footnoteReference w:id="1"/>') +
      '<w:del w:id="5" w:author="A"><w:r><w:delText>GONE</w:delText></w:r></w:del>' +
      '<w:moveFrom w:id="6" w:author="A"><w:r><w:t>MOVED-AWAY</w:t></w:r></w:moveFrom>' +
      '<w:ins w:id="7" w:author="A"><w:hyperlink r:id="rIdNone" w:anchor="here"><w:r><w:t>, inside</w:t></w:r></w:hyperlink></w:ins>' +
      '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">' +
      '<mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Box text</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>' +
      '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Box text</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>' +
      '</mc:AlternateContent></w:r>' +
      '<w:fldSimple w:instr=" HYPERLINK &quot;javascript:alert(1)&quot; "><w:r><w:t>.</w:t></w:r></w:fldSimple>' +
      '</w:p>' +
      '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell one</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Cell two</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
    const document = await parse(makeDocx({ rawBody }));
    expect(summary(document)).toEqual([
      ['paragraph', 0, 'Box text'],
      ['paragraph', 0, 'See the field link and page 7, inside.'],
      ['paragraph', 0, 'Cell one'],
      ['paragraph', 0, 'Cell two'],
    ]);
    expect(document.blocks[1]?.runs).toEqual([
      { text: 'See ' },
      { text: 'the field link', href: 'https://example.com/field' },
      { text: ' and page 7, inside.' },
    ]);
    expect(JSON.stringify(document)).not.toMatch(/GONE|MOVED|HYPERLINK|PAGE/);
  });

  it('keeps only http(s) and mailto link targets', async () => {
    const document = await parse(
      makeDocx({
        paragraphs: [
          {
            runs: [
              { text: 'a', href: 'javascript:alert(1)' },
              { text: 'b', href: 'file:///etc/passwd' },
              { text: 'c', href: 'HTTPS://Example.org/x' },
              { text: 'd', href: 'relative/path.html' },
            ],
          },
        ],
      }),
    );
    expect(document.blocks[0]?.runs).toEqual([{ text: 'ab' }, { text: 'c', href: 'HTTPS://Example.org/x' }, { text: 'd' }]);
  });

  it('treats numbering ids 0 and levels without a number format as plain paragraphs', async () => {
    const rawBody =
      '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Numbering removed</w:t></w:r></w:p>' +
      '<w:p><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Format none</w:t></w:r></w:p>' +
      '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="99"/></w:numPr></w:pPr><w:r><w:t>Unknown list</w:t></w:r></w:p>' +
      '<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>Outline heading</w:t></w:r></w:p>';
    const document = await parse(makeDocx({ rawBody }));
    expect(summary(document)).toEqual([
      ['paragraph', 0, 'Numbering removed'],
      ['paragraph', 0, 'Format none'],
      ['paragraph', 0, 'Unknown list'],
      ['heading', 3, 'Outline heading'],
    ]);
  });

  it('falls back to style ids without styles.xml, and honours any namespace prefix', async () => {
    const documentXml =
      `<x:document xmlns:x="${W_NS}"><x:body>` +
      '<x:p><x:pPr><x:pStyle x:val="Heading2"/></x:pPr><x:r><x:t>Prefixed heading</x:t></x:r></x:p>' +
      '<x:p><x:r><x:rPr><x:i/></x:rPr><x:t>Prefixed italic</x:t></x:r></x:p>' +
      '<w:p xmlns:w="urn:not-word"><w:r><w:t>Not Word markup</w:t></w:r></w:p>' +
      '</x:body></x:document>';
    const document = await parse(
      makeDocx({
        omit: ['word/styles.xml'],
        extra: [{ name: 'word/document.xml', data: documentXml }],
      }),
    );
    expect(summary(document)).toEqual([
      ['heading', 2, 'Prefixed heading'],
      ['paragraph', 0, 'Prefixed italic'],
    ]);
    expect(document.blocks[1]?.runs).toEqual([{ text: 'Prefixed italic', marks: ['em'] }]);
  });

  it('parses XML as data: no entity expansion beyond the predefined ones, nothing external', async () => {
    const documentXml =
      '<?xml version="1.0"?>' +
      '<!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      `<w:document xmlns:w="${W_NS}"><w:body>` +
      '<w:p><w:r><w:t>A &amp; B &lt;tag&gt; &#1046; &lol2; &xxe; &nbsp;</w:t></w:r></w:p>' +
      '</w:body></w:document>';
    const document = await parse(makeDocx({ extra: [{ name: 'word/document.xml', data: documentXml }] }));
    expect(document.blocks.map((block) => block.text)).toEqual(['A & B <tag> Ж &lol2; &xxe; &nbsp;']);
  });

  it('refuses absurdly deep XML quickly', async () => {
    const documentXml = `<w:document xmlns:w="${W_NS}"><w:body>${'<w:sdt>'.repeat(100_000)}</w:body></w:document>`;
    const start = performance.now();
    expect(await failure(makeDocx({ extra: [{ name: 'word/document.xml', data: documentXml }] }))).toEqual({
      code: 'import-unreadable',
      message: 'The Word document is nested too deeply to be read.',
    });
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('reads parts encoded as UTF-16 with a byte order mark', async () => {
    const documentXml = `<w:document xmlns:w="${W_NS}"><w:body><w:p><w:r><w:t>Текст – نص</w:t></w:r></w:p></w:body></w:document>`;
    const coreXml =
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
      'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Заголовок</dc:title></cp:coreProperties>';
    const utf16be = Buffer.from(`\uFEFF${coreXml}`, 'utf16le').swap16();
    const document = await parse(
      makeDocx({
        extra: [
          { name: 'word/document.xml', data: Buffer.from(`\uFEFF${documentXml}`, 'utf16le') },
          { name: 'docProps/core.xml', data: utf16be },
        ],
      }),
    );
    expect(document.title).toBe('Заголовок');
    expect(document.blocks.map((block) => block.text)).toEqual(['Текст – نص']);
  });

  it('finds the main part through the package relationships', async () => {
    const bytes = makeDocx({
      paragraphs: [{ text: 'Unused' }],
      omit: ['word/document.xml', '_rels/.rels'],
      extra: [
        {
          name: '_rels/.rels',
          data:
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/>' +
            '</Relationships>',
        },
        {
          name: 'word/document2.xml',
          data: `<w:document xmlns:w="${W_NS}"><w:body><w:p><w:r><w:t>From document2</w:t></w:r></w:p></w:body></w:document>`,
        },
      ],
    });
    expect((await parse(bytes)).blocks.map((block) => block.text)).toEqual(['From document2']);
  });

  describe('errors', () => {
    it.each([
      ['an empty buffer', Buffer.alloc(0)],
      ['random bytes', randomBytes(5000)],
      ['plain text', Buffer.from('Just some text, not a Word document.')],
      ['a truncated docx', makeDocx({ paragraphs: [{ text: 'Hello' }] }).subarray(0, 300)],
      ['a zip without word/document.xml', makeDocx({ paragraphs: [{ text: 'Hello' }], omit: ['word/document.xml'] })],
      ['a zip of something else', makeZip([{ name: 'readme.txt', data: 'hello' }])],
      [
        'a package whose main part is not a Word document',
        makeDocx({ extra: [{ name: 'word/document.xml', data: '<html><body><p>Hi</p></body></html>' }] }),
      ],
      [
        'a corrupted part',
        makeDocx({ extra: [{ name: 'word/document.xml', data: '<w:document/>', crc32: 42 }] }),
      ],
    ])('refuses %s as not a readable Word document', async (_label, bytes) => {
      expect(await failure(bytes)).toEqual({ code: 'import-unreadable', message: NOT_DOCX });
    });

    it('refuses an OLE compound file as password-protected', async () => {
      const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      const encrypted = Buffer.concat([
        header,
        randomBytes(500),
        Buffer.from('EncryptionInfo', 'utf16le'),
        Buffer.from('EncryptedPackage', 'utf16le'),
      ]);
      expect(await failure(encrypted)).toEqual({ code: 'import-unreadable', message: PASSWORD });
      expect(await failure(Buffer.concat([header, Buffer.alloc(504)]))).toEqual({
        code: 'import-unreadable',
        message: PASSWORD,
      });
    });

    it('tells a legacy .doc file apart from an encrypted one', async () => {
      const legacy = Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(500),
        Buffer.from('WordDocument', 'utf16le'),
      ]);
      expect(await failure(legacy)).toEqual({
        code: 'import-unreadable',
        message: 'The file is an older Word document (.doc); save it as .docx in Word and import it again.',
      });
    });

    it('refuses path-traversal entry names', async () => {
      const bytes = makeDocx({
        paragraphs: [{ text: 'Hello' }],
        extra: [{ name: '../../outside.xml', data: '<x/>' }],
      });
      const { code, message } = await failure(bytes);
      expect(code).toBe('import-unreadable');
      expect(message).toMatch(/unsafe name/);
    });

    it('refuses a document with no text', async () => {
      for (const paragraphs of [[], [{ text: '   ' }], [{ runs: [{ text: 'gone', deleted: true }] }]]) {
        expect(await failure(makeDocx({ title: 'Empty', paragraphs }))).toEqual({
          code: 'import-empty-file',
          message: 'The Word document contains no text.',
        });
      }
    });

    it('refuses an honest zip bomb disguised as a .docx before inflating it', async () => {
      const bomb = makeDocx({
        paragraphs: [{ text: 'Hello' }],
        extra: [{ name: 'word/media/image1.png', compressed: deflatedZeros(MB), declaredSize: 2 * 1024 * MB }],
      });
      const before = process.memoryUsage().arrayBuffers;
      const start = performance.now();
      const { code, message } = await failure(bomb);
      expect(performance.now() - start).toBeLessThan(250);
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(8 * MB);
      expect(code).toBe('import-unreadable');
      expect(message).toMatch(/more than 64 MB/);
    });

    it('refuses a dishonest zip bomb as word/document.xml without allocating it', async () => {
      const bomb = makeDocx({
        extra: [
          {
            name: 'word/document.xml',
            compressed: deflatedZeros(100 * MB),
            declaredSize: 1024,
            crc32: crc32(Buffer.alloc(1024)),
          },
        ],
      });
      const before = process.memoryUsage();
      const { code, message } = await failure(bomb);
      const after = process.memoryUsage();
      expect(code).toBe('import-unreadable');
      expect(message).toMatch(/unpacks to more data than it declares/);
      expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(8 * MB);
      expect(after.rss - before.rss).toBeLessThan(64 * MB);
    });

    it('throws nothing but CoreError for 2,000 random and mangled files', async () => {
      let seed = 7;
      const random = (): number => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return seed / 4294967296;
      };
      const bytesOf = (length: number): Buffer =>
        Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
      const valid = makeDocx({
        title: 'T',
        paragraphs: [
          { style: 'Heading1', text: 'Head' },
          { runs: [{ text: 'bold', bold: true }, { text: 'link', href: 'https://example.org' }] },
          { numbered: true, text: 'item' },
        ],
      });
      const validXml = `<w:document xmlns:w="${W_NS}"><w:body><w:p><w:r><w:t>${escapeXml('a<b>&c')}</w:t></w:r></w:p></w:body></w:document>`;
      let imported = 0;
      for (let round = 0; round < 2000; round += 1) {
        let sample: Buffer;
        const variant = round % 5;
        if (variant === 0) sample = bytesOf(Math.floor(random() * 2000));
        else if (variant === 1) sample = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), bytesOf(Math.floor(random() * 2000))]);
        else if (variant === 2) {
          sample = Buffer.from(valid);
          for (let change = 0; change < 1 + Math.floor(random() * 3); change += 1) {
            sample[Math.floor(random() * sample.length)] = Math.floor(random() * 256);
          }
        } else if (variant === 3) {
          sample = valid.subarray(0, Math.floor(random() * valid.length));
        } else {
          // Well-formed ZIP, mangled XML inside.
          const xml = Buffer.from(validXml);
          for (let change = 0; change < 1 + Math.floor(random() * 5); change += 1) {
            xml[Math.floor(random() * xml.length)] = Math.floor(random() * 128);
          }
          sample = makeDocx({ extra: [{ name: 'word/document.xml', data: xml }] });
        }
        try {
          await importDocx(sample, 'fuzz.docx');
          imported += 1;
        } catch (error) {
          if (!(error instanceof CoreError)) {
            throw new Error(`round ${round} threw ${String(error)}; sample ${sample.toString('base64')}`, {
              cause: error,
            });
          }
          expect(['import-unreadable', 'import-empty-file']).toContain(error.code);
        }
      }
      expect(imported).toBeGreaterThan(0);
    });
  });
});
