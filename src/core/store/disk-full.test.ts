import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../api/core';
import { dispatch } from '../api/dispatch';
import { DISK_FULL_MESSAGE } from '../disk-full';
import { FONTS_DIR } from '../testing/temp-core';
import { openStore } from './open';

// A real full disk: a 16 MB tmpfs mounted for the test. Mounting needs root (CI runs as root);
// elsewhere the test is skipped, and says why in its name.
const isRoot = process.getuid?.() === 0;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function mountTmpfs(): string | { failed: string } {
  const mountPoint = mkdtempSync(join(tmpdir(), 'briefing-full-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16m,mode=0700', 'tmpfs', mountPoint], {
    encoding: 'utf8',
  });
  if (mounted.status !== 0) {
    rmdirSync(mountPoint);
    return { failed: `${mounted.stderr || mounted.error?.message || 'mount failed'}`.trim() };
  }
  cleanups.push(() => {
    if (spawnSync('umount', [mountPoint]).status !== 0) spawnSync('umount', ['-l', mountPoint]);
    rmdirSync(mountPoint);
  });
  return mountPoint;
}

/** Writes `path` until the file system refuses; returns how many bytes it took. */
function fillUp(path: string): number {
  const descriptor = openSync(path, 'w');
  let total = 0;
  try {
    for (const size of [1 << 20, 1 << 16, 1 << 12, 1 << 8, 1]) {
      const chunk = Buffer.alloc(size, 0x61);
      for (;;) {
        try {
          total += writeSync(descriptor, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          break;
        }
      }
    }
  } finally {
    closeSync(descriptor);
  }
  return total;
}

const integrity = (core: Pick<Core, 'db'>) => core.db.pragma('integrity_check', { simple: true });

describe('a full disk', () => {
  it.skipIf(!isRoot)(
    'refuses an export and a store write with a clear error, keeping the library and the last export (runs as root: it mounts a tmpfs)',
    async (context) => {
      const mountPoint = mountTmpfs();
      if (typeof mountPoint !== 'string') {
        context.skip(`no tmpfs could be mounted here (${mountPoint.failed})`);
        return;
      }
      const exportPath = join(mountPoint, 'exports', 'Weekly.pdf');
      mkdirSync(join(mountPoint, 'exports'));
      const core = createCore({
        dataDir: join(mountPoint, 'library'),
        fontsDir: FONTS_DIR,
        chooseSavePath: () => Promise.resolve(exportPath),
        chooseOpenPaths: () => Promise.resolve(null),
        showItemInFolder: () => undefined,
        now: () => new Date('2026-11-27T12:00:00Z'),
      });
      let open = true;
      cleanups.push(() => {
        if (open) core.close();
      });
      const call = (method: string, input: unknown) => dispatch(core.handlers, method, input);

      const text =
        'Baltic cables\n\nInsurers raised war-risk premiums for cable-laying ships twice this spring, brokers say.\n';
      const imported = await core.handlers.importPastedText({ text });
      const excerpt = await core.handlers.createExcerpt({
        documentId: imported.documentId!,
        start: 15,
        end: 80,
      });
      const briefing = await core.handlers.createBriefing({ title: 'Weekly', template: 'bluf' });
      await core.handlers.addExcerptToBriefing({ briefingId: briefing.id, excerptId: excerpt.id });
      await core.handlers.updateBriefing({
        briefingId: briefing.id,
        bluf: 'Written before the disk filled.',
      });
      expect(await call('exportBriefing', { briefingId: briefing.id, format: 'pdf' })).toMatchObject({
        ok: true,
      });
      const lastExport = readFileSync(exportPath);
      await core.handlers.addBriefingItem({
        briefingId: briefing.id,
        item: {
          kind: 'commentary',
          rich: { blocks: [{ type: 'paragraph', content: [{ text: 'New since the export.' }] }] },
        },
      });
      const before = await core.handlers.getBriefing({ briefingId: briefing.id });
      // Empty the write-ahead log so the next write needs new space, as it does once the log is full.
      core.db.pragma('wal_checkpoint(TRUNCATE)');
      const filler = join(mountPoint, 'filler');
      expect(fillUp(filler)).toBeGreaterThan(0);

      const exported = await call('exportBriefing', { briefingId: briefing.id, format: 'pdf' });
      expect(exported).toMatchObject({ ok: false, error: { code: 'export-failed' } });
      expect(exported.ok === false && exported.error.message).toMatch(/no space left on device/i);
      expect(exported.ok === false && exported.error.message).toMatch(/earlier file there is unchanged/);
      expect(readFileSync(exportPath).equals(lastExport)).toBe(true);
      expect(readdirSync(join(mountPoint, 'exports'))).toEqual(['Weekly.pdf']);

      const edited = await call('updateBriefing', {
        briefingId: briefing.id,
        bluf: 'Written while the disk was full.',
      });
      expect(edited).toEqual({ ok: false, error: { code: 'internal', message: DISK_FULL_MESSAGE } });
      const pasted = await core.handlers.importPastedText({
        text: `Another source\n\n${'Tanker rates rose. '.repeat(2000)}`,
      });
      expect(pasted).toMatchObject({ status: 'failed', documentId: null, error: DISK_FULL_MESSAGE });

      expect(await core.handlers.getBriefing({ briefingId: briefing.id })).toEqual(before);
      expect((await core.handlers.listDocuments({})).map((document) => document.id)).toEqual([
        imported.documentId,
      ]);
      expect(integrity(core)).toBe('ok');

      // With space again, the same changes go through.
      unlinkSync(filler);
      expect(
        await call('updateBriefing', { briefingId: briefing.id, bluf: 'Written after space was freed.' }),
      ).toMatchObject({
        ok: true,
      });
      expect(await call('exportBriefing', { briefingId: briefing.id, format: 'pdf' })).toMatchObject({
        ok: true,
      });
      expect(readFileSync(exportPath).equals(lastExport)).toBe(false);
      core.close();
      open = false;

      const reopened = openStore({ dataDir: join(mountPoint, 'library') });
      try {
        expect(integrity({ db: reopened })).toBe('ok');
        expect(reopened.prepare('SELECT bluf FROM briefings WHERE id = ?').get(briefing.id)).toEqual({
          bluf: 'Written after space was freed.',
        });
      } finally {
        reopened.close();
      }
    },
  );
});
