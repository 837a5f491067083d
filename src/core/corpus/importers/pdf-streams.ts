import { constants, inflateSync } from 'node:zlib';
import { CoreError } from '../../errors';

/** The most one stream that text extraction reads (page contents, fonts, objects) may unpack to. */
export const MAX_PDF_STREAM_BYTES = 64 * 1024 * 1024;
/** The most all such streams together may unpack to. */
export const MAX_PDF_STREAMS_BYTES = 256 * 1024 * 1024;

const MB = 1024 * 1024;
const STREAM = Buffer.from('stream');
const END_STREAM = Buffer.from('endstream');
const OBJ = Buffer.from('obj');
/** Filters that unpack (as opposed to the ASCII encodings and image codecs). */
const UNPACKING = new Set(['FlateDecode', 'Fl', 'LZWDecode', 'LZW', 'RunLengthDecode', 'RL']);

/**
 * pdf.js keeps what it unpacks from a stream in buffers outside the parser thread's capped heap, so
 * a small PDF whose page content is a Flate stream of a few gigabytes of nothing (a "decompression
 * bomb") would take that much memory. Like the ZIP reader's central directory check, this reads the
 * raw file before pdf.js does: every Flate stream that is not an image (pdf.js extracts text without
 * decoding images) is unpacked with a cap, counting bytes, and a file whose streams unpack to more
 * than the caps, or that compresses a stream twice over, is refused. Damaged streams are left to
 * pdf.js, which reads what it can.
 */
export function refusePdfDecompressionBombs(bytes: Buffer): void {
  let total = 0;
  for (let at = bytes.indexOf(STREAM); at >= 0; at = bytes.indexOf(STREAM, at + STREAM.length)) {
    // "stream" that is really the end of "endstream", or part of a longer word, is no stream.
    if (at >= 3 && bytes.subarray(at - 3, at).toString('latin1') === 'end') continue;
    let start = at + STREAM.length;
    if (bytes[start] === 0x0d) start += 1;
    if (bytes[start] !== 0x0a) continue;
    start += 1;
    const objectStart = bytes.lastIndexOf(OBJ, at);
    if (objectStart < 0) continue;
    const dictionary = bytes.subarray(objectStart, at).toString('latin1');
    const end = bytes.indexOf(END_STREAM, start);
    const data = bytes.subarray(start, end < 0 ? bytes.length : end);
    const filters = filtersOf(dictionary);
    if (filters.length === 0 || /\/Subtype\s*\/Image\b/.test(dictionary)) continue;
    const unpacking = filters.filter((filter) => UNPACKING.has(filter));
    if (unpacking.length > 1) {
      throw bomb('it compresses a stream twice over, as "decompression bombs" do');
    }
    if (filters[0] !== 'FlateDecode' && filters[0] !== 'Fl') continue;
    const size = inflatedSize(data, Math.min(MAX_PDF_STREAM_BYTES, MAX_PDF_STREAMS_BYTES - total) + 1);
    if (size > MAX_PDF_STREAM_BYTES) {
      throw bomb(`a part of it would unpack to more than ${MAX_PDF_STREAM_BYTES / MB} MB`);
    }
    total += size;
    if (total > MAX_PDF_STREAMS_BYTES) {
      throw bomb(`its text and fonts would unpack to more than ${MAX_PDF_STREAMS_BYTES / MB} MB`);
    }
  }
}

function bomb(reason: string): CoreError {
  return new CoreError(
    'import-unreadable',
    `The PDF was not opened, as a precaution: ${reason}. If it is a genuine document, print it to a new PDF and import that.`,
  );
}

/** The filter names of a stream dictionary, in order: `/Filter /A` or `/Filter [/A /B]`. */
function filtersOf(dictionary: string): string[] {
  const match = /\/Filter\s*(\[[^\]]*\]|\/[^\s/<>[\]()]+)/.exec(dictionary);
  if (match === null) return [];
  return [...(match[1] ?? '').matchAll(/\/([^\s/<>[\]()]+)/g)].map((name) => name[1] ?? '');
}

/**
 * How many bytes a Flate stream unpacks to, up to `cap`. A damaged stream counts as much as its
 * longest readable beginning unpacks to (pdf.js reads up to the damage too); 0 when none is.
 */
function inflatedSize(data: Buffer, cap: number): number {
  const whole = tryInflate(data, cap);
  if (whole !== null) return whole;
  let readable = 0;
  let low = 0;
  let high = data.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    const size = tryInflate(data.subarray(0, middle), cap);
    if (size === null) high = middle - 1;
    else {
      readable = size;
      low = middle;
    }
    if (readable >= cap) break;
  }
  return readable;
}

/** The unpacked size (up to `cap`), or null when the data is damaged before its end. */
function tryInflate(data: Buffer, cap: number): number | null {
  try {
    return inflateSync(data, { maxOutputLength: cap, finishFlush: constants.Z_SYNC_FLUSH }).length;
  } catch (error) {
    // Over the cap: zlib stops and says so.
    return error instanceof RangeError ? cap : null;
  }
}
