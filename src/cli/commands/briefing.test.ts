import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfInfoOf, pdfPageTextsOf, pdfTextOf } from '../../core/testing/pdf-text';
import { CORPUS_DIR } from '../../core/testing/temp-core';
import { cli, json, useWorkspaces } from '../testing';

const workspace = useWorkspaces('briefing-cli-compose-');

async function library(): Promise<{ dir: string; dataDir: string }> {
  const dir = workspace();
  const dataDir = join(dir, 'lib');
  await cli('import', CORPUS_DIR, '--data-dir', dataDir);
  return { dir, dataDir };
}

describe('compose with collections, key judgments and a template; briefings', () => {
  it('fills a template, inserts a collection by name in its order and prints key judgments', async () => {
    const { dir, dataDir } = await library();
    const documents = json<{ id: string; title: string }[]>(
      (await cli('documents', '--json', '--data-dir', dataDir)).stdout,
    );
    const redSea = documents.find((document) => document.title.startsWith('Red Sea'))?.id ?? '';
    const baltic = documents.find((document) => document.title.startsWith('Guarding the Baltic'))?.id ?? '';
    const first = json<{ id: string }>(
      (await cli('excerpt', baltic, '--quote', 'cable', '--json', '--data-dir', dataDir)).stdout,
    );
    const second = json<{ id: string }>(
      (await cli('excerpt', redSea, '--quote', 'Bab el-Mandeb', '--json', '--data-dir', dataDir)).stdout,
    );
    const collection = json<{ id: string }>(
      (await cli('collection', 'create', 'Chokepoints', '--json', '--data-dir', dataDir)).stdout,
    );
    await cli('collection', 'add', collection.id, first.id, second.id, '--data-dir', dataDir);

    const spec = {
      title: 'Chokepoints',
      template: 'bluf',
      recipients: 'Maritime desk',
      sections: [
        {
          heading: 'Key judgments',
          items: [
            {
              judgment: {
                text: 'Premiums stay high into spring',
                likelihood: 'very-likely',
                confidence: 'moderate',
              },
            },
          ],
        },
        { heading: 'Discussion', items: [{ collection: 'chokepoints' }, { text: 'Both matter.' }] },
        { heading: 'Annex', items: [{ text: 'Added after the template sections.' }] },
      ],
    };
    const specFile = join(dir, 'spec.json');
    writeFileSync(specFile, JSON.stringify(spec));
    const out = join(dir, 'out.pdf');
    const result = await cli('compose', specFile, '--out', out, '--json', '--data-dir', dataDir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = pdfTextOf(out).replace(/\s+/g, ' ');
    expect(text).toContain('Distribution: Maritime desk');
    expect(text).toMatch(
      /Key judgments ▸ Premiums stay high into spring Very likely \(80–95%\) · moderate confidence/,
    );
    expect(text).toMatch(/cable¹[\s\S]*Bab el-Mandeb²[\s\S]*Both matter\./);
    // Template sections left empty (Outlook, Sources) are not printed; the extra section follows.
    expect(text).not.toMatch(/Outlook|Sources Annex/);
    expect(text.indexOf('Annex')).toBeGreaterThan(text.indexOf('Both matter.'));

    const listed = await cli('briefings', '--json', '--data-dir', dataDir);
    expect(listed.code).toBe(0);
    expect(json<unknown[]>(listed.stdout)).toEqual([
      {
        id: json<{ briefingId: string }>(result.stdout).briefingId,
        title: 'Chokepoints',
        updatedAt: expect.any(String) as unknown,
        sections: 6,
        items: 5,
      },
    ]);
  });

  it('exports a saved briefing as Markdown and Word, byte-identical with a fixed date', async () => {
    const { dir, dataDir } = await library();
    const spec = {
      title: 'Sea lanes',
      marking: 'TLP:GREEN',
      sections: [
        {
          heading: 'Red Sea',
          items: [
            { document: 'Red Sea War-Risk Premiums Refuse to Fall', quote: 'Bab el-Mandeb' },
            { text: 'Premiums *stay* high.' },
          ],
        },
      ],
    };
    const specFile = join(dir, 'spec.json');
    writeFileSync(specFile, JSON.stringify(spec));
    const composed = await cli(
      'compose',
      specFile,
      '--out',
      join(dir, 'a.md'),
      '--json',
      '--data-dir',
      dataDir,
    );
    expect(composed.stderr).toBe('');
    const { briefingId } = json<{ briefingId: string }>(composed.stdout);
    const markdown = readFileSync(join(dir, 'a.md'), 'utf8');
    expect(markdown).toContain('# Sea lanes');
    expect(markdown).toContain('**TLP:GREEN**');
    expect(markdown).toMatch(/> Bab el-Mandeb\[\^1\]/);
    expect(markdown).toContain('Premiums \\*stay\\* high.');

    const exported: Buffer[] = [];
    for (const name of ['one.docx', 'two.docx']) {
      const result = await cli(
        'export',
        briefingId,
        '--out',
        join(dir, name),
        '--fixed-date',
        '2026-01-02',
        '--json',
        '--data-dir',
        dataDir,
      );
      expect(result.code).toBe(0);
      expect(json<{ format: string; pages: number | null; citations: number }>(result.stdout)).toMatchObject({
        format: 'docx',
        pages: null,
        citations: 1,
      });
      exported.push(readFileSync(join(dir, name)));
    }
    expect(exported[0]?.subarray(0, 2).toString()).toBe('PK');
    expect(exported[0]?.equals(exported[1] ?? Buffer.alloc(0))).toBe(true);
    const md = await cli(
      'export',
      briefingId,
      '--out',
      join(dir, 'b.txt'),
      '--format',
      'md',
      '--data-dir',
      dataDir,
    );
    expect(md.stdout).toMatch(/Wrote .*b\.txt \(md, 1 citation\)/);
    // PDFs: byte-identical with a fixed date, on Letter paper when asked.
    const pdfs: Buffer[] = [];
    for (const name of ['one.pdf', 'two.pdf']) {
      const result = await cli(
        'export',
        briefingId,
        '--out',
        join(dir, name),
        '--fixed-date',
        '2026-01-02',
        '--page-size',
        'Letter',
        '--data-dir',
        dataDir,
      );
      expect(result.code).toBe(0);
      pdfs.push(readFileSync(join(dir, name)));
    }
    expect(pdfs[0]?.equals(pdfs[1] ?? Buffer.alloc(0))).toBe(true);
    expect(execFileSync('pdfinfo', [join(dir, 'one.pdf')], { encoding: 'utf8' })).toMatch(
      /Page size:\s+612 x 792/,
    );
    const bad = await cli(
      'export',
      briefingId,
      '--out',
      join(dir, 'c.pdf'),
      '--format',
      'rtf',
      '--data-dir',
      dataDir,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format must be one of pdf, docx, md/);
    const missing = await cli('export', 'brf_missing', '--out', join(dir, 'd.pdf'), '--data-dir', dataDir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no longer exists/);
  });

  it('takes the print options: title page, contents, footnotes, the source appendix and language', async () => {
    const { dir, dataDir } = await library();
    const spec = {
      title: 'Sea lanes',
      sections: ['Red Sea', 'Baltic', 'Cape route', 'Outlook'].map((heading) => ({
        heading,
        items: [{ document: 'Red Sea War-Risk Premiums Refuse to Fall', quote: 'Bab el-Mandeb' }],
      })),
    };
    const specFile = join(dir, 'spec.json');
    writeFileSync(specFile, JSON.stringify(spec));
    const out = join(dir, 'full.pdf');
    const result = await cli(
      'compose',
      specFile,
      '--out',
      out,
      '--title-page',
      'on',
      '--contents',
      'always',
      '--notes',
      'footnotes',
      '--appendix',
      'on',
      '--language',
      'en-GB',
      '--json',
      '--data-dir',
      dataDir,
    );
    expect(result.stderr).toBe('');
    const pages = pdfPageTextsOf(out);
    expect(pages[0]).toContain('Sea lanes');
    expect(pages[0]).not.toContain('Red Sea');
    expect(pages[1]).toMatch(/Contents.*Red Sea 3/);
    expect(pages.join(' ')).not.toMatch(/\bNotes\b/);
    expect(pages[2]).toMatch(/1\. Daniel Okafor-Reid/);
    expect(pages.at(-1)).toMatch(
      /Appendix: source records .*File SHA-256 [0-9a-f]{64} Text SHA-256 [0-9a-f]{64}/,
    );
    expect(pdfInfoOf(out)['Tagged']).toBe('yes');

    const bad = await cli('compose', specFile, '--out', out, '--notes', 'sidenotes', '--data-dir', dataDir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--notes must be endnotes or footnotes/);
    const badLanguage = await cli(
      'compose',
      specFile,
      '--out',
      out,
      '--language',
      'english!',
      '--data-dir',
      dataDir,
    );
    expect(badLanguage.stderr).toMatch(/--language must be a language tag/);
  });

  it('explains a bad judgment, an unknown collection and an unknown template', async () => {
    const { dir, dataDir } = await library();
    const run = async (spec: unknown) => {
      const file = join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify(spec));
      return cli('compose', file, '--out', join(dir, 'bad.pdf'), '--data-dir', dataDir);
    };
    const judgment = await run({
      title: 'X',
      sections: [
        { heading: 'A', items: [{ judgment: { text: 'T', likelihood: 'probable', confidence: 'high' } }] },
      ],
    });
    expect(judgment.code).toBe(1);
    expect(judgment.stderr).toMatch(/sections\.0\.items\.0/);
    const collection = await run({
      title: 'X',
      sections: [{ heading: 'A', items: [{ collection: 'Nope' }] }],
    });
    expect(collection.stderr).toMatch(/No collection has the id or name “Nope”/);
    const template = await run({ title: 'X', template: 'memo' });
    expect(template.stderr).toMatch(/no briefing template called “memo”/);
    expect(json<unknown[]>((await cli('briefings', '--json', '--data-dir', dataDir)).stdout)).toEqual([]);
    expect((await cli('briefings', '--data-dir', dataDir)).stdout).toMatch(/No briefings yet/);
  });
});
