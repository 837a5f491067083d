import { constants, deflateRawSync } from 'node:zlib';

/**
 * Test helpers: a PDF written object by object, so that tests can build broken and hostile files
 * (bad cross-references, loops, huge counts, compression bombs) that no PDF library would write.
 */
export type RawPdfOptions = Readonly<{
  /** The trailer's /Size instead of the real count. */
  size?: number;
  /** The startxref offset instead of the real one. */
  startxref?: number;
  /** Leaves out the cross-reference table (pdf.js then reconstructs it). */
  noXref?: boolean;
}>;

/** A PDF whose object N+1 is `objects[N]` (a dictionary, or any text or bytes between obj and endobj). */
export function rawPdf(objects: readonly (string | Buffer)[], options: RawPdfOptions = {}): Buffer {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n', 'latin1')];
  let offset = chunks[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(offset);
    const chunk = Buffer.concat([
      Buffer.from(`${index + 1} 0 obj\n`),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n'),
    ]);
    chunks.push(chunk);
    offset += chunk.length;
  });
  const size = options.size ?? objects.length + 1;
  let xref = '';
  if (options.noXref !== true) {
    xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const at of offsets) xref += `${String(at).padStart(10, '0')} 00000 n \n`;
  }
  chunks.push(
    Buffer.from(`${xref}trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${options.startxref ?? offset}\n%%EOF\n`),
  );
  return Buffer.concat(chunks);
}

/** A stream object with its dictionary entries (`/Filter ...`) and data. */
export function streamObject(entries: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`<< ${entries} /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);
}

/** Zlib (FlateDecode) data that unpacks to `size` zero bytes, built 1 MB at a time. */
export function flateZeros(size: number): Buffer {
  const piece = 1024 * 1024;
  const whole = deflateRawSync(Buffer.alloc(piece), { finishFlush: constants.Z_SYNC_FLUSH });
  const parts: Buffer[] = [Buffer.from([0x78, 0x9c])];
  for (let left = size; left > 0; left -= piece) {
    parts.push(left >= piece ? whole : deflateRawSync(Buffer.alloc(left), { finishFlush: constants.Z_SYNC_FLUSH }));
  }
  parts.push(deflateRawSync(Buffer.alloc(0)));
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((size % 65521) * 65536 + 1) >>> 0);
  parts.push(adler);
  return Buffer.concat(parts);
}

const TEXT = 'BT /F1 12 Tf 72 720 Td (Hello from a hand-written PDF) Tj ET';

/** A one-page PDF whose page shows a line of text, then draws `extra` content streams after it. */
export function onePagePdf(extra: readonly Buffer[] = [], pageEntries = ''): Buffer {
  const contents = [4, ...extra.map((_, index) => 6 + index)].map((n) => `${n} 0 R`).join(' ');
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [${contents}] /Resources << /Font << /F1 5 0 R >> >> ${pageEntries} >>`,
    streamObject('', Buffer.from(TEXT)),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...extra,
  ]);
}

