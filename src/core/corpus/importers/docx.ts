import { Parser } from 'htmlparser2';
import { CoreError } from '../../errors';
import type { Importer, ParsedDocument, RawBlock, RawRun } from '../imported-document';
import { normaliseDate, normaliseField, normaliseInline } from '../normalise';
import { readZipDirectory, readZipEntry, ZipError, type ZipEntry } from './zip';

const NOT_DOCX = 'The file is not a readable Word document (.docx).';
const PASSWORD_PROTECTED = 'The Word document is password-protected; remove the password and import it again.';
const LEGACY_DOC = 'The file is an older Word document (.doc); save it as .docx in Word and import it again.';
const NO_TEXT = 'The Word document contains no text.';
const TOO_DEEP = 'The Word document is nested too deeply to be read.';

/** Deeper XML is refused: Word never nests this deep, and the XML parser slows down with depth. */
const MAX_XML_DEPTH = 256;
/** Open fields (w:fldChar) tracked at once; deeper nesting is counted but not followed. */
const MAX_OPEN_FIELDS = 64;

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * A Word document (.docx): metadata from docProps/core.xml; paragraphs, headings (by style),
 * list items (by numbering), quotes and inline emphasis and links from the main document part.
 * The ZIP container is vetted against zip bombs before anything is unpacked, and the XML is parsed
 * as data only: no DTDs, no entities beyond XML's own five, nothing fetched.
 */
export const importDocx: Importer = (bytes) => {
  try {
    return parseDocx(bytes);
  } catch (error) {
    if (error instanceof ZipError) {
      if (error.problem === 'not-zip' || error.problem === 'malformed') {
        throw new CoreError('import-unreadable', NOT_DOCX);
      }
      throw error;
    }
    if (error instanceof CoreError) throw error;
    // Anything else means input this reader did not anticipate; it is still the file's fault.
    throw new CoreError('import-unreadable', NOT_DOCX);
  }
};

function parseDocx(bytes: Buffer): ParsedDocument {
  if (bytes.length >= OLE_SIGNATURE.length && bytes.subarray(0, OLE_SIGNATURE.length).equals(OLE_SIGNATURE)) {
    // Encrypted .docx files are OLE compound files holding an "EncryptedPackage" stream; legacy
    // binary .doc files hold a "WordDocument" stream instead.
    const encrypted = bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'));
    if (!encrypted && bytes.includes(Buffer.from('WordDocument', 'utf16le'))) {
      throw new CoreError('import-unreadable', LEGACY_DOC);
    }
    throw new CoreError('import-unreadable', PASSWORD_PROTECTED);
  }

  const pkg = new OpcPackage(bytes, readZipDirectory(bytes));
  const packageRels = pkg.relationships('');
  let mainPath = findRelationship(packageRels, '/officeDocument')?.path ?? 'word/document.xml';
  let documentXml = pkg.text(mainPath);
  if (documentXml === null && mainPath !== 'word/document.xml') {
    mainPath = 'word/document.xml';
    documentXml = pkg.text(mainPath);
  }
  if (documentXml === null) throw new CoreError('import-unreadable', NOT_DOCX);

  const documentRels = pkg.relationships(mainPath);
  const stylesPath = findRelationship(documentRels, '/styles')?.path ?? resolvePartName(mainPath, 'styles.xml');
  const numberingPath =
    findRelationship(documentRels, '/numbering')?.path ?? resolvePartName(mainPath, 'numbering.xml');
  const corePath = findRelationship(packageRels, '/core-properties')?.path ?? 'docProps/core.xml';

  const styles = new Styles(pkg.text(stylesPath));
  const numbering = readNumbering(pkg.text(numberingPath));
  const core = readCoreProperties(pkg.text(corePath));
  const body = readBody(documentXml, styles, numbering, documentRels);

  const blocks = [...body.blocks];
  let title = core.title;
  if (body.titleIndex !== null) {
    const candidate = blocks[body.titleIndex];
    const candidateTitle = normaliseField(candidate?.text);
    if (title === null || title === candidateTitle) {
      title ??= candidateTitle;
      blocks.splice(body.titleIndex, 1);
    }
  }
  if (!blocks.some((block) => normaliseInline(block.text) !== '')) {
    throw new CoreError('import-empty-file', NO_TEXT);
  }

  return {
    format: 'docx',
    title,
    author: core.creator,
    outlet: null,
    publishedAt: core.date,
    url: null,
    language: core.language,
    direction: body.rtlChars * 2 > body.totalChars ? 'rtl' : null,
    blocks,
  };
}

// ---------------------------------------------------------------------------------------------
// The package: parts by name, relationships.

type Relationship = Readonly<{ type: string; target: string; external: boolean; path: string }>;

class OpcPackage {
  private readonly parts = new Map<string, ZipEntry>();

  constructor(
    private readonly bytes: Buffer,
    entries: readonly ZipEntry[],
  ) {
    // Part names are case-insensitive in Open Packaging.
    for (const entry of entries) this.parts.set(entry.name.toLowerCase(), entry);
  }

  /** A part's text, or null when the package has no such part. */
  text(path: string): string | null {
    const entry = this.parts.get(path.toLowerCase());
    if (entry === undefined) return null;
    return decodeXmlPart(readZipEntry(this.bytes, entry));
  }

  /** The relationships of a part ('' for the package's own), by id. */
  relationships(sourcePart: string): Map<string, Relationship> {
    const slash = sourcePart.lastIndexOf('/');
    const relsPath = `${sourcePart.slice(0, slash + 1)}_rels/${sourcePart.slice(slash + 1)}.rels`;
    const xml = this.text(relsPath);
    const out = new Map<string, Relationship>();
    if (xml === null) return out;
    parseXml(xml, {
      open(name, attrs) {
        if (name !== 'rel:Relationship' && name !== 'Relationship') return;
        const id = attrs.get('Id');
        const target = attrs.get('Target');
        if (id === undefined || target === undefined || out.has(id)) return;
        const external = (attrs.get('TargetMode') ?? '').toLowerCase() === 'external';
        out.set(id, {
          type: attrs.get('Type') ?? '',
          target,
          external,
          path: external ? '' : resolvePartName(sourcePart, target),
        });
      },
    });
    return out;
  }
}

/** XML parts in a package are UTF-8 or UTF-16 (with a byte order mark); bad bytes become U+FFFD. */
function decodeXmlPart(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    return new TextDecoder('utf-16le').decode(swapped.swap16());
  }
  return new TextDecoder('utf-8').decode(bytes);
}

function findRelationship(rels: ReadonlyMap<string, Relationship>, typeSuffix: string): Relationship | undefined {
  for (const rel of rels.values()) {
    if (!rel.external && rel.type.endsWith(typeSuffix)) return rel;
  }
  return undefined;
}

/** Resolves a relationship target against the part it belongs to ('' for the package root). */
function resolvePartName(sourcePart: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // Keep the target as written.
  }
  const base = decoded.startsWith('/') ? '' : sourcePart.slice(0, sourcePart.lastIndexOf('/') + 1);
  const segments: string[] = [];
  for (const segment of `${base}${decoded}`.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments.join('/');
}

// ---------------------------------------------------------------------------------------------
// XML as data: a streaming parse with namespace prefixes mapped to the canonical ones.

const NAMESPACES = new Map<string, string>([
  ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'w'],
  ['http://purl.oclc.org/ooxml/wordprocessingml/main', 'w'],
  ['http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'r'],
  ['http://purl.oclc.org/ooxml/officeDocument/relationships', 'r'],
  ['http://schemas.openxmlformats.org/package/2006/relationships', 'rel'],
  ['http://schemas.openxmlformats.org/package/2006/metadata/core-properties', 'cp'],
  ['http://purl.org/dc/elements/1.1/', 'dc'],
  ['http://purl.org/dc/terms/', 'dcterms'],
  ['http://schemas.openxmlformats.org/markup-compatibility/2006', 'mc'],
  ['http://www.w3.org/XML/1998/namespace', 'xml'],
]);

type XmlHandler = {
  open?: (name: string, attrs: ReadonlyMap<string, string>, depth: number) => void;
  text?: (text: string) => void;
  close?: (name: string, depth: number) => void;
};

/**
 * Parses XML with htmlparser2 in XML mode: only the predefined entities and character references
 * are decoded, DOCTYPE declarations are ignored, nothing external is loaded. Element and attribute
 * names come out as `prefix:local` with the canonical prefixes above (so `w:p` whatever the
 * document's own prefix), `{uri}local` for other namespaces, and as written when undeclared.
 */
function parseXml(xml: string, handler: XmlHandler): void {
  const bindings = new Map<string, string[]>([['xml', ['http://www.w3.org/XML/1998/namespace']]]);
  const declared: (string[] | null)[] = [];
  const names: string[] = [];

  const resolve = (qualified: string, isAttribute: boolean): string => {
    const colon = qualified.indexOf(':');
    const prefix = colon < 0 ? '' : qualified.slice(0, colon);
    const local = qualified.slice(colon + 1);
    if (prefix === '' && isAttribute) return local;
    const uri = bindings.get(prefix)?.at(-1);
    if (uri === undefined || uri === '') return qualified;
    const canonical = NAMESPACES.get(uri);
    return canonical === undefined ? `{${uri}}${local}` : `${canonical}:${local}`;
  };

  const parser = new Parser(
    {
      onopentag(qualified, attribs) {
        if (names.length >= MAX_XML_DEPTH) throw new CoreError('import-unreadable', TOO_DEEP);
        const entries = Object.entries(attribs);
        let prefixes: string[] | null = null;
        for (const [key, value] of entries) {
          if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
          const prefix = key === 'xmlns' ? '' : key.slice(6);
          const stack = bindings.get(prefix);
          if (stack === undefined) bindings.set(prefix, [value]);
          else stack.push(value);
          (prefixes ??= []).push(prefix);
        }
        declared.push(prefixes);
        const attrs = new Map<string, string>();
        for (const [key, value] of entries) {
          if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
          attrs.set(resolve(key, true), value);
        }
        const name = resolve(qualified, false);
        names.push(name);
        handler.open?.(name, attrs, names.length);
      },
      ontext(text) {
        handler.text?.(text);
      },
      onclosetag() {
        const depth = names.length;
        const name = names.pop();
        if (name !== undefined) handler.close?.(name, depth);
        for (const prefix of declared.pop() ?? []) bindings.get(prefix)?.pop();
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
}

/** OOXML on/off values: absent or anything but 0/false/off means on. */
function isOn(value: string | undefined): boolean {
  return value === undefined || !['0', 'false', 'off'].includes(value.trim().toLowerCase());
}

function toInteger(value: string | undefined): number | null {
  if (value === undefined || !/^\s*-?\d{1,9}\s*$/.test(value)) return null;
  return Number(value);
}

// ---------------------------------------------------------------------------------------------
// styles.xml and numbering.xml

type StyleRole = 'heading' | 'title' | 'quote' | null;

type StyleDefinition = {
  type: string;
  name: string | null;
  basedOn: string | null;
  outline: number | null;
  numId: string | null;
  ilvl: number | null;
  bidi: boolean | null;
  bold: boolean | null;
  italic: boolean | null;
};

type ResolvedStyle = Readonly<{
  role: StyleRole;
  level: number;
  numId: string | null;
  ilvl: number | null;
  bidi: boolean;
  bold: boolean;
  italic: boolean;
}>;

const PLAIN_STYLE: ResolvedStyle = {
  role: null,
  level: 0,
  numId: null,
  ilvl: null,
  bidi: false,
  bold: false,
  italic: false,
};

/** Ignored wherever they appear: earlier formatting kept by tracked changes. */
const FORMAT_CHANGES = new Set([
  'w:pPrChange',
  'w:rPrChange',
  'w:sectPrChange',
  'w:tblPrChange',
  'w:trPrChange',
  'w:tcPrChange',
  'w:numberingChange',
]);

class Styles {
  private readonly definitions = new Map<string, StyleDefinition>();
  private readonly resolved = new Map<string, ResolvedStyle>();
  private defaultParagraph: string | null = null;

  constructor(xml: string | null) {
    if (xml === null) return;
    let current: StyleDefinition | null = null;
    const path: string[] = [];
    let skip = 0;
    parseXml(xml, {
      open: (name, attrs) => {
        if (skip > 0 || FORMAT_CHANGES.has(name)) {
          skip += 1;
          return;
        }
        path.push(name);
        const parent = path.at(-2);
        if (name === 'w:style' && parent === 'w:styles') {
          const id = attrs.get('w:styleId');
          current = null;
          if (id === undefined || this.definitions.has(id)) return;
          const type = attrs.get('w:type') ?? 'paragraph';
          current = {
            type,
            name: null,
            basedOn: null,
            outline: null,
            numId: null,
            ilvl: null,
            bidi: null,
            bold: null,
            italic: null,
          };
          this.definitions.set(id, current);
          if (type === 'paragraph' && isOn(attrs.get('w:default')) && attrs.has('w:default')) {
            this.defaultParagraph ??= id;
          }
          return;
        }
        if (current === null) return;
        const value = attrs.get('w:val');
        const context = `${path.at(-3)}/${parent}`;
        if (name === 'w:name' && parent === 'w:style') current.name = value ?? null;
        else if (name === 'w:basedOn' && parent === 'w:style') current.basedOn = value ?? null;
        else if (name === 'w:outlineLvl' && parent === 'w:pPr') current.outline = toInteger(value);
        else if (name === 'w:numId' && context === 'w:pPr/w:numPr') current.numId = value ?? null;
        else if (name === 'w:ilvl' && context === 'w:pPr/w:numPr') current.ilvl = toInteger(value);
        else if (name === 'w:bidi' && parent === 'w:pPr') current.bidi = isOn(value);
        else if (name === 'w:b' && context === 'w:style/w:rPr') current.bold = isOn(value);
        else if (name === 'w:i' && context === 'w:style/w:rPr') current.italic = isOn(value);
      },
      close: (name) => {
        if (skip > 0) {
          skip -= 1;
          return;
        }
        path.pop();
        if (name === 'w:style') current = null;
      },
    });
  }

  /** A paragraph's style (the default paragraph style when it names none). */
  paragraph(id: string | null): ResolvedStyle {
    const styleId = id ?? this.defaultParagraph;
    return styleId === null ? PLAIN_STYLE : this.resolve(styleId, 0);
  }

  /** A character style (w:rStyle); only its bold and italic matter. */
  character(id: string | null): ResolvedStyle {
    return id === null ? PLAIN_STYLE : this.resolve(id, 0);
  }

  private resolve(id: string, depth: number): ResolvedStyle {
    const known = this.resolved.get(id);
    if (known !== undefined) return known;
    const definition = this.definitions.get(id);
    if (definition === undefined) return roleFromName(id.replace(/([a-z])(\d)$/i, '$1 $2')) ?? PLAIN_STYLE;
    // Guards against basedOn cycles: a style met again while resolving resolves as plain.
    this.resolved.set(id, PLAIN_STYLE);
    const base =
      definition.basedOn !== null && definition.basedOn !== id && depth < 32
        ? this.resolve(definition.basedOn, depth + 1)
        : PLAIN_STYLE;
    let role: StyleRole = base.role;
    let level = base.level;
    const named = definition.name === null ? null : roleFromName(definition.name);
    if (named !== null) {
      role = named.role;
      level = named.level;
    } else if (definition.outline !== null && definition.type === 'paragraph') {
      const outline = headingLevelFromOutline(definition.outline);
      role = outline === null ? null : 'heading';
      level = outline ?? 0;
    }
    const result: ResolvedStyle = {
      role,
      level,
      numId: definition.numId ?? base.numId,
      ilvl: definition.ilvl ?? base.ilvl,
      bidi: definition.bidi ?? base.bidi,
      bold: definition.bold ?? base.bold,
      italic: definition.italic ?? base.italic,
    };
    this.resolved.set(id, result);
    return result;
  }
}

/** Word's built-in style names (stored in English whatever the interface language). */
function roleFromName(name: string): ResolvedStyle | null {
  const lower = name.trim().toLowerCase();
  const heading = /^heading\s*([1-9])$/.exec(lower);
  if (heading !== null) return { ...PLAIN_STYLE, role: 'heading', level: Math.min(6, Number(heading[1])) };
  if (lower === 'title') return { ...PLAIN_STYLE, role: 'title' };
  if (lower === 'quote' || lower === 'intense quote' || lower === 'intensequote') {
    return { ...PLAIN_STYLE, role: 'quote' };
  }
  return null;
}

/** Outline levels 0-8 are heading levels 1-9 (capped at 6); 9 is body text. */
function headingLevelFromOutline(outline: number): number | null {
  return outline >= 0 && outline <= 8 ? Math.min(6, outline + 1) : null;
}

type Numbering = Readonly<{
  /** Whether a numbering instance's level shows a number or bullet. */
  isList: (numId: string, ilvl: number) => boolean;
}>;

function readNumbering(xml: string | null): Numbering {
  // Without numbering.xml a numbered paragraph is still taken as a list item.
  if (xml === null) return { isList: () => true };
  const abstractFormats = new Map<string, Map<number, string>>();
  const instances = new Map<string, string>();
  let abstractId: string | null = null;
  let numId: string | null = null;
  let level: number | null = null;
  const path: string[] = [];
  parseXml(xml, {
    open(name, attrs) {
      path.push(name);
      const parent = path.at(-2);
      if (name === 'w:abstractNum' && parent === 'w:numbering') {
        abstractId = attrs.get('w:abstractNumId') ?? null;
        if (abstractId !== null && !abstractFormats.has(abstractId)) abstractFormats.set(abstractId, new Map());
      } else if (name === 'w:lvl' && parent === 'w:abstractNum') {
        level = toInteger(attrs.get('w:ilvl'));
      } else if (name === 'w:numFmt' && parent === 'w:lvl' && abstractId !== null && level !== null) {
        abstractFormats.get(abstractId)?.set(level, attrs.get('w:val') ?? '');
      } else if (name === 'w:num' && parent === 'w:numbering') {
        numId = attrs.get('w:numId') ?? null;
      } else if (name === 'w:abstractNumId' && parent === 'w:num' && numId !== null) {
        const value = attrs.get('w:val');
        if (value !== undefined && !instances.has(numId)) instances.set(numId, value);
      }
    },
    close(name) {
      path.pop();
      if (name === 'w:abstractNum') abstractId = null;
      else if (name === 'w:lvl') level = null;
      else if (name === 'w:num') numId = null;
    },
  });
  return {
    isList(id, ilvl) {
      const abstract = instances.get(id);
      if (abstract === undefined) return false;
      return abstractFormats.get(abstract)?.get(ilvl) !== 'none';
    },
  };
}

// ---------------------------------------------------------------------------------------------
// docProps/core.xml

type CoreProperties = Readonly<{
  title: string | null;
  creator: string | null;
  date: string | null;
  language: string | null;
}>;

function readCoreProperties(xml: string | null): CoreProperties {
  const values = new Map<string, string>();
  if (xml !== null) {
    let field: string | null = null;
    let text = '';
    parseXml(xml, {
      open(name, _attrs, depth) {
        field = depth === 2 ? name : null;
        text = '';
      },
      text(chunk) {
        if (field !== null) text += chunk;
      },
      close(name, depth) {
        if (depth === 2 && field === name && !values.has(name)) values.set(name, text);
        field = null;
      },
    });
  }
  return {
    title: normaliseField(values.get('dc:title')),
    creator: normaliseField(values.get('dc:creator')),
    date: normaliseDate(values.get('dcterms:created')) ?? normaliseDate(values.get('dcterms:modified')),
    language: normaliseField(values.get('dc:language'), 35),
  };
}

// ---------------------------------------------------------------------------------------------
// The document body

/** Subtrees that hold no reading text: deletions, alternative renderings, earlier formatting. */
const SKIPPED = new Set([
  ...FORMAT_CHANGES,
  'w:del',
  'w:moveFrom',
  'w:delText',
  'w:delInstrText',
  'mc:Fallback',
  'w:footnoteReference',
  'w:endnoteReference',
  'w:commentReference',
  'w:sectPr',
]);

type RunState = {
  style: string | null;
  bold: boolean | null;
  italic: boolean | null;
  boldCs: boolean | null;
  italicCs: boolean | null;
  rtl: boolean;
  complexScript: boolean;
  hidden: boolean;
};

type ParagraphState = {
  style: string | null;
  numId: string | null;
  ilvl: number | null;
  bidi: boolean | null;
  outline: number | null;
  runs: RawRun[];
  run: RunState | null;
  /** Open w:hyperlink / w:fldSimple elements: their external href, if any. */
  links: (string | undefined)[];
  chars: number;
  rtlRunChars: number;
};

type FieldState = { instruction: string; href: string | undefined; inResult: boolean };

type Body = Readonly<{
  blocks: RawBlock[];
  /** The first Title-styled paragraph, kept as a level-1 heading until the title is settled. */
  titleIndex: number | null;
  rtlChars: number;
  totalChars: number;
}>;

function readBody(
  xml: string,
  styles: Styles,
  numbering: Numbering,
  rels: ReadonlyMap<string, Relationship>,
): Body {
  const blocks: RawBlock[] = [];
  let titleIndex: number | null = null;
  let rtlChars = 0;
  let totalChars = 0;
  let rootChecked = false;

  const path: string[] = [];
  let skip = 0;
  const paragraphs: ParagraphState[] = [];
  const fields: FieldState[] = [];
  let untrackedFields = 0;
  let inText = false;
  let inInstruction = false;

  const externalHref = (id: string | undefined): string | undefined => {
    const rel = id === undefined ? undefined : rels.get(id);
    return rel?.external === true ? safeHref(rel.target) : undefined;
  };

  const append = (text: string): void => {
    const paragraph = paragraphs.at(-1);
    const run = paragraph?.run;
    if (paragraph === undefined || run === undefined || run === null || run.hidden || text === '') return;
    const characterStyle = styles.character(run.style);
    const complex = run.rtl || run.complexScript;
    const bold = (complex ? (run.boldCs ?? run.bold) : run.bold) ?? characterStyle.bold;
    const italic = (complex ? (run.italicCs ?? run.italic) : run.italic) ?? characterStyle.italic;
    const marks: ('strong' | 'em')[] = [];
    if (bold) marks.push('strong');
    if (italic) marks.push('em');
    const href = paragraph.links.at(-1) ?? fieldHref(fields);

    const last = paragraph.runs.at(-1);
    if (last !== undefined && last.href === href && sameMarks(last.marks, marks)) {
      paragraph.runs[paragraph.runs.length - 1] = { ...last, text: last.text + text };
    } else {
      paragraph.runs.push({
        text,
        ...(marks.length > 0 ? { marks } : {}),
        ...(href !== undefined ? { href } : {}),
      });
    }
    const visible = text.replace(/\s+/g, '').length;
    paragraph.chars += visible;
    if (run.rtl) paragraph.rtlRunChars += visible;
  };

  const finishParagraph = (paragraph: ParagraphState): void => {
    const text = paragraph.runs.map((run) => run.text).join('');
    if (normaliseInline(text) === '') return;
    const style = styles.paragraph(paragraph.style);
    const bidi = paragraph.bidi ?? style.bidi;
    totalChars += paragraph.chars;
    rtlChars += bidi ? paragraph.chars : paragraph.rtlRunChars;

    const withRuns = paragraph.runs.some((run) => run.marks !== undefined || run.href !== undefined);
    const content = withRuns ? { text, runs: paragraph.runs } : { text };
    const numId = paragraph.numId ?? style.numId;
    const ilvl = Math.max(0, Math.min(8, paragraph.ilvl ?? style.ilvl ?? 0));
    const headingLevel =
      paragraph.outline !== null
        ? headingLevelFromOutline(paragraph.outline)
        : style.role === 'heading'
          ? style.level
          : null;

    if (style.role === 'title') {
      if (titleIndex === null) titleIndex = blocks.length;
      blocks.push({ kind: 'heading', level: 1, ...content });
    } else if (headingLevel !== null) {
      blocks.push({ kind: 'heading', level: headingLevel, ...content });
    } else if (numId !== null && numId !== '0' && numbering.isList(numId, ilvl)) {
      blocks.push({ kind: 'list-item', level: ilvl + 1, ...content });
    } else if (style.role === 'quote') {
      blocks.push({ kind: 'block-quote', level: 0, ...content });
    } else {
      blocks.push({ kind: 'paragraph', level: 0, ...content });
    }
  };

  parseXml(xml, {
    open(name, attrs) {
      if (!rootChecked) {
        rootChecked = true;
        if (name !== 'w:document') throw new CoreError('import-unreadable', NOT_DOCX);
      }
      if (skip > 0 || SKIPPED.has(name)) {
        skip += 1;
        return;
      }
      path.push(name);
      const parent = path.at(-2);
      const grandparent = path.at(-3);
      const paragraph = paragraphs.at(-1);
      const run = paragraph?.run ?? null;
      const value = attrs.get('w:val');

      switch (name) {
        case 'w:p':
          paragraphs.push({
            style: null,
            numId: null,
            ilvl: null,
            bidi: null,
            outline: null,
            runs: [],
            run: null,
            links: [],
            chars: 0,
            rtlRunChars: 0,
          });
          return;
        case 'w:r':
          if (paragraph !== undefined) {
            paragraph.run = {
              style: null,
              bold: null,
              italic: null,
              boldCs: null,
              italicCs: null,
              rtl: false,
              complexScript: false,
              hidden: false,
            };
          }
          return;
        case 'w:hyperlink':
          paragraph?.links.push(externalHref(attrs.get('r:id')));
          return;
        case 'w:fldSimple':
          paragraph?.links.push(hyperlinkFieldTarget(attrs.get('w:instr') ?? ''));
          return;
        case 'w:t':
          inText = parent === 'w:r';
          return;
        case 'w:instrText':
          inInstruction = true;
          return;
        case 'w:tab':
        case 'w:ptab':
        case 'w:br':
        case 'w:cr':
          if (parent === 'w:r') append(' ');
          return;
        case 'w:noBreakHyphen':
          if (parent === 'w:r') append('-');
          return;
        case 'w:fldChar':
          if (parent === 'w:r') updateField(attrs.get('w:fldCharType'));
          return;
      }

      if (paragraph !== undefined && parent === 'w:pPr' && grandparent === 'w:p') {
        if (name === 'w:pStyle') paragraph.style = value ?? null;
        else if (name === 'w:bidi') paragraph.bidi = isOn(value);
        else if (name === 'w:outlineLvl') paragraph.outline = toInteger(value);
      } else if (paragraph !== undefined && parent === 'w:numPr' && grandparent === 'w:pPr') {
        if (name === 'w:numId') paragraph.numId = value ?? null;
        else if (name === 'w:ilvl') paragraph.ilvl = toInteger(value);
      } else if (run !== null && parent === 'w:rPr' && grandparent === 'w:r') {
        if (name === 'w:rStyle') run.style = value ?? null;
        else if (name === 'w:b') run.bold = isOn(value);
        else if (name === 'w:i') run.italic = isOn(value);
        else if (name === 'w:bCs') run.boldCs = isOn(value);
        else if (name === 'w:iCs') run.italicCs = isOn(value);
        else if (name === 'w:rtl') run.rtl = isOn(value);
        else if (name === 'w:cs') run.complexScript = isOn(value);
        else if (name === 'w:vanish' || name === 'w:specVanish') run.hidden = isOn(value);
      }
    },
    text(chunk) {
      if (skip > 0) return;
      if (inText) append(chunk);
      else if (inInstruction) {
        const field = fields.at(-1);
        if (field !== undefined && untrackedFields === 0 && field.instruction.length < 4096) {
          field.instruction += chunk;
        }
      }
    },
    close(name) {
      if (skip > 0) {
        skip -= 1;
        return;
      }
      path.pop();
      if (name === 'w:p') {
        const paragraph = paragraphs.pop();
        if (paragraph !== undefined) finishParagraph(paragraph);
      } else if (name === 'w:r') {
        const paragraph = paragraphs.at(-1);
        if (paragraph !== undefined) paragraph.run = null;
      } else if (name === 'w:hyperlink' || name === 'w:fldSimple') {
        paragraphs.at(-1)?.links.pop();
      } else if (name === 'w:t') {
        inText = false;
      } else if (name === 'w:instrText') {
        inInstruction = false;
      }
    },
  });
  if (!rootChecked) throw new CoreError('import-unreadable', NOT_DOCX);
  // A paragraph left open by a truncated part still counts.
  for (const paragraph of paragraphs) finishParagraph(paragraph);

  return { blocks, titleIndex, rtlChars, totalChars };

  function updateField(type: string | undefined): void {
    if (type === 'begin') {
      if (fields.length >= MAX_OPEN_FIELDS || untrackedFields > 0) untrackedFields += 1;
      else fields.push({ instruction: '', href: undefined, inResult: false });
    } else if (type === 'separate') {
      const field = fields.at(-1);
      if (field !== undefined && untrackedFields === 0) {
        field.inResult = true;
        field.href = hyperlinkFieldTarget(field.instruction);
      }
    } else if (type === 'end') {
      if (untrackedFields > 0) untrackedFields -= 1;
      else fields.pop();
    }
  }
}

/** The href of the innermost HYPERLINK field whose result text is being read, if any. */
function fieldHref(fields: readonly FieldState[]): string | undefined {
  for (let index = fields.length - 1; index >= 0; index -= 1) {
    const field = fields[index];
    if (field?.inResult === true && field.href !== undefined) return field.href;
  }
  return undefined;
}

/** The external target of a HYPERLINK field code (`HYPERLINK "https://…" \o "tip"`), if any. */
function hyperlinkFieldTarget(instruction: string): string | undefined {
  const match = /^\s*HYPERLINK\s+(?:"([^"]*)"|([^\s\\"][^\s"]*))/i.exec(instruction);
  if (match === null) return undefined;
  return safeHref(match[1] ?? match[2] ?? '');
}

/** Only web and mail links are kept; anything else (file:, javascript:, relative) is dropped. */
function safeHref(target: string): string | undefined {
  const href = target.trim();
  if (href.length > 2048 || !/^(https?:\/\/|mailto:)/i.test(href)) return undefined;
  try {
    const url = new URL(href);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? href : undefined;
  } catch {
    return undefined;
  }
}

function sameMarks(a: readonly string[] | undefined, b: readonly string[]): boolean {
  const left = a ?? [];
  return left.length === b.length && left.every((mark, index) => mark === b[index]);
}
