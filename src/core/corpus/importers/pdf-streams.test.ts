import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importPdf } from './pdf';
import { MAX_PDF_STREAM_BYTES, refusePdfDecompressionBombs } from './pdf-streams';
import { flateZeros, onePagePdf, streamObject } from './testing/raw-pdf';

describe('PDF decompression bombs', () => {
  it('reads a hand-written PDF with a small compressed stream (control)', async () => {
    const small = streamObject('/Filter /FlateDecode', deflateSync(Buffer.from('BT /F1 12 Tf 72 700 Td (Second line here) Tj ET')));
    const parsed = await importPdf(onePagePdf([small]), 'ok.pdf');
    expect(parsed.blocks.map((block) => block.text).join(' ')).toMatch(/Hello from a hand-written PDF[\s\S]*Second line here/);
  });

  it('refuses a page whose content unpacks to gigabytes, before pdf.js reads it', async () => {
    const bytes = onePagePdf([streamObject('/Filter /FlateDecode', flateZeros(2 * 1024 * 1024 * 1024))]);
    expect(bytes.length).toBeLessThan(3 * 1024 * 1024);
    const started = performance.now();
    await expect(importPdf(bytes, 'bomb.pdf')).rejects.toMatchObject({
      code: 'import-unreadable',
      message: expect.stringMatching(/not opened, as a precaution: a part of it would unpack to more than 64 MB/) as unknown,
    });
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('refuses many streams that together unpack to too much, and a stream compressed twice', () => {
    const parts = Array.from({ length: 6 }, () => streamObject('/Filter /FlateDecode', flateZeros(MAX_PDF_STREAM_BYTES - 1024)));
    expect(() => refusePdfDecompressionBombs(onePagePdf(parts))).toThrow(/text and fonts would unpack to more than 256 MB/);
    const twice = streamObject('/Filter [/FlateDecode /FlateDecode]', deflateSync(deflateSync(Buffer.alloc(1000))));
    expect(() => refusePdfDecompressionBombs(onePagePdf([twice]))).toThrow(/compresses a stream twice over/);
  });

  it('counts a damaged bomb up to its damage, and leaves images alone', () => {
    const bomb = flateZeros(200 * 1024 * 1024);
    const damaged = Buffer.concat([bomb.subarray(0, bomb.length - 200), Buffer.from('this is not deflate data at all, no')]);
    expect(() => refusePdfDecompressionBombs(onePagePdf([streamObject('/Filter /FlateDecode', damaged)]))).toThrow(
      /more than 64 MB/,
    );
    const image = streamObject('/Type /XObject /Subtype /Image /Width 1 /Height 1 /Filter /FlateDecode', flateZeros(100 * 1024 * 1024));
    expect(() => refusePdfDecompressionBombs(onePagePdf([image]))).not.toThrow();
  });
});
