import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Core } from '../../src/core/api/core';
import { importPaths } from '../../src/core/corpus/import';
import { buildText } from '../../src/core/corpus/normalise';
import { ParserPool } from '../../src/core/corpus/parser-pool';
import { sourceParserWorker } from '../../src/core/corpus/source-worker';
import { newId } from '../../src/core/ids';
import { insertBlocks } from '../../src/core/store/blocks';
import { insertDocument } from '../../src/core/store/documents';
import { openStore } from '../../src/core/store/open';
import { createHeadlessCore, tempDir } from '../../src/core/testing/temp-core';
import { writeHtmlCorpus, writeTextCorpus } from './corpus-generator';
import { round } from './measure';

function newCore(dataDir: string): Core {
  return createHeadlessCore(dataDir, { parserWorker: sourceParserWorker() });
}

/** Samples the process's resident memory (main thread and parser threads together). */
function memorySampler(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return {
    stop: () => {
      clearInterval(timer);
      return round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024, 1);
    },
  };
}

async function importWithApp(files: readonly string[], dataDir: string) {
  const core = newCore(dataDir);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const memory = memorySampler();
  delay.enable();
  const started = process.hrtime.bigint();
  const outcomes = await importPaths(core.db, files, () => new Date(), {
    parse: core.context.parse,
    concurrency: core.context.parseConcurrency,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  delay.disable();
  const peakRssMb = memory.stop();
  core.close();
  const imported = outcomes.filter((outcome) => outcome.status === 'imported').length;
  return {
    imported,
    seconds: round(seconds, 3),
    documentsPerSecond: round(imported / seconds, 1),
    eventLoopDelayP99Ms: round(delay.percentile(99) / 1e6, 1),
    eventLoopDelayMaxMs: round(delay.max / 1e6, 1),
    peakRssMb,
  };
}

/**
 * The text-import ceiling: a bare loop that reads each file and inserts its text, split at blank
 * lines, into the same tables in one transaction per document, with no decoding, metadata or
 * structure work.
 */
function bareInsertLoop(files: readonly string[], dataDir: string) {
  const db = openStore({ dataDir });
  const started = process.hrtime.bigint();
  for (const file of files) {
    const bytes = readFileSync(file);
    const text = bytes.toString('utf8');
    const built = buildText(
      text.split('\n\n').map((paragraph) => ({ kind: 'paragraph', level: 0, text: paragraph })),
    );
    db.transaction(() => {
      const id = newId('doc');
      insertDocument(db, {
        id,
        title: file,
        author: null,
        outlet: null,
        publishedAt: null,
        url: null,
        language: null,
        direction: null,
        format: 'txt',
        sourceName: file,
        text: built.text,
        textSha256: createHash('sha256').update(built.text).digest('hex'),
        originalSha256: createHash('sha256').update(bytes).digest('hex'),
        originalBytes: bytes,
        importedAt: new Date().toISOString(),
        previousVersionId: null,
      });
      insertBlocks(db, id, built.text, built.blocks);
    })();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return { seconds: round(seconds, 3), documentsPerSecond: round(files.length / seconds, 1) };
}

/** The HTML ceiling: article extraction alone over the same files, on the same parser threads. */
async function extractionOnly(files: readonly string[]) {
  const pool = new ParserPool({ worker: sourceParserWorker() });
  // Warm the threads so their start-up is not counted against extraction.
  await Promise.all(
    Array.from({ length: pool.size }, () => pool.parse(Buffer.from('<p>warm</p>'), 'warm.html')),
  );
  const started = process.hrtime.bigint();
  let inFlight: Promise<unknown>[] = [];
  for (const file of files) {
    inFlight.push(pool.parse(readFileSync(file), file));
    if (inFlight.length >= pool.size * 2) {
      await Promise.all(inFlight);
      inFlight = [];
    }
  }
  await Promise.all(inFlight);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await pool.close();
  return {
    seconds: round(seconds, 3),
    documentsPerSecond: round(files.length / seconds, 1),
    threads: pool.size,
  };
}

export async function benchImport(count: number) {
  const work = tempDir('bench-import-');
  try {
    const textFiles = writeTextCorpus(join(work.path, 'txt'), count);
    const htmlFiles = writeHtmlCorpus(join(work.path, 'html'), count);
    const textApp = await importWithApp(textFiles, join(work.path, 'store-txt'));
    const textCeiling = bareInsertLoop(textFiles, join(work.path, 'store-bare'));
    const htmlCeiling = await extractionOnly(htmlFiles);
    const htmlApp = await importWithApp(htmlFiles, join(work.path, 'store-html'));
    return [
      {
        name: `text import (${count} generated .txt articles, ~1,200 words)`,
        app: textApp,
        ceiling: {
          description: 'bare loop: read, split at blank lines, insert into the same tables',
          ...textCeiling,
        },
        ratioToCeiling: round(textApp.documentsPerSecond / textCeiling.documentsPerSecond),
        target: 'ratio >= 0.5',
      },
      {
        name: `HTML import (${count} generated saved pages)`,
        app: htmlApp,
        ceiling: { description: 'article extraction alone on the same parser threads', ...htmlCeiling },
        ratioToCeiling: round(htmlApp.documentsPerSecond / htmlCeiling.documentsPerSecond),
        target: 'ratio >= 0.7; event-loop delay p99 <= 50 ms; peak RSS <= 400 MB',
      },
    ];
  } finally {
    work.dispose();
  }
}
