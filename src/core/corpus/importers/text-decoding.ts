/**
 * Decodes a text file's bytes. UTF-8 (with or without a BOM) and UTF-16 with a BOM are handled
 * here; legacy single-byte encodings arrive with the import issue's encoding detection.
 */
export function decodeUtf8Text(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  }
  return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
}
