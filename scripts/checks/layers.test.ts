import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

// The layer table of architecture.md, as lint enforces it: each case imports something a layer
// must not import, and lint must say why.
async function importErrors(filePath: string, source: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: [
      { ...tseslint.configs.disableTypeChecked, files: ['**/*.ts', '**/*.tsx'] },
      { languageOptions: { parserOptions: { projectService: false } } },
    ],
  });
  const [result] = await eslint.lintText(source, { filePath: resolve(root, filePath) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('layer rules', () => {
  it('keeps Electron out of core', async () => {
    const errors = await importErrors(
      'src/core/example.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
    );
    expect(errors.join(' ')).toMatch(/core is host-agnostic/);
  });

  it('keeps Node and core out of the renderer', async () => {
    expect(
      await importErrors(
        'src/renderer/src/example.ts',
        "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      ),
    ).toHaveLength(1);
    const errors = await importErrors(
      'src/renderer/src/example.ts',
      "import { createCore } from '../../core/api/core';\nexport const x = createCore;\n",
    );
    expect(errors.join(' ')).toMatch(/Reach core through the API/);
  });

  it('keeps the preload down to method names', async () => {
    expect(
      await importErrors('src/preload/example.ts', "import { z } from 'zod';\nexport const x = z;\n"),
    ).toHaveLength(1);
    expect(
      await importErrors(
        'src/preload/example.ts',
        "import { createCore } from '../core/api/core';\nexport const x = createCore;\n",
      ),
    ).toHaveLength(1);
  });

  it('keeps shared free of Node, Electron and core', async () => {
    expect(
      await importErrors(
        'src/shared/example.ts',
        "import { join } from 'node:path';\nexport const x = join;\n",
      ),
    ).toHaveLength(1);
    expect(
      await importErrors(
        'src/shared/example.ts',
        "import { openStore } from '../core/store/open';\nexport const x = openStore;\n",
      ),
    ).toHaveLength(1);
  });

  it('allows what the table allows', async () => {
    expect(
      await importErrors(
        'src/core/example.ts',
        "import Database from 'better-sqlite3';\nexport const x = Database;\n",
      ),
    ).toEqual([]);
    expect(
      await importErrors(
        'src/renderer/src/example.ts',
        "import type { Excerpt } from '../../shared/dto';\nexport type X = Excerpt;\n",
      ),
    ).toEqual([]);
  });
});
