import type { MarkedText } from '../../shared/dto';
import { API_INPUT_SCHEMAS } from '../../shared/schemas';
import { single, UsageError } from '../args';
import { printJson, type Command } from './command';

const DEFAULT_LIMIT = 20;

/** Relevance for people and scripts: higher is better (SQLite's bm25 is lower-is-better). */
function relevance(bm25: number): number {
  return Math.round(-bm25 * 10_000) / 10_000;
}

/** The snippet with the matched words in «guillemets», for a terminal. */
function emphasised(text: MarkedText): string {
  let out = '';
  let at = 0;
  for (const [start, end] of text.highlights) {
    out += `${text.text.slice(at, start)}«${text.text.slice(start, end)}»`;
    at = end;
  }
  return out + text.text.slice(at);
}

function limitOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new UsageError(`--limit takes a whole number from 1 to 200, not "${value}".`);
  }
  return limit;
}

const searchCommand: Command = async ({ core, args, json, output }) => {
  if (args.positionals.length !== 1) {
    throw new UsageError('search takes one query (quote it): search "<query>" [--limit N]');
  }
  const query = args.positionals[0] ?? '';
  const limit = limitOf(single(args, 'limit'));
  const input = API_INPUT_SCHEMAS.search.safeParse({ query, limit });
  if (!input.success) throw new UsageError('The query is too long (at most 100,000 characters).');
  const results = await core.handlers.search(input.data);
  const hits = results.documents
    .flatMap((document) =>
      document.hits.map((hit) => ({
        documentId: document.documentId,
        title: document.title.text,
        blockId: hit.blockId,
        snippet: hit.snippet,
        score: relevance(document.score),
      })),
    )
    .slice(0, limit);
  const excerpts = results.excerpts.map((excerpt) => ({
    excerptId: excerpt.excerptId,
    documentId: excerpt.documentId,
    quote: excerpt.quote.text,
    score: relevance(excerpt.score),
  }));
  if (json) {
    printJson(output, {
      total: results.documentTotal,
      hits: hits.map((hit) => ({
        ...hit,
        snippet: hit.snippet.text,
        highlights: hit.snippet.highlights,
      })),
      excerptTotal: results.excerptTotal,
      excerpts,
    });
    return 0;
  }
  if (!results.searched) {
    output.stdout(
      'Nothing to search: type words, "a phrase", prefix*, -excluded or a filter such as author:name.\n',
    );
    return 0;
  }
  output.stdout(
    `${results.documentTotal} document${results.documentTotal === 1 ? '' : 's'} and ${results.excerptTotal} excerpt${results.excerptTotal === 1 ? '' : 's'} match.\n`,
  );
  for (const hit of hits) {
    output.stdout(
      `${hit.documentId}  ${hit.title}  (block ${hit.blockId})\n    ${emphasised(hit.snippet)}\n`,
    );
  }
  for (const excerpt of results.excerpts) {
    output.stdout(
      `${excerpt.excerptId}  excerpt of ${excerpt.documentTitle}\n    “${emphasised(excerpt.quote)}”\n`,
    );
  }
  return 0;
};

export const SEARCH_COMMANDS: Readonly<Record<string, Command>> = { search: searchCommand };
