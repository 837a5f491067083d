import { crc32, deflateRawSync } from 'node:zlib';
import { CoreError } from '../errors';
import {
  CENTRAL_HEADER_SIZE,
  CENTRAL_SIGNATURE,
  EOCD_SIGNATURE,
  EOCD_SIZE,
  FLAG_UTF8_NAME,
  LOCAL_HEADER_SIZE,
  LOCAL_SIGNATURE,
} from '../zip-format';

/** One file to put in an archive. Strings are written as UTF-8. */
export type ZipFileInput = Readonly<{
  name: string;
  data: Buffer | string;
  /** `deflate` (the default) falls back to `store` when compressing would not make the entry smaller. */
  method?: 'store' | 'deflate';
}>;

/** ZIP 2.0: the version that introduced Deflate, all a reader needs for these archives. */
const VERSION = 20;
/**
 * Every entry is stamped 1980-01-01 00:00:00, the earliest DOS date: a real clock would make two
 * exports of the same briefing differ byte for byte, and nothing reads these dates anyway.
 */
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;
/** Without ZIP64 (which many readers, ours included, refuse) counts and offsets must fit these. */
const MAX_ENTRIES = 0xffff;
const MAX_OFFSET = 0xffffffff;

type Prepared = Readonly<{
  name: Buffer;
  flags: number;
  method: 0 | 8;
  crc: number;
  size: number;
  payload: Buffer;
}>;

function prepare(file: ZipFileInput): Prepared {
  const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
  const name = Buffer.from(file.name, 'utf8');
  // Names are always UTF-8; the flag tells readers so when a name is not plain ASCII.
  const flags = name.length === file.name.length ? 0 : FLAG_UTF8_NAME;
  let method: 0 | 8 = 0;
  let payload = data;
  if (file.method !== 'store' && data.length > 0) {
    const deflated = deflateRawSync(data, { level: 9 });
    if (deflated.length < data.length) {
      method = 8;
      payload = deflated;
    }
  }
  return { name, flags, method, crc: crc32(data), size: data.length, payload };
}

function tooLarge(): CoreError {
  return new CoreError('export-failed', 'The document is too large to be written as a ZIP package.');
}

/**
 * Writes a ZIP archive (no ZIP64, no comment, no extra fields). The output depends only on the
 * entries and their order, so the same input gives byte-identical archives.
 */
export function writeZip(files: readonly ZipFileInput[]): Buffer {
  if (files.length > MAX_ENTRIES) throw tooLarge();
  const seen = new Set<string>();
  const chunks: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    if (file.name === '' || seen.has(file.name)) {
      throw new CoreError('export-failed', `The ZIP entry name "${file.name}" is empty or repeated.`);
    }
    seen.add(file.name);
    const entry = prepare(file);
    if (entry.size > MAX_OFFSET || entry.name.length > 0xffff) throw tooLarge();

    const local = Buffer.alloc(LOCAL_HEADER_SIZE);
    local.writeUInt32LE(LOCAL_SIGNATURE, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(entry.flags, 6);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(entry.crc, 14);
    local.writeUInt32LE(entry.payload.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(entry.name.length, 26);
    local.writeUInt16LE(0, 28);

    const central = Buffer.alloc(CENTRAL_HEADER_SIZE);
    central.writeUInt32LE(CENTRAL_SIGNATURE, 0);
    central.writeUInt16LE(VERSION, 4);
    central.writeUInt16LE(VERSION, 6);
    central.writeUInt16LE(entry.flags, 8);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(entry.crc, 16);
    central.writeUInt32LE(entry.payload.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(entry.name.length, 28);
    // Extra length, comment length, start disk, internal and external attributes stay 0.
    central.writeUInt32LE(offset, 42);

    chunks.push(local, entry.name, entry.payload);
    centrals.push(central, entry.name);
    offset += LOCAL_HEADER_SIZE + entry.name.length + entry.payload.length;
    if (offset > MAX_OFFSET) throw tooLarge();
  }
  const directory = Buffer.concat(centrals);
  if (offset + directory.length > MAX_OFFSET) throw tooLarge();
  const end = Buffer.alloc(EOCD_SIZE);
  end.writeUInt32LE(EOCD_SIGNATURE, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}
