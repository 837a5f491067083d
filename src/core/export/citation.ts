import type { Attribution } from '../../shared/dto';
import { formatLongDate } from '../../shared/citations';

/**
 * A Chicago notes-bibliography note for a news or web source:
 * `Jane Analyst, “Title of the Article,” Outlet Name, March 4, 2019, https://example.org/a.`
 */
export function chicagoNote(source: Attribution): string {
  const title = `“${source.title.replace(/[.,]$/, '')},”`;
  const parts: string[] = [];
  if (source.author !== null && source.author !== '') parts.push(`${source.author},`);
  parts.push(title);
  const tail = [source.outlet, formatLongDate(source.publishedAt), source.url].filter(
    (part): part is string => part !== null && part !== '',
  );
  if (tail.length === 0) return parts.join(' ').replace(/,”$/, '.”');
  return `${parts.join(' ')} ${tail.join(', ')}.`;
}
