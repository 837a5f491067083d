import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../core/store/open';
import { tempDir } from '../../core/testing/temp-core';
import { cli, json } from '../testing';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const ARTICLE = `Title: Red Sea War-Risk Premiums Refuse to Fall
Author: Daniel Okafor-Reid
Outlet: Harbourline Weekly
Date: 2025-11-21

The ceasefire is real, but underwriters have memory, one broker said.

Nobody wants to be the first to cut the rate.
`;

const SECOND = `Title: Guarding the Baltic Seabed
Outlet: Northern Ledger
Date: 2025-10-02

Cable repair ships are booked months ahead.
`;

/** A library in a temporary folder with two imported documents. */
async function library(): Promise<{ dataDir: string; red: string; baltic: string }> {
  const dir = tempDir('briefing-cli-excerpts-');
  cleanups.push(dir.dispose);
  writeFileSync(join(dir.path, 'red-sea.txt'), ARTICLE);
  writeFileSync(join(dir.path, 'baltic.txt'), SECOND);
  const dataDir = join(dir.path, 'lib');
  const imported = await cli(
    'import',
    join(dir.path, 'red-sea.txt'),
    join(dir.path, 'baltic.txt'),
    '--json',
    '--data-dir',
    dataDir,
  );
  expect(imported.code).toBe(0);
  const outcomes = json<{ documentId: string; title: string }[]>(imported.stdout);
  const id = (title: string) => outcomes.find((outcome) => outcome.title === title)?.documentId ?? '';
  return {
    dataDir,
    red: id('Red Sea War-Risk Premiums Refuse to Fall'),
    baltic: id('Guarding the Baltic Seabed'),
  };
}

type Created = { id: string; documentId: string; quote: string; start: number; end: number };
type Listed = Created & { note: string; tags: string[] };

describe('excerpt', () => {
  it('takes a verbatim quote (whitespace aside) with a note and tags', async () => {
    const { dataDir, red } = await library();
    const result = await cli(
      'excerpt',
      red,
      '--quote',
      'underwriters   have\nmemory',
      '--note',
      'key line',
      '--tag',
      'Insurance',
      '--tag',
      'red sea',
      '--json',
      '--data-dir',
      dataDir,
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const created = json<Created>(result.stdout);
    expect(Object.keys(created).sort()).toEqual(['documentId', 'end', 'id', 'quote', 'start']);
    expect(created).toMatchObject({ documentId: red, quote: 'underwriters have memory' });
    expect(created.end - created.start).toBe('underwriters have memory'.length);

    const listed = json<Listed[]>((await cli('excerpts', '--json', '--data-dir', dataDir)).stdout);
    expect(listed).toEqual([{ ...created, note: 'key line', tags: ['Insurance', 'red sea'] }]);
  });

  it('prints a readable line without --json', async () => {
    const { dataDir, red } = await library();
    const result = await cli('excerpt', red, '--quote', 'Nobody wants', '--data-dir', dataDir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^exc_\w+ {2}doc_\w+ \[\d+–\d+\] {2}“Nobody wants”\n$/);
  });

  it('fails with a message naming the quote and the document when the quote is not verbatim', async () => {
    const { dataDir, red } = await library();
    const result = await cli(
      'excerpt',
      red,
      '--quote',
      'underwriters have long memories',
      '--data-dir',
      dataDir,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('“underwriters have long memories”');
    expect(result.stderr).toContain('Red Sea War-Risk Premiums Refuse to Fall');
    expect(result.stderr).toContain(red);
    expect(json<unknown[]>((await cli('excerpts', '--json', '--data-dir', dataDir)).stdout)).toEqual([]);
  });

  it('answers usage mistakes and unknown documents', async () => {
    const { dataDir, red } = await library();
    expect((await cli('excerpt', '--quote', 'x', '--data-dir', dataDir)).code).toBe(2);
    expect((await cli('excerpt', red, '--data-dir', dataDir)).code).toBe(2);
    expect((await cli('excerpt', red, '--quote', 'Nobody', '--tag', '', '--data-dir', dataDir)).code).toBe(2);
    const missing = await cli('excerpt', 'doc_missing', '--quote', 'x', '--data-dir', dataDir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No document with id doc_missing/);
  });
});

describe('excerpts', () => {
  it('lists every excerpt in a stable order, filtered by document or tag', async () => {
    const { dataDir, red, baltic } = await library();
    const take = async (documentId: string, quote: string, ...tags: string[]) =>
      json<Created>(
        (
          await cli(
            'excerpt',
            documentId,
            '--quote',
            quote,
            ...tags.flatMap((tag) => ['--tag', tag]),
            '--json',
            '--data-dir',
            dataDir,
          )
        ).stdout,
      ).id;
    const rate = await take(red, 'cut the rate', 'Rates');
    const cable = await take(baltic, 'Cable repair ships', 'cables');
    const ceasefire = await take(red, 'The ceasefire is real', 'rates', 'war');
    const all = json<Listed[]>((await cli('excerpts', '--json', '--data-dir', dataDir)).stdout);
    // By document title, then position in the document.
    expect(all.map((item) => item.id)).toEqual([cable, ceasefire, rate]);
    expect(all[1]).toEqual({
      id: ceasefire,
      documentId: red,
      quote: 'The ceasefire is real',
      note: '',
      tags: ['Rates', 'war'],
      start: 0,
      end: 21,
    });
    const ofRed = json<Listed[]>(
      (await cli('excerpts', '--document', red, '--json', '--data-dir', dataDir)).stdout,
    );
    expect(ofRed.map((item) => item.id)).toEqual([ceasefire, rate]);
    const tagged = json<Listed[]>(
      (await cli('excerpts', '--tag', 'RATES', '--json', '--data-dir', dataDir)).stdout,
    );
    expect(tagged.map((item) => item.id)).toEqual([ceasefire, rate]);
    const text = await cli('excerpts', '--data-dir', dataDir);
    expect(text.stdout.split('\n')[0]).toBe(
      `${cable}  Guarding the Baltic Seabed  [cables]  “Cable repair ships”`,
    );
    expect((await cli('excerpts', '--document', 'doc_missing', '--data-dir', dataDir)).code).toBe(1);
  });
});

describe('verify', () => {
  it('reports counts, exits 0 when nothing is broken and 1 when something is', async () => {
    const { dataDir, red } = await library();
    const first = json<Created>(
      (await cli('excerpt', red, '--quote', 'cut the rate', '--json', '--data-dir', dataDir)).stdout,
    );
    const second = json<Created>(
      (await cli('excerpt', red, '--quote', 'one broker said', '--json', '--data-dir', dataDir)).stdout,
    );
    const clean = await cli('verify', '--json', '--data-dir', dataDir);
    expect(clean.code).toBe(0);
    expect(json(clean.stdout)).toEqual({ checked: 2, exact: 2, moved: 0, broken: 0 });

    const db = new Database(join(dataDir, DATABASE_FILE_NAME));
    db.prepare(
      'UPDATE excerpts SET start_offset = start_offset + 2, end_offset = end_offset + 2 WHERE id = ?',
    ).run(first.id);
    db.prepare('UPDATE excerpts SET quote = ? WHERE id = ?').run('two brokers said', second.id);
    db.close();

    const broken = await cli('verify', '--json', '--data-dir', dataDir);
    expect(broken.code).toBe(1);
    expect(json(broken.stdout)).toEqual({ checked: 2, exact: 0, moved: 1, broken: 1 });
    const readable = await cli('verify', '--data-dir', dataDir);
    expect(readable.code).toBe(1);
    expect(readable.stdout).toContain('Checked 2 excerpts: 0 exact, 1 moved, 1 broken.');
    expect(readable.stdout).toContain(`moved   ${first.id}`);
    expect(readable.stdout).toContain(`broken  ${second.id}`);
    expect(readable.stdout).toContain('reads “one broker said”');
    expect(readable.stderr).toContain('1 excerpt no longer matches the source text.');
  });
});
