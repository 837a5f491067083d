/** Which pages of a paged list to load and to keep, and rows read across pages (pure, for usePages). */

/**
 * The most pages a list keeps. Pages far from the view are dropped (and fetched again if the user
 * comes back), so jumping about a list of 200,000 rows holds a few hundred rows, not every row it
 * has passed: what the window keeps alive is what its garbage collector has to copy.
 */
export const KEPT_PAGES = 8;

/**
 * The pages to load for the rows `first`..`last` in view: those rows' pages, and the next (or
 * previous) page once the view is within a quarter of a page of it, so steady scrolling finds its
 * rows already loaded while a jump loads one or two pages, not three.
 */
export function pagesToLoad(first: number, last: number, pageSize: number): number[] {
  const margin = Math.floor(pageSize / 4);
  const from = Math.floor(Math.max(0, first - margin) / pageSize);
  const to = Math.floor((last + margin) / pageSize);
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

/**
 * Which of the `loaded` pages to keep while `wanted` (a run of pages) is in view: at most `most`,
 * the wanted ones first and then the nearest to them.
 */
export function pagesToKeep(loaded: Iterable<number>, wanted: readonly number[], most: number): Set<number> {
  const low = Math.min(...wanted);
  const high = Math.max(...wanted);
  const distance = (page: number) => (page < low ? low - page : page > high ? page - high : 0);
  return new Set(
    [...loaded].sort((a, b) => distance(a) - distance(b) || a - b).slice(0, Math.max(most, wanted.length)),
  );
}

/**
 * Rows `from`..`to` (inclusive) of a list in pages of `pageSize`: from `held` where a page is
 * held, otherwise fetched, one page after another.
 */
export async function rowsOfPages<T>(
  from: number,
  to: number,
  pageSize: number,
  held: (page: number) => readonly T[] | undefined,
  fetch: (page: number) => Promise<readonly T[]>,
): Promise<T[]> {
  const rows: T[] = [];
  for (let page = Math.floor(from / pageSize); page <= Math.floor(to / pageSize); page += 1) {
    const items = held(page) ?? (await fetch(page));
    const start = page * pageSize;
    rows.push(...items.slice(Math.max(0, from - start), Math.max(0, to - start + 1)));
  }
  return rows;
}
