import { describe, expect, it } from 'vitest';
import { MAX_INPUT_DEPTH, isPlainData } from './plain-data';

describe('plain data at the door', () => {
  it('accepts what JSON can say, and undefined', () => {
    for (const value of [
      null,
      undefined,
      true,
      0,
      NaN,
      'text',
      [],
      [1, 'a', null, [{}]],
      { a: { b: [1, { c: undefined }] } },
      Object.create(null) as object,
      JSON.parse('{"blocks":[{"type":"paragraph","content":[{"text":"x"}]}]}') as unknown,
    ])
      expect(isPlainData(value), JSON.stringify(value)).toBe(true);
  });

  it('refuses what a structured clone adds and what a schema would misread', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    class Input {
      documentId = 'd';
    }
    for (const value of [
      new Date(0),
      new Map(),
      new Set(),
      new Uint8Array(2),
      new ArrayBuffer(2),
      BigInt(1),
      /x/,
      new Error('x'),
      new Input(),
      { nested: new Date(0) },
      [new Map()],
      cycle,
      JSON.parse('{"__proto__":{"isAdmin":true}}') as unknown,
      { a: JSON.parse('{"__proto__":1}') as unknown },
      () => 1,
      Symbol('x'),
    ])
      expect(isPlainData(value), String(value)).toBe(false);
  });

  it('refuses nesting deeper than the deepest schema needs, without recursing further', () => {
    let deep: unknown = 'x';
    for (let level = 0; level <= MAX_INPUT_DEPTH; level += 1) deep = [deep];
    expect(isPlainData(deep)).toBe(false);
    let ok: unknown = 'x';
    for (let level = 0; level < MAX_INPUT_DEPTH; level += 1) ok = { a: ok };
    expect(isPlainData(ok)).toBe(true);
    let huge: unknown = 'x';
    for (let level = 0; level < 1_000_000; level += 1) huge = [huge];
    expect(isPlainData(huge)).toBe(false);
  });

  it('accepts the same shared object twice when it is not a cycle', () => {
    const shared = { text: 'x' };
    expect(isPlainData({ a: shared, b: [shared, shared] })).toBe(true);
  });
});
