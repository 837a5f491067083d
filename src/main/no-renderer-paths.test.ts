import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { API_METHODS } from '../shared/methods';
import { createTempCore, tempDir } from '../core/testing/temp-core';
import { inputJsonSchema, type JsonSchema } from './testing/payloads';

// Main owns the dialogs and every path: no API method may take a file path, folder or URL to read
// from the renderer. Fields whose names could carry one are listed here with why each is safe; a new
// field with such a name fails this test until it is reviewed.
const REVIEWED: Readonly<Record<string, string>> = {
  'importFileBytes.name': 'a label for the dropped bytes; core keeps only its last segment',
  'importBundleBytes.name': 'a label for the dropped bundle; core keeps only its base name',
  'pickImportFiles.folders': 'a boolean: whether main opens its dialog for folders or for files',
  'updateBriefing.printSettings.sourceAppendix':
    'a boolean: whether the export prints the appendix of sources (read from the store by id)',
  'updateDocumentMetadata.url':
    "the source's web address, citation metadata; never fetched or opened by main",
  'addBriefingItem.item.rich.blocks[].content[].link':
    'a commentary hyperlink (http, https or mailto only); printed in exports, never fetched',
  'addBriefingItem.item.rich.blocks[].items[][].link': 'as above, in a list item',
  'updateCommentary.rich.blocks[].content[].link': 'as above',
  'updateCommentary.rich.blocks[].items[][].link': 'as above, in a list item',
};

const PATH_LIKE = /path|file|dir|folder|url|uri|href|link|location|dest|target|source/i;

function pathLikeFields(schema: JsonSchema, where: string, out: string[]): void {
  for (const option of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) pathLikeFields(option, where, out);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const here = `${where}.${name}`;
    if (PATH_LIKE.test(name) || (name === 'name' && /import/i.test(where))) out.push(here);
    pathLikeFields(property, here, out);
  }
  if (schema.items !== undefined) pathLikeFields(schema.items, `${where}[]`, out);
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('paths stay in main', () => {
  it('has no API input that names a file, folder or URL to read, beyond the reviewed labels', () => {
    const found: string[] = [];
    for (const method of API_METHODS) pathLikeFields(inputJsonSchema(method), method, found);
    expect([...new Set(found)].sort()).toEqual(Object.keys(REVIEWED).sort());
  });

  it('takes a dropped file’s name as a label only: nothing is read from or written to that path', async () => {
    const core = createTempCore();
    cleanups.push(core.dispose);
    const outside = tempDir('briefing-outside-');
    cleanups.push(outside.dispose);
    const decoy = join(outside.path, 'decoy.txt');
    writeFileSync(decoy, 'DECOY CONTENT FROM DISK');
    mkdirSync(join(outside.path, 'empty'));
    const names = [
      decoy,
      `${outside.path}/../${outside.path.split('/').pop() ?? ''}/decoy.txt`,
      '../../../../etc/passwd.txt',
      join(outside.path, 'empty', 'written.txt'),
      'C:\\Windows\\System32\\drivers\\etc\\hosts.txt',
      '\\\\server\\share\\note.txt',
      'file:///etc/hostname.txt',
    ];
    for (const [index, name] of names.entries()) {
      const text = `Dropped body number ${index} with enough words to import.`;
      const outcome = await core.handlers.importFileBytes({
        name,
        dataBase64: Buffer.from(text).toString('base64'),
      });
      expect(outcome.status, name).toBe('imported');
      const document = await core.handlers.getDocument({ documentId: outcome.documentId! });
      expect(document.text).toContain(`Dropped body number ${index}`);
      expect(document.text).not.toContain('DECOY');
      expect(outcome.file).not.toMatch(/[\\/]/);
    }
    expect(readdirSync(join(outside.path, 'empty'))).toEqual([]);
    expect(existsSync(join(outside.path, 'empty', 'written.txt'))).toBe(false);
  });

  it('exports and reveals only files main chose, named by an id the renderer cannot forge', async () => {
    const core = createTempCore();
    cleanups.push(core.dispose);
    for (const exportId of ['/etc/passwd', '../export.pdf', core.dataDir, 'exp_unknown']) {
      await expect(core.handlers.revealExport({ exportId })).rejects.toMatchObject({
        code: 'not-exported-here',
      });
      await expect(core.handlers.openExport({ exportId })).rejects.toMatchObject({
        code: 'not-exported-here',
      });
    }
    for (const batchId of ['/etc', '../', 'imp_unknown']) {
      await expect(core.handlers.importPickedFile({ batchId, index: 0 })).rejects.toMatchObject({
        code: 'invalid-input',
      });
    }
  });
});
