import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';

/**
 * The page content streams of a PDF written by pdfkit (uncompressed object dictionaries, Flate
 * streams), inflated, in page order. Enough to tell whether two exports draw the same thing.
 */
export function pageContents(bytes: Buffer): string[] {
  const text = bytes.toString('latin1');
  const objects = [...text.matchAll(/\/Contents (\d+) 0 R/g)].map((match) => match[1] ?? '');
  return objects.map((number) => {
    const header = new RegExp(
      `\\n${number} 0 obj\\n<<\\n/Length (\\d+)\\n/Filter /FlateDecode\\n>>\\nstream\\n`,
    ).exec(text);
    if (header === null) throw new Error(`no content stream object ${number}`);
    const start = header.index + header[0].length;
    return inflateSync(bytes.subarray(start, start + Number(header[1]))).toString('latin1');
  });
}

/** Marked-content operators (the tagged PDF's structure), which draw nothing. */
const MARKED_CONTENT = /^\/\w+ <<\n(?:.*\n)*?>> BDC\n|^\/\w+ BMC\n|^EMC\n/gm;

/**
 * A short digest of everything the pages draw (text, positions, colours, rules), leaving out the
 * marked-content operators that tie the drawing to the structure tree.
 */
export function pageContentDigest(bytes: Buffer): string {
  const drawing = pageContents(bytes).map((page) => `${page}\n`.replace(MARKED_CONTENT, ''));
  return createHash('sha256').update(drawing.join('\n%page\n')).digest('hex').slice(0, 16);
}
