import { execFileSync } from 'node:child_process';

/** A PDF's text as poppler's pdftotext reads it, with whitespace runs folded to one space. */
export function pdfTextOf(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' })
    .replace(/\s+/g, ' ')
    .trim();
}

export function pdfPages(path: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1] ?? 0);
}
