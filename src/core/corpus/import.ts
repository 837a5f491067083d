import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { DISK_FULL_MESSAGE, isDiskFull } from '../disk-full';
import { CoreError } from '../errors';
import { newId } from '../ids';
import { insertBlocks } from '../store/blocks';
import { findDocumentIdByOriginalSha256, findLatestVersionOfSource, insertDocument } from '../store/documents';
import type { ParsedDocument, PreparedText } from './imported-document';
import { importerForExtension, SUPPORTED_EXTENSIONS } from './importers';
import { buildText } from './normalise';

/** Larger files are refused before they are read. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export type ImportOutcome = Readonly<{
  file: string;
  status: 'imported' | 'duplicate' | 'failed';
  documentId: string | null;
  title: string | null;
  error: string | null;
}>;

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Parses a file's bytes into a document ready to store. Pure: no database, no file system.
 * Throws CoreError with a user-facing message when the file cannot become a document.
 */
export async function parseFile(bytes: Buffer, fileName: string): Promise<ParsedDocument> {
  requireSupportedExtension(fileName);
  requireImportableBytes(bytes);
  const importer = importerForExtension(extname(fileName));
  if (importer === undefined) throw new CoreError('import-unsupported-format', 'This kind of file cannot be imported.');
  return await importer(bytes, fileName);
}

/**
 * Stores one file as a document in a single transaction, or reports it as a duplicate of a
 * document with the same original bytes. Never leaves part of a document behind.
 */
export function storeDocument(
  db: Database.Database,
  input: Readonly<{ bytes: Buffer; fileName: string; parsed: ParsedDocument; now: Date }>,
): ImportOutcome {
  const { bytes, fileName, parsed } = input;
  const prepared = parsed.prepared ?? prepareText(bytes, parsed);
  const { text, blocks, originalSha256 } = prepared;
  if (text === '') {
    throw new CoreError('import-empty-file', 'The file contains no readable text.');
  }
  const title = parsed.title ?? fallbackTitle(fileName);

  return db.transaction((): ImportOutcome => {
    const existing = findDocumentIdByOriginalSha256(db, originalSha256);
    if (existing !== undefined) {
      return { file: fileName, status: 'duplicate', documentId: existing, title, error: null };
    }
    const id = newId('doc');
    insertDocument(db, {
      id,
      title,
      author: parsed.author,
      outlet: parsed.outlet,
      publishedAt: parsed.publishedAt,
      url: parsed.url,
      language: parsed.language,
      direction: parsed.direction ?? null,
      format: parsed.format,
      sourceName: basename(fileName),
      text,
      textSha256: prepared.textSha256,
      originalSha256,
      originalBytes: bytes,
      importedAt: input.now.toISOString(),
      previousVersionId: findLatestVersionOfSource(db, { url: parsed.url, title, outlet: parsed.outlet }) ?? null,
    });
    insertBlocks(db, id, text, blocks);
    return { file: fileName, status: 'imported', documentId: id, title, error: null };
  })();
}

function fallbackTitle(fileName: string): string {
  const stem = basename(fileName, extname(fileName)).replace(/[-_]+/g, ' ').trim();
  return stem === '' ? 'Untitled document' : stem;
}

/**
 * The normalised text, blocks and hashes of a parsed document. Parser threads run this too, so the
 * thread that stores documents only writes rows.
 */
export function prepareText(bytes: Uint8Array, parsed: ParsedDocument): PreparedText {
  const { text, blocks } = buildText(parsed.blocks);
  return { text, blocks, textSha256: sha256Hex(text), originalSha256: sha256Hex(bytes) };
}

/** Turns bytes into a parsed document: in this thread, or in a parser thread (ParserPool). */
export type Parser = (bytes: Buffer, fileName: string) => Promise<ParsedDocument>;

export type ImportOptions = Readonly<{
  parse?: Parser;
  /** Files parsed at once; storing stays one document at a time, in order. */
  concurrency?: number;
  onOutcome?: (outcome: ImportOutcome, index: number, total: number) => void;
}>;

/** Documents stored in one commit at most, and the time one commit may hold the thread. */
const GROUP_MAX_DOCUMENTS = 32;
const GROUP_MAX_MS = 12;
const GROUP_GATHER_MS = 8;

/**
 * Imports files and folders (recursively). Each file succeeds or fails on its own; a failure is
 * reported with a reason and the rest of the batch continues. Outcomes come back in input order.
 *
 * Files are parsed ahead (in parser threads when `parse` is a pool) and stored in input order.
 * Documents that are ready together are committed together (group commit, a few milliseconds of
 * work at most per commit): a crash still leaves only whole documents, a file is reported only
 * once it is durable, and the thread is never held for long.
 */
export async function importPaths(
  db: Database.Database,
  paths: readonly string[],
  now: () => Date,
  options: ImportOptions = {},
): Promise<ImportOutcome[]> {
  const entries: ({ file: string } | { failed: ImportOutcome })[] = [];
  for (const path of paths) {
    try {
      const info = await stat(path);
      const files = info.isDirectory() ? await listImportableFiles(path) : [path];
      for (const file of files) entries.push({ file });
    } catch {
      entries.push({ failed: failure(path, 'No file or folder exists at this path.') });
    }
  }
  const parse = options.parse ?? parseFile;
  const limit = Math.max(1, options.concurrency ?? 1);
  const slots: ({ done: boolean; result?: ParsedFile; promise: Promise<ParsedFile> } | undefined)[] = [];
  let nextToParse = 0;
  const startParsing = () => {
    while (nextToParse < entries.length && nextToParse - stored < limit) {
      const entry = entries[nextToParse];
      if (entry !== undefined && 'file' in entry) {
        const slot: { done: boolean; result?: ParsedFile; promise: Promise<ParsedFile> } = {
          done: false,
          promise: readAndParse(entry.file, parse),
        };
        slot.promise = slot.promise.then((result) => {
          slot.done = true;
          slot.result = result;
          return result;
        });
        slots[nextToParse] = slot;
      }
      nextToParse += 1;
    }
  };

  const outcomes: ImportOutcome[] = new Array<ImportOutcome>(entries.length);
  let stored = 0;
  while (stored < entries.length) {
    startParsing();
    await slots[stored]?.promise;
    // Gather more ready documents for the same commit: each commit costs an fsync, so waiting a few
    // milliseconds for the next parses is cheaper than committing them one by one.
    const gatherUntil = performance.now() + GROUP_GATHER_MS;
    for (let next = stored + 1; next < Math.min(entries.length, stored + GROUP_MAX_DOCUMENTS); next += 1) {
      const slot = slots[next];
      if (slot === undefined || slot.done) continue;
      const remaining = gatherUntil - performance.now();
      if (remaining <= 0) break;
      await Promise.race([slot.promise, new Promise<void>((resolve) => setTimeout(resolve, remaining))]);
      if (!slot.done) break;
    }
    const group: { index: number; outcome: ImportOutcome }[] = [];
    const started = performance.now();
    db.transaction(() => {
      while (stored < entries.length && group.length < GROUP_MAX_DOCUMENTS) {
        const entry = entries[stored];
        const slot = slots[stored];
        if (entry === undefined) break;
        if ('file' in entry && (slot?.done !== true || slot.result === undefined)) break;
        const outcome = 'failed' in entry ? entry.failed : storeParsedFile(db, entry.file, slot?.result ?? { ok: false, message: 'Not read.' }, now());
        group.push({ index: stored, outcome });
        slots[stored] = undefined;
        stored += 1;
        if (performance.now() - started > GROUP_MAX_MS) break;
      }
    })();
    for (const { index, outcome } of group) {
      outcomes[index] = outcome;
      options.onOutcome?.(outcome, index, entries.length);
    }
    startParsing();
    // Let timers, I/O and the UI's requests run between commits.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return outcomes;
}

type ParsedFile = { ok: true; bytes: Buffer; parsed: ParsedDocument } | { ok: false; message: string };

async function readAndParse(file: string, parse: Parser): Promise<ParsedFile> {
  try {
    const info = await stat(file);
    if (info.size > MAX_IMPORT_BYTES) {
      throw new CoreError('import-too-large', `The file is larger than the ${MAX_IMPORT_BYTES / 1024 / 1024} MB import limit.`);
    }
    requireSupportedExtension(file);
    const bytes = await readFile(file);
    requireImportableBytes(bytes);
    return { ok: true, bytes, parsed: await parse(bytes, file) };
  } catch (error) {
    return { ok: false, message: describeImportError(error) };
  }
}

function storeParsedFile(db: Database.Database, file: string, parsed: ParsedFile, now: Date): ImportOutcome {
  if (!parsed.ok) return failure(file, parsed.message);
  try {
    return { ...storeDocument(db, { bytes: parsed.bytes, fileName: file, parsed: parsed.parsed, now }), file };
  } catch (error) {
    return failure(file, describeImportError(error));
  }
}

/**
 * Imports one file's bytes that did not come from a path the app chose (dropped or pasted in the
 * window): parsed off the event loop when `parse` is a pool, stored in one transaction.
 */
export async function importBytes(
  db: Database.Database,
  input: Readonly<{ bytes: Buffer; fileName: string; now: Date; parse?: Parser }>,
): Promise<ImportOutcome> {
  try {
    requireSupportedExtension(input.fileName);
    requireImportableBytes(input.bytes);
    const parsed = await (input.parse ?? parseFile)(input.bytes, input.fileName);
    return storeDocument(db, { bytes: input.bytes, fileName: input.fileName, parsed, now: input.now });
  } catch (error) {
    return failure(input.fileName, describeImportError(error));
  }
}

function requireSupportedExtension(fileName: string): void {
  if (importerForExtension(extname(fileName)) === undefined) {
    const extension = extname(fileName);
    throw new CoreError(
      'import-unsupported-format',
      `${extension === '' ? 'Files without an extension' : `"${extension}" files`} cannot be imported; use ${SUPPORTED_EXTENSIONS.join(', ')}.`,
    );
  }
}

function requireImportableBytes(bytes: Buffer): void {
  if (bytes.length === 0) throw new CoreError('import-empty-file', 'The file is empty.');
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new CoreError('import-too-large', `The file is larger than the ${MAX_IMPORT_BYTES / 1024 / 1024} MB import limit.`);
  }
}

function describeImportError(error: unknown): string {
  if (error instanceof CoreError) return error.message;
  if (isDiskFull(error)) return DISK_FULL_MESSAGE;
  if (error instanceof Error && 'code' in error && error.code === 'EACCES') {
    return 'The file cannot be read (permission denied).';
  }
  return `The file could not be read as a document (${error instanceof Error ? error.message : String(error)}).`;
}

function failure(file: string, message: string): ImportOutcome {
  return { file, status: 'failed', documentId: null, title: null, error: message };
}

/** Files under a folder that an importer understands, sorted, skipping hidden files and READMEs. */
export async function listImportableFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await listImportableFiles(path)));
    else if (
      entry.isFile() &&
      importerForExtension(extname(entry.name)) !== undefined &&
      !/^readme\./i.test(entry.name)
    ) {
      found.push(path);
    }
  }
  return found;
}
