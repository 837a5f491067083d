import { Worker } from 'node:worker_threads';
import type { SearchRequest } from '../../shared/dto';
import { sourceWorker, type WorkerSpec } from '../worker-spec';
import type { DocumentResults, ExcerptResults, KeyRange, RankedDocuments } from './service';
import type { SearchHalf } from './warm';

/** What the search thread opens: the library file, read-only, with the host's SQLite binary. */
export type SearchThreadData = Readonly<{ file: string; nativeBinding?: string | undefined }>;

type Job =
  | Readonly<{ kind: 'documents' | 'excerpts'; request: SearchRequest }>
  | Readonly<{ kind: 'rankPart'; request: SearchRequest; range: KeyRange }>
  | Readonly<{ kind: 'documentPage'; request: SearchRequest; ranked: RankedDocuments }>
  | Readonly<{ kind: 'readAhead'; halves: readonly SearchHalf[] }>
  | Readonly<{ kind: 'close' }>;

export type SearchJob = Job & Readonly<{ id: number }>;

type Answer = DocumentResults | ExcerptResults | RankedDocuments | null;

export type SearchReply =
  Readonly<{ id: number; ok: true; value: Answer }> | Readonly<{ id: number; ok: false; message: string }>;

/** How long closing waits for the thread to finish its jobs and close its connection. */
const CLOSE_WAIT_MS = 1000;

type Pending = { resolve: (value: Answer) => void; reject: (error: Error) => void };

/**
 * A reader of the library on a thread of its own. The host starts two: while one ranks a search's
 * documents, the other ranks its excerpts, so a search takes about as long as the slower half
 * instead of both (each half is mostly SQLite ranking inside FTS5, over different indexes), and the
 * host's own thread stays free for the window's other calls (a search no longer waits behind
 * opening a long briefing, nor holds one up). Each holds its own read-only connection, which sees
 * every change the host's connection has committed. A thread starts on first use and is started
 * again if it dies; a job it cannot answer is rejected, and the caller computes that half itself.
 */
export class SearchThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly spec: WorkerSpec,
    private readonly data: SearchThreadData,
  ) {}

  /** The documents half of a search (what searchDocuments answers), from the thread's connection. */
  async documents(request: SearchRequest): Promise<DocumentResults> {
    const value = await this.call({ kind: 'documents', request });
    if (value === null || !('documentTotal' in value))
      throw new Error('The search thread answered out of turn.');
    return value;
  }

  /** The excerpts half of a search (what searchExcerptHits answers), from the thread's connection. */
  async excerpts(request: SearchRequest): Promise<ExcerptResults> {
    const value = await this.call({ kind: 'excerpts', request });
    if (value === null || !('excerptTotal' in value))
      throw new Error('The search thread answered out of turn.');
    return value;
  }

  /** One part of a search's document ranking (what rankDocumentPart answers). */
  async rankPart(request: SearchRequest, range: KeyRange): Promise<RankedDocuments> {
    const value = await this.call({ kind: 'rankPart', request, range });
    if (value === null || !('keys' in value)) throw new Error('The search thread answered out of turn.');
    return value;
  }

  /** The documents half of a search from its ranked page (what documentPage answers). */
  async documentPage(request: SearchRequest, ranked: RankedDocuments): Promise<DocumentResults> {
    const value = await this.call({ kind: 'documentPage', request, ranked });
    if (value === null || !('documentTotal' in value))
      throw new Error('The search thread answered out of turn.');
    return value;
  }

  /** Reads ahead what bm25() reads for every match of the halves given (see readAheadSizes). */
  async readAhead(halves: readonly SearchHalf[]): Promise<void> {
    await this.call({ kind: 'readAhead', halves });
  }

  /**
   * Closes the thread's connection, after the jobs already sent (waiting at most CLOSE_WAIT_MS),
   * then stops the thread. The host closes its own connection after this one, so that the last
   * connection to close leaves the library file as SQLite leaves it (the write-ahead log folded in).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    const closing = this.worker === undefined ? Promise.resolve(null) : this.call({ kind: 'close' });
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      closing.catch(() => null),
      new Promise((resolve) => {
        timer = setTimeout(resolve, CLOSE_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    this.failAll('The library is closing.');
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private call(job: Job): Promise<Answer> {
    if (this.closed) return Promise.reject(new Error('The library is closing.'));
    const id = this.nextId;
    this.nextId += 1;
    const worker = this.worker ?? this.spawn();
    return new Promise<Answer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, ...job } satisfies SearchJob);
    });
  }

  private settle(id: number, settle: (pending: Pending) => void): void {
    const pending = this.pending.get(id);
    if (pending === undefined) return;
    this.pending.delete(id);
    settle(pending);
    // An idle thread does not keep the host's process alive.
    if (this.pending.size === 0) this.worker?.unref();
  }

  private failAll(message: string): void {
    for (const id of [...this.pending.keys()])
      this.settle(id, (pending) => pending.reject(new Error(message)));
  }

  private spawn(): Worker {
    const worker = new Worker(this.spec.filename, {
      eval: this.spec.eval === true,
      execArgv: [...(this.spec.execArgv ?? [])],
      workerData: this.data,
    });
    this.worker = worker;
    worker.on('message', (reply: SearchReply) => {
      this.settle(reply.id, (pending) =>
        reply.ok ? pending.resolve(reply.value) : pending.reject(new Error(reply.message)),
      );
    });
    const fail = (message: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      void worker.terminate();
      this.failAll(message);
    };
    worker.on('error', (error) => fail(`The search thread stopped (${error.message}).`));
    worker.on('exit', () => fail('The search thread stopped.'));
    return worker;
  }
}

/**
 * The host's two search threads: one ranks a search's documents while the other ranks its excerpts,
 * or each ranks part of the documents first (see searchOnThreads).
 */
export type SearchThreads = Readonly<{ documents: SearchThread; excerpts: SearchThread }>;

export function startSearchThreads(spec: WorkerSpec, data: SearchThreadData): SearchThreads {
  return { documents: new SearchThread(spec, data), excerpts: new SearchThread(spec, data) };
}

/** The search thread for hosts that run from source; the Electron build ships search-worker.js. */
export function sourceSearchWorker(): WorkerSpec {
  return sourceWorker(__dirname, 'search-worker.ts');
}
