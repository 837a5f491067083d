import type Database from 'better-sqlite3';
import {
  BODY_COUNT_KEPT,
  documentIndexTotals,
  documentTermsCurrent,
  indexTerms,
} from '../store/document-terms';
import { prepared } from '../store/statements';

/** bm25()'s constants in FTS5 (https://sqlite.org/fts5.html#the_bm25_function). */
const K1 = 1.2;
const B = 0.75;
/** Rows read past the page, so that near-ties at its end are scored too. */
const EXTRA_CANDIDATES = 32;
/** Relative gap between the page's candidates and the rest: far above rounding error (about 1e-15). */
const MARGIN = 1e-9;
/** Relative disagreement between bm25() and the counts that means they are out of step. */
const AGREEMENT = 1e-12;
/** Below this many matches, bm25() over every match costs a few milliseconds: not worth a shortcut. */
export const BROAD_TERM_MIN_MATCHES = 1000;

export type ColumnWeights = Readonly<{ title: number; headings: number; body: number }>;
export type RankedDocument = { key: number; score: number };

type Counted = { key: number; body: number; tokens: number };
type Candidate = { key: number; share: number };

/** A MATCH expression that is one quoted string: `"the"`, or a phrase such as `"grain ports"`. */
const ONE_QUOTED_STRING = /^"((?:[^"]|"")*)"$/u;

/** Whether a MATCH expression is one quoted string (a word or a phrase, nothing else). */
export function isOneQuotedString(match: string): boolean {
  return ONE_QUOTED_STRING.test(match);
}

/** The index term of a MATCH expression that is one quoted word (`"the"`), else null. */
function singleTerm(db: Database.Database, match: string): string | null {
  const quoted = ONE_QUOTED_STRING.exec(match);
  if (quoted === null) return null;
  const terms = indexTerms(db, (quoted[1] ?? '').replaceAll('""', '"'));
  return terms.length === 1 ? (terms[0] ?? null) : null;
}

/**
 * The page of documents for a one-word query, in bm25() order (score, then key), found from the
 * stored body counts instead of bm25() over every match; null when that cannot be shown to give the
 * same page (the caller then ranks with bm25() over every match).
 *
 * Why it is the same page. For one word FTS5 scores a document
 *   bm25 = -idf * f * (k1 + 1) / (f + k1 * (1 - b + b * D / avgdl))
 * where f sums the word's occurrences per column times the column's weight, D is the document's
 * length in tokens, avgdl the index's mean length, and idf is the same for every document (clamped
 * to 1e-6 when the word is in half the library or more). Documents with the word in their title or
 * headings are asked of FTS5 (a column filter, no scoring) and scored by bm25() whatever their
 * counts. Every other document has f = bodyWeight * n, n its body count, and bm25 order among them
 * is the order of
 *   r = n / (D + c),  c = avgdl * (1 - b) / b
 * from high to low. The stored counts give n and D exactly wherever n is at least BODY_COUNT_KEPT;
 * elsewhere n <= BODY_COUNT_KEPT - 1 and D >= n, so r <= (BODY_COUNT_KEPT - 1) / (BODY_COUNT_KEPT - 1
 * + c). Take the r of the p-th best counted document (p = offset + limit) less a margin as the
 * floor. If that bound lies below the floor, no uncounted document can reach the page, and nor can
 * a counted one below the floor: p documents beat each of them. The rest (the p best counted, any
 * within the margin of the p-th, and the title and heading matches) are scored by bm25() itself,
 * which also checks that each counted score agrees with its counts, and sorted as bm25() sorts them.
 */
export function rankBroadTerm(
  db: Database.Database,
  request: Readonly<{ match: string; weights: ColumnWeights; offset: number; limit: number }>,
): RankedDocument[] | null {
  const { match, weights, offset, limit } = request;
  if (weights.body <= 0 || !documentTermsCurrent(db)) return null;
  const term = singleTerm(db, match);
  if (term === null) return null;
  const totals = documentIndexTotals(db);
  if (totals.rows === 0 || totals.tokens === 0) return null;
  const avgdl = totals.tokens / totals.rows;
  const c = (avgdl * (1 - B)) / B;
  const ratio = (row: Counted) => row.body / (row.tokens + c);
  const bound = (BODY_COUNT_KEPT - 1) / (BODY_COUNT_KEPT - 1 + c);
  const wanted = offset + limit;
  const readCounted = (read: number) =>
    prepared(
      db,
      `SELECT key, body, tokens FROM document_terms WHERE term = @term
        ORDER BY body * 1.0 / (tokens + @c) DESC LIMIT @read`,
    ).all({ term, c, read }) as Counted[];
  let read = wanted + EXTRA_CANDIDATES;
  let rows = readCounted(read);
  // Leaving out title and heading matches below can only lower the p-th ratio: if the bound already
  // reaches it, decline before asking FTS5 for them.
  const unfiltered = rows[wanted - 1];
  if (unfiltered === undefined || bound >= ratio(unfiltered) * (1 - MARGIN)) return null;
  // Title and heading matches: scored by bm25() whatever their counts (their f is not stored).
  const headed = prepared(db, 'SELECT rowid FROM document_fts WHERE document_fts MATCH ?')
    .pluck()
    .all(`{title headings} : ${match}`) as number[];
  const skip = new Set(headed);
  if (rows.length === read && rows.some((row) => skip.has(row.key))) {
    // Some rows read were title and heading matches: read as many more.
    read += headed.length;
    rows = readCounted(read);
  }
  const counted = rows.filter((row) => !skip.has(row.key));
  const last = counted[wanted - 1];
  if (last === undefined) return null;
  const floor = ratio(last) * (1 - MARGIN);
  if (bound >= floor) return null;
  // Rows not read rank at or below the last one read: it must be below the floor too.
  const lastRead = rows.at(-1);
  if (rows.length === read && lastRead !== undefined && ratio(lastRead) >= floor) return null;
  const candidates = counted
    .filter((row) => ratio(row) >= floor)
    .map((row) => {
      const f = weights.body * row.body;
      return { key: row.key, share: f / (f + K1 * (1 - B + (B * row.tokens) / avgdl)) };
    });
  const scored = prepared(
    db,
    `SELECT rowid AS key, bm25(document_fts, ${weights.title}, ${weights.headings}, ${weights.body}) AS score
       FROM document_fts
      WHERE document_fts MATCH @match AND +rowid IN (SELECT value FROM json_each(@keys))`,
  ).all({
    match,
    keys: JSON.stringify([...candidates.map((row) => row.key), ...headed]),
  }) as RankedDocument[];
  if (!agrees(candidates, scored)) return null;
  return scored.sort((a, b) => a.score - b.score || a.key - b.key).slice(offset, wanted);
}

/**
 * Every counted candidate scored, each score the same multiple (-idf * (k1 + 1)) of its share,
 * f / (f + k1 * (1 - b + b * D / avgdl)).
 */
function agrees(candidates: readonly Candidate[], scored: readonly RankedDocument[]): boolean {
  const shares = new Map(candidates.map((row) => [row.key, row.share]));
  let ratio: number | null = null;
  let found = 0;
  for (const row of scored) {
    const share = shares.get(row.key);
    if (share === undefined) continue;
    found += 1;
    if (share <= 0) return false;
    const next = row.score / share;
    ratio ??= next;
    if (Math.abs(next - ratio) > AGREEMENT * Math.abs(ratio)) return false;
  }
  return found === candidates.length;
}
