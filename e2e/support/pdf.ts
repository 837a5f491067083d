import { execFileSync } from 'node:child_process';

/** The text of a PDF as pdftotext reads it (poppler-utils), with whitespace runs folded. */
export function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}

export function foldWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function pdfPageCount(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? '0');
}
