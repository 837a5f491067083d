import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackupSummary } from '../../shared/dto';
import { DATABASE_FILE_NAME } from '../../core/store/open';
import { cli, json, useWorkspaces } from '../testing';

const workspace = useWorkspaces('briefing-cli-library-');

describe('backups and restore from the command line', () => {
  it('backs up, lists, and restores the newest backup over a damaged library', async () => {
    const dataDir = workspace();
    const source = join(dataDir, 'note.md');
    writeFileSync(source, '# Port report\n\nTanker traffic through the strait fell by a third in May.\n');
    expect((await cli('import', source, '--data-dir', dataDir)).code).toBe(0);

    const made = await cli('backup', '--data-dir', dataDir, '--json');
    expect(made.code).toBe(0);
    const backup = json<BackupSummary>(made.stdout);
    const listed = await cli('backups', '--data-dir', dataDir);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(backup.id);
    expect(listed.stdout).toMatch(/manual\s+schema \d+\s+\d+ kB {2}ok/);

    const file = join(dataDir, DATABASE_FILE_NAME);
    writeFileSync(file, 'not a library any more');
    const refused = await cli('documents', '--data-dir', dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/could not open your library.*\n.*restore newest/);

    const restored = await cli('restore', 'newest', '--data-dir', dataDir);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`Restored ${backup.id}.`);
    const kept = /kept as (.*)\n/.exec(restored.stdout)?.[1] ?? '';
    expect(existsSync(kept)).toBe(true);
    expect(readFileSync(kept, 'utf8')).toBe('not a library any more');
    const documents = await cli('documents', '--data-dir', dataDir);
    expect(documents.code).toBe(0);
    expect(documents.stdout).toContain('Port report');
  });

  it('refuses a restore of something that is not a backup', async () => {
    const dataDir = workspace();
    const result = await cli('restore', '../../etc/passwd', '--data-dir', dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not the name of a backup/);
    expect((await cli('restore', 'newest', '--data-dir', dataDir)).stderr).toMatch(/no good backup/);
  });
});
