import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors';
import { readZipDirectory, readZipEntry } from '../corpus/importers/zip';
import { writeZip } from './zip-writer';

function unpack(bytes: Buffer): Map<string, Buffer> {
  return new Map(readZipDirectory(bytes).map((entry) => [entry.name, readZipEntry(bytes, entry)]));
}

describe('writeZip', () => {
  it('writes stored and deflated entries that the project reader unpacks, CRC-checked', () => {
    const text = 'Repeated text compresses well. '.repeat(100);
    const noise = randomBytes(2000);
    const bytes = writeZip([
      { name: '[Content_Types].xml', data: text },
      { name: 'stored.txt', data: 'kept as is', method: 'store' },
      { name: 'noise.bin', data: noise },
      { name: 'empty.txt', data: '' },
      { name: 'dir/ünïcödé.xml', data: Buffer.from('<a/>'.repeat(20)) },
    ]);
    const entries = readZipDirectory(bytes);
    expect(entries.map((entry) => [entry.name, entry.method])).toEqual([
      ['[Content_Types].xml', 8],
      ['stored.txt', 0],
      // Random bytes do not shrink, so they are stored rather than deflated.
      ['noise.bin', 0],
      ['empty.txt', 0],
      ['dir/ünïcödé.xml', 8],
    ]);
    expect(entries[0]?.compressedSize).toBeLessThan(Buffer.byteLength(text));
    expect(entries[4]?.flags).toBe(0x0800);
    expect(entries[0]?.flags).toBe(0);
    const files = unpack(bytes);
    expect(files.get('[Content_Types].xml')?.toString()).toBe(text);
    expect(files.get('stored.txt')?.toString()).toBe('kept as is');
    expect(files.get('noise.bin')?.equals(noise)).toBe(true);
    expect(files.get('empty.txt')?.length).toBe(0);
    expect(files.get('dir/ünïcödé.xml')?.toString()).toBe('<a/>'.repeat(20));
  });

  it('stamps every entry with the same DOS date, so the same input gives the same bytes', () => {
    const input = [
      { name: 'a.xml', data: '<a>same</a>'.repeat(50) },
      { name: 'b.xml', data: '<b/>' },
    ];
    const first = writeZip(input);
    expect(writeZip(input).equals(first)).toBe(true);
    // Local header: time at offset 10, date at 12 (1980-01-01 00:00:00).
    expect(first.readUInt16LE(10)).toBe(0);
    expect(first.readUInt16LE(12)).toBe(0x21);
    // The end record: no comment, two entries, directory right after the data.
    const end = first.length - 22;
    expect(first.readUInt32LE(end)).toBe(0x06054b50);
    expect(first.readUInt16LE(end + 10)).toBe(2);
    expect(first.readUInt16LE(end + 20)).toBe(0);
    expect(first.readUInt32LE(end + 16) + first.readUInt32LE(end + 12)).toBe(end);
  });

  it('refuses empty and repeated names', () => {
    for (const files of [
      [{ name: '', data: 'x' }],
      [
        { name: 'a', data: 'x' },
        { name: 'a', data: 'y' },
      ],
    ]) {
      expect(() => writeZip(files)).toThrow(CoreError);
    }
  });

  it('writes an archive with no entries', () => {
    const bytes = writeZip([]);
    expect(bytes.length).toBe(22);
    expect(readZipDirectory(bytes)).toEqual([]);
  });
});
