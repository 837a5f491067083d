import { describe, expect, it } from 'vitest';
import type { DiffPart } from '../../shared/dto';
import { seededRandom } from '../testing/random';
import { diffSimilarity, wordDiff } from './word-diff';

const side = (parts: readonly DiffPart[], keep: 'removed' | 'added') =>
  parts
    .filter((part) => part.op === 'same' || part.op === keep)
    .map((part) => part.text)
    .join('');

describe('word diff', () => {
  it('marks changed words and keeps the rest', () => {
    expect(wordDiff('the rate stays high', 'the rate stayed very high')).toEqual([
      { op: 'same', text: 'the rate ' },
      { op: 'removed', text: 'stays' },
      { op: 'added', text: 'stayed very' },
      { op: 'same', text: ' high' },
    ]);
    expect(wordDiff('same text', 'same text')).toEqual([{ op: 'same', text: 'same text' }]);
    expect(wordDiff('', 'new')).toEqual([{ op: 'added', text: 'new' }]);
  });

  it('always rebuilds both sides exactly (random word edits)', () => {
    const random = seededRandom(3);
    const words = ['rate', 'high', 'the', 'broker', ',', 'said', 'London', '“', '”', 'Осло', 'محمد'];
    const sentence = (length: number) =>
      Array.from({ length }, () => words[Math.floor(random() * words.length)] ?? '').join(
        random() < 0.2 ? '  ' : ' ',
      );
    for (let run = 0; run < 300; run += 1) {
      const before = sentence(Math.floor(random() * 30));
      const after = random() < 0.3 ? before.replace(/rate/g, 'price') : sentence(Math.floor(random() * 30));
      const parts = wordDiff(before, after);
      expect(side(parts, 'removed')).toBe(before);
      expect(side(parts, 'added')).toBe(after);
      const similarity = diffSimilarity(before, after, parts);
      expect(similarity).toBeGreaterThanOrEqual(0);
      expect(similarity).toBeLessThanOrEqual(1);
    }
  });

  it('gives up aligning beyond its size cap but still rebuilds both sides', () => {
    const before = `start ${'alpha beta '.repeat(50)}end`;
    const after = `start ${'gamma delta '.repeat(50)}end`;
    const parts = wordDiff(before, after, 100);
    expect(parts.map((part) => part.op)).toEqual(['same', 'removed', 'added', 'same']);
    expect(side(parts, 'removed')).toBe(before);
    expect(side(parts, 'added')).toBe(after);
  });
});
