import iconv from 'iconv-lite';
import { CoreError } from '../../errors';

export type DecodeOptions = Readonly<{
  /**
   * The bytes are a web page: when they are not valid UTF-8, a `<meta charset>` or
   * `http-equiv="Content-Type"` declaration (or an XML declaration) names their encoding.
   */
  html?: boolean;
}>;

/** How much decoded text the binary check looks at. */
const SAMPLE_CHARS = 64 * 1024;
/** Above this share of replacement or control characters the bytes are not text. */
const MAX_JUNK_SHARE = 0.05;

const UNREADABLE_MESSAGE = 'The file does not look like text (it may be binary or in an unknown encoding).';

/**
 * Decodes a text file's bytes:
 * - a byte order mark wins: UTF-8, UTF-16 LE/BE (and UTF-32 LE/BE);
 * - UTF-16 without a BOM is recognised by its pattern of zero bytes;
 * - valid UTF-8 is UTF-8 (checked strictly);
 * - otherwise a web page's declared charset is honoured (`options.html`), and anything else is read
 *   as Windows-1252, the encoding of legacy Windows text. When most non-ASCII bytes are well-formed
 *   UTF-8 and only a few stray bytes are not (a UTF-8 file with a pasted Windows-1252 quote), the
 *   UTF-8 is kept and only the stray bytes are read as Windows-1252.
 * Throws CoreError import-unreadable when the result is mostly replacement or control characters.
 */
export function decodeText(bytes: Buffer, options: DecodeOptions = {}): string {
  const text = decodeBytes(bytes, options);
  assertLooksLikeText(text);
  return text;
}

/** @deprecated Use decodeText; kept for callers that still use the old name. */
export const decodeUtf8Text = decodeText;

function decodeBytes(bytes: Buffer, options: DecodeOptions): string {
  const bom = decodeWithBom(bytes);
  if (bom !== null) return bom;
  const utf16 = sniffUtf16(bytes);
  if (utf16 !== null) return iconv.decode(bytes, utf16);

  const strict = strictUtf8(bytes);
  if (strict !== null) return strict;

  if (options.html === true) {
    const declared = declaredHtmlCharset(bytes);
    if (declared !== null) return iconv.decode(bytes, declared);
  }
  return mostlyUtf8(bytes) ? decodeMixedUtf8(bytes) : iconv.decode(bytes, 'windows-1252');
}

function decodeWithBom(bytes: Buffer): string | null {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00 && bytes.length % 4 === 0) {
    return iconv.decode(bytes.subarray(4), 'utf32le');
  }
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) {
    return iconv.decode(bytes.subarray(4), 'utf32be');
  }
  if (b0 === 0xff && b1 === 0xfe) return iconv.decode(bytes.subarray(2), 'utf16le');
  if (b0 === 0xfe && b1 === 0xff) return iconv.decode(bytes.subarray(2), 'utf16be');
  return null;
}

/**
 * UTF-16 text without a BOM: mostly-Latin text has a zero in every other byte, always on the same
 * side. Only claimed when the pattern is overwhelming.
 */
function sniffUtf16(bytes: Buffer): 'utf16le' | 'utf16be' | null {
  const length = Math.min(bytes.length, 4096) & ~1;
  if (length < 8) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenZeros += 1;
    if (bytes[i + 1] === 0) oddZeros += 1;
  }
  const pairs = length / 2;
  if (oddZeros >= pairs * 0.6 && evenZeros <= pairs * 0.02) return 'utf16le';
  if (evenZeros >= pairs * 0.6 && oddZeros <= pairs * 0.02) return 'utf16be';
  return null;
}

/**
 * The bytes as UTF-8 when they are well-formed. A file cut off in the middle of its last character
 * still counts; the incomplete character is left out.
 */
function strictUtf8(bytes: Buffer): string | null {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    // Streaming holds back an incomplete final sequence instead of failing on it.
    return decoder.decode(bytes, { stream: true });
  } catch {
    return null;
  }
}

/** Length of the well-formed UTF-8 sequence starting at `index`, or 0. Only for non-ASCII leads. */
function utf8SequenceLength(bytes: Buffer, index: number): number {
  const lead = bytes[index] ?? 0;
  let length: number;
  let min: number;
  if (lead >= 0xc2 && lead <= 0xdf) [length, min] = [2, 0x80];
  else if (lead >= 0xe0 && lead <= 0xef) [length, min] = [3, 0x800];
  else if (lead >= 0xf0 && lead <= 0xf4) [length, min] = [4, 0x10000];
  else return 0;
  if (index + length > bytes.length) return 0;
  let code = lead & (0xff >> (length + 1));
  for (let i = 1; i < length; i += 1) {
    const next = bytes[index + i] ?? 0;
    if ((next & 0xc0) !== 0x80) return 0;
    code = (code << 6) | (next & 0x3f);
  }
  if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return 0;
  return length;
}

/** More well-formed multi-byte UTF-8 characters than stray bytes: UTF-8 with a few mistakes. */
function mostlyUtf8(bytes: Buffer): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    if ((bytes[i] ?? 0) < 0x80) {
      i += 1;
      continue;
    }
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) {
      invalid += 1;
      i += 1;
    } else {
      valid += 1;
      i += length;
    }
  }
  return valid > 0 && valid >= invalid * 2;
}

/** Windows-1252 characters for the bytes 0x80-0xFF. */
const WINDOWS_1252_HIGH = [...iconv.decode(Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i)), 'windows-1252')];

/** UTF-8, with each byte that is not part of a well-formed character read as Windows-1252. */
function decodeMixedUtf8(bytes: Buffer): string {
  const parts: string[] = [];
  let runStart = 0;
  for (let i = 0; i < bytes.length; ) {
    if ((bytes[i] ?? 0) < 0x80) {
      i += 1;
      continue;
    }
    const length = utf8SequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    parts.push(bytes.toString('utf8', runStart, i), WINDOWS_1252_HIGH[(bytes[i] ?? 0x80) - 0x80] ?? '\uFFFD');
    i += 1;
    runStart = i;
  }
  parts.push(bytes.toString('utf8', runStart));
  return parts.join('');
}

/** WHATWG encoding labels that iconv-lite spells differently or that mean another encoding. */
const LABEL_ALIASES = new Map<string, string>([
  ...[
    'ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100',
    'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'x-cp1252',
  ].map((label): [string, string] => [label, 'windows-1252']),
  ...['iso-8859-9', 'iso8859-9', 'iso88599', 'iso_8859-9', 'latin5', 'l5'].map(
    (label): [string, string] => [label, 'windows-1254'],
  ),
  ...['tis-620', 'iso-8859-11', 'iso8859-11', 'dos-874'].map((label): [string, string] => [label, 'windows-874']),
  ...['gb2312', 'gb_2312', 'gb_2312-80', 'chinese', 'csgb2312', 'x-gbk'].map((label): [string, string] => [label, 'gbk']),
  ...['x-sjis', 'sjis', 'ms_kanji', 'ms932', 'windows-31j', 'csshiftjis'].map(
    (label): [string, string] => [label, 'shift_jis'],
  ),
  ...['ks_c_5601-1987', 'ks_c_5601-1989', 'korean', 'ksc5601', 'windows-949'].map(
    (label): [string, string] => [label, 'euc-kr'],
  ),
  ['x-mac-cyrillic', 'maccyrillic'],
  ['x-mac-roman', 'macintosh'],
]);

/**
 * The encoding a web page declares in its first 64 KB, when iconv-lite can decode it. UTF-8 and
 * UTF-16 declarations are ignored (the bytes were not valid UTF-8, and a page whose bytes can be
 * read as ASCII is not UTF-16), as are names iconv-lite does not know.
 */
function declaredHtmlCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 64 * 1024).toString('latin1');
  const patterns = [
    /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:()-]+)/i,
    /<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:()-]+)["']/i,
  ];
  for (const pattern of patterns) {
    const label = pattern.exec(head)?.[1]?.trim().toLowerCase();
    if (label === undefined || label === '') continue;
    const encoding = LABEL_ALIASES.get(label) ?? label;
    if (/^(?:utf-?8|unicode-1-1-utf-8|utf-?16(?:le|be)?|utf-?32(?:le|be)?|ucs-?2|unicode)$/.test(encoding)) return null;
    return iconv.encodingExists(encoding) ? encoding : null;
  }
  return null;
}

/**
 * Refuses text whose start has too many U+FFFD, NUL, control characters (tab, CR, LF, FF allowed) or
 * unpaired surrogates.
 */
function assertLooksLikeText(text: string): void {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  if (sample.length === 0) return;
  let junk = 0;
  for (let i = 0; i < sample.length; i += 1) {
    const code = sample.charCodeAt(i);
    if (code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c) continue;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = sample.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i += 1;
        continue;
      }
    }
    const control = code < 0x20 || code === 0x7f || (code >= 0x80 && code <= 0x9f);
    if (control || (code >= 0xd800 && code <= 0xdfff) || code === 0xfffd) junk += 1;
  }
  if (junk > sample.length * MAX_JUNK_SHARE) throw new CoreError('import-unreadable', UNREADABLE_MESSAGE);
}
