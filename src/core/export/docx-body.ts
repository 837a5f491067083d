import { isSafeLink } from '../../shared/rich-text';
import { CitationWriter, type NoteMode } from './docx-citations';
import { paragraphXml, textRuns } from './docx-runs';
import { isRtlParagraph, R_NS, REL_TYPE, W_NS, xmlAttr } from './docx-xml';
import type { PrintBlock, PrintModel, PrintRun } from './layout';
import { appendixDetails, runsText } from './layout';

/** An ordered list's numbering instance (numbering.xml) and the number it starts at. */
export type OrderedList = Readonly<{ numId: number; start: number }>;

export type Hyperlink = Readonly<{ id: string; target: string }>;

/** The relationship ids document.xml uses for the header and footer parts. */
export const HEADER_REL_ID = 'rIdHeader1';
export const FOOTER_REL_ID = 'rIdFooter1';
/** The numbering instance every bulleted list item uses. */
export const BULLET_NUM_ID = 1;

export type DocumentBody = Readonly<{
  xml: string;
  hyperlinks: readonly Hyperlink[];
  orderedLists: readonly OrderedList[];
}>;

/** A4 with margins close to the PDF's, in twentieths of a point. */
export const PAGE_TWIPS = { width: 11906, height: 16838, left: 1440, right: 1440 } as const;

const SECTION_PROPERTIES =
  '<w:sectPr>' +
  `<w:headerReference w:type="default" r:id="${HEADER_REL_ID}"/>` +
  `<w:footerReference w:type="default" r:id="${FOOTER_REL_ID}"/>` +
  '<w:endnotePr><w:numFmt w:val="decimal"/></w:endnotePr>' +
  `<w:pgSz w:w="${PAGE_TWIPS.width}" w:h="${PAGE_TWIPS.height}"/>` +
  `<w:pgMar w:top="1560" w:right="${PAGE_TWIPS.right}" w:bottom="1720" w:left="${PAGE_TWIPS.left}" w:header="600" w:footer="500" w:gutter="0"/>` +
  '</w:sectPr>';

const ORDERED_MARKER = /^(\d{1,9})[.)]$/;

/** Builds word/document.xml, collecting the hyperlinks and ordered lists other parts must declare. */
export function documentBody(model: PrintModel, mode: NoteMode): DocumentBody {
  const hyperlinks = new Map<string, string>();
  const orderedLists: OrderedList[] = [];
  const citations = new CitationWriter(model, mode);
  const parts: string[] = [];
  let previousNumber: number | null = null;

  const plain = (style: string, text: string, keepNext = false): void => {
    if (text.trim() === '') return;
    const bidi = isRtlParagraph(text);
    parts.push(paragraphXml({ style, keepNext, bidi }, textRuns(text, {}, bidi)));
  };

  const runsXml = (runs: readonly PrintRun[], bidi: boolean): string =>
    runs
      .map((run) => {
        const style = { bold: run.bold === true, italic: run.italic === true };
        if (run.link === undefined || !isSafeLink(run.link)) return textRuns(run.text, style, bidi);
        let id = hyperlinks.get(run.link);
        if (id === undefined) {
          id = `rIdLink${hyperlinks.size + 1}`;
          hyperlinks.set(run.link, id);
        }
        const linked = textRuns(run.text, { ...style, characterStyle: 'Hyperlink' }, bidi);
        return linked === '' ? '' : `<w:hyperlink r:id="${id}" w:history="1">${linked}</w:hyperlink>`;
      })
      .join('');

  const writeBlock = (block: PrintBlock): void => {
    if (block.kind === 'quote') {
      // Blank lines in a quote separate paragraphs; single line breaks stay as w:br.
      const split = block.text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
      const nonEmpty = split.filter((piece) => piece.trim() !== '');
      const pieces = nonEmpty.length === 0 ? [''] : nonEmpty;
      pieces.forEach((piece, index) => {
        const last = index === pieces.length - 1;
        const bidi = isRtlParagraph(piece);
        const content = textRuns(piece, {}, bidi) + (last ? citations.reference(block.citation) : '');
        // keepNext holds the quote on the page of its attribution line.
        parts.push(paragraphXml({ style: 'Quote', keepNext: true, bidi }, content));
      });
      plain('QuoteAttribution', `— ${block.attribution}`);
    } else if (block.kind === 'paragraph') {
      const text = runsText(block.runs);
      if (text.trim() === '') return;
      const bidi = isRtlParagraph(text);
      parts.push(paragraphXml({ bidi }, runsXml(block.runs, bidi)));
    } else if (block.kind === 'list-item') {
      const ordered = ORDERED_MARKER.exec(block.marker);
      let numId = BULLET_NUM_ID;
      if (ordered !== null) {
        const number = Number(ordered[1]);
        // A list restarts when a number does not follow on from the item just before it.
        if (previousNumber === null || number <= previousNumber) {
          orderedLists.push({ numId: BULLET_NUM_ID + 1 + orderedLists.length, start: number });
        }
        numId = orderedLists.at(-1)?.numId ?? numId;
      }
      const bidi = isRtlParagraph(runsText(block.runs));
      parts.push(paragraphXml({ style: 'ListParagraph', numId, bidi }, runsXml(block.runs, bidi)));
    } else {
      plain('Judgment', block.text, block.qualifier.trim() !== '');
      plain('JudgmentQualifier', block.qualifier);
    }
    previousNumber = block.kind === 'list-item' ? listNumber(block.marker) : null;
  };

  plain('Title', model.title);
  plain('Subtitle', model.subtitle);
  plain('Byline', model.byline);
  plain('Byline', model.distribution);
  if (model.bluf.trim() !== '') {
    plain('BlufLabel', 'Bottom line up front', true);
    for (const piece of model.bluf.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) plain('Bluf', piece);
  }
  for (const section of model.sections) {
    plain(section.level === 1 ? 'Heading1' : 'Heading2', section.heading, true);
    previousNumber = null;
    for (const block of section.blocks) writeBlock(block);
  }
  if (model.sources.length > 0) {
    plain('Heading1', 'Sources', true);
    for (const source of model.sources) plain('Bibliography', source);
  }
  if ((model.appendix ?? []).length > 0) {
    plain('Heading1', 'Appendix: source records', true);
    for (const entry of model.appendix ?? []) {
      plain('Bibliography', entry.source);
      for (const line of appendixDetails(entry)) plain('Bibliography', line);
    }
  }
  // Word prints endnotes after the last paragraph, so this heading sits directly above them.
  if (model.notes.length > 0) plain('Heading1', 'Notes');
  // A body needs at least one paragraph before its section properties.
  if (parts.length === 0) parts.push(paragraphXml({}, ''));

  const xml =
    `<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>` +
    parts.join('') +
    SECTION_PROPERTIES +
    '</w:body></w:document>';
  return {
    xml,
    hyperlinks: [...hyperlinks].map(([target, id]) => ({ id, target })),
    orderedLists,
  };
}

function listNumber(marker: string): number | null {
  const ordered = ORDERED_MARKER.exec(marker);
  return ordered === null ? null : Number(ordered[1]);
}

export function hyperlinkRelationship(link: Hyperlink): string {
  return `<Relationship Id="${link.id}" Type="${REL_TYPE}/hyperlink" Target="${xmlAttr(link.target)}" TargetMode="External"/>`;
}
