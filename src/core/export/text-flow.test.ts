import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/testing/random';
import { FONTS_DIR } from '../testing/temp-core';
import { FONT, registerFonts } from './pdf-style';
import { flowHeight, flowHeightBound } from './text-flow';

const WORDS = [
  'the',
  'outlook',
  'well-known',
  'insurance,',
  'Strait',
  '—',
  'ministry’s',
  '2026',
  '(reported)',
  'x',
  'Überseehafen',
  'противоречия',
  'a/b/c',
  'WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW',
  ')',
  '(',
  '“quoted”',
  '”',
  '«',
  '»',
  '…',
  '!',
  '?',
  '%',
  '5%',
  '[1]',
  '–',
  '/',
  '¹',
  'é',
];

/** Words joined by single and double spaces and line breaks, sometimes starting or ending with one. */
function randomText(random: () => number): string {
  const count = 1 + Math.floor(random() * 120);
  let text = random() < 0.1 ? ' ' : '';
  for (let index = 0; index < count; index += 1) {
    text += WORDS[Math.floor(random() * WORDS.length)] ?? '';
    const gap = random();
    text += gap < 0.8 ? ' ' : gap < 0.9 ? '  ' : '\n';
  }
  return random() < 0.5 ? text.trimEnd() : text;
}

describe('flowHeightBound', () => {
  it('is never below the height pdfkit sets the text in, and is a line count of that height', () => {
    const doc = new PDFDocument({ autoFirstPage: true });
    registerFonts(doc, FONTS_DIR);
    const random = seededRandom(20261128);
    let tighter = 0;
    for (let trial = 0; trial < 3000; trial += 1) {
      const text = randomText(random);
      const font = random() < 0.5 ? FONT.regular : FONT.bold;
      const size = random() < 0.5 ? 11 : 9.5;
      const options = { width: 120 + Math.floor(random() * 330), lineGap: random() < 0.5 ? 3 : 0 };
      doc.fontSize(size);
      const exact = flowHeight(doc, text, font, options);
      const bound = flowHeightBound(doc, text, font, options);
      expect(bound, JSON.stringify({ text, font, size, options })).toBeGreaterThanOrEqual(exact - 1e-6);
      const lineHeight = doc.font(font).currentLineHeight(true) + options.lineGap;
      expect(Math.abs(bound / lineHeight - Math.round(bound / lineHeight))).toBeLessThan(1e-6);
      if (bound === exact) tighter += 1;
    }
    // A bound that always said "a page" would pass the first check; most texts come out exact.
    expect(tighter).toBeGreaterThan(1500);
  });
});
