/** Exactly the characters JavaScript's `\s` and `trim()` treat as whitespace, so all agree. */
export function isSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

export const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;
/** Code points that belong to the character before them (a rough grapheme-cluster rule). */
const EXTENDS_PREVIOUS = /[\p{M}\p{Grapheme_Extend}\p{Emoji_Modifier}\u200d]/u;
const REGIONAL_INDICATOR = /\p{Regional_Indicator}/u;
const ZERO_WIDTH_JOINER = 0x200d;

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function hasCodePoint(pattern: RegExp, codePoint: number): boolean {
  return pattern.test(String.fromCodePoint(codePoint));
}

/** The code point that ends just before `index` (index > 0). */
function codePointBefore(text: string, index: number): number {
  const last = text.charCodeAt(index - 1);
  const first = text.charCodeAt(index - 2);
  if (isLowSurrogate(last) && index >= 2 && isHighSurrogate(first)) {
    return (first - 0xd800) * 0x400 + (last - 0xdc00) + 0x10000;
  }
  return last;
}

function isApostrophe(codePoint: number): boolean {
  return codePoint === 0x27 || codePoint === 0x2019;
}

/** An odd run of regional indicators before `index` means `index` would split a flag. */
function splitsFlag(text: string, index: number): boolean {
  let count = 0;
  for (let at = index; at >= 2 && hasCodePoint(REGIONAL_INDICATOR, codePointBefore(text, at)); at -= 2) {
    count += 1;
  }
  return count % 2 === 1;
}

/** True when `index` falls between two user-perceived characters of `text`. */
export function isCutPoint(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return true;
  if (isHighSurrogate(text.charCodeAt(index - 1)) && isLowSurrogate(text.charCodeAt(index))) return false;
  const after = text.codePointAt(index) ?? 0;
  if (codePointBefore(text, index) === ZERO_WIDTH_JOINER || hasCodePoint(EXTENDS_PREVIOUS, after)) {
    return false;
  }
  return !(hasCodePoint(REGIONAL_INDICATOR, after) && splitsFlag(text, index));
}

/** True when `index` does not fall inside a word (or a character) of `text`. */
export function isWordBoundary(text: string, index: number): boolean {
  if (!isCutPoint(text, index)) return false;
  if (index <= 0 || index >= text.length) return true;
  const before = codePointBefore(text, index);
  const after = text.codePointAt(index) ?? 0;
  const isWord = (codePoint: number): boolean => hasCodePoint(WORD_CHARACTER, codePoint);
  if (isWord(before) && isWord(after)) return false;
  // An apostrophe between letters is part of the word: "don’t", "l’État".
  if (isApostrophe(after) && isWord(before)) return !isWord(text.codePointAt(index + 1) ?? 0);
  if (isApostrophe(before) && isWord(after)) return !(index >= 2 && isWord(codePointBefore(text, index - 1)));
  return true;
}

/** Whitespace runs collapsed to one space: flexible matching becomes a plain string search. */
export function flatten(text: string): string {
  return text.replace(/\s+/g, ' ');
}
