import { describe, expect, it } from 'vitest';
import { CONTEXT_LENGTH, findQuote, selectorAt, snapToWords } from './anchor';

const TEXT = 'The ceasefire is real, but underwriters have memory.\n\nNobody wants to cut the rate.';

describe('snapping a selection to whole words', () => {
  it('widens a selection that cuts words in half', () => {
    const start = TEXT.indexOf('easefire');
    const end = TEXT.indexOf('eal') + 2;
    const range = snapToWords(TEXT, start, end);
    expect(TEXT.slice(range.start, range.end)).toBe('ceasefire is real');
  });

  it('trims surrounding whitespace and keeps punctuation the user selected', () => {
    const start = TEXT.indexOf(' but');
    const end = TEXT.indexOf('memory.') + 'memory.'.length + 2;
    const range = snapToWords(TEXT, start, end);
    expect(TEXT.slice(range.start, range.end)).toBe('but underwriters have memory.');
  });

  it('accepts a backwards selection and clamps it to the text', () => {
    const range = snapToWords(TEXT, 10_000, TEXT.indexOf('rate'));
    expect(TEXT.slice(range.start, range.end)).toBe('rate.');
  });

  it('treats Cyrillic and Arabic letters as word characters', () => {
    const text = 'said Алексей Воронцов and محمد العطاس today';
    const range = snapToWords(text, text.indexOf('ексей'), text.indexOf('العطاس') + 2);
    expect(text.slice(range.start, range.end)).toBe('Алексей Воронцов and محمد العطاس');
  });

  it('yields an empty range for a selection of only spaces', () => {
    const at = TEXT.indexOf('\n\n');
    const range = snapToWords(TEXT, at, at + 2);
    expect(range.end).toBe(range.start);
  });
});

describe('quote selectors', () => {
  it('keeps up to 32 characters of context on each side', () => {
    const start = TEXT.indexOf('underwriters');
    const selector = selectorAt(TEXT, start, start + 'underwriters'.length);
    expect(selector.quote).toBe('underwriters');
    expect(selector.prefix).toBe(TEXT.slice(Math.max(0, start - CONTEXT_LENGTH), start));
    expect(selector.suffix).toBe(TEXT.slice(start + 12, start + 12 + CONTEXT_LENGTH));
  });

  it('keeps shorter context at the start and end of a document', () => {
    expect(selectorAt(TEXT, 0, 3).prefix).toBe('');
    expect(selectorAt(TEXT, TEXT.length - 5, TEXT.length).suffix).toBe('');
  });
});

describe('finding a quote verbatim', () => {
  it('matches across a different line break or spacing', () => {
    const [match] = findQuote(TEXT, 'have   memory.\nNobody');
    expect(match).toBeDefined();
    expect(TEXT.slice(match?.start, match?.end)).toBe('have memory.\n\nNobody');
  });

  it('does not fold quotation marks, case or punctuation', () => {
    expect(findQuote(TEXT, 'the ceasefire is real')).toEqual([]);
    expect(findQuote(TEXT, 'real but')).toEqual([]);
  });

  it('finds every occurrence of a repeated phrase', () => {
    expect(findQuote('a rate, a rate', 'a rate')).toHaveLength(2);
  });

  it('finds nothing for an empty or whitespace-only quote', () => {
    expect(findQuote(TEXT, '   ')).toEqual([]);
  });
});
