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
}>;

type Task = {
  request: Omit<ParseRequest, 'id'>;
  resolve: (parsed: ParsedDocument) => void;
  reject: (error: Error) => void;
};

type Slot = { worker: Worker; busy: { id: number; task: Task; timer: NodeJS.Timeout } | null };

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

  constructor(private readonly options: ParserPoolOptions) {
    this.size = Math.max(1, options.size ?? Math.min(4, availableParallelism()));
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.maxHeapMb = options.maxHeapMb ?? 512;
  }

  /**
   * Parses a file in a thread. With `prepare`, the thread also normalises the text and hashes it
   * (ParsedDocument.prepared), ready to store.
   */
  parse(bytes: Buffer, fileName: string, options: Readonly<{ prepare?: boolean }> = {}): Promise<ParsedDocument> {
    if (this.closed) return Promise.reject(new CoreError('internal', 'The parser pool is closed.'));
    // A private copy whose memory can be handed to the thread without copying again.
    const copy = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(copy).set(bytes);
    return new Promise<ParsedDocument>((resolve, reject) => {
      this.queue.push({ request: { bytes: copy, fileName, prepare: options.prepare === true }, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new CoreError('internal', 'The import was stopped.'));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
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
      this.replace(slot);
    };
    worker.on('error', (error) =>
      fail(
        /heap|memory/i.test(error.message)
          ? 'The file needed more memory than a document may use; it was not imported.'
          : `The parser failed on this file (${error.message}).`,
      ),
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
      this.replace(slot);
    }, this.timeoutMs);
    slot.busy = { id, task, timer };
    slot.worker.ref();
    const request: ParseRequest = { id, ...task.request };
    slot.worker.postMessage(request, [request.bytes]);
  }
}
