import { describe, expect, it } from 'vitest';
import { pagesToKeep, pagesToLoad, rowsOfPages } from './page-window';

describe('pagesToLoad', () => {
  it('loads only the page in view while the view is away from its ends', () => {
    expect(pagesToLoad(125, 174, 100)).toEqual([1]);
  });

  it('adds the next page within a quarter of a page of its start, and the previous one likewise', () => {
    expect(pagesToLoad(160, 175, 100)).toEqual([1, 2]);
    expect(pagesToLoad(124, 140, 100)).toEqual([0, 1]);
    expect(pagesToLoad(110, 190, 100)).toEqual([0, 1, 2]);
  });

  it('never asks for a page before the first', () => {
    expect(pagesToLoad(0, 20, 100)).toEqual([0]);
    expect(pagesToLoad(10, 75, 100)).toEqual([0, 1]);
    expect(pagesToLoad(10, 74, 100)).toEqual([0]);
  });
});

describe('pagesToKeep', () => {
  it('keeps everything while there are no more pages than it may keep', () => {
    expect([...pagesToKeep([0, 5, 9], [5], 8)].sort((a, b) => a - b)).toEqual([0, 5, 9]);
  });

  it('drops the pages farthest from the view first', () => {
    const kept = pagesToKeep([0, 1, 2, 40, 41, 42, 60, 99], [41, 42], 4);
    expect([...kept].sort((a, b) => a - b)).toEqual([40, 41, 42, 60]);
  });

  it('keeps every wanted page even beyond the limit', () => {
    const kept = pagesToKeep([3, 4, 5, 6, 50], [3, 4, 5, 6], 2);
    expect([...kept].sort((a, b) => a - b)).toEqual([3, 4, 5, 6]);
  });
});

describe('rowsOfPages', () => {
  const rowsOf = (page: number) => Array.from({ length: 10 }, (_, index) => page * 10 + index);

  it('reads held pages and fetches the others, in order, for exactly the rows asked', async () => {
    const fetched: number[] = [];
    const rows = await rowsOfPages(
      7,
      34,
      10,
      (page) => (page === 1 || page === 3 ? rowsOf(page) : undefined),
      (page) => {
        fetched.push(page);
        return Promise.resolve(rowsOf(page));
      },
    );
    expect(rows).toEqual(Array.from({ length: 28 }, (_, index) => 7 + index));
    expect(fetched).toEqual([0, 2]);
  });

  it('reads one row, and a last page shorter than the rest', async () => {
    expect(await rowsOfPages(4, 4, 10, rowsOf, () => Promise.reject(new Error('not held')))).toEqual([4]);
    const rows = await rowsOfPages(
      18,
      25,
      10,
      () => undefined,
      (page) => Promise.resolve(page === 2 ? [20, 21] : rowsOf(page)),
    );
    expect(rows).toEqual([18, 19, 20, 21]);
  });

  it('passes on a failed fetch', async () => {
    await expect(
      rowsOfPages(
        0,
        15,
        10,
        () => undefined,
        () => Promise.reject(new Error('The library is busy')),
      ),
    ).rejects.toThrow('The library is busy');
  });
});
