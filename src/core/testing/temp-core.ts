import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCore, type Core } from '../api/core';
import type { CorePorts } from '../ports';

export const REPO_ROOT = resolve(__dirname, '../../..');
export const FONTS_DIR = join(REPO_ROOT, 'resources', 'fonts');
export const CORPUS_DIR = join(REPO_ROOT, 'corpus');

export type TempCore = Core & Readonly<{ dataDir: string; dispose: () => void }>;

/**
 * A core on `dataDir` with hosts that answer no dialogs and show nothing: for tests, benchmarks
 * and scripts that drive core directly.
 */
export function createHeadlessCore(dataDir: string, overrides: Partial<CorePorts> = {}): Core {
  return createCore({
    dataDir,
    fontsDir: FONTS_DIR,
    chooseSavePath: () => Promise.resolve(null),
    chooseOpenPaths: () => Promise.resolve(null),
    showItemInFolder: () => undefined,
    now: () => new Date(),
    ...overrides,
  });
}

/** A real core over a real database in a fresh temporary folder, for tests. */
export function createTempCore(overrides: Partial<CorePorts> = {}): TempCore {
  const dataDir = mkdtempSync(join(tmpdir(), 'briefing-test-'));
  const core = createCore({
    dataDir,
    fontsDir: FONTS_DIR,
    chooseSavePath: () => Promise.resolve(join(dataDir, 'export.pdf')),
    chooseOpenPaths: () => Promise.resolve(null),
    showItemInFolder: () => undefined,
    now: () => new Date('2026-11-27T12:00:00Z'),
    ...overrides,
  });
  return {
    ...core,
    dataDir,
    dispose: () => {
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function tempDir(prefix = 'briefing-test-'): { path: string; dispose: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}
