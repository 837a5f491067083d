import { Worker } from 'node:worker_threads';
import type { PrintPreview } from '../../shared/print-preview';
import { CoreError } from '../errors';
import type { WorkerSpec } from '../worker-spec';
import type { PrintModel } from './layout';
import type { PdfOptions, PdfResult } from './pdf';
import type { PdfLayout } from './service';

/** Options as they cross to the thread: everything but the progress callback. */
type ThreadOptions = Omit<PdfOptions, 'onPage'>;

export type LayoutRequest = Readonly<{
  id: number;
  kind: 'pdf' | 'preview';
  model: PrintModel;
  options: ThreadOptions;
}>;

export type LayoutReply =
  | Readonly<{ id: number; type: 'progress'; pages: number }>
  | Readonly<{ id: number; type: 'pdf'; bytes: ArrayBuffer; pages: number }>
  | Readonly<{ id: number; type: 'preview'; preview: PrintPreview }>
  | Readonly<{ id: number; type: 'error'; message: string }>;

type Job = {
  request: LayoutRequest;
  onPage: ((pages: number) => void) | undefined;
  resolve: (reply: LayoutReply) => void;
  reject: (error: Error) => void;
};

/**
 * PDF layout on a thread of its own, one job at a time, so that setting a long briefing never
 * blocks the process that answers the window (the app's main process, the e2e host). The thread
 * starts on first use, stays for the next job, and is replaced if it fails.
 */
export class LayoutThread implements PdfLayout {
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private current: Job | undefined;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly spec: WorkerSpec,
    private readonly maxHeapMb = 1024,
  ) {}

  async render(model: PrintModel, options: PdfOptions): Promise<PdfResult> {
    const reply = await this.run('pdf', model, options);
    if (reply.type !== 'pdf') throw new CoreError('export-failed', 'The layout thread answered out of turn.');
    return { bytes: Buffer.from(reply.bytes), pages: reply.pages };
  }

  async preview(model: PrintModel, options: PdfOptions): Promise<PrintPreview> {
    const reply = await this.run('preview', model, options);
    if (reply.type !== 'preview')
      throw new CoreError('export-failed', 'The layout thread answered out of turn.');
    return reply.preview;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new CoreError('export-failed', 'The app is closing.'));
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private run(kind: LayoutRequest['kind'], model: PrintModel, options: PdfOptions): Promise<LayoutReply> {
    if (this.closed) return Promise.reject(new CoreError('export-failed', 'The app is closing.'));
    const { onPage, ...threadOptions } = options;
    const request: LayoutRequest = { id: this.nextId, kind, model, options: threadOptions };
    this.nextId += 1;
    return new Promise<LayoutReply>((resolve, reject) => {
      this.queue.push({ request, onPage, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.current !== undefined) return;
    const job = this.queue.shift();
    if (job === undefined) {
      this.worker?.unref();
      return;
    }
    this.current = job;
    const worker = this.worker ?? this.spawn();
    worker.ref();
    worker.postMessage(job.request);
  }

  private spawn(): Worker {
    const worker = new Worker(this.spec.filename, {
      eval: this.spec.eval === true,
      execArgv: [...(this.spec.execArgv ?? [])],
      // A roomier young generation: laying out a long briefing makes many short-lived objects,
      // and fewer scavenges leave more of the time for the layout.
      resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb, maxYoungGenerationSizeMb: 48 },
    });
    this.worker = worker;
    worker.on('message', (reply: LayoutReply) => {
      const job = this.current;
      if (job === undefined || reply.id !== job.request.id) return;
      if (reply.type === 'progress') {
        job.onPage?.(reply.pages);
        return;
      }
      this.current = undefined;
      if (reply.type === 'error')
        job.reject(new CoreError('export-failed', `The layout failed: ${reply.message}`));
      else job.resolve(reply);
      this.pump();
    });
    const fail = (message: string) => {
      if (this.worker === worker) this.worker = undefined;
      void worker.terminate();
      const job = this.current;
      this.current = undefined;
      job?.reject(new CoreError('export-failed', message));
      if (!this.closed) this.pump();
    };
    worker.on('error', (error) =>
      fail(
        /heap|memory/i.test(error.message)
          ? 'The briefing needed more memory to lay out than the layout may use.'
          : `The layout stopped (${error.message}).`,
      ),
    );
    worker.on('exit', () => {
      if (this.worker === worker) fail('The layout stopped before it finished.');
    });
    return worker;
  }
}
