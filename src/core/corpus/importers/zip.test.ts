import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../errors';
import { deflatedZeros, makeZip } from './testing/make-zip';
import { readZipDirectory, readZipEntry, ZipError, type ZipProblem } from './zip';
import { seededRandom as prng } from '../../testing/random';

const MB = 1024 * 1024;

/** Runs `action`, returning what it threw, how long it took and how much memory it kept. */
function measure(action: () => unknown): { error: unknown; ms: number; arrayBuffers: number; rss: number } {
  const before = process.memoryUsage();
  const start = performance.now();
  let error: unknown = null;
  try {
    action();
  } catch (caught) {
    error = caught;
  }
  const ms = performance.now() - start;
  const after = process.memoryUsage();
  return { error, ms, arrayBuffers: after.arrayBuffers - before.arrayBuffers, rss: after.rss - before.rss };
}

function problemOf(action: () => unknown): { problem: ZipProblem; message: string } {
  try {
    action();
  } catch (error) {
    if (error instanceof ZipError) {
      expect(error.code).toBe('import-unreadable');
      return { problem: error.problem, message: error.message };
    }
    throw error;
  }
  throw new Error('expected a ZipError');
}

function readAll(bytes: Buffer): Buffer[] {
  return readZipDirectory(bytes).map((entry) => readZipEntry(bytes, entry));
}

describe('readZipDirectory and readZipEntry', () => {
  it('lists and reads stored and deflated entries', () => {
    const text = 'Ünïcödé text, repeated. '.repeat(200);
    const bytes = makeZip(
      [
        { name: 'a.txt', data: 'stored bytes', method: 0 },
        { name: 'dir/b.xml', data: text },
        { name: 'dir/', data: '', method: 0 },
        { name: 'empty.bin', data: '' },
      ],
      { comment: 'an archive comment' },
    );
    const entries = readZipDirectory(bytes);
    expect(entries.map((entry) => [entry.name, entry.method, entry.uncompressedSize])).toEqual([
      ['a.txt', 0, 12],
      ['dir/b.xml', 8, Buffer.byteLength(text)],
      ['dir/', 0, 0],
      ['empty.bin', 8, 0],
    ]);
    const b = entries[1];
    expect(b).toBeDefined();
    if (b === undefined) return;
    expect(b.compressedSize).toBeLessThan(b.uncompressedSize);
    expect(b.flags & 1).toBe(0);
    expect(readAll(bytes).map((data) => data.toString('utf8'))).toEqual(['stored bytes', text, '', '']);
  });

  it('finds the end record behind the longest possible comment, and no further', () => {
    const bytes = makeZip([{ name: 'a.txt', data: 'hello' }], { comment: 'c'.repeat(0xffff) });
    expect(readAll(bytes)[0]?.toString()).toBe('hello');
    const padded = Buffer.concat([makeZip([{ name: 'a.txt', data: 'hello' }]), Buffer.alloc(65_000)]);
    expect(readAll(padded)[0]?.toString()).toBe('hello');
    expect(problemOf(() => readZipDirectory(Buffer.concat([bytes, Buffer.alloc(10)]))).problem).toBe('not-zip');
    const tooFar = Buffer.concat([makeZip([{ name: 'a.txt', data: 'hello' }]), Buffer.alloc(70_000)]);
    expect(problemOf(() => readZipDirectory(tooFar)).problem).toBe('not-zip');
  });

  it('refuses an honest zip bomb (one entry declaring 2 GB) before inflating, quickly', () => {
    const bomb = makeZip([{ name: 'bomb.bin', compressed: deflatedZeros(MB), declaredSize: 2 * 1024 * MB }]);
    const result = measure(() => readAll(bomb));
    expect(result.error).toBeInstanceOf(ZipError);
    expect((result.error as ZipError).problem).toBe('unsafe');
    expect((result.error as ZipError).message).toMatch(/more than 64 MB/);
    expect(result.ms).toBeLessThan(250);
    expect(result.arrayBuffers).toBeLessThan(8 * MB);
    expect(result.rss).toBeLessThan(64 * MB);
  });

  it('refuses an archive of 20,000 entries before reading them, quickly', () => {
    const entries = Array.from({ length: 20_000 }, (_, index) => ({ name: `f${index}.txt`, data: 'x', method: 0 }));
    const bomb = makeZip(entries);
    const result = measure(() => readAll(bomb));
    expect(result.error).toBeInstanceOf(ZipError);
    expect((result.error as ZipError).message).toMatch(/more than 10,000 parts/);
    expect(result.ms).toBeLessThan(250);
    expect(result.arrayBuffers).toBeLessThan(8 * MB);
  });

  it('refuses a declared compression ratio over 200:1 for entries over 1 MB', () => {
    const ratio = makeZip([{ name: 'big.bin', compressed: deflatedZeros(10 * MB), declaredSize: 10 * MB }]);
    const { problem, message } = problemOf(() => readZipDirectory(ratio));
    expect(problem).toBe('unsafe');
    expect(message).toMatch(/200:1/);
    // Small parts compress very well and are exempt.
    const small = makeZip([{ name: 'small.xml', data: Buffer.alloc(MB) }]);
    expect(readAll(small)[0]?.length).toBe(MB);
  });

  it('refuses a total declared size over 256 MB', () => {
    const payload = randomBytes(400 * 1024);
    const entries = Array.from({ length: 5 }, (_, index) => ({
      name: `part${index}.bin`,
      compressed: payload,
      declaredSize: 60 * MB,
    }));
    const { problem, message } = problemOf(() => readZipDirectory(makeZip(entries)));
    expect(problem).toBe('unsafe');
    expect(message).toMatch(/more than 256 MB/);
  });

  it('refuses a dishonest zip bomb (declares 1 KB, inflates to 100 MB) without allocating it', () => {
    const compressed = deflatedZeros(100 * MB);
    expect(compressed.length).toBeLessThan(200 * 1024);
    const bomb = makeZip([
      { name: 'word/document.xml', compressed, declaredSize: 1024, crc32: crc32(Buffer.alloc(1024)) },
    ]);
    const entries = readZipDirectory(bomb);
    expect(entries[0]?.uncompressedSize).toBe(1024);
    const result = measure(() => readAll(bomb));
    expect(result.error).toBeInstanceOf(ZipError);
    expect((result.error as ZipError).problem).toBe('unsafe');
    expect((result.error as ZipError).message).toMatch(/unpacks to more data than it declares/);
    expect(result.arrayBuffers).toBeLessThan(8 * MB);
    expect(result.rss).toBeLessThan(64 * MB);
    expect(result.ms).toBeLessThan(1000);
  });

  it('stops inflating a dishonest entry one byte past its declared size', () => {
    const bomb = makeZip([{ name: 'x.bin', compressed: deflatedZeros(100 * MB), declaredSize: MB }]);
    const result = measure(() => readAll(bomb));
    expect(result.error).toBeInstanceOf(ZipError);
    expect((result.error as ZipError).problem).toBe('unsafe');
    expect(result.arrayBuffers).toBeLessThan(8 * MB);
  });

  it('refuses entries smaller than declared, and checksum mismatches, as damaged', () => {
    const short = makeZip([{ name: 'a.txt', data: 'hello', declaredSize: 50 }]);
    expect(problemOf(() => readAll(short)).problem).toBe('malformed');
    const badCrc = makeZip([{ name: 'a.txt', data: 'hello', crc32: 12345 }]);
    expect(problemOf(() => readAll(badCrc)).problem).toBe('malformed');
    const storedLie = makeZip([{ name: 'a.txt', data: 'hello', method: 0, declaredSize: 4 }]);
    expect(problemOf(() => readZipDirectory(storedLie)).problem).toBe('malformed');
  });

  it('refuses encrypted entries, ZIP64 sizes and other compression methods', () => {
    const encrypted = makeZip([{ name: 'a.txt', data: 'secret', flags: 1 }]);
    expect(problemOf(() => readZipDirectory(encrypted))).toEqual({
      problem: 'unsupported',
      message: expect.stringMatching(/encrypted/) as unknown,
    });
    const zip64 = makeZip([{ name: 'a.txt', data: 'x', declaredSize: 0xffffffff }]);
    expect(problemOf(() => readZipDirectory(zip64)).message).toMatch(/ZIP64/);
    const zip64Count = makeZip([{ name: 'a.txt', data: 'x' }], { declaredEntryCount: 0xffff });
    expect(problemOf(() => readZipDirectory(zip64Count)).message).toMatch(/ZIP64/);
    const bzip2 = makeZip([{ name: 'a.txt', data: 'x', method: 12, compressed: Buffer.from('BZh') }]);
    expect(problemOf(() => readZipDirectory(bzip2)).message).toMatch(/compression method/);
  });

  it.each(['../evil.txt', 'word/../../evil.txt', '/etc/passwd', 'C:/Windows/evil.dll', '..\\evil.txt', 'a\\..\\..\\b'])(
    'refuses the unsafe entry name %s',
    (name) => {
      const bytes = makeZip([
        { name: 'ok.txt', data: 'fine' },
        { name, data: 'evil' },
      ]);
      const { problem, message } = problemOf(() => readZipDirectory(bytes));
      expect(problem).toBe('unsafe');
      expect(message).toMatch(/unsafe name/);
    },
  );

  it('accepts names that merely contain dots', () => {
    const bytes = makeZip([{ name: 'a..b/..c/d..', data: 'ok' }]);
    expect(readAll(bytes)[0]?.toString()).toBe('ok');
  });

  it('refuses duplicate names', () => {
    const bytes = makeZip([
      { name: 'a.txt', data: 'one' },
      { name: 'a.txt', data: 'two' },
    ]);
    expect(problemOf(() => readZipDirectory(bytes)).problem).toBe('unsafe');
  });

  it('refuses offsets and sizes pointing outside the file', () => {
    const good = makeZip([{ name: 'a.txt', data: 'hello world' }]);
    const eocd = good.length - 22;

    const badDirectoryOffset = Buffer.from(good);
    badDirectoryOffset.writeUInt32LE(good.length + 100, eocd + 16);
    expect(problemOf(() => readZipDirectory(badDirectoryOffset)).problem).toBe('malformed');

    const badDirectorySize = Buffer.from(good);
    badDirectorySize.writeUInt32LE(0x7fffffff, eocd + 12);
    expect(problemOf(() => readZipDirectory(badDirectorySize)).problem).toBe('malformed');

    const directory = good.readUInt32LE(eocd + 16);
    const badLocalOffset = Buffer.from(good);
    badLocalOffset.writeUInt32LE(good.length - 10, directory + 42);
    expect(problemOf(() => readZipDirectory(badLocalOffset)).problem).toBe('malformed');

    const badCompressedSize = Buffer.from(good);
    badCompressedSize.writeUInt32LE(1_000_000, directory + 20);
    expect(problemOf(() => readZipDirectory(badCompressedSize)).problem).toBe('malformed');

    const badNameLength = Buffer.from(good);
    badNameLength.writeUInt16LE(0xffff, directory + 28);
    expect(problemOf(() => readZipDirectory(badNameLength)).problem).toBe('malformed');

    const badLocalExtra = Buffer.from(good);
    badLocalExtra.writeUInt16LE(0xffff, 28);
    expect(problemOf(() => readAll(badLocalExtra)).problem).toBe('malformed');
  });

  it('says a file without an end record is not a ZIP', () => {
    expect(problemOf(() => readZipDirectory(Buffer.alloc(0))).problem).toBe('not-zip');
    expect(problemOf(() => readZipDirectory(Buffer.from('PK\x03\x04 truncated'))).problem).toBe('not-zip');
    const good = makeZip([{ name: 'a.txt', data: 'hello world' }]);
    expect(problemOf(() => readZipDirectory(good.subarray(0, good.length - 5))).problem).toBe('not-zip');
  });

  it('throws nothing but CoreError for 2,000 random and mangled archives', () => {
    const random = prng(20240305);
    const valid = makeZip([
      { name: 'a.txt', data: 'hello '.repeat(50) },
      { name: 'b/c.xml', data: '<a>text</a>', method: 0 },
      { name: 'd.bin', data: randomBytes(300) },
    ]);
    const bytesOf = (length: number): Buffer => Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
    let readable = 0;
    for (let round = 0; round < 2000; round += 1) {
      let sample: Buffer;
      const variant = round % 4;
      if (variant === 0) {
        sample = bytesOf(Math.floor(random() * 600));
      } else if (variant === 1) {
        sample = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), bytesOf(Math.floor(random() * 600))]);
      } else if (variant === 2) {
        // Random bytes ending in an end record with random fields.
        const end = bytesOf(22);
        end.writeUInt32LE(0x06054b50, 0);
        end.writeUInt16LE(0, 4);
        end.writeUInt16LE(0, 6);
        end.writeUInt16LE(end.readUInt16LE(10) % 8, 8);
        end.writeUInt16LE(end.readUInt16LE(8), 10);
        end.writeUInt16LE(0, 20);
        sample = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), bytesOf(Math.floor(random() * 400)), end]);
      } else {
        // A valid archive with a few bytes changed.
        sample = Buffer.from(valid);
        const changes = 1 + Math.floor(random() * 4);
        for (let change = 0; change < changes; change += 1) {
          sample[Math.floor(random() * sample.length)] = Math.floor(random() * 256);
        }
      }
      try {
        readAll(sample);
        readable += 1;
      } catch (error) {
        if (!(error instanceof CoreError)) {
          throw new Error(`round ${round} threw ${String(error)}; sample ${sample.toString('base64')}`, {
              cause: error,
            });
        }
        expect(error.code).toBe('import-unreadable');
      }
    }
    expect(readable).toBeLessThan(2000);
  });
});
