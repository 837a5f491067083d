import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Test helpers: a tiny ZIP writer (stored and deflate entries) that can also lie about sizes,
 * counts and flags to build hostile archives, and a writer of minimal valid .docx files.
 */

export type ZipInput = Readonly<{
  name: string;
  data?: Buffer | string;
  /** 0 stored, 8 deflate (default), or any other number to test refusal. */
  method?: number;
  /** The uncompressed size written into both headers instead of the real one (a lie). */
  declaredSize?: number;
  /** Bytes written as the entry's compressed data instead of compressing `data`. */
  compressed?: Buffer;
  /** General purpose flags (bit 0: encrypted). UTF-8 names (bit 11) are always flagged. */
  flags?: number;
  /** The CRC-32 written instead of the real one. */
  crc32?: number;
}>;

export type ZipOptions = Readonly<{
  /** The entry count written into the End Of Central Directory record instead of the real one. */
  declaredEntryCount?: number;
  comment?: string;
}>;

/** Writes a ZIP archive. */
export function makeZip(entries: readonly ZipInput[], options: ZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : (entry.data ?? Buffer.alloc(0));
    const method = entry.method ?? 8;
    const compressed = entry.compressed ?? (method === 8 ? deflateRawSync(data) : data);
    const size = entry.declaredSize ?? data.length;
    const crc = entry.crc32 ?? crc32(data);
    const flags = (entry.flags ?? 0) | 0x0800;
    const name = Buffer.from(entry.name, 'utf8');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);

    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const comment = Buffer.from(options.comment ?? '', 'utf8');
  const end = Buffer.alloc(22);
  const count = options.declaredEntryCount ?? entries.length;
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...locals, directory, end, comment]);
}

/**
 * A raw deflate stream that inflates to `size` zero bytes, built from 1 MB pieces so that making it
 * never allocates `size` bytes (a 100 MB stream is about 100 KB).
 */
export function deflatedZeros(size: number): Buffer {
  const piece = 1024 * 1024;
  const parts: Buffer[] = [];
  const whole = deflateRawSync(Buffer.alloc(Math.min(piece, size)), { finishFlush: constants.Z_SYNC_FLUSH });
  for (let left = size; left > 0; left -= piece) {
    parts.push(
      left >= piece ? whole : deflateRawSync(Buffer.alloc(left), { finishFlush: constants.Z_SYNC_FLUSH }),
    );
  }
  parts.push(deflateRawSync(Buffer.alloc(0)));
  return Buffer.concat(parts);
}

export type DocxRun = Readonly<{
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** Makes the run a hyperlink to this external target. */
  href?: string;
  /** A tracked deletion (w:del with w:delText). */
  deleted?: boolean;
  /** A tracked insertion (w:ins). */
  inserted?: boolean;
  rtl?: boolean;
  /** Extra raw run properties, e.g. `<w:b w:val="0"/>`. */
  rPr?: string;
}>;

export type DocxParagraph = Readonly<{
  /** A style id from the generated styles.xml: Title, Heading1..Heading6, Quote, IntenseQuote. */
  style?: string;
  /** The paragraph's text as one plain run (ignored when `runs` is given). */
  text?: string;
  runs?: readonly DocxRun[];
  numbered?: boolean;
  /** 0-based list level (w:ilvl) for numbered paragraphs. */
  level?: number;
  /** Right-to-left paragraph (w:bidi). */
  bidi?: boolean;
}>;

export type DocxOptions = Readonly<{
  title?: string;
  creator?: string;
  /** W3CDTF date-time, e.g. 2024-03-05T09:30:00Z. */
  created?: string;
  modified?: string;
  language?: string;
  paragraphs?: readonly DocxParagraph[];
  /** Raw WordprocessingML appended to the body after the paragraphs. */
  rawBody?: string;
  /** Parts left out of the package, e.g. ['word/document.xml']. */
  omit?: readonly string[];
  /** Parts added to (or replacing parts of) the package. */
  extra?: readonly ZipInput[];
}>;

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_TYPES = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Writes a minimal valid .docx package. */
export function makeDocx(options: DocxOptions): Buffer {
  const links: string[] = [];
  const body = (options.paragraphs ?? []).map((paragraph) => paragraphXml(paragraph, links)).join('');
  const documentXml =
    XML_DECLARATION +
    `<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>${body}${options.rawBody ?? ''}` +
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>';

  const documentRels =
    XML_DECLARATION +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    `<Relationship Id="rId1" Type="${REL_TYPES}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId2" Type="${REL_TYPES}/numbering" Target="numbering.xml"/>` +
    links
      .map(
        (href, index) =>
          `<Relationship Id="rIdLink${index + 1}" Type="${REL_TYPES}/hyperlink" Target="${escapeXml(href)}" TargetMode="External"/>`,
      )
      .join('') +
    '</Relationships>';

  const parts: ZipInput[] = [
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: PACKAGE_RELS },
    { name: 'word/document.xml', data: documentXml },
    { name: 'word/_rels/document.xml.rels', data: documentRels },
    { name: 'word/styles.xml', data: STYLES },
    { name: 'word/numbering.xml', data: NUMBERING },
    { name: 'docProps/core.xml', data: coreXml(options) },
  ];
  const omitted = new Set(options.omit ?? []);
  const extra = options.extra ?? [];
  const extraNames = new Set(extra.map((part) => part.name));
  return makeZip([
    ...parts.filter((part) => !omitted.has(part.name) && !extraNames.has(part.name)),
    ...extra,
  ]);
}

function paragraphXml(paragraph: DocxParagraph, links: string[]): string {
  let pPr = '';
  if (paragraph.style !== undefined) pPr += `<w:pStyle w:val="${escapeXml(paragraph.style)}"/>`;
  if (paragraph.numbered === true) {
    pPr += `<w:numPr><w:ilvl w:val="${paragraph.level ?? 0}"/><w:numId w:val="1"/></w:numPr>`;
  }
  if (paragraph.bidi === true) pPr += '<w:bidi/>';
  const runs = paragraph.runs ?? [{ text: paragraph.text ?? '', rtl: paragraph.bidi }];
  return `<w:p>${pPr === '' ? '' : `<w:pPr>${pPr}</w:pPr>`}${runs.map((run) => runXml(run, links)).join('')}</w:p>`;
}

function runXml(run: DocxRun, links: string[]): string {
  let rPr = '';
  if (run.href !== undefined) rPr += '<w:rStyle w:val="Hyperlink"/>';
  if (run.bold === true) rPr += '<w:b/><w:bCs/>';
  if (run.italic === true) rPr += '<w:i/><w:iCs/>';
  if (run.rtl === true) rPr += '<w:rtl/>';
  rPr += run.rPr ?? '';
  const content = run.text
    .split(/(\t|\n)/)
    .map((piece) => {
      if (piece === '\t') return '<w:tab/>';
      if (piece === '\n') return '<w:br/>';
      if (piece === '') return '';
      const element = run.deleted === true ? 'w:delText' : 'w:t';
      return `<${element} xml:space="preserve">${escapeXml(piece)}</${element}>`;
    })
    .join('');
  let xml = `<w:r>${rPr === '' ? '' : `<w:rPr>${rPr}</w:rPr>`}${content}</w:r>`;
  if (run.href !== undefined) {
    links.push(run.href);
    xml = `<w:hyperlink r:id="rIdLink${links.length}" w:history="1">${xml}</w:hyperlink>`;
  }
  const change = 'w:author="Reviewer" w:date="2024-03-05T10:00:00Z"';
  if (run.deleted === true) xml = `<w:del w:id="${links.length + 900}" ${change}>${xml}</w:del>`;
  if (run.inserted === true) xml = `<w:ins w:id="${links.length + 901}" ${change}>${xml}</w:ins>`;
  return xml;
}

function coreXml(options: DocxOptions): string {
  const element = (name: string, value: string | undefined, attributes = ''): string =>
    value === undefined ? '' : `<${name}${attributes}>${escapeXml(value)}</${name}>`;
  const w3cdtf = ' xsi:type="dcterms:W3CDTF"';
  return (
    XML_DECLARATION +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    element('dc:title', options.title) +
    element('dc:creator', options.creator) +
    element('dc:language', options.language) +
    element('dcterms:created', options.created, w3cdtf) +
    element('dcterms:modified', options.modified, w3cdtf) +
    '</cp:coreProperties>'
  );
}

const CONTENT_TYPES =
  XML_DECLARATION +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '</Types>';

const PACKAGE_RELS =
  XML_DECLARATION +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="${REL_TYPES}/officeDocument" Target="word/document.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '</Relationships>';

const paragraphStyle = (id: string, name: string, extra = ''): string =>
  `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/>${extra}</w:style>`;

const STYLES =
  XML_DECLARATION +
  `<w:styles xmlns:w="${W_NS}">` +
  '<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
  paragraphStyle('Title', 'Title', '<w:rPr><w:sz w:val="56"/></w:rPr>') +
  [1, 2, 3, 4, 5, 6]
    .map((level) =>
      paragraphStyle(
        `Heading${level}`,
        `heading ${level}`,
        `<w:pPr><w:outlineLvl w:val="${level - 1}"/></w:pPr><w:rPr><w:b/></w:rPr>`,
      ),
    )
    .join('') +
  paragraphStyle('Quote', 'Quote', '<w:rPr><w:i/></w:rPr>') +
  paragraphStyle('IntenseQuote', 'Intense Quote', '<w:rPr><w:b/><w:i/></w:rPr>') +
  paragraphStyle('ListParagraph', 'List Paragraph') +
  '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:u w:val="single"/></w:rPr></w:style>' +
  '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>' +
  '</w:styles>';

const NUMBERING =
  XML_DECLARATION +
  `<w:numbering xmlns:w="${W_NS}">` +
  '<w:abstractNum w:abstractNumId="0">' +
  '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>' +
  '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>' +
  '<w:lvl w:ilvl="2"><w:numFmt w:val="none"/><w:lvlText w:val=""/></w:lvl>' +
  '</w:abstractNum>' +
  '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' +
  '</w:numbering>';
