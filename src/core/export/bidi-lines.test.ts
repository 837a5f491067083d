import bidiFactory from 'bidi-js';
import { describe, expect, it } from 'vitest';
import type { BidiLine, Direction } from './bidi-lines';
import {
  containsRtl,
  layoutBidiParagraph,
  paragraphDirection,
  shaperReverses,
  visualOrder,
} from './bidi-lines';
import { LONG_ARABIC, MIXED_LINE, SHORT_ARABIC } from './testing/print-models';

const bidi = bidiFactory();

/** Every code point one unit wide, so line breaks are easy to predict. */
const monospace = (text: string): number => [...text].length;

/** What the shaper puts on the page for a line: each piece reversed when it reverses pieces like it. */
function drawn(line: BidiLine<string>): string {
  return line.pieces
    .map((piece) => (shaperReverses(piece.text) ? [...piece.text].reverse().join('') : piece.text))
    .join('');
}

/** The Unicode bidi algorithm's visual order for [start, end) of `text`, as bidi-js computes it. */
function expectedVisual(text: string, direction: Direction, start: number, end: number): string {
  const levels = bidi.getEmbeddingLevels(text, direction);
  return bidi.getReorderedString(text, levels, start, end - 1).slice(start, end);
}

function single(text: string, width = 1000, direction: Direction | 'auto' = 'auto') {
  return layoutBidiParagraph([{ text, style: 'regular' }], width, monospace, direction);
}

describe('which text takes the bidi path', () => {
  it('is text with letters of a right-to-left script or explicit right-to-left marks', () => {
    expect(containsRtl('Plain Latin, digits 2025 and “quotes”.')).toBe(false);
    expect(containsRtl('Кириллица тоже')).toBe(false);
    expect(containsRtl('said يوسف')).toBe(true);
    expect(containsRtl('growth of ١٢٫٥ per cent')).toBe(true); // Arabic-Indic digits
    expect(containsRtl('a\u200Fb')).toBe(true);
  });

  it('replays fontkit: the first letter of a real script decides whether a string is reversed', () => {
    expect(shaperReverses('استراتيجي')).toBe(true);
    expect(shaperReverses('«آسيا')).toBe(true);
    expect(shaperReverses('Yousef')).toBe(false);
    expect(shaperReverses('12.5%')).toBe(false);
    expect(shaperReverses('١٢٣')).toBe(true);
    expect(shaperReverses('«»,')).toBe(false);
  });

  it('gives a paragraph the direction of most of its letters', () => {
    expect(paragraphDirection(SHORT_ARABIC)).toBe('rtl');
    expect(paragraphDirection(MIXED_LINE)).toBe('rtl');
    // An English sentence that opens with an Arabic name stays left to right.
    expect(paragraphDirection('يوسف الحمادي said the partnership would deepen next year')).toBe('ltr');
    expect(paragraphDirection('2025')).toBe('ltr');
    expect(paragraphDirection('بل Al')).toBe('rtl'); // a tie: the first strong letter decides
  });
});

describe('visual order of level runs (rule L2)', () => {
  it('reverses runs from the highest level down to the lowest odd one', () => {
    const runs = [
      { id: 'a', level: 1 },
      { id: 'b', level: 2 },
      { id: 'c', level: 1 },
      { id: 'd', level: 2 },
      { id: 'e', level: 2 },
    ];
    expect(visualOrder(runs).map((run) => run.id)).toEqual(['d', 'e', 'c', 'b', 'a']);
    expect(visualOrder([{ level: 0 }, { level: 1 }, { level: 0 }])).toEqual([
      { level: 0 },
      { level: 1 },
      { level: 0 },
    ]);
  });
});

describe('laying out bidi paragraphs', () => {
  const samples: [string, Direction][] = [
    [SHORT_ARABIC, 'rtl'],
    [MIXED_LINE, 'rtl'],
    ['In 2025 يوسف الحمادي said the deal with ١٢٣ partners (شركاء) would grow.', 'ltr'],
    ['(آسيا) «الوسطى»، [بل] شريك!', 'rtl'],
    ['يوسف الحمادي, “آسيا الوسطى,” Gulf Economic Review, March 4, 2025.', 'ltr'],
    ['النمو ١٢٫٥٪ في ٢٠٢٥ و 12.5% in 2025', 'rtl'],
    ['كَتَبَ الطَّالِبُ «الدَّرْسَ»', 'rtl'], // vowel marks stay with their letters
    ['שלום עולם, hello', 'rtl'],
  ];

  it.each(samples)('draws each line in the order the Unicode algorithm gives: %s', (text, direction) => {
    for (const width of [1000, 30, 14]) {
      const paragraph = single(text, width);
      expect(paragraph.direction).toBe(direction);
      for (const line of paragraph.lines) {
        expect(drawn(line)).toBe(expectedVisual(text, direction, line.start, line.end));
      }
    }
  });

  it('never hands the shaper a space next to a right-to-left word, since pdfkit shapes word by word', () => {
    for (const line of single(LONG_ARABIC, 60).lines) {
      for (const piece of line.pieces) {
        if (containsRtl(piece.text)) expect(piece.text.trim() === '' || !/[ \t]/.test(piece.text)).toBe(true);
      }
    }
  });

  it('places pieces edge to edge and measures the line by them', () => {
    for (const line of single(MIXED_LINE, 40).lines) {
      let x = 0;
      for (const piece of line.pieces) {
        expect(piece.x).toBe(x);
        expect(piece.width).toBe(monospace(piece.text));
        x += piece.width;
      }
      expect(line.width).toBe(x);
    }
  });

  it('breaks at spaces, keeps every line within the width and loses no word', () => {
    const width = 37;
    const { lines } = single(LONG_ARABIC, width);
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(width);
    // Lines follow each other in logical order and only spaces fall between them.
    const words = lines.flatMap((line) => LONG_ARABIC.slice(line.start, line.end).split(' '));
    expect(words).toEqual(LONG_ARABIC.split(' '));
    lines.slice(1).forEach((line, index) => {
      expect(LONG_ARABIC.slice(lines[index]?.end ?? 0, line.start)).toMatch(/^ +$/);
    });
  });

  it('fills lines greedily', () => {
    const { lines } = single('aa bb cc dd', 5);
    expect(lines.map((line) => drawn(line))).toEqual(['aa bb', 'cc dd']);
    // Latin-only text through this path is plain left-to-right.
    expect(single('aa bb cc', 100).lines.map(drawn)).toEqual(['aa bb cc']);
  });

  it('cuts a word wider than the line between graphemes', () => {
    const { lines } = single('كلمةطويلةجداجدا قصيرة', 6);
    expect(lines.map((line) => line.end - line.start)).toEqual([6, 6, 3, 5]);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(6);
  });

  it('starts a new line at every line break and keeps empty lines', () => {
    const text = 'سطر أول\n\nسطر ثالث';
    const { lines } = single(text);
    expect(lines.map((line) => text.slice(line.start, line.end))).toEqual(['سطر أول', '', 'سطر ثالث']);
  });

  it('hands a vowelled word to the shaper whole, marks and all', () => {
    const pieces = single('كَتَبَ الدَّرْسَ').lines[0]?.pieces.map((piece) => piece.text);
    expect(pieces).toEqual(['الدَّرْسَ', ' ', 'كَتَبَ']);
  });

  it('mirrors brackets and guillemets inside right-to-left text', () => {
    const [line] = single('«آسيا» (الوسطى)').lines;
    expect(line).toBeDefined();
    if (line === undefined) return;
    // Right to left, the opening « is drawn as » at the right end, the closing » as « before it.
    expect(drawn(line)).toBe('(ىطسولا) «ايسآ»');
  });

  it('keeps runs in their styles', () => {
    const paragraph = layoutBidiParagraph(
      [
        { text: 'آسيا ', style: 'regular' },
        { text: 'الوسطى', style: 'bold' },
        { text: ' ليست', style: 'regular' },
      ],
      1000,
      monospace,
    );
    const pieces = paragraph.lines[0]?.pieces ?? [];
    expect(pieces.filter((piece) => piece.style === 'bold').map((piece) => piece.text)).toEqual(['الوسطى']);
    // Visually, right to left: آسيا, then الوسطى in bold, then ليست.
    expect(pieces.map((piece) => piece.text).filter((text) => text.trim() !== '')).toEqual([
      'ليست',
      'الوسطى',
      'آسيا',
    ]);
  });

  it('lets the caller force the base direction', () => {
    expect(single('يوسف الحمادي, Gulf', 1000, 'ltr').direction).toBe('ltr');
    expect(drawn(single('1.', 1000, 'rtl').lines[0] ?? { start: 0, end: 0, width: 0, pieces: [] })).toBe(
      '.1',
    );
  });

  it('lays out nothing for empty text', () => {
    expect(single('').lines).toEqual([]);
  });
});
