import { execFileSync } from 'node:child_process';

/** A PDF's text as poppler's pdftotext reads it, with whitespace runs folded to one space. */
export function pdfTextOf(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' })
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text of each page (1-based page i at index i - 1), whitespace folded. */
export function pdfPageTextsOf(path: string): string[] {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', path, '-'], { encoding: 'utf8' })
    .split('\f')
    .slice(0, pdfPages(path))
    .map((page) => page.replace(/\s+/g, ' ').trim());
}

export function pdfPages(path: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1] ?? 0);
}

/** `pdfinfo`'s fields (Title, Keywords, Page size...), by name. */
export function pdfInfoOf(path: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of execFileSync('pdfinfo', ['-enc', 'UTF-8', path], { encoding: 'utf8' }).split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match?.[1] !== undefined) fields[match[1]] = match[2] ?? '';
  }
  return fields;
}

/** A word as pdftotext -bbox finds it: its glyphs' text in drawing order (left to right) and box. */
export type PdfWord = Readonly<{
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}>;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function pdfWordsOf(path: string): PdfWord[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  const words: PdfWord[] = [];
  let page = 0;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page += 1;
    const match = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(
      line,
    );
    if (match === null) continue;
    words.push({
      page,
      text: (match[5] ?? '').replace(/&(\w+);/g, (entity, name: string) => ENTITIES[name] ?? entity),
      xMin: Number(match[1]),
      yMin: Number(match[2]),
      xMax: Number(match[3]),
      yMax: Number(match[4]),
    });
  }
  return words;
}
