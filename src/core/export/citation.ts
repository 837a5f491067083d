import type { Attribution } from '../../shared/dto';

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** "March 4, 2019" from "2019-03-04" (Chicago's date form); other strings pass through. */
export function formatLongDate(isoDate: string | null): string | null {
  if (isoDate === null) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (match === null) return isoDate;
  const month = MONTHS[Number(match[2]) - 1];
  return month === undefined ? isoDate : `${month} ${Number(match[3])}, ${match[1]}`;
}

/** The line under a block quote: "Author, Outlet, March 4, 2019". */
export function attributionLine(source: Attribution): string {
  const parts = [source.author, source.outlet, formatLongDate(source.publishedAt)].filter(
    (part): part is string => part !== null && part !== '',
  );
  return parts.length > 0 ? parts.join(', ') : source.title;
}

/**
 * A Chicago notes-bibliography note for a news or web source:
 * `Jane Analyst, "Title of the Article," Outlet Name, March 4, 2019, https://example.org/a.`
 */
export function chicagoNote(source: Attribution): string {
  const title = `“${source.title.replace(/[.,]$/, '')},”`;
  const parts: string[] = [];
  if (source.author !== null && source.author !== '') parts.push(`${source.author},`);
  parts.push(title);
  const tail = [source.outlet, formatLongDate(source.publishedAt), source.url].filter(
    (part): part is string => part !== null && part !== '',
  );
  if (tail.length === 0) return `${parts.join(' ').replace(/,”$/, '.”')}`;
  return `${parts.join(' ')} ${tail.join(', ')}.`;
}
