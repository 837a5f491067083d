import type { Attribution, Briefing } from './dto';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
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
 * Citation numbers by first appearance of each source document, in reading order; a source quoted
 * again keeps its number. Maps briefing item id to its number; `sources` lists them in order.
 */
export function numberCitations(briefing: Briefing): { byItem: Map<string, number>; sources: Attribution[] } {
  const byDocument = new Map<string, number>();
  const byItem = new Map<string, number>();
  const sources: Attribution[] = [];
  for (const section of briefing.sections) {
    for (const item of section.items) {
      if (item.kind !== 'excerpt') continue;
      let number = byDocument.get(item.attribution.documentId);
      if (number === undefined) {
        sources.push(item.attribution);
        number = sources.length;
        byDocument.set(item.attribution.documentId, number);
      }
      byItem.set(item.id, number);
    }
  }
  return { byItem, sources };
}
