import { BULLET_NUM_ID, PAGE_TWIPS, type OrderedList } from './docx-body';
import { W_NS, XML_DECLARATION } from './docx-xml';

/** The PDF's palette, so both exports look like the same product. */
const COLOUR = {
  text: '1D232B',
  muted: '5A6472',
  accent: '2F5D8A',
  rule: 'C9D0D8',
  blufFill: 'EEF3F8',
} as const;

type StyleSpec = Readonly<{
  id: string;
  /** Word's built-in names (lower case for most) make Word treat the style as its own. */
  name: string;
  type?: 'paragraph' | 'character';
  basedOn?: string;
  next?: string;
  custom?: boolean;
  quick?: boolean;
  /** Children of w:pPr, already in schema order. */
  pPr?: string;
  /** Children of w:rPr, already in schema order. */
  rPr?: string;
}>;

function style(spec: StyleSpec): string {
  const type = spec.type ?? 'paragraph';
  return (
    `<w:style w:type="${type}" w:styleId="${spec.id}"${spec.custom === true ? ' w:customStyle="1"' : ''}>` +
    `<w:name w:val="${spec.name}"/>` +
    (spec.basedOn === undefined ? '' : `<w:basedOn w:val="${spec.basedOn}"/>`) +
    (spec.next === undefined ? '' : `<w:next w:val="${spec.next}"/>`) +
    (spec.quick === true ? '<w:qFormat/>' : '') +
    (spec.pPr === undefined ? '' : `<w:pPr>${spec.pPr}</w:pPr>`) +
    (spec.rPr === undefined ? '' : `<w:rPr>${spec.rPr}</w:rPr>`) +
    '</w:style>'
  );
}

const size = (halfPoints: number): string => `<w:sz w:val="${halfPoints}"/><w:szCs w:val="${halfPoints}"/>`;
const colour = (value: string): string => `<w:color w:val="${value}"/>`;
const spacing = (before: number, after: number): string =>
  `<w:spacing w:before="${before}" w:after="${after}"/>`;
/** The accent bar down the reading-start side, as the PDF draws beside quotes and the BLUF. */
const startBar = (width: number, space: number): string =>
  `<w:pBdr><w:left w:val="single" w:sz="${width}" w:space="${space}" w:color="${COLOUR.accent}"/></w:pBdr>`;
const QUOTE_INDENT = '<w:ind w:left="400" w:right="0"/>';
const CONTENT_WIDTH = PAGE_TWIPS.width - PAGE_TWIPS.left - PAGE_TWIPS.right;

const STYLES: readonly StyleSpec[] = [
  { id: 'Normal', name: 'Normal', quick: true },
  {
    id: 'Title',
    name: 'Title',
    basedOn: 'Normal',
    next: 'Normal',
    quick: true,
    pPr: `<w:keepNext/>${spacing(0, 120)}`,
    rPr: `<w:b/><w:bCs/>${size(44)}`,
  },
  {
    id: 'Subtitle',
    name: 'Subtitle',
    basedOn: 'Normal',
    next: 'Normal',
    quick: true,
    pPr: spacing(0, 120),
    rPr: `${colour(COLOUR.muted)}${size(26)}`,
  },
  {
    id: 'Byline',
    name: 'Byline',
    basedOn: 'Normal',
    custom: true,
    pPr: spacing(0, 40),
    rPr: `${colour(COLOUR.muted)}${size(20)}`,
  },
  {
    id: 'BlufLabel',
    name: 'BLUF Label',
    basedOn: 'Bluf',
    next: 'Bluf',
    custom: true,
    pPr: `<w:keepNext/>${spacing(240, 60)}`,
    rPr: `<w:b/><w:bCs/><w:caps/>${colour(COLOUR.accent)}<w:spacing w:val="12"/>${size(17)}`,
  },
  {
    id: 'Bluf',
    name: 'BLUF',
    basedOn: 'Normal',
    custom: true,
    quick: true,
    // Neighbouring paragraphs with the same border and shading share one box in Word.
    pPr: `${startBar(24, 8)}<w:shd w:val="clear" w:color="auto" w:fill="${COLOUR.blufFill}"/>${spacing(0, 120)}<w:ind w:left="200" w:right="200"/>`,
  },
  ...[1, 2].map((level): StyleSpec => ({
    id: `Heading${level}`,
    name: `heading ${level}`,
    basedOn: 'Normal',
    next: 'Normal',
    quick: true,
    pPr: `<w:keepNext/><w:keepLines/>${spacing(level === 1 ? 360 : 240, 120)}<w:outlineLvl w:val="${level - 1}"/>`,
    rPr: `<w:b/><w:bCs/>${size(level === 1 ? 28 : 24)}`,
  })),
  {
    id: 'Quote',
    name: 'Quote',
    basedOn: 'Normal',
    next: 'QuoteAttribution',
    quick: true,
    pPr: `<w:keepLines/>${startBar(18, 10)}${spacing(0, 60)}${QUOTE_INDENT}`,
  },
  {
    id: 'QuoteAttribution',
    name: 'Quote Attribution',
    // Not based on Quote: the attribution is the analyst's line, not quoted text.
    basedOn: 'Normal',
    next: 'Normal',
    custom: true,
    pPr: `${startBar(18, 10)}${spacing(0, 240)}${QUOTE_INDENT}`,
    rPr: `${colour(COLOUR.muted)}${size(19)}`,
  },
  {
    id: 'Judgment',
    name: 'Judgment',
    basedOn: 'Normal',
    next: 'JudgmentQualifier',
    custom: true,
    quick: true,
    pPr: `<w:keepLines/>${spacing(0, 40)}${QUOTE_INDENT}`,
    rPr: '<w:b/><w:bCs/>',
  },
  {
    id: 'JudgmentQualifier',
    name: 'Judgment Qualifier',
    basedOn: 'Normal',
    next: 'Normal',
    custom: true,
    pPr: `${spacing(0, 240)}${QUOTE_INDENT}`,
    rPr: `${colour(COLOUR.muted)}${size(19)}`,
  },
  {
    id: 'ListParagraph',
    name: 'List Paragraph',
    basedOn: 'Normal',
    quick: true,
    pPr: `${spacing(0, 80)}<w:ind w:left="720"/><w:contextualSpacing/>`,
  },
  {
    id: 'Bibliography',
    name: 'Bibliography',
    basedOn: 'Normal',
    next: 'Bibliography',
    pPr: `${spacing(0, 80)}<w:ind w:left="720" w:hanging="720"/>`,
  },
  {
    id: 'EndnoteText',
    name: 'endnote text',
    basedOn: 'Normal',
    pPr: spacing(0, 80),
    rPr: size(19),
  },
  {
    id: 'EndnoteReference',
    name: 'endnote reference',
    type: 'character',
    rPr: '<w:vertAlign w:val="superscript"/>',
  },
  {
    id: 'Hyperlink',
    name: 'Hyperlink',
    type: 'character',
    rPr: `${colour(COLOUR.accent)}<w:u w:val="single"/>`,
  },
  {
    id: 'Header',
    name: 'header',
    basedOn: 'Normal',
    pPr: spacing(0, 0),
  },
  {
    id: 'Footer',
    name: 'footer',
    basedOn: 'Normal',
    // One right-aligned stop: the short title sits left, "Page X of Y" right, as in the PDF.
    pPr:
      `<w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="${COLOUR.rule}"/></w:pBdr>` +
      `<w:tabs><w:tab w:val="right" w:pos="${CONTENT_WIDTH}"/></w:tabs>${spacing(0, 120)}`,
    rPr: `${colour(COLOUR.muted)}${size(17)}`,
  },
  {
    id: 'Marking',
    name: 'Marking',
    basedOn: 'Normal',
    custom: true,
    pPr: `${spacing(0, 0)}<w:jc w:val="center"/>`,
    rPr: `<w:b/><w:bCs/>${size(18)}`,
  },
];

/** word/styles.xml: Calibri (Arial for Arabic and Hebrew), 11 pt, the PDF's colours. */
export function stylesXml(): string {
  return (
    XML_DECLARATION +
    `<w:styles xmlns:w="${W_NS}">` +
    '<w:docDefaults><w:rPrDefault><w:rPr>' +
    '<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Arial"/>' +
    `${colour(COLOUR.text)}${size(22)}` +
    '</w:rPr></w:rPrDefault>' +
    '<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault>' +
    '</w:docDefaults>' +
    STYLES.map((spec) =>
      spec.id === 'Normal'
        ? style(spec).replace('<w:style w:type="paragraph"', '<w:style w:type="paragraph" w:default="1"')
        : style(spec),
    ).join('') +
    '</w:styles>'
  );
}

const ORDERED_ABSTRACT = 1;

/** word/numbering.xml: one bullet list and one decimal list definition; a w:num per ordered list. */
export function numberingXml(orderedLists: readonly OrderedList[]): string {
  const level = (format: string, text: string): string =>
    '<w:lvl w:ilvl="0"><w:start w:val="1"/>' +
    `<w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/><w:lvlJc w:val="left"/>` +
    '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>';
  return (
    XML_DECLARATION +
    `<w:numbering xmlns:w="${W_NS}">` +
    `<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>${level('bullet', '•')}</w:abstractNum>` +
    `<w:abstractNum w:abstractNumId="${ORDERED_ABSTRACT}"><w:multiLevelType w:val="singleLevel"/>${level('decimal', '%1.')}</w:abstractNum>` +
    `<w:num w:numId="${BULLET_NUM_ID}"><w:abstractNumId w:val="0"/></w:num>` +
    orderedLists
      .map(
        (list) =>
          `<w:num w:numId="${list.numId}"><w:abstractNumId w:val="${ORDERED_ABSTRACT}"/>` +
          `<w:lvlOverride w:ilvl="0"><w:startOverride w:val="${list.start}"/></w:lvlOverride></w:num>`,
      )
      .join('') +
    '</w:numbering>'
  );
}
