import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SearchRequest } from '../../shared/dto';
import { DATABASE_FILE_NAME } from '../store/open';
import { importMarkdown } from '../testing/import-markdown';
import { createTempCore, type TempCore } from '../testing/temp-core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { warmSearchThreads } from './on-threads';
import { SearchThread, sourceSearchWorker } from './search-thread';
import {
  documentPage,
  documentRankingParts,
  rankDocumentPart,
  search,
  searchDocuments,
  searchExcerptHits,
  type KeyRange,
} from './service';
import { warmRequests } from './warm';

const DOCUMENTS = [
  '# Black Sea grain corridor\n\n## Insurance\n\nUnderwriters raised war-risk premiums for grain ships; insurers insured the insurance.\n\nThe ministry said exports resumed in March.\n',
  '# Port security review\n\nNaval patrols escorted ships; grain was mentioned once.\n\nCustoms officers inspected containers at the port of Odesa.\n',
  '# Энергетика и сети\n\nМинистерство сообщило о новых поставках электроэнергии.\n\nالطاقة والكهرباء في 2024 مع شبكة Interconnector جديدة.\n',
];

const REQUESTS: SearchRequest[] = [
  { query: 'grain' },
  { query: 'grain', typeahead: true },
  { query: 'ins', typeahead: true },
  { query: '"war risk" OR customs' },
  { query: 'grain -customs' },
  { query: 'tag:shipping grain' },
  { query: 'author:Marchetti grain' },
  { query: 'after:2025-01-01 grain' },
  { query: 'grain', sort: 'date' },
  { query: 'grain', offset: 1, limit: 1 },
  { query: 'in:excerpts grain' },
  { query: 'in:documents grain' },
  { query: 'tag:shipping' },
  { query: '   ' },
  { query: 'nothingmatchesthis' },
];

let core: TempCore;

beforeAll(async () => {
  core = createTempCore({ searchWorker: sourceSearchWorker() });
  for (const [index, markdown] of DOCUMENTS.entries()) {
    const document = await importMarkdown(core.handlers, `doc-${index}.md`, markdown);
    if (index === 0) {
      await core.handlers.updateDocumentMetadata({
        documentId: document.id,
        title: document.title,
        author: 'Helena Marchetti',
        outlet: 'Meridian Review',
        publishedAt: '2025-03-02',
        url: null,
        language: null,
      });
    }
    const excerpt = await core.handlers.createExcerpt({
      documentId: document.id,
      start: 0,
      end: Math.min(document.text.length, 120),
    });
    await core.handlers.updateExcerpt({
      excerptId: excerpt.id,
      note: `Insurers and grain, note ${index}`,
      tags: index < 2 ? ['shipping'] : [],
    });
  }
});

afterAll(() => core.dispose());

/** A thread whose worker runs `code` instead of the search worker. */
function threadRunning(code: string): SearchThread {
  return new SearchThread({ eval: true, filename: code }, { file: join(core.dataDir, DATABASE_FILE_NAME) });
}

describe('the search threads', () => {
  it('answer each half from their own connections, the same as this thread', async () => {
    const threads = core.context.searchThreads;
    if (threads === undefined) throw new Error('no search threads');
    await Promise.all([threads.documents.readAhead(['documents']), threads.excerpts.readAhead(['excerpts'])]);
    const lower: KeyRange = { first: Number.MIN_SAFE_INTEGER, last: 2 };
    for (const request of REQUESTS) {
      expect(await threads.documents.documents(request), request.query).toEqual(
        searchDocuments(core.db, request),
      );
      expect(await threads.excerpts.excerpts(request), request.query).toEqual(
        searchExcerptHits(core.db, request),
      );
      const part = rankDocumentPart(core.db, request, lower);
      expect(await threads.excerpts.rankPart(request, lower), request.query).toEqual(part);
      expect(await threads.documents.documentPage(request, part), request.query).toEqual(
        documentPage(core.db, request, part),
      );
    }
    await expect(threads.excerpts.documents({ query: 'grain' })).resolves.toMatchObject({ documentTotal: 2 });
  });

  it('make the search API answer exactly what search() answers on this thread', async () => {
    const threads = core.context.searchThreads;
    if (threads === undefined) throw new Error('no search threads');
    const spies = [
      vi.spyOn(threads.documents, 'documents'),
      vi.spyOn(threads.documents, 'rankPart'),
      vi.spyOn(threads.documents, 'documentPage'),
      vi.spyOn(threads.excerpts, 'rankPart'),
      vi.spyOn(threads.excerpts, 'excerpts'),
    ] as const;
    for (const request of REQUESTS) {
      expect(await core.handlers.search(request), request.query).toEqual(search(core.db, request));
    }
    // Every request went to the threads: its documents ranked whole on one thread, or in two parts,
    // one on each thread, with the page read on the documents thread; its excerpts on the other.
    const parted = REQUESTS.filter((request) => documentRankingParts(core.db, request) !== null).length;
    expect(parted).toBeGreaterThanOrEqual(3);
    expect(spies.map((spy) => spy.mock.calls.length)).toEqual([
      REQUESTS.length - parted,
      parted,
      parted,
      parted,
      REQUESTS.length,
    ]);
    for (const spy of spies) spy.mockRestore();
    expect((await core.handlers.search({ query: 'grain' })).excerptTotal).toBeGreaterThan(0);
  });

  it('are readied by the warm-up searches, which take both ways of ranking documents', async () => {
    const threads = core.context.searchThreads;
    if (threads === undefined) throw new Error('no search threads');
    const requests = warmRequests(core.db);
    expect(requests.some((request) => documentRankingParts(core.db, request) === null)).toBe(true);
    expect(requests.some((request) => documentRankingParts(core.db, request) !== null)).toBe(true);
    const spies = [vi.spyOn(threads.documents, 'readAhead'), vi.spyOn(threads.excerpts, 'rankPart')] as const;
    expect(await warmSearchThreads(core.db, threads)).toBe(true);
    expect(spies.map((spy) => spy.mock.calls.length)).toEqual([
      1,
      requests.filter((request) => documentRankingParts(core.db, request) !== null).length,
    ]);
    for (const spy of spies) spy.mockRestore();
  });

  it('sees what this thread has committed', async () => {
    const before = await core.handlers.search({ query: 'patrols' });
    const [document] = await core.handlers.listDocuments({});
    if (document === undefined) throw new Error('no documents');
    const excerpt = await core.handlers.createExcerpt({ documentId: document.id, start: 0, end: 20 });
    await core.handlers.updateExcerpt({ excerptId: excerpt.id, note: 'patrols escorted the convoy' });
    const after = await core.handlers.search({ query: 'patrols' });
    expect(after.excerptTotal).toBe(before.excerptTotal + 1);
    expect(after.excerpts.map((hit) => hit.excerptId)).toContain(excerpt.id);
  });

  it('rejects a job when its worker dies, and starts a new worker for the next', async () => {
    const thread = threadRunning(
      `const { parentPort } = require('node:worker_threads');
       parentPort.on('message', (job) => job.kind === 'readAhead' ? process.exit(3) : parentPort.postMessage({ id: job.id, ok: false, message: 'no library here' }));`,
    );
    try {
      await expect(thread.readAhead(['documents'])).rejects.toThrow(/stopped/u);
      await expect(thread.excerpts({ query: 'grain' })).rejects.toThrow('no library here');
    } finally {
      await thread.close();
    }
    await expect(thread.excerpts({ query: 'grain' })).rejects.toThrow(/closing/u);
  });

  it('rejects what is waiting when it closes', async () => {
    const thread = threadRunning(`require('node:worker_threads').parentPort.on('message', () => undefined);`);
    const waiting = expect(thread.excerpts({ query: 'grain' })).rejects.toThrow(/closing/u);
    await thread.close();
    await waiting;
  });

  it('close their connections before the library closes, leaving no write-ahead log', async () => {
    const other = createTempCore({ searchWorker: sourceSearchWorker() });
    const file = join(other.dataDir, DATABASE_FILE_NAME);
    try {
      await importMarkdown(other.handlers, 'grain.md', DOCUMENTS[0] ?? '');
      expect((await other.handlers.search({ query: 'grain' })).documentTotal).toBe(1);
      expect(existsSync(`${file}-wal`)).toBe(true);
      await other.shutdown();
      // The last connection to close folded the log into the file and removed it.
      expect(existsSync(`${file}-wal`)).toBe(false);
    } finally {
      other.dispose();
    }
  });

  it('leaves the search API answering on this thread when the thread fails', async () => {
    const broken = createTempCore({
      searchWorker: { eval: true, filename: `throw new Error('the search thread could not start')` },
    });
    try {
      await importMarkdown(broken.handlers, 'grain.md', DOCUMENTS[0] ?? '');
      for (const request of REQUESTS) {
        expect(await broken.handlers.search(request), request.query).toEqual(search(broken.db, request));
      }
    } finally {
      broken.dispose();
    }
  });
});
