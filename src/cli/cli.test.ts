import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfPages, pdfTextOf } from '../core/testing/pdf-text';
import { CORPUS_DIR, createHeadlessCore } from '../core/testing/temp-core';
import { parseArgs, UsageError } from './args';
import { cli, json, useWorkspaces } from './testing';

const workspace = useWorkspaces('briefing-cli-');

type DocumentRow = {
  id: string;
  title: string;
  author: string;
  outlet: string;
  publishedAt: string;
  url: string;
  blockCount: number;
  sha256: string;
};

describe('argument parsing', () => {
  it('takes options before or after arguments and stops at --', () => {
    const args = parseArgs(['--json', 'import', 'a.md', '--data-dir', 'd', '--', '--b.md'], {
      valued: ['data-dir'],
      flags: ['json'],
    });
    expect(args.command).toBe('import');
    expect(args.positionals).toEqual(['a.md', '--b.md']);
    expect(args.options.get('data-dir')).toEqual(['d']);
    expect(args.flags.has('json')).toBe(true);
  });

  it('rejects unknown options and missing values', () => {
    expect(() => parseArgs(['--nope'], { valued: [], flags: [] })).toThrow(UsageError);
    expect(() => parseArgs(['--data-dir'], { valued: ['data-dir'], flags: [] })).toThrow(/needs a value/);
  });
});

describe('import and documents', () => {
  it('starts a new data dir empty and imports the corpus', async () => {
    const dataDir = join(workspace(), 'lib');
    expect(json<unknown[]>((await cli('documents', '--json', '--data-dir', dataDir)).stdout)).toEqual([]);

    const imported = await cli('import', CORPUS_DIR, '--json', '--data-dir', dataDir);
    expect(imported.code).toBe(0);
    const outcomes = json<{ file: string; status: string; documentId: string; title: string; error: null }[]>(
      imported.stdout,
    );
    expect(outcomes.length).toBeGreaterThanOrEqual(8);
    expect(
      outcomes.every((outcome) => outcome.status === 'imported' && outcome.documentId.startsWith('doc_')),
    ).toBe(true);

    const documents = json<DocumentRow[]>((await cli('--data-dir', dataDir, 'documents', '--json')).stdout);
    expect(documents).toHaveLength(outcomes.length);
    expect(Object.keys(documents[0] ?? {}).sort()).toEqual([
      'author',
      'blockCount',
      'format',
      'id',
      'language',
      'outlet',
      'publishedAt',
      'sha256',
      'title',
      'url',
    ]);

    const again = json<{ status: string }[]>(
      (await cli('import', CORPUS_DIR, '--json', '--data-dir', dataDir)).stdout,
    );
    expect(again.every((outcome) => outcome.status === 'duplicate')).toBe(true);
  });

  it('fails bad files with one line each, imports the rest, and exits non-zero', async () => {
    const dir = workspace();
    const dataDir = join(dir, 'lib');
    writeFileSync(join(dir, 'empty.md'), '');
    writeFileSync(join(dir, 'notes.docx.exe'), 'MZ');
    const good = join(CORPUS_DIR, 'guarding-the-baltic-seabed.md');
    const result = await cli(
      'import',
      join(dir, 'missing.txt'),
      join(dir, 'empty.md'),
      join(dir, 'notes.docx.exe'),
      good,
      '--json',
      '--data-dir',
      dataDir,
    );
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/missing\.txt: No file or folder exists/);
    expect(lines[1]).toMatch(/empty\.md: The file is empty/);
    expect(lines[2]).toMatch(/notes\.docx\.exe: "\.exe" files cannot be imported/);
    const outcomes = json<{ status: string }[]>(result.stdout);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['failed', 'failed', 'failed', 'imported']);
    expect(json<unknown[]>((await cli('documents', '--json', '--data-dir', dataDir)).stdout)).toHaveLength(1);
  });

  it('explains usage errors with exit code 2', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
    const result = await cli('import', '--data-dir', workspace());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/import needs at least one file/);
  });
});

describe('compose', () => {
  async function library(): Promise<{ dir: string; dataDir: string }> {
    const dir = workspace();
    const dataDir = join(dir, 'lib');
    await cli('import', CORPUS_DIR, '--data-dir', dataDir);
    return { dir, dataDir };
  }

  const spec = {
    title: 'Contested sea lanes',
    subtitle: 'Weekly maritime note',
    author: 'Maritime Desk',
    date: '2026-11-27',
    marking: 'TLP:GREEN',
    bluf: 'Insurers, not navies, set the pace of a return to contested sea lanes.',
    sections: [
      {
        heading: 'Red Sea',
        items: [
          {
            document: 'Red Sea War-Risk Premiums Refuse to Fall',
            quote: 'The ceasefire is real, but underwriters   have memory,',
            note: 'key line',
          },
          { text: 'Premiums stay high even as attacks pause.' },
        ],
      },
      { heading: 'Baltic', items: [{ document: 'Guarding the Baltic Seabed', quote: 'cable' }] },
      {
        heading: 'Red Sea again',
        items: [{ document: 'Red Sea War-Risk Premiums Refuse to Fall', quote: 'Bab el-Mandeb' }],
      },
    ],
  };

  it('builds, saves and exports a briefing with numbered citations', async () => {
    const { dir, dataDir } = await library();
    const specFile = join(dir, 'spec.json');
    writeFileSync(specFile, JSON.stringify(spec));
    const out = join(dir, 'out.pdf');
    const result = await cli(
      'compose',
      specFile,
      '--out',
      out,
      '--title-page',
      'off',
      '--json',
      '--data-dir',
      dataDir,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const answer = json<{ briefingId: string; pdf: string; pages: number; citations: number }>(result.stdout);
    expect(answer).toMatchObject({ pdf: out, pages: 1, citations: 2 });
    expect(answer.briefingId).toMatch(/^brf_/);
    expect(pdfPages(out)).toBe(1);
    const text = pdfTextOf(out);
    expect(text).toContain('Contested sea lanes');
    expect(text).toContain('TLP:GREEN');
    expect(text).toContain('The ceasefire is real, but underwriters have memory,¹');
    expect(text).toContain('Bab el-Mandeb¹'); // the same source keeps its number
    expect(text).toMatch(/cable²/);
    expect(text).toContain('2. ');
  });

  it('refuses a quote that is not verbatim, naming it, and saves nothing', async () => {
    const { dir, dataDir } = await library();
    const bad = {
      ...spec,
      sections: [
        {
          heading: 'X',
          items: [{ document: 'Guarding the Baltic Seabed', quote: 'the cables are perfectly safe' }],
        },
      ],
    };
    const specFile = join(dir, 'bad.json');
    writeFileSync(specFile, JSON.stringify(bad));
    const out = join(dir, 'bad.pdf');
    const result = await cli('compose', specFile, '--out', out, '--data-dir', dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /“the cables are perfectly safe” is not verbatim in the document “Guarding the Baltic Seabed”/,
    );
    expect(existsSync(out)).toBe(false);
    // Nothing was saved: compose a valid spec and check it is the only briefing.
    const { handlers, close } = createHeadlessCore(dataDir);
    expect(await handlers.listBriefings({})).toEqual([]);
    expect(await handlers.listExcerpts({})).toEqual([]);
    close();
  });

  it('explains an invalid spec', async () => {
    const { dir, dataDir } = await library();
    const specFile = join(dir, 'broken.json');
    writeFileSync(
      specFile,
      '{"title": "x", "sections": [{"heading": "A", "items": [{"quote": "no document"}]}]}',
    );
    const result = await cli('compose', specFile, '--out', join(dir, 'x.pdf'), '--data-dir', dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/The spec is not valid: sections\.0\.items\.0/);
  });
});

describe('the npm run cli entry point', () => {
  it('prints clean JSON on stdout and errors on stderr', () => {
    const dataDir = join(workspace(), 'lib');
    const root = resolve(__dirname, '../..');
    const stdout = execFileSync('npm', ['run', 'cli', '--', 'documents', '--json', '--data-dir', dataDir], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(JSON.parse(stdout)).toEqual([]);
    const failed = spawnSync(
      'npm',
      ['run', 'cli', '--', 'import', join(dataDir, 'nope.md'), '--data-dir', dataDir],
      { cwd: root, encoding: 'utf8' },
    );
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toMatch(/nope\.md: No file or folder exists/);
  });
});
