import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '../../shared/api';
import { CoreError } from '../errors';
import type { WorkerSpec } from '../worker-spec';
import type { ParsedDocument } from './imported-document';

export type ParseRequest = Readonly<{ id: number; bytes: ArrayBuffer; fileName: string; prepare: boolean }>;
export type ParseReply =
  | Readonly<{ id: number; ok: true; parsed: ParsedDocument }>
  | Readonly<{ id: number; ok: false; code: ErrorCode; message: string }>;

/** How a host starts a parser thread. */
export type ParserWorkerSpec = WorkerSpec;

export type ParserPoolOptions = Readonly<{
  worker: ParserWorkerSpec;
  size?: number;
  /** A file that takes longer than this is abandoned and its thread replaced. */
  timeoutMs?: number;
  /** Heap cap per parser thread; a file that needs more fails on its own. */
  maxHeapMb?: number;
  /**
   * The memory parsing may add to the process, heap or not (pdf.js and zlib keep what they decode
   * in buffers outside the capped heap). See `ParserPool.sample`.
   */
  maxMemoryMb?: number;
  /** How often the process's resident memory is read while a parser is busy. */
  memorySampleMs?: number;
  /** Reads the process's resident memory in bytes (tests give their own). */
  residentBytes?: () => number;
}>;

type Task = {
  request: Omit<ParseRequest, 'id'>;
  resolve: (parsed: ParsedDocument) => void;
  reject: (error: Error) => void;
  /** Runs with no other parse beside it, so that the memory it adds is its own. */
  solo: boolean;
};

type Busy = {
  id: number;
  task: Task;
  timer: NodeJS.Timeout;
  /** The lowest resident memory read since this parse began. */
  floor: number;
};

type Slot = { worker: Worker; busy: Busy | null };

export type ParserPoolStats = Readonly<{
  /** The most memory parsing was seen to add to the process (bytes above the floor). */
  peakParseBytes: number;
  /** Files whose parse went over the memory limit beside others and were parsed again alone. */
  retriedAlone: number;
  /** Files refused because their parse alone went over the memory limit. */
  refusedForMemory: number;
}>;

export const MEMORY_MESSAGE = 'The file needed more memory than a document may use; it was not imported.';

/**
 * A small pool of parser threads so that imports use every core and never block the host's event
 * loop (the window stays responsive; the CLI and the e2e host use the same pool). A parser that
 * crashes, runs out of memory or hangs fails only its own file; its thread is replaced.
 */
export class ParserPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  readonly size: number;
  private readonly timeoutMs: number;
  private readonly maxHeapMb: number;
  private readonly maxMemoryBytes: number;
  private readonly residentBytes: () => number;
  private sampler: NodeJS.Timeout | undefined;
  /** Threads stopped for memory that have not exited yet: nothing new starts until they have. */
  private stopping = 0;
  private stats = { peakParseBytes: 0, retriedAlone: 0, refusedForMemory: 0 };

  constructor(private readonly options: ParserPoolOptions) {
    this.size = Math.max(1, options.size ?? Math.min(4, availableParallelism()));
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.maxHeapMb = options.maxHeapMb ?? 512;
    // Stopped an eighth short of the limit: memory can grow by tens of MB between two readings.
    this.maxMemoryBytes = (options.maxMemoryMb ?? 512) * 1024 * 1024 * (7 / 8);
    this.residentBytes = options.residentBytes ?? (() => process.memoryUsage.rss());
  }

  memoryStats(): ParserPoolStats {
    return { ...this.stats };
  }

  /**
   * Parses a file in a thread. With `prepare`, the thread also normalises the text and hashes it
   * (ParsedDocument.prepared), ready to store.
   */
  parse(bytes: Buffer, fileName: string, options: Readonly<{ prepare?: boolean }> = {}): Promise<ParsedDocument> {
    if (this.closed) return Promise.reject(new CoreError('internal', 'The parser pool is closed.'));
    // A private copy: the caller's buffer may change while the file waits for a thread.
    const copy = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(copy).set(bytes);
    return new Promise<ParsedDocument>((resolve, reject) => {
      this.queue.push({
        request: { bytes: copy, fileName, prepare: options.prepare === true },
        resolve,
        reject,
        solo: false,
      });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopSampling();
    for (const task of this.queue.splice(0)) task.reject(new CoreError('internal', 'The import was stopped.'));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0 && this.stopping === 0 && !this.closed) {
      const running = this.slots.filter((candidate) => candidate.busy !== null);
      if (running.some((candidate) => candidate.busy?.task.solo === true)) return;
      if (this.queue[0]?.solo === true && running.length > 0) return;
      let slot = this.slots.find((candidate) => candidate.busy === null);
      if (slot === undefined && this.slots.length < this.size) slot = this.spawn();
      if (slot === undefined) return;
      const task = this.queue.shift();
      if (task === undefined) return;
      this.run(slot, task);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.worker.filename, {
      eval: this.options.worker.eval === true,
      execArgv: [...(this.options.worker.execArgv ?? [])],
      resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb },
    });
    const slot: Slot = { worker, busy: null };
    worker.unref();
    worker.on('message', (reply: ParseReply) => {
      const busy = slot.busy;
      if (busy === null || busy.id !== reply.id) return;
      clearTimeout(busy.timer);
      slot.busy = null;
      worker.unref();
      this.stopSamplingWhenIdle();
      if (reply.ok) busy.task.resolve(reply.parsed);
      else busy.task.reject(new CoreError(reply.code, reply.message));
      this.pump();
    });
    const fail = (message: string) => {
      const busy = slot.busy;
      slot.busy = null;
      if (busy !== null) {
        clearTimeout(busy.timer);
        busy.task.reject(new CoreError('import-unreadable', message));
      }
      this.stopSamplingWhenIdle();
      this.replace(slot);
    };
    worker.on('error', (error) =>
      fail(/heap|memory/i.test(error.message) ? MEMORY_MESSAGE : `The parser failed on this file (${error.message}).`),
    );
    worker.on('exit', () => {
      if (slot.busy !== null) fail('The parser stopped while reading this file.');
      else this.replace(slot);
    });
    this.slots.push(slot);
    return slot;
  }

  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    void slot.worker.terminate();
    if (!this.closed) this.pump();
  }

  private run(slot: Slot, task: Task): void {
    const id = this.nextId;
    this.nextId += 1;
    const timer = setTimeout(() => {
      if (slot.busy?.id !== id) return;
      slot.busy = null;
      task.reject(new CoreError('import-unreadable', `Reading the file took longer than ${Math.round(this.timeoutMs / 1000)} s; it was not imported.`));
      this.stopSamplingWhenIdle();
      this.replace(slot);
    }, this.timeoutMs);
    slot.busy = { id, task, timer, floor: this.residentBytes() };
    this.startSampling();
    slot.worker.ref();
    // The thread gets its own copy, so that the file can be parsed again (alone) after a stop.
    const request: ParseRequest = { id, ...task.request, bytes: task.request.bytes.slice(0) };
    slot.worker.postMessage(request, [request.bytes]);
  }

  private startSampling(): void {
    if (this.sampler !== undefined) return;
    this.sampler = setInterval(() => this.sample(), this.options.memorySampleMs ?? 20);
    this.sampler.unref();
  }

  private stopSampling(): void {
    if (this.sampler !== undefined) clearInterval(this.sampler);
    this.sampler = undefined;
  }

  private stopSamplingWhenIdle(): void {
    if (this.slots.every((slot) => slot.busy === null)) this.stopSampling();
  }

  /**
   * A worker's V8 heap is capped, but what parsers decode into buffers (pdf.js streams, inflated
   * ZIP parts) is not, and threads have no memory figure of their own. So the pool reads the
   * process's resident memory while parsers are busy: what it rose above the lowest reading since
   * the oldest running parse began (each parse's floor only goes down) is memory the running parses
   * added. Over the limit, the running parses are stopped; each is then parsed again alone (the
   * others wait), where the memory it adds is its own, and a file that goes over the limit alone is
   * refused. Parses are stopped an eighth short of the limit, for what grows between two readings.
   */
  private sample(): void {
    const resident = this.residentBytes();
    let floor = Number.POSITIVE_INFINITY;
    for (const slot of this.slots) {
      if (slot.busy === null) continue;
      slot.busy.floor = Math.min(slot.busy.floor, resident);
      floor = Math.min(floor, slot.busy.floor);
    }
    if (floor === Number.POSITIVE_INFINITY) {
      this.stopSampling();
      return;
    }
    const added = resident - floor;
    this.stats.peakParseBytes = Math.max(this.stats.peakParseBytes, added);
    if (added > this.maxMemoryBytes) this.stopForMemory();
  }

  private stopForMemory(): void {
    const retry: Task[] = [];
    const stopped: Promise<number>[] = [];
    for (const slot of [...this.slots]) {
      const busy = slot.busy;
      if (busy === null) continue;
      clearTimeout(busy.timer);
      slot.busy = null;
      if (busy.task.solo) {
        this.stats.refusedForMemory += 1;
        busy.task.reject(new CoreError('import-unreadable', MEMORY_MESSAGE));
      } else {
        this.stats.retriedAlone += 1;
        busy.task.solo = true;
        retry.push(busy.task);
      }
      this.slots.splice(this.slots.indexOf(slot), 1);
      stopped.push(slot.worker.terminate());
    }
    this.stopSampling();
    this.queue.unshift(...retry);
    this.stopping += 1;
    // Nothing starts until the stopped threads have given their memory back.
    void Promise.allSettled(stopped).then(() => {
      this.stopping -= 1;
      this.pump();
    });
  }
}
