import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors';
import { MEMORY_MESSAGE, ParserPool } from './parser-pool';
import { sourceParserWorker } from './source-worker';

const sample = Buffer.from('Title: Pooled\n\nA paragraph parsed in a worker thread.');

function worker(code: string) {
  return { eval: true, filename: `const { parentPort } = require('node:worker_threads');\n${code}` };
}

describe('the parser pool', () => {
  it('parses files in worker threads, several at once', async () => {
    const pool = new ParserPool({ worker: sourceParserWorker(), size: 2 });
    try {
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, index) => pool.parse(Buffer.from(`Title: Doc ${index}\n\nBody ${index}.`), `doc-${index}.txt`)),
      );
      expect(results.map((parsed) => parsed.title)).toEqual(['Doc 0', 'Doc 1', 'Doc 2', 'Doc 3', 'Doc 4', 'Doc 5']);
    } finally {
      await pool.close();
    }
  });

  it('passes an importer refusal through with its code', async () => {
    const pool = new ParserPool({ worker: sourceParserWorker(), size: 1 });
    try {
      await expect(pool.parse(Buffer.from('x'), 'sheet.xlsx')).rejects.toMatchObject({ code: 'import-unsupported-format' });
      // The thread survives a refusal and takes the next file.
      await expect(pool.parse(sample, 'ok.txt')).resolves.toMatchObject({ title: 'Pooled' });
    } finally {
      await pool.close();
    }
  });

  it('fails only the file whose parser crashes, and replaces the thread', async () => {
    const pool = new ParserPool({
      worker: worker("parentPort.on('message', (m) => { if (m.fileName === 'bad.txt') throw new Error('boom'); parentPort.postMessage({ id: m.id, ok: true, parsed: { title: m.fileName } }); });"),
      size: 1,
    });
    try {
      const bad = pool.parse(sample, 'bad.txt');
      const good = pool.parse(sample, 'good.txt');
      await expect(bad).rejects.toBeInstanceOf(CoreError);
      await expect(bad).rejects.toMatchObject({ code: 'import-unreadable' });
      await expect(good).resolves.toMatchObject({ title: 'good.txt' });
    } finally {
      await pool.close();
    }
  });

  it('abandons a file that takes too long', async () => {
    const pool = new ParserPool({ worker: worker("parentPort.on('message', () => {});"), size: 1, timeoutMs: 300 });
    try {
      await expect(pool.parse(sample, 'slow.txt')).rejects.toMatchObject({ code: 'import-unreadable', message: expect.stringMatching(/took longer/) as unknown });
    } finally {
      await pool.close();
    }
  });

  it('stops a parser that runs out of its memory cap', async () => {
    const pool = new ParserPool({
      worker: worker("parentPort.on('message', () => { const hog = []; for (;;) hog.push(new Array(1e5).fill(Math.random())); });"),
      size: 1,
      maxHeapMb: 32,
    });
    try {
      await expect(pool.parse(sample, 'bomb.txt')).rejects.toMatchObject({ code: 'import-unreadable' });
    } finally {
      await pool.close();
    }
  });

  it('stops a parser whose buffers outgrow the memory limit outside its heap, and parses its neighbour again alone', async () => {
    const pool = new ParserPool({
      worker: worker(
        "parentPort.on('message', (m) => { if (m.fileName === 'bomb.pdf') { const hog = []; setInterval(() => hog.push(Buffer.alloc(8 << 20, 1)), 5); return; } setTimeout(() => parentPort.postMessage({ id: m.id, ok: true, parsed: { title: m.fileName } }), 400); });",
      ),
      size: 2,
      maxMemoryMb: 96,
    });
    try {
      const bomb = pool.parse(sample, 'bomb.pdf');
      const neighbour = pool.parse(sample, 'neighbour.txt');
      await expect(bomb).rejects.toMatchObject({ code: 'import-unreadable', message: MEMORY_MESSAGE });
      await expect(neighbour).resolves.toMatchObject({ title: 'neighbour.txt' });
      const stats = pool.memoryStats();
      expect(stats.refusedForMemory).toBe(1);
      expect(stats.retriedAlone).toBeGreaterThanOrEqual(1);
      // Stopped near the limit, not long after.
      expect(stats.peakParseBytes).toBeLessThan(96 * 1024 * 1024 + 64 * 1024 * 1024);
      // The pool goes on parsing.
      await expect(pool.parse(sample, 'after.txt')).resolves.toMatchObject({ title: 'after.txt' });
    } finally {
      await pool.close();
    }
  });

  it('measures memory from the floor of each running parse', async () => {
    let resident = 100;
    const readings: number[] = [];
    const pool = new ParserPool({
      worker: worker("parentPort.on('message', (m) => setTimeout(() => parentPort.postMessage({ id: m.id, ok: true, parsed: { title: m.fileName } }), 150));"),
      size: 1,
      maxMemoryMb: 1,
      memorySampleMs: 5,
      residentBytes: () => {
        readings.push(resident);
        return resident;
      },
    });
    try {
      // The process already held a lot when the parse began, and gave some back meanwhile: only what
      // rose above the lowest reading since counts, and it stays under the limit.
      resident = 900 * 1024 * 1024;
      const parse = pool.parse(sample, 'a.txt');
      setTimeout(() => (resident = 600 * 1024 * 1024), 30);
      setTimeout(() => (resident = 600 * 1024 * 1024 + 512 * 1024), 80);
      await expect(parse).resolves.toMatchObject({ title: 'a.txt' });
      expect(pool.memoryStats().peakParseBytes).toBe(512 * 1024);
      expect(readings.length).toBeGreaterThan(3);
    } finally {
      await pool.close();
    }
  });
});
