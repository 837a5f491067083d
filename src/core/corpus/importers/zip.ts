import { crc32, inflateRawSync } from 'node:zlib';
import { CoreError } from '../../errors';
import {
  CENTRAL_HEADER_SIZE,
  CENTRAL_SIGNATURE,
  EOCD_SIGNATURE,
  EOCD_SIZE,
  FLAG_UTF8_NAME,
  LOCAL_HEADER_SIZE,
  LOCAL_SIGNATURE,
} from '../../zip-format';

/**
 * A minimal, defensive ZIP reader for importers of ZIP-based formats (.docx). Everything that could
 * make unpacking expensive is refused from the central directory, before a single byte is inflated:
 * too many entries, declared sizes over the caps, implausible compression ratios, encryption, ZIP64,
 * unsafe names and offsets outside the file. Inflation is then bounded by each entry's declared size,
 * so an archive that lies about its sizes is caught without allocating more than it declared.
 */

/** More entries than this are refused (a .docx has a few dozen). */
export const MAX_ZIP_ENTRIES = 10_000;
/** The largest declared uncompressed size of one entry. */
export const MAX_ZIP_ENTRY_BYTES = 64 * 1024 * 1024;
/** The largest declared uncompressed size of all entries together. */
export const MAX_ZIP_TOTAL_BYTES = 256 * 1024 * 1024;
/** The highest declared compression ratio accepted for entries larger than RATIO_CHECK_MIN_BYTES. */
export const MAX_ZIP_RATIO = 200;
/** Entries up to this size are exempt from the ratio check (tiny XML parts compress very well). */
export const RATIO_CHECK_MIN_BYTES = 1024 * 1024;

/** The End Of Central Directory record plus the longest possible archive comment. */
const EOCD_SEARCH_WINDOW = EOCD_SIZE + 0xffff;
const ZIP64_MARKER_16 = 0xffff;
const ZIP64_MARKER_32 = 0xffffffff;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;

export type ZipEntry = Readonly<{
  /** The entry's path inside the archive, with forward slashes. */
  name: string;
  /** 0 stored, 8 deflate. */
  method: 0 | 8;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  flags: number;
  crc32: number;
}>;

/**
 * Why a ZIP could not be read: `not-zip` (no archive structure at all), `malformed` (damaged or
 * truncated), `unsafe` (refused as a precaution: bombs, unsafe names), `unsupported` (encryption,
 * ZIP64, other compression methods). Importers use it to choose their own wording.
 */
export type ZipProblem = 'not-zip' | 'malformed' | 'unsafe' | 'unsupported';

export class ZipError extends CoreError {
  readonly problem: ZipProblem;

  constructor(problem: ZipProblem, message: string) {
    super('import-unreadable', message);
    this.name = 'ZipError';
    this.problem = problem;
  }
}

const MB = 1024 * 1024;

const damaged = (): ZipError =>
  new ZipError('malformed', 'The compressed file is damaged or incomplete and cannot be read.');

/**
 * Reads and vets the archive's central directory. Throws ZipError (a CoreError with code
 * import-unreadable) when the file is not a ZIP, is damaged, or is refused as unsafe.
 */
export function readZipDirectory(bytes: Buffer): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) throw new ZipError('not-zip', 'The file is not a ZIP archive.');

  const diskNumber = bytes.readUInt16LE(eocd + 4);
  const directoryDisk = bytes.readUInt16LE(eocd + 6);
  const entriesOnDisk = bytes.readUInt16LE(eocd + 8);
  const entryCount = bytes.readUInt16LE(eocd + 10);
  const directorySize = bytes.readUInt32LE(eocd + 12);
  const directoryOffset = bytes.readUInt32LE(eocd + 16);

  if (
    entryCount === ZIP64_MARKER_16 ||
    entriesOnDisk === ZIP64_MARKER_16 ||
    directorySize === ZIP64_MARKER_32 ||
    directoryOffset === ZIP64_MARKER_32
  ) {
    throw zip64();
  }
  if (diskNumber !== 0 || directoryDisk !== 0 || entriesOnDisk !== entryCount) {
    throw new ZipError('unsupported', 'The file is part of a multi-volume ZIP archive, which is not supported.');
  }
  if (entryCount > MAX_ZIP_ENTRIES) {
    throw new ZipError(
      'unsafe',
      `The compressed file holds more than ${MAX_ZIP_ENTRIES.toLocaleString('en')} parts; it was not opened, as a precaution.`,
    );
  }
  if (
    directoryOffset + directorySize > eocd ||
    directorySize < entryCount * CENTRAL_HEADER_SIZE
  ) {
    throw damaged();
  }

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  let position = directoryOffset;
  const directoryEnd = directoryOffset + directorySize;
  for (let index = 0; index < entryCount; index += 1) {
    if (position + CENTRAL_HEADER_SIZE > directoryEnd) throw damaged();
    if (bytes.readUInt32LE(position) !== CENTRAL_SIGNATURE) throw damaged();
    const flags = bytes.readUInt16LE(position + 8);
    const method = bytes.readUInt16LE(position + 10);
    const crc = bytes.readUInt32LE(position + 16);
    const compressedSize = bytes.readUInt32LE(position + 20);
    const uncompressedSize = bytes.readUInt32LE(position + 24);
    const nameLength = bytes.readUInt16LE(position + 28);
    const extraLength = bytes.readUInt16LE(position + 30);
    const commentLength = bytes.readUInt16LE(position + 32);
    const startDisk = bytes.readUInt16LE(position + 34);
    const localHeaderOffset = bytes.readUInt32LE(position + 42);
    const next = position + CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
    if (next > directoryEnd) throw damaged();
    const rawName = bytes.subarray(position + CENTRAL_HEADER_SIZE, position + CENTRAL_HEADER_SIZE + nameLength);
    position = next;

    if (
      compressedSize === ZIP64_MARKER_32 ||
      uncompressedSize === ZIP64_MARKER_32 ||
      localHeaderOffset === ZIP64_MARKER_32 ||
      startDisk === ZIP64_MARKER_16
    ) {
      throw zip64();
    }
    if ((flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) !== 0) {
      throw new ZipError(
        'unsupported',
        'The compressed file contains encrypted parts, which cannot be read; remove the password and import it again.',
      );
    }
    if (method !== 0 && method !== 8) {
      throw new ZipError(
        'unsupported',
        'The compressed file uses a compression method other than Deflate, which is not supported.',
      );
    }
    if (uncompressedSize > MAX_ZIP_ENTRY_BYTES) {
      throw new ZipError(
        'unsafe',
        `A part of the compressed file would unpack to more than ${MAX_ZIP_ENTRY_BYTES / MB} MB; it was not opened, as a precaution.`,
      );
    }
    total += uncompressedSize;
    if (total > MAX_ZIP_TOTAL_BYTES) {
      throw new ZipError(
        'unsafe',
        `The compressed file would unpack to more than ${MAX_ZIP_TOTAL_BYTES / MB} MB; it was not opened, as a precaution.`,
      );
    }
    if (uncompressedSize > RATIO_CHECK_MIN_BYTES && uncompressedSize > compressedSize * MAX_ZIP_RATIO) {
      throw new ZipError(
        'unsafe',
        `The compressed file claims a compression ratio above ${MAX_ZIP_RATIO}:1, typical of a "zip bomb"; it was not opened, as a precaution.`,
      );
    }
    if (method === 0 && compressedSize !== uncompressedSize) throw damaged();
    if (localHeaderOffset + LOCAL_HEADER_SIZE + compressedSize > directoryOffset) throw damaged();

    const name = decodeName(rawName, flags);
    if (!isSafeName(name)) {
      throw new ZipError(
        'unsafe',
        'The compressed file contains a part with an unsafe name (an absolute path or ".."); it was not opened.',
      );
    }
    if (names.has(name)) {
      throw new ZipError(
        'unsafe',
        'The compressed file contains two parts with the same name; it was not opened, as a precaution.',
      );
    }
    names.add(name);
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset, flags, crc32: crc });
  }
  return entries;
}

/**
 * Unpacks one entry listed by readZipDirectory. Never produces (or allocates for) more than the
 * entry's declared size plus one byte; an entry whose real size or checksum differs from what the
 * directory declares is refused.
 */
export function readZipEntry(bytes: Buffer, entry: ZipEntry): Buffer {
  const offset = entry.localHeaderOffset;
  if (offset + LOCAL_HEADER_SIZE > bytes.length) throw damaged();
  if (bytes.readUInt32LE(offset) !== LOCAL_SIGNATURE) throw damaged();
  const localFlags = bytes.readUInt16LE(offset + 6);
  const localMethod = bytes.readUInt16LE(offset + 8);
  if ((localFlags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) !== 0 || localMethod !== entry.method) {
    throw damaged();
  }
  const dataStart = offset + LOCAL_HEADER_SIZE + bytes.readUInt16LE(offset + 26) + bytes.readUInt16LE(offset + 28);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > bytes.length) throw damaged();
  const data = bytes.subarray(dataStart, dataEnd);

  let output: Buffer;
  if (entry.method === 0 || (entry.compressedSize === 0 && entry.uncompressedSize === 0)) {
    output = data;
  } else {
    if (entry.uncompressedSize > MAX_ZIP_ENTRY_BYTES) throw damaged();
    try {
      output = inflateRawSync(data, { maxOutputLength: entry.uncompressedSize + 1 });
    } catch (error) {
      if (error instanceof RangeError) throw dishonest();
      throw damaged();
    }
  }
  if (output.length !== entry.uncompressedSize) {
    if (output.length > entry.uncompressedSize) throw dishonest();
    throw damaged();
  }
  if (crc32(output) !== entry.crc32) throw damaged();
  return output;
}

function dishonest(): ZipError {
  return new ZipError(
    'unsafe',
    'A part of the compressed file unpacks to more data than it declares, a sign of damage or of a "zip bomb"; it was not opened, as a precaution.',
  );
}

function zip64(): ZipError {
  return new ZipError('unsupported', 'The file uses the ZIP64 archive format, which is not supported.');
}

/**
 * Finds the End Of Central Directory record, searching backwards from the end over at most the
 * record's size plus the longest possible comment. Returns -1 when there is none.
 */
function findEndOfCentralDirectory(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - EOCD_SEARCH_WINDOW);
  for (let position = bytes.length - EOCD_SIZE; position >= lowest; position -= 1) {
    if (bytes.readUInt32LE(position) !== EOCD_SIGNATURE) continue;
    const commentLength = bytes.readUInt16LE(position + 20);
    if (position + EOCD_SIZE + commentLength <= bytes.length) return position;
  }
  return -1;
}

function decodeName(raw: Buffer, flags: number): string {
  // Without the UTF-8 flag names are CP437; the ASCII range (all a .docx uses) is the same.
  if ((flags & FLAG_UTF8_NAME) !== 0) return new TextDecoder('utf-8').decode(raw);
  let name = '';
  for (const byte of raw) name += byte < 0x80 ? String.fromCharCode(byte) : '\uFFFD';
  return name;
}

/** Relative paths only, no ".." segments, no drive letters, no NUL characters. */
function isSafeName(name: string): boolean {
  if (name === '' || name.includes('\0')) return false;
  const path = name.replace(/\\/g, '/');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return false;
  return !path.split('/').some((segment) => segment === '..');
}
