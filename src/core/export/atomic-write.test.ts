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
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as briefingsStore from '../store/briefings';
import { createHeadlessCore, createTempCore, tempDir } from '../testing/temp-core';
import { snapshotOf } from '../briefing/versions';
import { exportVersionRecord } from './version-record';
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
    const recorded = temporaryPathFor('/exports/a.b.pdf', 'ver_0123456789abcdef').split('/').pop() ?? '';
    expect(parseTemporaryName(recorded)).toEqual({
      target: 'a.b.pdf',
      pid: process.pid,
      recordId: 'ver_0123456789abcdef',
    });
    expect(() => temporaryPathFor('/exports/a.pdf', '../x')).toThrow(/record id/);
    for (const other of [
      'Weekly note.pdf',
      '.Weekly note.pdf.tmp',
      '.Weekly note.pdf.123.abcdef012345.tmp',
      '.Weekly note.pdf.123.ABCDEF012345.bb-tmp',
      '.Weekly note.pdf.12x.abcdef012345.bb-tmp',
      'Weekly note.pdf.123.abcdef012345.bb-tmp',
      '.Weekly note.pdf.123.abcdef012345.bb-tmp.pdf',
      '.Weekly note.pdf.123.abcdef012345.ver_0123.bb-tmp',
      '.Weekly note.pdf.123.abcdef012345.VER_0123456789abcdef.bb-tmp',
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

    expect(cleanStaleTemporaries(dir)).toEqual({ removed: 3, completed: 0 });
    for (const gone of [dead, oursFromBefore, liveButAncient]) expect(existsSync(gone), gone).toBe(false);
    for (const kept of [oursNow, liveParent, ...unrelated]) expect(existsSync(kept), kept).toBe(true);
    expect(cleanStaleTemporaries(join(dir, 'missing'))).toEqual({ removed: 0, completed: 0 });
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

  it('saves a record between the sync and the rename, and removes it when the rename fails', () => {
    const dir = folder();
    const target = join(dir, 'Brief.pdf');
    const seen: string[] = [];
    const record = (id: string) => ({
      id,
      save: () => {
        // The file is whole under a temporary that names the record.
        const temporary = readdirSync(dir).find((name) => parseTemporaryName(name) !== null) ?? '';
        seen.push(temporary);
        expect(readFileSync(join(dir, temporary), 'utf8')).toBe('whole');
      },
      undo: () => seen.push('undo'),
    });
    writeFileAtomic(target, Buffer.from('whole'), {
      ...record('ver_00000000000000aa'),
      save: () => {
        // Not in place before its record is saved.
        expect(existsSync(target)).toBe(false);
        record('ver_00000000000000aa').save();
      },
    });
    expect(seen).toHaveLength(1);
    expect(parseTemporaryName(seen[0] ?? '')?.recordId).toBe('ver_00000000000000aa');
    expect(readdirSync(dir)).toEqual(['Brief.pdf']);

    // A rename that fails (a folder took the name) undoes the record and leaves no temporary.
    seen.length = 0;
    const taken = join(dir, 'taken');
    mkdirSync(join(taken, 'inside'), { recursive: true });
    expect(() => writeFileAtomic(taken, Buffer.from('whole'), record('ver_00000000000000bb'))).toThrow();
    expect(seen.slice(1)).toEqual(['undo']);
    expect(readdirSync(dir).sort()).toEqual(['Brief.pdf', 'taken']);

    // A record that cannot be saved stops the write: no file, no temporary.
    const refused = {
      id: 'ver_00000000000000cc',
      save: () => {
        throw new Error('no room for the record');
      },
      undo: () => seen.push('undo of a record never saved'),
    };
    expect(() => writeFileAtomic(join(dir, 'Other.pdf'), Buffer.from('x'), refused)).toThrow(/no room/);
    expect(seen).not.toContain('undo of a record never saved');
    expect(readdirSync(dir).sort()).toEqual(['Brief.pdf', 'taken']);
  });

  it("completes a dead writer's temporary whose record was saved, and removes one whose record was not", () => {
    const dir = folder();
    const recorded = plant(dir, `.done.pdf.${deadPid()}.0123456789ab.ver_00000000000000aa.bb-tmp`);
    const unrecorded = plant(dir, `.never.pdf.${deadPid()}.0123456789ab.ver_00000000000000bb.bb-tmp`);
    // The analyst wrote a file of this name after the temporary: theirs stays.
    const mine = plant(dir, `.mine.pdf.${deadPid()}.0123456789ab.ver_00000000000000aa.bb-tmp`, 60_000);
    writeFileSync(join(dir, 'mine.pdf'), 'the analyst’s own');
    const running = plant(dir, `.busy.pdf.${process.pid}.0123456789ab.ver_00000000000000aa.bb-tmp`);
    const isRecorded = (id: string) => id === 'ver_00000000000000aa';

    expect(cleanStaleTemporaries(dir, { isRecorded })).toEqual({ removed: 2, completed: 1 });
    expect(readFileSync(join(dir, 'done.pdf'), 'utf8')).toBe('half a file');
    for (const gone of [recorded, unrecorded, mine]) expect(existsSync(gone), gone).toBe(false);
    expect(existsSync(join(dir, 'never.pdf'))).toBe(false);
    expect(readFileSync(join(dir, 'mine.pdf'), 'utf8')).toBe('the analyst’s own');
    expect(existsSync(running)).toBe(true);
  });

  it('gives an export and its version together after a kill between them', async () => {
    const exportsDir = folder();
    const path = join(exportsDir, 'Brief.md');
    const first = createTempCore({ chooseSavePath: () => Promise.resolve(path) });
    const briefing = await first.handlers.createBriefing({ title: 'Weekly' });
    await first.handlers.exportBriefing({ briefingId: briefing.id, format: 'md' });
    const whole = readFileSync(path);
    rmSync(path);
    // What a kill right after the version was saved and before the rename leaves: the version,
    // and the whole file under a temporary name that carries the version's id.
    const record = exportVersionRecord(first.db, {
      briefingId: briefing.id,
      path,
      snapshot: snapshotOf(first.db, await first.handlers.getBriefing({ briefingId: briefing.id })),
      now: () => new Date(),
    });
    record.save();
    writeFileSync(join(exportsDir, `.Brief.md.${deadPid()}.0123456789ab.${record.id}.bb-tmp`), whole);
    // An export killed before its version was saved leaves a temporary that names no saved version.
    writeFileSync(join(exportsDir, `.Other.md.${deadPid()}.0123456789ab.ver_00000000000000ff.bb-tmp`), whole);
    first.close();

    const again = createHeadlessCore(first.dataDir);
    cleanups.push(() => {
      again.close();
      rmSync(first.dataDir, { recursive: true, force: true });
    });
    expect(readdirSync(exportsDir)).toEqual(['Brief.md']);
    expect(readFileSync(path)).toEqual(whole);
    const versions = await again.handlers.listBriefingVersions({ briefingId: briefing.id });
    expect(versions.map((version) => version.name)).toEqual(['Exported Brief.md', 'Exported Brief.md']);
  });

  it('saves no version when the export cannot be written, and no file when the version cannot be saved', async () => {
    const exportsDir = folder();
    let path = join(exportsDir, 'taken');
    mkdirSync(join(path, 'inside'), { recursive: true });
    const core = createTempCore({ chooseSavePath: () => Promise.resolve(path) });
    cleanups.push(core.dispose);
    const briefing = await core.handlers.createBriefing({ title: 'Weekly' });
    await expect(
      core.handlers.exportBriefing({ briefingId: briefing.id, format: 'md' }),
    ).rejects.toMatchObject({
      code: 'export-failed',
    });
    expect(await core.handlers.listBriefingVersions({ briefingId: briefing.id })).toEqual([]);

    path = join(exportsDir, 'Brief.md');
    const save = vi.spyOn(briefingsStore, 'insertVersion').mockImplementationOnce(() => {
      throw new Error('database or disk is full');
    });
    await expect(
      core.handlers.exportBriefing({ briefingId: briefing.id, format: 'md' }),
    ).rejects.toMatchObject({
      code: 'export-failed',
    });
    save.mockRestore();
    expect(readdirSync(exportsDir)).toEqual(['taken']);
    expect(await core.handlers.listBriefingVersions({ briefingId: briefing.id })).toEqual([]);
  });
});
