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

type Candidate = { key: number; share: number };

/** The index term of a MATCH expression that is one quoted word (`"the"`), else null. */
function singleTerm(db: Database.Database, match: string): string | null {
  const quoted = /^"((?:[^"]|"")*)"$/u.exec(match);
  if (quoted === null) return null;
  const terms = indexTerms(db, (quoted[1] ?? '').replaceAll('""', '"'));
  return terms.length === 1 ? (terms[0] ?? null) : null;
}

/**
 * The page of documents for a one-word query, in bm25() order (score, then key), found from the
 * stored word counts instead of bm25() over every match; null when that cannot be shown to give the
 * same page (the caller then ranks with bm25() over every match).
 *
 * Why it is the same page. For one word FTS5 scores a document
 *   bm25 = -idf * f * (k1 + 1) / (f + k1 * (1 - b + b * D / avgdl))
 * where f sums the word's occurrences per column times the column's weight, D is the document's
 * length in tokens, avgdl the index's mean length, and idf is the same for every document (clamped
 * to 1e-6 when the word is in half the library or more). So bm25 order is the order of
 *   share = f / (f + k1 * (1 - b + b * D / avgdl))
 * from high to low. The counts hold f and D exactly for every document with the word in its title or
 * headings or at least BODY_COUNT_KEPT times in its body; any other match has
 *   f <= (BODY_COUNT_KEPT - 1) * bodyWeight,  so  share <= that f / (that f + k1 * (1 - b)).
 * If the page's last share (the n-th best, n = offset + limit) lies above that bound by a margin, no
 * uncounted document can reach the page; counted documents below that share by the same margin
 * cannot either. The documents left (the n best, and any within the margin of the n-th) are scored
 * by bm25() itself, which also checks that each score agrees with its share, and sorted as bm25()
 * sorts them.
 */
export function rankBroadTerm(
  db: Database.Database,
  request: Readonly<{ match: string; weights: ColumnWeights; offset: number; limit: number }>,
): RankedDocument[] | null {
  const { match, weights, offset, limit } = request;
  if (!documentTermsCurrent(db)) return null;
  const term = singleTerm(db, match);
  if (term === null) return null;
  const totals = documentIndexTotals(db);
  if (totals.rows === 0 || totals.tokens === 0) return null;
  const wanted = offset + limit;
  const read = wanted + EXTRA_CANDIDATES;
  const rows = prepared(
    db,
    `SELECT key, f / (f + @k1 * (1.0 - @b + @b * tokens / @avgdl)) AS share
       FROM (SELECT key, tokens, 1.0 * (@title * title + @headings * headings + @body * body) AS f
               FROM document_terms WHERE term = @term)
      ORDER BY share DESC LIMIT @read`,
  ).all({
    term,
    k1: K1,
    b: B,
    avgdl: totals.tokens / totals.rows,
    ...weights,
    read,
  }) as Candidate[];
  const last = rows[wanted - 1];
  if (last === undefined) return null;
  const floor = last.share * (1 - MARGIN);
  const uncounted = (BODY_COUNT_KEPT - 1) * weights.body;
  if (uncounted / (uncounted + K1 * (1 - B)) >= floor) return null;
  let cut = rows.findIndex((row) => row.share < floor);
  if (cut === -1) {
    // Every row read is within the margin: more may be, unread.
    if (rows.length === read) return null;
    cut = rows.length;
  }
  const candidates = rows.slice(0, cut);
  const scored = prepared(
    db,
    `SELECT rowid AS key, bm25(document_fts, ${weights.title}, ${weights.headings}, ${weights.body}) AS score
       FROM document_fts
      WHERE document_fts MATCH @match AND +rowid IN (SELECT value FROM json_each(@keys))`,
  ).all({ match, keys: JSON.stringify(candidates.map((row) => row.key)) }) as RankedDocument[];
  if (!agrees(candidates, scored)) return null;
  return scored.sort((a, b) => a.score - b.score || a.key - b.key).slice(offset, wanted);
}

/** Every candidate scored, each score the same multiple of its share (-idf * (k1 + 1)). */
function agrees(candidates: readonly Candidate[], scored: readonly RankedDocument[]): boolean {
  if (scored.length !== candidates.length) return false;
  const shares = new Map(candidates.map((row) => [row.key, row.share]));
  let ratio: number | null = null;
  for (const row of scored) {
    const share = shares.get(row.key);
    if (share === undefined || share <= 0) return false;
    const next = row.score / share;
    ratio ??= next;
    if (Math.abs(next - ratio) > AGREEMENT * Math.abs(ratio)) return false;
  }
  return true;
}
