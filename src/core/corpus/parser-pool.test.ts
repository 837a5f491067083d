import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors';
import { ParserPool } from './parser-pool';
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
});
