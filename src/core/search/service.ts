import type Database from 'better-sqlite3';
import type {
  BlockHit,
  DocumentSearchHit,
  ExcerptSearchHit,
  FacetCount,
  MarkedText,
  SearchFacets,
  SearchRequest,
  SearchResults,
} from '../../shared/dto';
import { foldForSearch } from '../store/search-index';
import { prepared } from '../store/statements';
import { BROAD_TERM_MIN_MATCHES, isOneQuotedString, rankBroadTerm, type ColumnWeights } from './broad-term';
import { parseQuery, type ParsedQuery, type SearchFilters } from './query';
import { highlightDocuments, highlightExcerpts, MARK_CLOSE, MARK_OPEN } from './highlight';
import { markedRanges, snippetAround } from './snippet';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;
/** Longer queries are cut here (a pasted page is still searched by its first words). */
export const MAX_QUERY_LENGTH = 1000;
/** Excerpt hits shown above the documents when the query is not limited to excerpts. */
const EXCERPTS_BESIDE_DOCUMENTS = 5;
/** Passages shown per document. */
const HITS_PER_DOCUMENT = 3;
const FACET_LIMIT = 12;

/** Title and headings weigh more than body text. */
const DOCUMENT_COLUMNS: ColumnWeights = { title: 10, headings: 5, body: 1 };
const DOCUMENT_COLUMN_WEIGHTS = [DOCUMENT_COLUMNS.title, DOCUMENT_COLUMNS.headings, DOCUMENT_COLUMNS.body]
  .map((weight) => weight.toFixed(1))
  .join(', ');
/** Quote and note as body text; a tag names what the excerpt is about. */
const EXCERPT_COLUMN_WEIGHTS = '1.0, 1.0, 2.0';
/** bm25() with the column weights, for every query that ranks (scores are comparable across them). */
const DOCUMENT_WEIGHTS = `bm25(document_fts, ${DOCUMENT_COLUMN_WEIGHTS})`;
const EXCERPT_WEIGHTS = `bm25(excerpt_fts, ${EXCERPT_COLUMN_WEIGHTS})`;

type Scope = Readonly<{ from: string; where: string; params: Record<string, string> }>;

/**
 * How the filters are written: `driving` names the filter SQLite should start from when nothing is
 * matched in FTS5 (the others are written so that SQLite cannot start from them).
 */
function filterClauses(
  filters: SearchFilters,
  excerptAlias: string | null,
  driving: 'any' | 'documents' | 'tag' = 'any',
): { sql: string[]; params: Record<string, string> } {
  // A unary + keeps SQLite from using an index for the term, so it cannot start from it.
  const dates = driving === 'documents' ? '+s.published' : 's.published';
  const sql: string[] = [];
  const params: Record<string, string> = {};
  if (filters.author !== undefined) {
    sql.push('instr(s.author_key, @author) > 0');
    params.author = foldForSearch(filters.author);
  }
  if (filters.outlet !== undefined) {
    sql.push('instr(s.outlet_key, @outlet) > 0');
    params.outlet = foldForSearch(filters.outlet);
  }
  if (filters.after !== undefined) {
    sql.push(`${dates} > @after`);
    params.after = filters.after;
  }
  if (filters.before !== undefined) {
    sql.push(`${dates} < @before`);
    params.before = filters.before;
  }
  if (filters.tag !== undefined) {
    params.tag = filters.tag;
    // The tag's excerpts are gathered once (an IN list), not looked up again for every match; their
    // documents are read from the narrow excerpt_search rows.
    sql.push(
      excerptAlias === null
        ? // The unary + keeps SQLite from driving the search from this list (FTS5 would then be
          // asked row by row).
          `+s.key IN (SELECT te.document_key FROM tags t JOIN excerpt_tags et ON et.tag_id = t.id
                       JOIN excerpt_search te ON te.excerpt_id = et.excerpt_id WHERE t.name = @tag)`
        : `${driving === 'tag' ? '' : '+'}${excerptAlias}.excerpt_id IN (
             SELECT et.excerpt_id FROM tags t JOIN excerpt_tags et ON et.tag_id = t.id WHERE t.name = @tag)`,
    );
  }
  return { sql, params };
}

function documentScope(parsed: ParsedQuery): Scope {
  if (parsed.match === null) {
    // An author or outlet is matched in a scan of the narrow rows (a few milliseconds); started from
    // the dates' index instead, SQLite looked up most rows one by one to keep a few hundred (40 ms at
    // 50,000 documents for `outlet:... after:2016-04-14`).
    const { author, outlet } = parsed.filters;
    const filters = filterClauses(
      parsed.filters,
      null,
      author !== undefined || outlet !== undefined ? 'documents' : 'any',
    );
    return {
      from: 'document_search s',
      where: ['1', ...filters.sql].join(' AND '),
      params: filters.params,
    };
  }
  const filters = filterClauses(parsed.filters, null);
  return {
    from: 'document_fts JOIN document_search s ON s.key = document_fts.rowid',
    where: ['document_fts MATCH @match', ...filters.sql].join(' AND '),
    params: { ...filters.params, match: parsed.match },
  };
}

function excerptScope(parsed: ParsedQuery): Scope {
  // Filters and sorting read the narrow excerpt_search rows (document key, creation time) and the
  // documents' search facts, never the wide excerpts rows.
  if (parsed.match === null) {
    // Without words, start from what the filters narrow most: the documents of an author or outlet
    // (a scan of the narrow document_search rows, then their excerpts by index), else the excerpts of a
    // tag, else every excerpt. Left to itself SQLite read all 200,000 excerpt rows (a quarter of a
    // second at 50,000 documents) to keep the few hundred of one author.
    const { author, outlet, tag } = parsed.filters;
    if (author !== undefined || outlet !== undefined) {
      const filters = filterClauses(parsed.filters, 'xs', 'documents');
      return {
        from: 'document_search s CROSS JOIN excerpt_search xs ON xs.document_key = s.key',
        where: ['1', ...filters.sql].join(' AND '),
        params: filters.params,
      };
    }
    const filters = filterClauses(parsed.filters, 'xs', tag === undefined ? 'any' : 'tag');
    return {
      from: 'excerpt_search xs JOIN document_search s ON s.key = xs.document_key',
      where: ['1', ...filters.sql].join(' AND '),
      params: filters.params,
    };
  }
  const filters = filterClauses(parsed.filters, 'xs');
  return {
    from: `excerpt_fts JOIN excerpt_search xs ON xs.key = excerpt_fts.rowid
           JOIN document_search s ON s.key = xs.document_key`,
    where: ['excerpt_fts MATCH @match', ...filters.sql].join(' AND '),
    params: { ...filters.params, match: parsed.match },
  };
}

function hasFilters(filters: SearchFilters): boolean {
  return (
    filters.author !== undefined ||
    filters.outlet !== undefined ||
    filters.tag !== undefined ||
    filters.after !== undefined ||
    filters.before !== undefined
  );
}

/** A ranked document: its key into document_search and its bm25 score (0 when unranked). */
export type RankedKey = { key: number; score: number };

/** Documents in rank order (keys and scores, a page or the top of a part) and how many match. */
export type RankedDocuments = { keys: RankedKey[]; total: number };

/** Document keys from `first` to `last`, both included: the part of the library one ranking covers. */
export type KeyRange = Readonly<{ first: number; last: number }>;

/** Every document key. */
const EVERY_KEY: KeyRange = { first: Number.MIN_SAFE_INTEGER, last: Number.MAX_SAFE_INTEGER };

/**
 * A page ending further down than this is ranked in one part: each part would send this many
 * documents to be merged.
 */
const MAX_PARTED_PAGE_END = 1000;

function pageSize(limit: number | undefined): number {
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(limit ?? DEFAULT_PAGE_SIZE)));
}

/** How many documents in `range` match. */
function countMatches(db: Database.Database, match: string, range: KeyRange): number {
  const row = prepared(
    db,
    `SELECT count(*) AS n FROM document_fts
      WHERE document_fts MATCH @match AND rowid BETWEEN @first AND @last`,
  ).get({ match, ...range }) as { n: number };
  return row.n;
}

/**
 * The matches in `range` in bm25() order, from `offset`, at most `limit`. The query stays inside
 * FTS5 and SQLite's own sorter keeps only the page (a bm25() column sorted by SQLite is a fifth
 * cheaper than FTS5's `ORDER BY rank` for words in nearly every document); the words are marked
 * afterwards for that page only. bm25() scores a document the same whatever the range (its idf
 * counts are of the whole index), so the parts of a search rank as the whole does.
 */
function rankMatches(
  db: Database.Database,
  match: string,
  range: KeyRange,
  offset: number,
  limit: number,
): RankedKey[] {
  return prepared(
    db,
    `SELECT rowid AS key, ${DOCUMENT_WEIGHTS} AS score
       FROM document_fts
      WHERE document_fts MATCH @match AND rowid BETWEEN @first AND @last
      ORDER BY score, key LIMIT @limit OFFSET @offset`,
  ).all({ match, ...range, limit, offset }) as RankedKey[];
}

/** Documents in rank order: keys into document_search, with their bm25 score (0 when unranked). */
function rankDocuments(
  db: Database.Database,
  parsed: ParsedQuery,
  sort: 'relevance' | 'date',
  offset: number,
  limit: number,
): RankedDocuments {
  if (parsed.match !== null && !hasFilters(parsed.filters) && sort === 'relevance') {
    const total = countMatches(db, parsed.match, EVERY_KEY);
    // A word in much of the library: the page from stored word counts, in the same order bm25() gives
    // (null when that cannot be shown for this query).
    const broad =
      total >= BROAD_TERM_MIN_MATCHES
        ? rankBroadTerm(db, { match: parsed.match, weights: DOCUMENT_COLUMNS, offset, limit })
        : null;
    return { keys: broad ?? rankMatches(db, parsed.match, EVERY_KEY, offset, limit), total };
  }
  const scope = documentScope(parsed);
  const score = parsed.match === null ? '0.0' : DOCUMENT_WEIGHTS;
  const order =
    sort === 'date' || parsed.match === null ? 'published IS NULL, published DESC, score, key' : 'score, key';
  // One pass gives the page and the total (the window counts every match before LIMIT applies).
  const rows = prepared(
    db,
    `SELECT key, score, count(*) OVER () AS total
       FROM (SELECT s.key AS key, ${score} AS score, s.published AS published
               FROM ${scope.from} WHERE ${scope.where})
      ORDER BY ${order} LIMIT @limit OFFSET @offset`,
  ).all({ ...scope.params, limit, offset }) as (RankedKey & { total: number })[];
  const total =
    rows[0]?.total ??
    (
      prepared(db, `SELECT count(*) AS n FROM ${scope.from} WHERE ${scope.where}`).get(scope.params) as {
        n: number;
      }
    ).n;
  return { keys: rows.map(({ key, score: value }) => ({ key, score: value })), total };
}

type DocumentRow = {
  key: number;
  id: string;
  title: string;
  author: string | null;
  outlet: string | null;
  published_at: string | null;
  text: string;
};

type BlockRow = { id: number; start: number; end: number; page: number | null; boilerplate: number };

function documentHits(db: Database.Database, parsed: ParsedQuery, ranked: RankedKey[]): DocumentSearchHit[] {
  if (ranked.length === 0) return [];
  const keys = JSON.stringify(ranked.map((row) => row.key));
  const rows = prepared(
    db,
    `SELECT s.key AS key, d.id, d.title, d.author, d.outlet, d.published_at, d.text
       FROM document_search s JOIN documents d ON d.id = s.document_id
      WHERE s.key IN (SELECT value FROM json_each(?))`,
  ).all(keys) as DocumentRow[];
  const marked = new Map<number, { title: string; body: string }>();
  if (parsed.match !== null) {
    const highlighted = highlightDocuments(
      db,
      parsed.match,
      ranked.map((row) => row.key),
    );
    for (const row of highlighted) marked.set(row.key, row);
  }
  const blocksOf = prepared(
    db,
    `SELECT id, start_offset AS start, end_offset AS end, page, boilerplate
       FROM blocks WHERE document_id = ? ORDER BY ordinal`,
  );
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const hits: DocumentSearchHit[] = [];
  for (const { key, score } of ranked) {
    const row = byKey.get(key);
    if (row === undefined) continue;
    const highlight = marked.get(key);
    const titleRanges = highlight ? markedRanges(highlight.title, row.title, MARK_OPEN, MARK_CLOSE) : null;
    const bodyRanges = highlight ? markedRanges(highlight.body, row.text, MARK_OPEN, MARK_CLOSE) : null;
    hits.push({
      documentId: row.id,
      title: { text: row.title, highlights: titleRanges ?? [] },
      author: row.author,
      outlet: row.outlet,
      publishedAt: row.published_at,
      score,
      hits: bodyRanges ? blockHits(row.text, blocksOf.all(row.id) as BlockRow[], bodyRanges) : [],
    });
  }
  return hits;
}

/** The blocks holding the most distinct matched words (then the most matches), best first. */
function blockHits(
  text: string,
  blocks: readonly BlockRow[],
  ranges: readonly (readonly [number, number])[],
): BlockHit[] {
  const perBlock = new Map<number, { block: BlockRow; ranges: [number, number][]; words: Set<string> }>();
  let cursor = 0;
  for (const range of ranges) {
    while (cursor < blocks.length && (blocks[cursor]?.end ?? 0) <= range[0]) cursor += 1;
    const block = blocks[cursor];
    if (block === undefined || block.start > range[0]) continue;
    const entry = perBlock.get(block.id) ?? { block, ranges: [], words: new Set<string>() };
    entry.ranges.push([range[0], range[1]]);
    entry.words.add(foldForSearch(text.slice(range[0], range[1])));
    perBlock.set(block.id, entry);
  }
  return [...perBlock.values()]
    .sort(
      (a, b) =>
        a.block.boilerplate - b.block.boilerplate ||
        b.words.size - a.words.size ||
        b.ranges.length - a.ranges.length ||
        a.block.start - b.block.start,
    )
    .slice(0, HITS_PER_DOCUMENT)
    .map(({ block, ranges: blockRanges }) => ({
      blockId: block.id,
      start: block.start,
      end: block.end,
      page: block.page,
      snippet: snippetAround(text, block.start, block.end, blockRanges),
      matches: blockRanges,
    }));
}

type ExcerptRow = {
  key: number;
  id: string;
  document_id: string;
  title: string;
  start_offset: number;
  end_offset: number;
  quote: string;
  note: string;
  tags: string | null;
};

function countExcerpts(db: Database.Database, parsed: ParsedQuery): number {
  if (parsed.match !== null && !hasFilters(parsed.filters)) {
    const row = prepared(db, 'SELECT count(*) AS n FROM excerpt_fts WHERE excerpt_fts MATCH ?').get(
      parsed.match,
    ) as { n: number };
    return row.n;
  }
  const scope = excerptScope(parsed);
  const row = prepared(db, `SELECT count(*) AS n FROM ${scope.from} WHERE ${scope.where}`).get(
    scope.params,
  ) as { n: number };
  return row.n;
}

/** Excerpts in rank order (ids, keys into excerpt_search, bm25), and how many match in all. */
function rankExcerpts(
  db: Database.Database,
  parsed: ParsedQuery,
  sort: 'relevance' | 'date',
  offset: number,
  limit: number,
): { ranked: { key: number; score: number; id: string }[]; total: number } {
  if (parsed.match !== null && !hasFilters(parsed.filters) && sort === 'relevance') {
    const total = countExcerpts(db, parsed);
    // As for documents: ranked inside FTS5 with SQLite's sorter keeping only the page (cheaper than
    // FTS5's `ORDER BY rank` when the word is in most excerpts), and only the page is looked up.
    const ranked = prepared(
      db,
      `SELECT x.key AS key, x.score AS score, xs.excerpt_id AS id
         FROM (SELECT rowid AS key, ${EXCERPT_WEIGHTS} AS score FROM excerpt_fts
                WHERE excerpt_fts MATCH @match
                ORDER BY score, key LIMIT @limit OFFSET @offset) x
         JOIN excerpt_search xs ON xs.key = x.key
        ORDER BY x.score, x.key`,
    ).all({ match: parsed.match, limit, offset }) as { key: number; score: number; id: string }[];
    return { ranked, total };
  }
  const scope = excerptScope(parsed);
  const score = parsed.match === null ? '0.0' : EXCERPT_WEIGHTS;
  const order =
    sort === 'date' || parsed.match === null
      ? 'published IS NULL, published DESC, score, created_at DESC, key'
      : 'score, created_at DESC, key';
  const rows = prepared(
    db,
    `SELECT key, score, id, count(*) OVER () AS total
       FROM (SELECT xs.key AS key, ${score} AS score, xs.excerpt_id AS id, s.published AS published,
                    xs.created_at AS created_at
               FROM ${scope.from} WHERE ${scope.where})
      ORDER BY ${order} LIMIT @limit OFFSET @offset`,
  ).all({ ...scope.params, limit, offset }) as { key: number; score: number; id: string; total: number }[];
  const total = rows[0]?.total ?? countExcerpts(db, parsed);
  return { ranked: rows.map(({ key, score: value, id }) => ({ key, score: value, id })), total };
}

function searchExcerpts(
  db: Database.Database,
  parsed: ParsedQuery,
  sort: 'relevance' | 'date',
  offset: number,
  limit: number,
): { total: number; hits: ExcerptSearchHit[] } {
  // Rank first, then read quotes, notes, tags and titles for the page only.
  const { ranked, total } = rankExcerpts(db, parsed, sort, offset, limit);
  const details = new Map(
    (
      prepared(
        db,
        `SELECT e.id, e.document_id, d.title, e.start_offset, e.end_offset, e.quote, e.note,
                (SELECT group_concat(t.name, char(31)) FROM excerpt_tags et JOIN tags t ON t.id = et.tag_id
                  WHERE et.excerpt_id = e.id) AS tags
           FROM excerpts e JOIN documents d ON d.id = e.document_id
          WHERE e.id IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(ranked.map((row) => row.id))) as Omit<ExcerptRow, 'key'>[]
    ).map((row) => [row.id, row]),
  );
  const rows = ranked.flatMap((row) => {
    const detail = details.get(row.id);
    return detail === undefined ? [] : [{ ...detail, key: row.key, score: row.score }];
  });
  const marked = new Map<number, { quote: string; note: string }>();
  if (parsed.match !== null && rows.length > 0) {
    const highlighted = highlightExcerpts(
      db,
      parsed.match,
      rows.map((row) => row.key),
    );
    for (const row of highlighted) marked.set(row.key, row);
  }
  const hits = rows.map((row): ExcerptSearchHit => {
    const highlight = marked.get(row.key);
    const quote: MarkedText = {
      text: row.quote,
      highlights: (highlight && markedRanges(highlight.quote, row.quote, MARK_OPEN, MARK_CLOSE)) ?? [],
    };
    const noteRanges = highlight && markedRanges(highlight.note, row.note, MARK_OPEN, MARK_CLOSE);
    return {
      excerptId: row.id,
      documentId: row.document_id,
      documentTitle: row.title,
      start: row.start_offset,
      end: row.end_offset,
      quote,
      note: row.note === '' ? null : { text: row.note, highlights: noteRanges ?? [] },
      tags: row.tags === null ? [] : row.tags.split('\u001f'),
      score: row.score,
    };
  });
  return { total, hits };
}

function parseRequest(request: Pick<SearchRequest, 'query' | 'typeahead'>): ParsedQuery {
  return parseQuery(request.query.slice(0, MAX_QUERY_LENGTH), { typeahead: request.typeahead === true });
}

function nothingToSearch(parsed: ParsedQuery): boolean {
  return parsed.match === null && !hasFilters(parsed.filters);
}

type PreparedSearch = Readonly<{
  parsed: ParsedQuery;
  offset: number;
  limit: number;
  sort: 'relevance' | 'date';
}>;

function prepareSearch(request: SearchRequest): PreparedSearch {
  return {
    parsed: parseRequest(request),
    offset: Math.max(0, Math.trunc(request.offset ?? 0)),
    limit: pageSize(request.limit),
    sort: request.sort ?? 'relevance',
  };
}

/** The documents half of a search's results: the page of documents and how many match. */
export type DocumentResults = Pick<SearchResults, 'documentTotal' | 'documents'>;
/** The excerpts half: the excerpts shown (a page, or a few above the documents) and how many match. */
export type ExcerptResults = Pick<SearchResults, 'excerptTotal' | 'excerpts'>;

function documentResults(
  db: Database.Database,
  { parsed, sort, offset, limit }: PreparedSearch,
): DocumentResults {
  if (nothingToSearch(parsed) || parsed.filters.in === 'excerpts') return { documentTotal: 0, documents: [] };
  return pageOf(db, parsed, rankDocuments(db, parsed, sort, offset, limit));
}

/** The documents half of a search from its ranked page: the hits of the page and the total. */
function pageOf(db: Database.Database, parsed: ParsedQuery, ranked: RankedDocuments): DocumentResults {
  return { documentTotal: ranked.total, documents: documentHits(db, parsed, ranked.keys) };
}

function excerptResults(
  db: Database.Database,
  { parsed, sort, offset, limit }: PreparedSearch,
): ExcerptResults {
  if (nothingToSearch(parsed) || parsed.filters.in === 'documents') return { excerptTotal: 0, excerpts: [] };
  const { total, hits } =
    parsed.filters.in === 'excerpts'
      ? searchExcerpts(db, parsed, sort, offset, limit)
      : offset === 0
        ? searchExcerpts(db, parsed, sort, 0, EXCERPTS_BESIDE_DOCUMENTS)
        : countOnly(db, parsed);
  return { excerptTotal: total, excerpts: hits };
}

/** search()'s documents half alone (what search() returns for documents and their total). */
export function searchDocuments(db: Database.Database, request: SearchRequest): DocumentResults {
  return documentResults(db, prepareSearch(request));
}

/** search()'s excerpts half alone (what search() returns for excerpts and their total). */
export function searchExcerptHits(db: Database.Database, request: SearchRequest): ExcerptResults {
  return excerptResults(db, prepareSearch(request));
}

/**
 * Two ranges of document keys, split at the middle key, when the documents of a search may be
 * ranked in parts (each part on a search thread of its own; see rankDocumentPart) and merged; null
 * when they are ranked whole. Parts are for a relevance search of words without filters, whose cost
 * is bm25() over every match (about 18 ms for two words in half of 50,000 documents; 11 for each
 * half). One word is ranked whole: when it is in much of the library rankBroadTerm finds its page
 * from stored counts over the whole library, and otherwise it matches too few documents to matter.
 */
export function documentRankingParts(
  db: Database.Database,
  request: SearchRequest,
): readonly [KeyRange, KeyRange] | null {
  const { parsed, sort, offset, limit } = prepareSearch(request);
  if (
    parsed.match === null ||
    hasFilters(parsed.filters) ||
    parsed.filters.in === 'excerpts' ||
    sort !== 'relevance' ||
    offset + limit > MAX_PARTED_PAGE_END ||
    isOneQuotedString(parsed.match)
  ) {
    return null;
  }
  // Two subqueries: each is one step down the table's b-tree (min() and max() in one query scan it).
  const keys = prepared(
    db,
    'SELECT (SELECT min(key) FROM document_search) AS low, (SELECT max(key) FROM document_search) AS high',
  ).get() as {
    low: number | null;
    high: number | null;
  };
  if (keys.low === null || keys.high === null) return null;
  const middle = Math.floor((keys.low + keys.high) / 2);
  return [
    { first: EVERY_KEY.first, last: middle },
    { first: middle + 1, last: EVERY_KEY.last },
  ];
}

/**
 * One part of a search's document ranking (see documentRankingParts): the documents in `range`
 * in rank order down to the end of the page asked for, and how many in it match.
 */
export function rankDocumentPart(
  db: Database.Database,
  request: SearchRequest,
  range: KeyRange,
): RankedDocuments {
  const { parsed, offset, limit } = prepareSearch(request);
  if (parsed.match === null) return { keys: [], total: 0 };
  return {
    keys: rankMatches(db, parsed.match, range, 0, offset + limit),
    total: countMatches(db, parsed.match, range),
  };
}

/** The page of documents and their total from the parts of a ranking (together they cover every key once). */
export function mergeDocumentParts(
  request: SearchRequest,
  parts: readonly RankedDocuments[],
): RankedDocuments {
  const { offset, limit } = prepareSearch(request);
  const keys = parts
    .flatMap((part) => part.keys)
    .sort((a, b) => a.score - b.score || a.key - b.key)
    .slice(offset, offset + limit);
  return { keys, total: parts.reduce((sum, part) => sum + part.total, 0) };
}

/** The documents half of a search from its ranked page: what searchDocuments answers. */
export function documentPage(
  db: Database.Database,
  request: SearchRequest,
  ranked: RankedDocuments,
): DocumentResults {
  return pageOf(db, prepareSearch(request).parsed, ranked);
}

/** The results of a search from its two halves, each computed by searchDocuments and searchExcerptHits. */
export function searchResults(
  request: SearchRequest,
  documents: DocumentResults,
  excerpts: ExcerptResults,
): SearchResults {
  return combine(prepareSearch(request), documents, excerpts);
}

function combine(
  { parsed, offset }: PreparedSearch,
  documents: DocumentResults,
  excerpts: ExcerptResults,
): SearchResults {
  if (nothingToSearch(parsed)) {
    return {
      searched: false,
      terms: [],
      documentTotal: 0,
      documents: [],
      excerptTotal: 0,
      excerpts: [],
      offset,
    };
  }
  return { searched: true, terms: parsed.terms, ...documents, ...excerpts, offset };
}

/**
 * Ranked search over documents (title and headings weigh more than body) and excerpts (quote, note,
 * tags). Any string is accepted: what is not valid syntax is searched as words, and a query with
 * nothing to search returns `searched: false`.
 */
export function search(db: Database.Database, request: SearchRequest): SearchResults {
  const plan = prepareSearch(request);
  return combine(plan, documentResults(db, plan), excerptResults(db, plan));
}

function countOnly(db: Database.Database, parsed: ParsedQuery): { total: number; hits: ExcerptSearchHit[] } {
  return { total: countExcerpts(db, parsed), hits: [] };
}

function topCounts(counts: Map<string, number>): FacetCount[] {
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, FACET_LIMIT);
}

function add(counts: Map<string, number>, value: string | null, count: number): void {
  if (value === null || value === '') return;
  counts.set(value, (counts.get(value) ?? 0) + count);
}

/** Counts by outlet, author, year and tag over every matching document (or excerpt, for in:excerpts). */
export function searchFacets(
  db: Database.Database,
  request: Pick<SearchRequest, 'query' | 'typeahead'>,
): SearchFacets {
  const parsed = parseRequest(request);
  const empty: SearchFacets = { outlets: [], authors: [], years: [], tags: [] };
  if (nothingToSearch(parsed)) return empty;
  const excerptsOnly = parsed.filters.in === 'excerpts';
  const scope = excerptsOnly ? excerptScope(parsed) : documentScope(parsed);
  const groups = prepared(
    db,
    `SELECT s.outlet AS outlet, s.author AS author, substr(s.published, 1, 4) AS year, count(*) AS n
       FROM ${scope.from} WHERE ${scope.where} GROUP BY 1, 2, 3`,
  ).all(scope.params) as { outlet: string | null; author: string | null; year: string | null; n: number }[];
  const outlets = new Map<string, number>();
  const authors = new Map<string, number>();
  const years = new Map<string, number>();
  for (const group of groups) {
    add(outlets, group.outlet, group.n);
    add(authors, group.author, group.n);
    add(years, group.year !== null && /^\d{4}$/u.test(group.year) ? group.year : null, group.n);
  }
  const tagRows = prepared(
    db,
    excerptsOnly
      ? `SELECT t.name AS value, count(DISTINCT xs.excerpt_id) AS count
           FROM ${scope.from} JOIN excerpt_tags ft ON ft.excerpt_id = xs.excerpt_id JOIN tags t ON t.id = ft.tag_id
          WHERE ${scope.where} GROUP BY t.id ORDER BY count DESC, t.name LIMIT ${FACET_LIMIT}`
      : // Tagged excerpts are far fewer than matching documents: walk them, not the matches.
        `SELECT t.name AS value, count(DISTINCT fe.document_key) AS count
           FROM excerpt_tags ft JOIN excerpt_search fe ON fe.excerpt_id = ft.excerpt_id JOIN tags t ON t.id = ft.tag_id
          WHERE fe.document_key IN (SELECT s.key FROM ${scope.from} WHERE ${scope.where})
          GROUP BY t.id ORDER BY count DESC, t.name LIMIT ${FACET_LIMIT}`,
  ).all(scope.params) as FacetCount[];
  return {
    outlets: topCounts(outlets),
    authors: topCounts(authors),
    years: [...years]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.value.localeCompare(a.value))
      .slice(0, FACET_LIMIT),
    tags: tagRows,
  };
}

/** Documents matching a parsed query, imported after `since` when given. */
export function countMatchingDocuments(
  db: Database.Database,
  parsed: ParsedQuery,
  since: string | null,
): number {
  if (nothingToSearch(parsed) || parsed.filters.in === 'excerpts') return 0;
  const scope = documentScope(parsed);
  const where = since === null ? scope.where : `${scope.where} AND s.imported_at > @since`;
  const params = since === null ? scope.params : { ...scope.params, since };
  const row = prepared(db, `SELECT count(*) AS n FROM ${scope.from} WHERE ${where}`).get(params) as {
    n: number;
  };
  return row.n;
}
