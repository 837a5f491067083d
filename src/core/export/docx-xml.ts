/** Namespaces and character-level helpers shared by the WordprocessingML parts. */

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PACKAGE_RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * Everything outside XML 1.0's Char production (C0 controls other than tab and line breaks, lone
 * surrogates, U+FFFE and U+FFFF). One such character makes the whole part unreadable to Word, and
 * none of them can be written even as a character reference, so they are dropped.
 */
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripInvalidXmlChars(text: string): string {
  return text.replace(INVALID_XML_CHARS, '');
}

/** Text content: invalid characters dropped, markup characters escaped. */
export function xmlText(text: string): string {
  return stripInvalidXmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * An attribute value in double quotes. Tabs and line breaks become character references, which
 * survive attribute-value normalisation (a literal one would be read back as a space).
 */
export function xmlAttr(text: string): string {
  return xmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their presentation forms. */
const RTL_CHAR = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

/**
 * Whether a paragraph reads right to left: its first letter is a right-to-left one (the Unicode
 * bidi algorithm's rule P2). A mostly English paragraph that quotes one Arabic word stays LTR.
 */
export function isRtlParagraph(text: string): boolean {
  const first = LETTER.exec(text);
  return first !== null && RTL_CHAR.test(first[0]);
}

export type DirectionalSpan = Readonly<{ text: string; rtl: boolean }>;

/**
 * Cuts text into left-to-right and right-to-left spans for w:rtl, after a simplified Unicode bidi
 * algorithm: letters decide; digits follow rule W7; spaces and punctuation between two characters of
 * the same direction go with them and otherwise take the paragraph's direction (rules N1 and N2).
 * So "بنسبة 30 في" stays one right-to-left run, "March 3, 2024" inside Arabic text one left-to-right
 * run, and a full stop ending an Arabic paragraph is not cut off as a Latin run.
 */
export function directionalSpans(text: string, paragraphRtl = false): DirectionalSpan[] {
  const chars = [...text];
  let lastLetter = paragraphRtl;
  const strong = chars.map((char): boolean | null => {
    if (LETTER.test(char)) {
      lastLetter = RTL_CHAR.test(char);
      return lastLetter;
    }
    // Rule W7: European digits after a left-to-right letter are left-to-right; elsewhere they act
    // as right-to-left for their neighbours, as do Arabic-Indic digits always.
    if (DIGIT.test(char)) return RTL_CHAR.test(char) || lastLetter;
    return null;
  });
  // The direction of the nearest letter after each position (the paragraph's after the last one).
  const following: boolean[] = new Array<boolean>(chars.length);
  let next = paragraphRtl;
  for (let index = chars.length - 1; index >= 0; index -= 1) {
    following[index] = next;
    next = strong[index] ?? next;
  }
  const resolved: boolean[] = [];
  let previous = paragraphRtl;
  strong.forEach((own, index) => {
    if (own !== null) previous = own;
    const after = following[index] ?? paragraphRtl;
    resolved.push(own ?? (previous === after ? previous : paragraphRtl));
  });
  const spans: DirectionalSpan[] = [];
  let start = 0;
  for (let index = 1; index <= chars.length; index += 1) {
    if (index < chars.length && resolved[index] === resolved[start]) continue;
    spans.push({ text: chars.slice(start, index).join(''), rtl: resolved[start] ?? paragraphRtl });
    start = index;
  }
  return spans;
}
