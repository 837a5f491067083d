import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHeadlessCore, createTempCore, tempDir } from '../testing/temp-core';
import { cleanStaleTemporaries, parseTemporaryName, temporaryPathFor, writeFileAtomic } from './atomic-write';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function folder(): string {
  const dir = tempDir('briefing-atomic-');
  cleanups.push(dir.dispose);
  return dir.path;
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', '0']);
  if (result.pid === undefined) throw new Error('no child pid');
  return result.pid;
}

function plant(dir: string, name: string, ageMs = 0): string {
  const path = join(dir, name);
  writeFileSync(path, 'half a file');
  if (ageMs > 0) {
    const when = new Date(Date.now() - ageMs);
    utimesSync(path, when, when);
  }
  return path;
}

describe('atomic writes', () => {
  it('replaces the file whole, owner-only, leaving no temporary behind', () => {
    const dir = folder();
    const target = join(dir, 'Briefing.pdf');
    writeFileAtomic(target, Buffer.from('first'));
    writeFileAtomic(target, Buffer.from('second version'));
    expect(readFileSync(target, 'utf8')).toBe('second version');
    expect(readdirSync(dir)).toEqual(['Briefing.pdf']);
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  it('leaves the earlier file as it was, and no temporary, when the write fails', () => {
    const dir = folder();
    const target = join(dir, 'taken');
    mkdirSync(target);
    writeFileSync(join(target, 'inside.txt'), 'kept');
    expect(() => writeFileAtomic(target, Buffer.from('new'))).toThrow();
    expect(readFileSync(join(target, 'inside.txt'), 'utf8')).toBe('kept');
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  it('names temporaries so that they can be told apart from everything else', () => {
    const name = temporaryPathFor('/exports/Weekly note.pdf').split('/').pop() ?? '';
    expect(parseTemporaryName(name)).toEqual({ target: 'Weekly note.pdf', pid: process.pid });
    for (const other of [
      'Weekly note.pdf',
      '.Weekly note.pdf.tmp',
      '.Weekly note.pdf.123.abcdef012345.tmp',
      '.Weekly note.pdf.123.ABCDEF012345.bb-tmp',
      '.Weekly note.pdf.12x.abcdef012345.bb-tmp',
      'Weekly note.pdf.123.abcdef012345.bb-tmp',
      '.Weekly note.pdf.123.abcdef012345.bb-tmp.pdf',
    ])
      expect(parseTemporaryName(other), other).toBeNull();
  });

  it('removes only temporaries whose writer cannot still be running', () => {
    const dir = folder();
    const day = 24 * 60 * 60 * 1000;
    const dead = plant(dir, `.a.pdf.${deadPid()}.0123456789ab.bb-tmp`);
    const oursFromBefore = plant(dir, `.b.pdf.${process.pid}.0123456789ab.bb-tmp`, 10 * day);
    const oursNow = plant(dir, `.c.pdf.${process.pid}.0123456789ab.bb-tmp`);
    const liveParent = plant(dir, `.d.pdf.${process.ppid}.0123456789ab.bb-tmp`);
    const liveButAncient = plant(dir, `.e.pdf.${process.ppid}.0123456789ab.bb-tmp`, 2 * day);
    const unrelated = [
      plant(dir, 'a.pdf'),
      plant(dir, '.a.pdf.tmp', 10 * day),
      plant(dir, `.a.pdf.${deadPid()}.not-hex-at-all.bb-tmp`),
    ];
    mkdirSync(join(dir, `.f.pdf.${deadPid()}.0123456789ab.bb-tmp`));

    expect(cleanStaleTemporaries(dir)).toBe(3);
    for (const gone of [dead, oursFromBefore, liveButAncient]) expect(existsSync(gone), gone).toBe(false);
    for (const kept of [oursNow, liveParent, ...unrelated]) expect(existsSync(kept), kept).toBe(true);
    expect(cleanStaleTemporaries(join(dir, 'missing'))).toBe(0);
  });

  it('clears stale temporaries of the same target before writing it, and only those', () => {
    const dir = folder();
    const same = plant(dir, `.note.md.${deadPid()}.0123456789ab.bb-tmp`);
    const other = plant(dir, `.other.md.${deadPid()}.0123456789ab.bb-tmp`);
    writeFileAtomic(join(dir, 'note.md'), Buffer.from('# Note'));
    expect(existsSync(same)).toBe(false);
    expect(existsSync(other)).toBe(true);
  });

  it('cleans the folders exports went to when the library opens again', async () => {
    const exportsDir = folder();
    const first = createTempCore({ chooseSavePath: () => Promise.resolve(join(exportsDir, 'Brief.md')) });
    const briefing = await first.handlers.createBriefing({ title: 'Weekly' });
    await first.handlers.exportBriefing({ briefingId: briefing.id, format: 'md' });
    first.close();
    const stale = plant(exportsDir, `.Brief.md.${deadPid()}.0123456789ab.bb-tmp`);
    const inData = plant(first.dataDir, `.export.pdf.${deadPid()}.0123456789ab.bb-tmp`);

    const again = createHeadlessCore(first.dataDir);
    cleanups.push(() => {
      again.close();
      rmSync(first.dataDir, { recursive: true, force: true });
    });
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(inData)).toBe(false);
    expect(readdirSync(exportsDir)).toEqual(['Brief.md']);
  });
});
