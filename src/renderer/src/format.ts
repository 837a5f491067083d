const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "14 Mar 2026" from "2026-03-14"; null stays empty. */
export function shortDate(isoDate: string | null): string {
  if (isoDate === null) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (match === null) return isoDate;
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1] ?? ''} ${match[1]}`;
}

export function joinPresent(parts: readonly (string | null | undefined)[], separator = ' · '): string {
  return parts
    .filter((part): part is string => part !== null && part !== undefined && part !== '')
    .join(separator);
}

/** "28 Nov 2026, 14:05" in local time, from an ISO timestamp. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  return `${date.getDate()} ${MONTHS[date.getMonth()] ?? ''} ${date.getFullYear()}, ${time}`;
}
