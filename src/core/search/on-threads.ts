import type Database from 'better-sqlite3';
import type { SearchRequest, SearchResults } from '../../shared/dto';
import type { SearchThreads } from './search-thread';
import {
  documentPage,
  documentRankingParts,
  mergeDocumentParts,
  rankDocumentPart,
  searchDocuments,
  searchExcerptHits,
  searchResults,
  type KeyRange,
  type RankedDocuments,
} from './service';
import { warmRequests } from './warm';

/**
 * A search on the host's two search threads, which leaves the host's own thread free. Most searches
 * rank their documents on the documents thread while the excerpts thread ranks their excerpts. A
 * search whose documents cost bm25() over many matches (see documentRankingParts) is ranked in two
 * parts instead, one on each thread, each part a range of document keys; the documents thread reads
 * the merged page while the excerpts thread goes on to the excerpts. Whatever a thread cannot answer
 * is computed on the host's connection after all, so a search never fails for a thread.
 */
export async function searchOnThreads(
  db: Database.Database,
  threads: SearchThreads,
  request: SearchRequest,
): Promise<SearchResults> {
  const parts = documentRankingParts(db, request);
  if (parts === null) {
    const documents = threads.documents.documents(request).catch(() => null);
    const excerpts = threads.excerpts.excerpts(request).catch(() => null);
    return searchResults(
      request,
      (await documents) ?? searchDocuments(db, request),
      (await excerpts) ?? searchExcerptHits(db, request),
    );
  }
  const [lower, upper] = parts;
  const rankPart = (part: Promise<RankedDocuments>, range: KeyRange) =>
    part.catch(() => rankDocumentPart(db, request, range));
  const lowerPart = rankPart(threads.documents.rankPart(request, lower), lower);
  const upperPart = rankPart(threads.excerpts.rankPart(request, upper), upper);
  // Sent now, the excerpts follow the upper part on the excerpts thread.
  const excerpts = threads.excerpts.excerpts(request).catch(() => null);
  const ranked = mergeDocumentParts(request, [await lowerPart, await upperPart]);
  const documents = await threads.documents
    .documentPage(request, ranked)
    .catch(() => documentPage(db, request, ranked));
  return searchResults(request, documents, (await excerpts) ?? searchExcerptHits(db, request));
}

/**
 * Readies the search threads for the analyst's first query (see warmRequests): each reads ahead
 * the document sizes its bm25() reads (the excerpts thread ranks part of the documents too), then
 * the warm-up searches run as the window's would. Returns false on an empty library.
 */
export async function warmSearchThreads(db: Database.Database, threads: SearchThreads): Promise<boolean> {
  await Promise.all([
    threads.documents.readAhead(['documents']),
    threads.excerpts.readAhead(['documents', 'excerpts']),
  ]);
  const requests = warmRequests(db);
  for (const request of requests) await searchOnThreads(db, threads, request);
  return requests.length > 0;
}
