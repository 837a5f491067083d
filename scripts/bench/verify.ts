import { createHash } from 'node:crypto';
import type { Core } from '../../src/core/api/core';
import { buildText } from '../../src/core/corpus/normalise';
import { selectorAt, snapToWords } from '../../src/core/excerpts/anchor';
import { insertBlocks } from '../../src/core/store/blocks';
import { insertDocument } from '../../src/core/store/documents';
import { insertExcerpts, type NewExcerpt } from '../../src/core/store/excerpts';
import { insertTag } from '../../src/core/store/tags';
import { openStore } from '../../src/core/store/open';
import { seededRandom } from '../../src/core/testing/random';
import { createHeadlessCore, tempDir } from '../../src/core/testing/temp-core';
import type { ExcerptFilter, ExcerptSort } from '../../src/shared/dto';
import { BENCH_TAGS, generateArticle } from './corpus-generator';
import { round, time } from './measure';

const EXCERPTS_PER_DOCUMENT = 100;
const PAGE = 100;

type Library = { documentIds: string[]; outlets: string[]; corrupted: { moved: number; broken: number } };

/**
 * Fills a library with generated documents and `count` excerpts in one transaction: random
 * passages snapped to words, 0-2 tags each, one creation time per excerpt. A few rows are then
 * corrupted so the check also walks its slow paths (moved and broken).
 */
export function buildLibrary(dataDir: string, count: number): Library {
  const random = seededRandom(4);
  const db = openStore({ dataDir });
  const documentCount = Math.max(1, Math.ceil(count / EXCERPTS_PER_DOCUMENT));
  const documents: { id: string; text: string; sha: string }[] = [];
  const outlets = new Set<string>();
  const base = Date.parse('2026-01-01T00:00:00Z');
  db.transaction(() => {
    for (let index = 0; index < documentCount; index += 1) {
      const article = generateArticle(random, index, 900);
      const built = buildText(
        article.paragraphs.map((text) => ({ kind: 'paragraph' as const, level: 0, text })),
      );
      const id = `doc_bench${String(index).padStart(6, '0')}`;
      const bytes = Buffer.from(built.text);
      insertDocument(db, {
        id,
        title: article.title,
        author: article.author,
        outlet: article.outlet,
        publishedAt: article.date,
        url: `https://bench.example/${index}`,
        language: 'en',
        direction: 'ltr',
        format: 'txt',
        sourceName: `${id}.txt`,
        text: built.text,
        textSha256: createHash('sha256').update(built.text).digest('hex'),
        originalSha256: createHash('sha256').update(bytes).digest('hex'),
        originalBytes: bytes,
        importedAt: new Date(base).toISOString(),
        previousVersionId: null,
      });
      insertBlocks(db, id, built.text, built.blocks);
      outlets.add(article.outlet);
      documents.push({ id, text: built.text, sha: createHash('sha256').update(built.text).digest('hex') });
    }
    const tagIds = BENCH_TAGS.map((name) => insertTag(db, name, new Date(base).toISOString()));
    const excerpts = function* (): Generator<NewExcerpt> {
      for (let index = 0; index < count; index += 1) {
        const document = documents[Math.floor(random() * documents.length)] ?? documents[0];
        if (document === undefined) return;
        const from = Math.floor(random() * (document.text.length - 400));
        const range = snapToWords(document.text, from, from + 40 + Math.floor(random() * 260));
        if (range.end <= range.start) continue;
        const at = new Date(base + index * 1000).toISOString();
        yield {
          id: `exc_bench${String(index).padStart(7, '0')}`,
          documentId: document.id,
          documentTextSha256: document.sha,
          ...selectorAt(document.text, range.start, range.end),
          start: range.start,
          end: range.end,
          note: index % 7 === 0 ? 'check against the ministry statement' : '',
          createdAt: at,
          updatedAt: at,
        };
      }
    };
    insertExcerpts(db, excerpts());
    const tag = db.prepare('INSERT OR IGNORE INTO excerpt_tags (excerpt_id, tag_id) VALUES (?, ?)');
    const ids = db.prepare('SELECT id FROM excerpts').pluck().all() as string[];
    for (const id of ids) {
      const tags = Math.floor(random() * 3);
      for (let n = 0; n < tags; n += 1) tag.run(id, tagIds[Math.floor(random() * tagIds.length)]);
    }
  })();
  // One in a thousand excerpts off by a character (moved), one in two thousand with an altered quote.
  const moved = db
    .prepare(
      'UPDATE excerpts SET start_offset = start_offset + 1, end_offset = end_offset + 1 WHERE rowid % 1000 = 7',
    )
    .run().changes;
  const broken = db
    .prepare("UPDATE excerpts SET quote = quote || ' (as amended)' WHERE rowid % 2000 = 11")
    .run().changes;
  db.close();
  return {
    documentIds: documents.map((document) => document.id),
    outlets: [...outlets].sort(),
    corrupted: { moved, broken },
  };
}

function openCore(dataDir: string): Core {
  return createHeadlessCore(dataDir);
}

/**
 * The integrity check over `count` excerpts, and excerpt-library pages (first and last) for each
 * filter and sort, on a library of generated documents.
 */
export async function benchVerify(count = 100_000) {
  const work = tempDir('bench-verify-');
  try {
    const buildStarted = process.hrtime.bigint();
    const library = buildLibrary(work.path, count);
    const buildSeconds = Number(process.hrtime.bigint() - buildStarted) / 1e9;
    const core = openCore(work.path);
    try {
      const started = process.hrtime.bigint();
      const report = await core.handlers.verifyExcerpts({});
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const verifyTiming = await time(3, async () => {
        await core.handlers.verifyExcerpts({});
      });

      const cases: Record<string, ExcerptFilter> = {
        all: {},
        tag: { tag: 'red sea' },
        document: { documentId: library.documentIds[Math.floor(library.documentIds.length / 2)] ?? '' },
        outlet: { outlet: library.outlets[0] ?? '' },
        dates: { from: '2025-03-01', to: '2025-05-31' },
        outletAndDates: { outlet: library.outlets[1] ?? '', from: '2025-06-01', to: '2025-12-31' },
        tagAndOutlet: { tag: 'Shipping', outlet: library.outlets[2] ?? '' },
      };
      const listPageMs: Record<string, { total: number; firstPageMs: number; lastPageMs: number }> = {};
      for (const sort of ['recent', 'document'] as const satisfies readonly ExcerptSort[]) {
        for (const [name, filter] of Object.entries(cases)) {
          const { total } = await core.handlers.listAllExcerpts({ filter, sort, offset: 0, limit: 1 });
          const last = Math.max(0, total - PAGE);
          const first = await time(5, async () => {
            await core.handlers.listAllExcerpts({ filter, sort, offset: 0, limit: PAGE });
          });
          const deep = await time(5, async () => {
            await core.handlers.listAllExcerpts({ filter, sort, offset: last, limit: PAGE });
          });
          listPageMs[`${sort}/${name}`] = { total, firstPageMs: first.medianMs, lastPageMs: deep.medianMs };
        }
      }
      return {
        name: `excerpt integrity check (${report.checked} excerpts over ${library.documentIds.length} generated documents)`,
        excerpts: report.checked,
        seconds: round(seconds, 3),
        excerptsPerSecond: round(report.checked / seconds, 0),
        medianOfThreeSeconds: round(verifyTiming.medianMs / 1000, 3),
        medianExcerptsPerSecond: round(report.checked / (verifyTiming.medianMs / 1000), 0),
        found: {
          exact: report.exact,
          moved: report.moved,
          broken: report.broken,
          corrupted: library.corrupted,
        },
        target: '>= 20,000/s',
        buildSeconds: round(buildSeconds, 2),
        listPageMs,
        listTarget: `a page of ${PAGE} well under 50 ms`,
      };
    } finally {
      core.close();
    }
  } finally {
    work.dispose();
  }
}

// Run on its own: `npx tsx scripts/bench/verify.ts [count]`.
if (require.main === module) {
  benchVerify(Number(process.argv[2] ?? 100_000))
    .then((result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(
        `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    });
}
