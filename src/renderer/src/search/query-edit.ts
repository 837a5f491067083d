/** Adds or replaces a filter in the query text, so the query always shows every filter in force. */
export function withFilter(query: string, key: 'author' | 'outlet' | 'tag', value: string): string {
  const quoted = /[\s"]/u.test(value) ? `"${value.replace(/"/gu, '')}"` : value;
  const pattern = new RegExp(`(^|\\s)${key}:("[^"]*"|\\S*)`, 'giu');
  const rest = query.replace(pattern, ' ').replace(/\s+/gu, ' ').trim();
  return `${rest}${rest === '' ? '' : ' '}${key}:${quoted}`;
}

/** Limits the query to documents published in `year` (after: and before: are exclusive). */
export function withYear(query: string, year: string): string {
  const number = Number(year);
  const rest = query
    .replace(/(^|\s)(after|before):\S*/giu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return `${rest}${rest === '' ? '' : ' '}after:${number - 1}-12-31 before:${number + 1}-01-01`;
}
