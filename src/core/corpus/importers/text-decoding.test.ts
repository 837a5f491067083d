import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../errors';
import { decodeText, decodeUtf8Text } from './text-decoding';

const UNREADABLE = 'The file does not look like text (it may be binary or in an unknown encoding).';

function failure(bytes: Buffer): { code: string; message: string } {
  try {
    decodeText(bytes);
  } catch (error) {
    if (error instanceof CoreError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected decoding to fail');
}

describe('decodeText', () => {
  it('reads UTF-8 with and without a byte order mark', () => {
    const text = 'Café “Zürich” — Москва, الحمادي, 漢字 €5';
    expect(decodeText(Buffer.from(text, 'utf8'))).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toBe(text);
  });

  it('reads UTF-16 little- and big-endian with a byte order mark', () => {
    const text = 'Привет, “world” — مرحبا 𝄞';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16be')]);
    expect(decodeText(le)).toBe(text);
    expect(decodeText(be)).toBe(text);
  });

  it('recognises UTF-16 without a byte order mark by its zero bytes', () => {
    const text = 'Plain English notes saved by an old Windows tool.';
    expect(decodeText(iconv.encode(text, 'utf16le'))).toBe(text);
    expect(decodeText(iconv.encode(text, 'utf16be'))).toBe(text);
  });

  it('reads bytes that are not valid UTF-8 as Windows-1252, including 0x80-0x9F', () => {
    // “Hi” €5 – café — ‘ok’ … „low‚ ™ Œ š
    const bytes = Buffer.from([
      0x93, 0x48, 0x69, 0x94, 0x20, 0x80, 0x35, 0x20, 0x96, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x20, 0x97, 0x20, 0x91, 0x6f,
      0x6b, 0x92, 0x20, 0x85, 0x20, 0x84, 0x6c, 0x6f, 0x77, 0x82, 0x20, 0x99, 0x20, 0x8c, 0x20, 0x9a,
    ]);
    expect(decodeText(bytes)).toBe('“Hi” €5 – café — ‘ok’ … „low‚ ™ Œ š');
  });

  it('keeps UTF-8 when only a stray byte is not, reading that byte as Windows-1252', () => {
    const bytes = Buffer.concat([
      Buffer.from('Mostly UTF-8 “quotes” and — dashes, then a pasted apostrophe: it', 'utf8'),
      Buffer.from([0x92]),
      Buffer.from('s here.', 'utf8'),
    ]);
    expect(decodeText(bytes)).toBe('Mostly UTF-8 “quotes” and — dashes, then a pasted apostrophe: it’s here.');
  });

  it('leaves out a character cut off at the end of the file', () => {
    const bytes = Buffer.from('Price: 5 €', 'utf8');
    expect(decodeText(bytes.subarray(0, bytes.length - 1))).toBe('Price: 5 ');
  });

  it('honours a web page charset declaration when the bytes are not UTF-8', () => {
    const page = (declaration: string, body: string, encoding: string) =>
      Buffer.concat([Buffer.from(`<html><head>${declaration}</head><body><p>`), iconv.encode(body, encoding), Buffer.from('</p>')]);
    const koi8 = page('<meta charset="koi8-r">', 'Москва и Санкт-Петербург', 'koi8-r');
    expect(decodeText(koi8, { html: true })).toContain('Москва и Санкт-Петербург');
    const arabic = page(
      '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">',
      'مرحبا بالعالم، هذا نص عربي',
      'windows-1256',
    );
    expect(decodeText(arabic, { html: true })).toContain('مرحبا بالعالم، هذا نص عربي');
    // ISO-8859-1 is read as Windows-1252, as browsers do: 0x93/0x94 are curly quotes.
    const latin1 = Buffer.concat([Buffer.from("<meta charset='ISO-8859-1'><p>"), Buffer.from([0x93, 0x63, 0x61, 0x66, 0xe9, 0x94])]);
    expect(decodeText(latin1, { html: true })).toContain('“café”');
    // Without the html option the declaration is not looked at.
    expect(decodeText(koi8)).not.toContain('Москва');
  });

  it('prefers valid UTF-8 over a contradicting declaration, and ignores unknown ones', () => {
    const utf8 = Buffer.from('<meta charset="windows-1251"><p>Привет</p>', 'utf8');
    expect(decodeText(utf8, { html: true })).toContain('Привет');
    const unknown = Buffer.concat([Buffer.from('<meta charset="x-no-such-charset"><p>'), Buffer.from([0x93, 0x61, 0x94])]);
    expect(decodeText(unknown, { html: true })).toContain('“a”');
  });

  it('refuses binary files: control characters, NULs and undecodable bytes', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1]);
    expect(failure(png)).toEqual({ code: 'import-unreadable', message: UNREADABLE });
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 0), Buffer.from('word/document.xml')]);
    expect(failure(zip).code).toBe('import-unreadable');
    const utf16Junk = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(new Uint16Array(100).fill(0xdc00).buffer)]);
    expect(failure(utf16Junk).code).toBe('import-unreadable');
  });

  it('accepts text with tabs, line breaks and form feeds, and the odd control character', () => {
    const text = `Column\tValue\r\nPage one\fPage two\n${'Ordinary text. '.repeat(20)}\u0007`;
    expect(decodeText(Buffer.from(text))).toBe(text);
  });

  it('keeps the old export name working', () => {
    expect(decodeUtf8Text(Buffer.from('hello'))).toBe('hello');
  });
});
