import { directionalSpans, xmlAttr, xmlText } from './docx-xml';

/** Character formatting of a run. */
export type RunStyle = Readonly<{ bold?: boolean; italic?: boolean; characterStyle?: string }>;

/** w:rPr in schema order (rStyle, b, bCs, i, iCs, ..., rtl): Word rejects children out of order. */
function runProperties(style: RunStyle, rtl: boolean): string {
  let rPr = '';
  if (style.characterStyle !== undefined) rPr += `<w:rStyle w:val="${xmlAttr(style.characterStyle)}"/>`;
  // The complex-script twins (bCs, iCs) are what Word applies to Arabic and Hebrew text.
  if (style.bold === true) rPr += '<w:b/><w:bCs/>';
  if (style.italic === true) rPr += '<w:i/><w:iCs/>';
  if (rtl) rPr += '<w:rtl/>';
  return rPr === '' ? '' : `<w:rPr>${rPr}</w:rPr>`;
}

function runContent(text: string): string {
  return text
    .split(/(\t|\n)/)
    .map((piece) => {
      if (piece === '\t') return '<w:tab/>';
      if (piece === '\n') return '<w:br/>';
      if (piece === '') return '';
      return `<w:t xml:space="preserve">${xmlText(piece)}</w:t>`;
    })
    .join('');
}

/**
 * Runs for a stretch of text: one run per direction (right-to-left spans get w:rtl), line breaks
 * as w:br and tabs as w:tab inside them. Empty text gives no run. `paragraphRtl` is the direction
 * of the paragraph the runs sit in, which decides the direction of digits and punctuation at edges.
 */
export function textRuns(text: string, style: RunStyle = {}, paragraphRtl = false): string {
  const normalised = text.replace(/\r\n?/g, '\n');
  return directionalSpans(normalised, paragraphRtl)
    .map((span) => `<w:r>${runProperties(style, span.rtl)}${runContent(span.text)}</w:r>`)
    .join('');
}

/** A run holding one element (a field character, an endnote reference) rather than text. */
export function elementRun(element: string, style: RunStyle = {}): string {
  return `<w:r>${runProperties(style, false)}${element}</w:r>`;
}

/**
 * A complex field (begin, instruction, separate, cached result, end), the form Word itself writes
 * for PAGE, NUMPAGES and NOTEREF. The cached result is what shows until fields are updated.
 */
export function fieldRuns(instruction: string, cached: string, style: RunStyle = {}): string {
  return (
    elementRun('<w:fldChar w:fldCharType="begin"/>', style) +
    elementRun(`<w:instrText xml:space="preserve"> ${xmlText(instruction)} </w:instrText>`, style) +
    elementRun('<w:fldChar w:fldCharType="separate"/>', style) +
    textRuns(cached, style) +
    elementRun('<w:fldChar w:fldCharType="end"/>', style)
  );
}

export type ParagraphProps = Readonly<{
  style?: string;
  keepNext?: boolean;
  /** A w:num instance from numbering.xml; the paragraph becomes a level-0 list item. */
  numId?: number;
  /** Right-to-left paragraph (w:bidi). */
  bidi?: boolean;
}>;

/** A w:p with its properties in schema order (pStyle, keepNext, numPr, bidi). */
export function paragraphXml(props: ParagraphProps, content: string): string {
  let pPr = '';
  if (props.style !== undefined) pPr += `<w:pStyle w:val="${xmlAttr(props.style)}"/>`;
  if (props.keepNext === true) pPr += '<w:keepNext/>';
  if (props.numId !== undefined)
    pPr += `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="${props.numId}"/></w:numPr>`;
  if (props.bidi === true) pPr += '<w:bidi/>';
  return `<w:p>${pPr === '' ? '' : `<w:pPr>${pPr}</w:pPr>`}${content}</w:p>`;
}
