import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BundleImportSummary, Collection } from '../../shared/dto';
import { CORPUS_DIR, createHeadlessCore } from '../../core/testing/temp-core';
import { cli, json, useWorkspaces } from '../testing';

const workspace = useWorkspaces('briefing-cli-collections-');

/** A library with the corpus and three excerpts (made through core: the CLI has no excerpt command yet). */
async function library(dataDir: string): Promise<string[]> {
  expect((await cli('import', CORPUS_DIR, '--data-dir', dataDir)).code).toBe(0);
  const core = createHeadlessCore(dataDir);
  try {
    const [document] = await core.handlers.listDocuments({});
    if (document === undefined) throw new Error('no documents');
    const ids: string[] = [];
    for (const start of [100, 400, 700]) {
      ids.push((await core.handlers.createExcerpt({ documentId: document.id, start, end: start + 30 })).id);
    }
    return ids;
  } finally {
    core.close();
  }
}

describe('collection commands', () => {
  it('creates, fills, lists, exports and imports a collection', async () => {
    const dir = workspace();
    const dataDir = join(dir, 'lib');
    const [a, b, c] = await library(dataDir);

    const created = await cli('collection', 'create', 'Red Sea', '--json', '--data-dir', dataDir);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const { id, name } = json<{ id: string; name: string }>(created.stdout);
    expect(Object.keys(json<object>(created.stdout)).sort()).toEqual(['id', 'name']);
    expect(name).toBe('Red Sea');
    expect(id).toMatch(/^col_/);

    const added = await cli('collection', 'add', id, a ?? '', b ?? '', '--json', '--data-dir', dataDir);
    expect(added.code).toBe(0);
    expect(json<{ added: string[]; excerptIds: string[] }>(added.stdout)).toMatchObject({
      added: [a, b],
      alreadyThere: [],
      excerptIds: [a, b],
    });
    const again = await cli('collection', 'add', id, b ?? '', c ?? '', '--data-dir', dataDir);
    expect(again).toMatchObject({
      code: 0,
      stdout: 'Added 1 excerpt to Red Sea (1 already there); it holds 3.\n',
    });

    const listed = await cli('--data-dir', dataDir, 'collection', 'list', '--json');
    expect(json<Collection[]>(listed.stdout)).toEqual([
      expect.objectContaining({ id, name: 'Red Sea', excerptCount: 3, description: '' }),
    ]);
    const text = await cli('collection', 'list', '--data-dir', dataDir);
    expect(text.stdout).toContain(`${id}     3  Red Sea`);

    const bundlePath = join(dir, 'red-sea.bbundle');
    const exported = await cli(
      'collection',
      'export',
      id,
      '--out',
      bundlePath,
      '--json',
      '--data-dir',
      dataDir,
    );
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    expect(json<object>(exported.stdout)).toEqual({
      path: bundlePath,
      collectionId: id,
      documents: 1,
      excerpts: 3,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
    });
    expect(existsSync(bundlePath)).toBe(true);

    // Into a library that has never seen these documents.
    const otherDir = join(dir, 'other');
    const imported = await cli('collection', 'import', bundlePath, '--json', '--data-dir', otherDir);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(json<BundleImportSummary>(imported.stdout)).toEqual({
      collectionId: expect.stringMatching(/^col_/) as unknown,
      collectionName: 'Red Sea',
      documentsAdded: 1,
      documentsAlreadyPresent: 0,
      excerptsAdded: 3,
      excerptsAlreadyPresent: 0,
      verified: 3,
    });
    const twice = await cli('collection', 'import', bundlePath, '--data-dir', otherDir);
    expect(twice.code).toBe(0);
    expect(twice.stdout).toMatch(/^Imported Red Sea \(2\) \(col_[0-9a-f]+\); every quote verified \(3\)\./);
    expect(twice.stdout).toContain('documents: 0 added, 1 already there');
    expect(twice.stdout).toContain('excerpts:  0 added, 3 already there');
    expect(
      json<Collection[]>((await cli('collection', 'list', '--json', '--data-dir', otherDir)).stdout),
    ).toHaveLength(2);
  });

  it('refuses a tampered bundle with the reason on stderr and imports nothing', async () => {
    const dir = workspace();
    const dataDir = join(dir, 'lib');
    const [a] = await library(dataDir);
    const { id } = json<{ id: string }>(
      (await cli('collection', 'create', 'X', '--json', '--data-dir', dataDir)).stdout,
    );
    await cli('collection', 'add', id, a ?? '', '--data-dir', dataDir);
    const bundlePath = join(dir, 'x.bbundle');
    await cli('collection', 'export', id, '--out', bundlePath, '--data-dir', dataDir);
    const bundle = json<{ excerpts: { quote: string }[] }>(readFileSync(bundlePath, 'utf8'));
    const first = bundle.excerpts[0];
    if (first !== undefined) first.quote = 'words nobody wrote';
    writeFileSync(bundlePath, JSON.stringify(bundle));

    const otherDir = join(dir, 'other');
    const refused = await cli('collection', 'import', bundlePath, '--json', '--data-dir', otherDir);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^briefing: Excerpt e1 \(“words nobody wrote”\) is not what document d1/);
    expect((await cli('collection', 'list', '--json', '--data-dir', otherDir)).stdout).toBe('[]\n');
    expect(json<unknown[]>((await cli('documents', '--json', '--data-dir', otherDir)).stdout)).toEqual([]);

    const notJson = join(dir, 'notes.bbundle');
    writeFileSync(notJson, 'not a bundle');
    const garbage = await cli('collection', 'import', notJson, '--data-dir', otherDir);
    expect(garbage).toMatchObject({ code: 1, stdout: '' });
    expect(garbage.stderr).toMatch(/not valid JSON/);
    const missing = await cli('collection', 'import', join(dir, 'nope.bbundle'), '--data-dir', otherDir);
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toMatch(/No bundle file exists at/);
  });

  it('explains usage errors and unknown ids', async () => {
    const dataDir = join(workspace(), 'lib');
    const usage = async (...argv: string[]) => {
      const result = await cli(...argv, '--data-dir', dataDir);
      expect(result.code).toBe(2);
      return result.stderr;
    };
    expect(await usage('collection')).toMatch(/collection needs a subcommand/);
    expect(await usage('collection', 'frobnicate')).toMatch(/unknown subcommand "collection frobnicate"/);
    expect(await usage('collection', 'create')).toMatch(/usage: collection create <name>/);
    expect(await usage('collection', 'create', '   ')).toMatch(/a collection needs a name/);
    expect(await usage('collection', 'add', 'col_x')).toMatch(/usage: collection add/);
    expect(await usage('collection', 'export', 'col_x')).toMatch(/needs --out/);
    expect(await usage('collection', 'import')).toMatch(/usage: collection import <file>/);
    expect(await usage('collection', 'list', 'extra')).toMatch(/usage: collection list/);

    const unknown = await cli('collection', 'add', 'col_missing', 'exc_x', '--data-dir', dataDir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('briefing: No collection with id col_missing exists.\n');
    const { id } = json<{ id: string }>(
      (await cli('collection', 'create', 'Y', '--json', '--data-dir', dataDir)).stdout,
    );
    const noExcerpt = await cli('collection', 'add', id, 'exc_missing', '--data-dir', dataDir);
    expect(noExcerpt).toMatchObject({
      code: 1,
      stderr: 'briefing: No excerpt with id exc_missing exists.\n',
    });
    const noExport = await cli(
      'collection',
      'export',
      'col_missing',
      '--out',
      join(dataDir, 'x.bbundle'),
      '--data-dir',
      dataDir,
    );
    expect(noExport).toMatchObject({
      code: 1,
      stderr: 'briefing: No collection with id col_missing exists.\n',
    });
  });
});
