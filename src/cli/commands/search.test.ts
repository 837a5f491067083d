import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../core/testing/temp-core';
import { cli, json } from '../testing';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

type SearchJson = {
  total: number;
  hits: { documentId: string; title: string; blockId: number; snippet: string; score: number }[];
};

async function library(): Promise<string> {
  const dir = tempDir('briefing-cli-search-');
  cleanups.push(dir.dispose);
  writeFileSync(
    join(dir.path, 'red-sea.txt'),
    'Title: Red Sea War-Risk Premiums Refuse to Fall\nOutlet: Harbourline Weekly\n\nThe ceasefire is real, but underwriters have memory, one broker said.\n\nNobody wants to be the first to cut the premium.\n',
  );
  writeFileSync(
    join(dir.path, 'baltic.txt'),
    'Title: Guarding the Baltic Seabed\nOutlet: Northern Ledger\n\nCable repair ships are booked months ahead; premiums are not discussed.\n',
  );
  const dataDir = join(dir.path, 'lib');
  const imported = await cli('import', dir.path, '--data-dir', dataDir);
  expect(imported.code).toBe(0);
  return dataDir;
}

describe('search', () => {
  it('prints total and ranked hits with block ids and snippets', async () => {
    const dataDir = await library();
    const result = await cli('search', 'premium', '--json', '--data-dir', dataDir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const parsed = json<SearchJson>(result.stdout);
    expect(parsed.total).toBe(2);
    expect(parsed.hits[0]).toMatchObject({ title: 'Red Sea War-Risk Premiums Refuse to Fall' });
    for (const hit of parsed.hits) {
      expect(Object.keys(hit)).toEqual(
        expect.arrayContaining(['documentId', 'title', 'blockId', 'snippet', 'score']),
      );
      expect(Number.isInteger(hit.blockId)).toBe(true);
      expect(typeof hit.score).toBe('number');
    }
    expect(parsed.hits.map((hit) => hit.score)).toEqual(
      [...parsed.hits.map((hit) => hit.score)].sort((a, b) => b - a),
    );
    expect(parsed.hits.some((hit) => hit.snippet.includes('premiums are not discussed'))).toBe(true);
  });

  it('limits hits, accepts any query and answers usage mistakes', async () => {
    const dataDir = await library();
    const limited = json<SearchJson>(
      (await cli('search', 'premium', '--limit', '1', '--json', '--data-dir', dataDir)).stdout,
    );
    expect(limited.hits).toHaveLength(1);
    const odd = await cli('search', '--json', '--data-dir', dataDir, '--', '-"(NEAR -:* OR');
    expect(odd.code).toBe(0);
    expect(json<SearchJson>(odd.stdout)).toMatchObject({ total: 0, hits: [] });
    const text = await cli('search', 'ceasefire', '--data-dir', dataDir);
    expect(text.stdout).toMatch(/«ceasefire»/);
    expect((await cli('search', '--data-dir', dataDir)).code).toBe(2);
    expect((await cli('search', 'x', '--limit', 'lots', '--data-dir', dataDir)).code).toBe(2);
  });
});
