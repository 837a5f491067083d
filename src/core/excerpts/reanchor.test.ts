import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/random';
import { CONTEXT_LENGTH, selectorAt, snapToWords } from './anchor';
import { FUZZY_THRESHOLD, indexText, locateQuote, type AnchorSelector } from './reanchor';

/** Made-up words from syllables: a text of them rarely repeats a run of several words. */
function wordMaker(random: () => number): () => string {
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ser',
    'tan',
    'vo',
    'dri',
    'pel',
    'qua',
    'nor',
    'ush',
    'bet',
    'zi',
    'ro',
  ];
  return () => {
    const length = 1 + Math.floor(random() * 3);
    let word = '';
    for (let index = 0; index < length; index += 1)
      word += syllables[Math.floor(random() * syllables.length)] ?? '';
    return random() < 0.1 ? `${word},` : word;
  };
}

function paragraphText(random: () => number, words: number): string {
  const word = wordMaker(random);
  const parts: string[] = [];
  for (let index = 0; index < words; index += 1) {
    parts.push(word());
    if (index % 40 === 39) parts.push('\n\n');
  }
  return parts.join(' ').replace(/ \n\n /g, '\n\n');
}

/** A word-snapped passage of the text with its selector. */
function pickQuote(random: () => number, text: string, minLength = 30, maxLength = 160): AnchorSelector {
  for (;;) {
    const from = Math.floor(random() * (text.length - maxLength));
    const range = snapToWords(text, from, from + minLength + Math.floor(random() * (maxLength - minLength)));
    if (range.end > range.start) return { ...selectorAt(text, range.start, range.end), ...range };
  }
}

type Edit = { at: number; remove: number; insert: string };

function applyEdits(text: string, edits: readonly Edit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.at - a.at)) {
    result = result.slice(0, edit.at) + edit.insert + result.slice(edit.at + edit.remove);
  }
  return result;
}

/** Word boundaries (offsets just before a space) in [from, to). */
function boundaries(text: string, from: number, to: number): number[] {
  const found: number[] = [];
  for (let index = Math.max(0, from); index < Math.min(to, text.length); index += 1)
    if (text[index] === ' ') found.push(index);
  return found;
}

function randomEditAt(random: () => number, text: string, at: number, word: () => string): Edit {
  const kind = random();
  if (kind < 0.4) return { at, remove: 0, insert: ` ${word()}` };
  const next = text.indexOf(' ', at + 1);
  const wordEnd = next < 0 ? text.length : next;
  if (kind < 0.7) return { at, remove: wordEnd - at, insert: '' };
  return { at, remove: wordEnd - at, insert: ` ${word()}x` };
}

describe('re-anchoring a quote in a changed text', () => {
  it('keeps a quote exact or moved when only the text around it changes', () => {
    const random = seededRandom(101);
    for (let run = 0; run < 200; run += 1) {
      const text = paragraphText(random, 300);
      const selector = pickQuote(random, text);
      const word = wordMaker(random);
      const outside = [
        ...boundaries(text, 0, selector.start - 1),
        ...boundaries(text, selector.end + 1, text.length),
      ];
      const edits: Edit[] = [];
      for (let count = 0; count < 1 + Math.floor(random() * 6); count += 1) {
        const at = outside[Math.floor(random() * outside.length)];
        if (at === undefined) continue;
        const edit = randomEditAt(random, text, at, word);
        // Keep deletions from reaching into the quote.
        if (edit.at < selector.start && edit.at + edit.remove >= selector.start) continue;
        if (edits.some((other) => Math.abs(other.at - edit.at) < 30)) continue;
        edits.push(edit);
      }
      const changed = applyEdits(text, edits);
      const location = locateQuote(indexText(changed), selector);
      expect(['exact', 'moved']).toContain(location.status);
      expect(changed.slice(location.start ?? 0, location.end ?? 0)).toBe(selector.quote);
      const farAway = edits.every(
        (edit) =>
          edit.at + edit.remove < selector.start - CONTEXT_LENGTH - 1 ||
          edit.at > selector.end + CONTEXT_LENGTH,
      );
      if (farAway && changed.indexOf(selector.quote) === changed.lastIndexOf(selector.quote)) {
        expect(location.status).toBe('exact');
      }
    }
  });

  it('never calls a quote exact or moved once its own words changed', () => {
    const random = seededRandom(202);
    let fuzzy = 0;
    for (let run = 0; run < 200; run += 1) {
      const text = paragraphText(random, 300);
      const selector = pickQuote(random, text, 60, 200);
      const word = wordMaker(random);
      const inside = boundaries(text, selector.start + 1, selector.end - 1);
      const edits: Edit[] = [];
      for (let count = 0; count < 1 + Math.floor(random() * 2); count += 1) {
        const at = inside[Math.floor(random() * inside.length)];
        if (at === undefined || edits.some((other) => Math.abs(other.at - at) < 10)) continue;
        const edit = randomEditAt(random, text, at, word);
        if (edit.at + edit.remove <= selector.end) edits.push(edit);
      }
      const changed = applyEdits(text, edits);
      if (changed.includes(selector.quote)) continue;
      const location = locateQuote(indexText(changed), selector);
      expect(['fuzzy', 'missing']).toContain(location.status);
      if (location.status === 'fuzzy') {
        fuzzy += 1;
        expect(location.similarity).toBeGreaterThanOrEqual(FUZZY_THRESHOLD);
        expect(location.similarity).toBeLessThan(1);
        // The match lies where the edited passage now is.
        const shift = edits.filter((edit) => edit.at < selector.start).length;
        expect(shift).toBe(0);
        expect(location.start ?? 0).toBeLessThan(selector.end + 20);
        expect(location.end ?? 0).toBeGreaterThan(selector.start);
        const found = changed.slice(location.start ?? 0, location.end ?? 0);
        expect(snapToWords(changed, location.start ?? 0, location.end ?? 0)).toEqual({
          start: location.start,
          end: location.end,
        });
        expect(found.trim()).toBe(found);
      }
    }
    // One or two changed words in a quote of several words stay recognisable.
    expect(fuzzy).toBeGreaterThan(150);
  });

  it('finds a quote at the very start and the very end of a document', () => {
    const random = seededRandom(303);
    for (let run = 0; run < 50; run += 1) {
      const text = paragraphText(random, 200);
      const head = snapToWords(text, 0, 25 + Math.floor(random() * 40));
      const tail = snapToWords(text, text.length - 25 - Math.floor(random() * 40), text.length);
      const middle = Math.floor(text.length / 2);
      const changed = applyEdits(text, [
        { at: text.indexOf(' ', middle), remove: 0, insert: ' inserted words here' },
      ]);
      for (const range of [head, tail]) {
        const selector = { ...selectorAt(text, range.start, range.end), ...range };
        const location = locateQuote(indexText(changed), selector);
        expect(location.status).toBe('exact');
        expect(changed.slice(location.start ?? 0, location.end ?? 0)).toBe(selector.quote);
      }
      // The first word changed: the quote at the start is found fuzzily, still at the start.
      const headSelector = { ...selectorAt(text, head.start, head.end), ...head };
      const firstWordEnd = text.indexOf(' ');
      const renamed = `zzfirst${text.slice(firstWordEnd)}`;
      const location = locateQuote(indexText(renamed), headSelector);
      if (headSelector.quote.split(' ').length >= 4) {
        expect(location.status).toBe('fuzzy');
        expect(location.start).toBe(0);
      }
    }
  });

  it('resolves a repeated quote by its context, wherever the text moved', () => {
    const quote = 'the rate stays high';
    const text = `In London ${quote} for tankers.\n\nElsewhere, in Oslo, ${quote} for bulk carriers too.`;
    const second = text.lastIndexOf(quote);
    const selector = {
      ...selectorAt(text, second, second + quote.length),
      start: second,
      end: second + quote.length,
    };
    const changed = `A new opening paragraph was added.\n\n${text}`;
    const location = locateQuote(indexText(changed), selector);
    expect(location).toEqual({
      status: 'exact',
      start: changed.lastIndexOf(quote),
      end: changed.lastIndexOf(quote) + quote.length,
      similarity: 1,
    });
    // The paragraphs swapped: the Oslo one is now first, and still chosen.
    const swapped = `Elsewhere, in Oslo, ${quote} for bulk carriers too.\n\nIn London ${quote} for tankers.`;
    const moved = locateQuote(indexText(swapped), selector);
    expect(moved).toMatchObject({ status: 'moved', start: swapped.indexOf(quote) });
    // A repeated passage whose words changed: the one in the right context wins.
    const edited = `In London the rate stays very high for tankers.\n\nElsewhere, in Oslo, the rate stays very high for bulk carriers too.`;
    const fuzzy = locateQuote(indexText(edited), selector);
    expect(fuzzy).toMatchObject({ status: 'fuzzy', start: edited.lastIndexOf('the rate stays very high') });
  });

  it('reports a passage rewritten beyond recognition as missing', () => {
    const random = seededRandom(404);
    const text = paragraphText(random, 200);
    const selector = pickQuote(random, text, 60, 120);
    const changed =
      text.slice(0, selector.start) + paragraphText(seededRandom(9), 20) + text.slice(selector.end);
    const location = locateQuote(indexText(changed), selector);
    expect(location).toMatchObject({ status: 'missing', start: null, end: null });
    expect(location.similarity).toBeLessThan(FUZZY_THRESHOLD);
  });
});
