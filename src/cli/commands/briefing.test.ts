import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfTextOf } from '../../core/testing/pdf-text';
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
    expect(text.indexOf('Annex')).toBeGreaterThan(text.indexOf('Sources'));

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
