import { FOOTER_REL_ID, HEADER_REL_ID, hyperlinkRelationship, type Hyperlink } from './docx-body';
import { endnotesOf, type NoteMode } from './docx-citations';
import { elementRun, fieldRuns, paragraphXml, textRuns } from './docx-runs';
import { isRtlParagraph, PACKAGE_RELS_NS, R_NS, REL_TYPE, W_NS, XML_DECLARATION, xmlText } from './docx-xml';
import type { PrintModel } from './layout';

const MAIN_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml';

/** The package's parts besides [Content_Types].xml and the relationship parts, with their types. */
export const PART_TYPES: readonly (readonly [string, string])[] = [
  ['word/document.xml', `${MAIN_TYPE}.document.main+xml`],
  ['word/styles.xml', `${MAIN_TYPE}.styles+xml`],
  ['word/settings.xml', `${MAIN_TYPE}.settings+xml`],
  ['word/numbering.xml', `${MAIN_TYPE}.numbering+xml`],
  ['word/endnotes.xml', `${MAIN_TYPE}.endnotes+xml`],
  ['word/header1.xml', `${MAIN_TYPE}.header+xml`],
  ['word/footer1.xml', `${MAIN_TYPE}.footer+xml`],
  ['docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
  ['docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml'],
];

export function contentTypesXml(): string {
  return (
    XML_DECLARATION +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    PART_TYPES.map(([part, type]) => `<Override PartName="/${part}" ContentType="${type}"/>`).join('') +
    '</Types>'
  );
}

function relationships(entries: readonly string[]): string {
  return XML_DECLARATION + `<Relationships xmlns="${PACKAGE_RELS_NS}">${entries.join('')}</Relationships>`;
}

const relationship = (id: string, type: string, target: string): string =>
  `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;

export function packageRelsXml(): string {
  return relationships([
    relationship('rId1', `${REL_TYPE}/officeDocument`, 'word/document.xml'),
    relationship(
      'rId2',
      'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
      'docProps/core.xml',
    ),
    relationship('rId3', `${REL_TYPE}/extended-properties`, 'docProps/app.xml'),
  ]);
}

export function documentRelsXml(hyperlinks: readonly Hyperlink[]): string {
  return relationships([
    relationship('rIdStyles', `${REL_TYPE}/styles`, 'styles.xml'),
    relationship('rIdSettings', `${REL_TYPE}/settings`, 'settings.xml'),
    relationship('rIdNumbering', `${REL_TYPE}/numbering`, 'numbering.xml'),
    relationship('rIdEndnotes', `${REL_TYPE}/endnotes`, 'endnotes.xml'),
    relationship(HEADER_REL_ID, `${REL_TYPE}/header`, 'header1.xml'),
    relationship(FOOTER_REL_ID, `${REL_TYPE}/footer`, 'footer1.xml'),
    ...hyperlinks.map(hyperlinkRelationship),
  ]);
}

/**
 * Decimal endnote numbers (Word's default is i, ii, iii), and the separator endnotes -1 and 0
 * declared as Word writes them.
 */
export function settingsXml(): string {
  return (
    XML_DECLARATION +
    `<w:settings xmlns:w="${W_NS}">` +
    '<w:defaultTabStop w:val="720"/>' +
    '<w:characterSpacingControl w:val="doNotCompress"/>' +
    '<w:endnotePr><w:numFmt w:val="decimal"/><w:endnote w:id="-1"/><w:endnote w:id="0"/></w:endnotePr>' +
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
    '</w:settings>'
  );
}

/** W3CDTF without milliseconds, as Word writes it. */
function w3cdtf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function coreXml(title: string, creator: string, created: Date): string {
  const date = w3cdtf(created);
  return (
    XML_DECLARATION +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    (title === '' ? '' : `<dc:title>${xmlText(title)}</dc:title>`) +
    (creator === '' ? '' : `<dc:creator>${xmlText(creator)}</dc:creator>`) +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

export function appXml(): string {
  return (
    XML_DECLARATION +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ' +
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    '<Application>Briefing Builder</Application><DocSecurity>0</DocSecurity>' +
    '</Properties>'
  );
}

function markingParagraph(marking: string): string {
  return marking.trim() === '' ? '' : paragraphXml({ style: 'Marking' }, textRuns(marking));
}

/** The marking banner at the top of every page (an empty paragraph when there is no marking). */
export function headerXml(model: PrintModel): string {
  const content = markingParagraph(model.marking) || paragraphXml({ style: 'Header' }, '');
  return XML_DECLARATION + `<w:hdr xmlns:w="${W_NS}" xmlns:r="${R_NS}">${content}</w:hdr>`;
}

/** The short title and "Page X of Y" (PAGE and NUMPAGES fields), then the marking banner. */
export function footerXml(model: PrintModel): string {
  const shortTitle = model.title.length > 70 ? `${model.title.slice(0, 67).trimEnd()}…` : model.title;
  const pageLine =
    textRuns(shortTitle) +
    elementRun('<w:tab/>') +
    textRuns('Page ') +
    fieldRuns('PAGE', '1') +
    textRuns(' of ') +
    fieldRuns('NUMPAGES', '1');
  return (
    XML_DECLARATION +
    `<w:ftr xmlns:w="${W_NS}" xmlns:r="${R_NS}">` +
    paragraphXml({ style: 'Footer' }, pageLine) +
    markingParagraph(model.marking) +
    '</w:ftr>'
  );
}

const SEPARATOR_SPACING = '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>';

/** word/endnotes.xml: the two separators Word requires, then one endnote per note, id = its number. */
export function endnotesXml(model: PrintModel, mode: NoteMode): string {
  const notes = endnotesOf(model).map((note) => {
    const mark =
      mode === 'auto'
        ? elementRun('<w:endnoteRef/>', { characterStyle: 'EndnoteReference' })
        : textRuns(String(note.number), { characterStyle: 'EndnoteReference' });
    const bidi = isRtlParagraph(note.text);
    const body = paragraphXml({ style: 'EndnoteText', bidi }, mark + textRuns(` ${note.text}`, {}, bidi));
    return `<w:endnote w:id="${note.number}">${body}</w:endnote>`;
  });
  return (
    XML_DECLARATION +
    `<w:endnotes xmlns:w="${W_NS}" xmlns:r="${R_NS}">` +
    `<w:endnote w:type="separator" w:id="-1"><w:p>${SEPARATOR_SPACING}<w:r><w:separator/></w:r></w:p></w:endnote>` +
    `<w:endnote w:type="continuationSeparator" w:id="0"><w:p>${SEPARATOR_SPACING}<w:r><w:continuationSeparator/></w:r></w:p></w:endnote>` +
    notes.join('') +
    '</w:endnotes>'
  );
}
