import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportVersionRecord } from '../../src/core/export/version-record';
import { createTempCore, type TempCore } from '../../src/core/testing/temp-core';
import { applyAck, emptyModel, type Model } from './model';
import type { Op } from './protocol';
import { verifyAfterKill } from './verify';

// The checks the crash harness runs after each kill, shown to fire on libraries damaged by hand:
// a harness whose checks cannot fail would report 0/0/0 whatever happened.

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

type Library = { core: TempCore; model: Model; exportDir: string; ids: Record<string, string> };

async function library(): Promise<Library> {
  const core = createTempCore();
  cleanups.push(core.dispose);
  const exportDir = join(core.dataDir, 'exports');
  mkdirSync(exportDir);
  const model = emptyModel();
  const ack = (op: Op, result: Parameters<typeof applyAck>[2]) => applyAck(model, op, result);
  const text =
    'Dispatch zq1x0\n\nThe zq1x0 report. Harbour tariff convoy insurer grain corridor sanction cable.\n';
  const outcome = await core.handlers.importPastedText({ text });
  const documentId = outcome.documentId!;
  ack({ id: '1.0', marker: 'zq1x0', kind: 'import', via: 'paste' }, { documentId });
  const excerpt = await core.handlers.createExcerpt({ documentId, start: 30, end: 60 });
  ack(
    { id: '1.1', marker: 'zq1x1', kind: 'createExcerpt', documentId, start: 30, end: 60 },
    { excerptId: excerpt.id },
  );
  await core.handlers.updateExcerpt({
    excerptId: excerpt.id,
    note: 'Note zq1x2',
    tags: ['zq1x2a', 'zq1x2b'],
  });
  ack(
    {
      id: '1.2',
      marker: 'zq1x2',
      kind: 'updateExcerpt',
      excerptId: excerpt.id,
      note: 'Note zq1x2',
      tags: ['zq1x2a', 'zq1x2b'],
    },
    {},
  );
  const briefing = await core.handlers.createBriefing({ title: 'Briefing zq1x3' });
  ack(
    { id: '1.3', marker: 'zq1x3', kind: 'createBriefing', title: 'Briefing zq1x3', template: null },
    { briefingId: briefing.id, sectionIds: [] },
  );
  const withSection = await core.handlers.addSection({ briefingId: briefing.id, heading: 'Section zq1x4' });
  const sectionId = withSection.sections[0]!.id;
  ack(
    { id: '1.4', marker: 'zq1x4', kind: 'addSection', briefingId: briefing.id, heading: 'Section zq1x4' },
    { sectionId },
  );
  const withItems = await core.handlers.addBriefingItem({
    briefingId: briefing.id,
    sectionId,
    item: {
      kind: 'commentary',
      rich: { blocks: [{ type: 'paragraph', content: [{ text: 'Comment zq1x5' }] }] },
    },
  });
  const itemId = withItems.sections[0]!.items[0]!.id;
  ack(
    {
      id: '1.5',
      marker: 'zq1x5',
      kind: 'addCommentary',
      briefingId: briefing.id,
      sectionId,
      text: 'Comment zq1x5',
    },
    { itemId },
  );
  const second = await core.handlers.addBriefingItem({
    briefingId: briefing.id,
    sectionId,
    item: { kind: 'excerpt', excerptId: excerpt.id },
  });
  const secondId = second.sections[0]!.items[1]!.id;
  ack(
    {
      id: '1.6',
      marker: 'zq1x6',
      kind: 'addExcerptItem',
      briefingId: briefing.id,
      sectionId,
      excerptId: excerpt.id,
    },
    { itemId: secondId },
  );
  return {
    core,
    model,
    exportDir,
    ids: { documentId, excerptId: excerpt.id, briefingId: briefing.id, sectionId, itemId, secondId },
  };
}

const verdictOf = (lib: Library, inFlight: Op | null = null) =>
  verifyAfterKill(lib.core.db, lib.exportDir, lib.model, inFlight);

describe('the checks after a kill', () => {
  it('pass on an intact library', async () => {
    const verdict = verdictOf(await library());
    expect(verdict).toMatchObject({ corrupt: [], lost: [], partial: [], inFlightApplied: null });
  });

  it('report a document without its blocks or full-text entry as half-applied', async () => {
    const lib = await library();
    lib.core.db.prepare('DELETE FROM blocks WHERE document_id = ?').run(lib.ids['documentId']);
    expect(verdictOf(lib).partial.join()).toMatch(/has no blocks/);
    lib.core.db.prepare('DELETE FROM document_search WHERE document_id = ?').run(lib.ids['documentId']);
    expect(verdictOf(lib).partial.join()).toMatch(/0 search rows/);
  });

  it('report an excerpt whose full-text row is missing or stale as half-applied', async () => {
    const lib = await library();
    lib.core.db.exec('DROP TRIGGER excerpt_search_update');
    lib.core.db.prepare("UPDATE excerpts SET note = 'Note zq1x9' WHERE id = ?").run(lib.ids['excerptId']);
    const verdict = verdictOf(lib, {
      id: '1.9',
      marker: 'zq1x9',
      kind: 'updateExcerpt',
      excerptId: lib.ids['excerptId']!,
      note: 'Note zq1x9',
      tags: ['zq1x9a', 'zq1x9b'],
    });
    expect(verdict.partial.join()).toMatch(/full-text row differs/);
    expect(verdict.partial.join()).toMatch(/note and tags of different edits/);
  });

  it('report an acknowledged change that is not there as lost', async () => {
    const lib = await library();
    lib.core.db.prepare('DELETE FROM briefing_items WHERE id = ?').run(lib.ids['itemId']);
    lib.core.db.prepare('UPDATE briefing_items SET position = 0 WHERE id = ?').run(lib.ids['secondId']);
    lib.core.db.prepare("UPDATE briefings SET bluf = 'older' WHERE id = ?").run(lib.ids['briefingId']);
    const verdict = verdictOf(lib);
    expect(verdict.lost).toEqual(
      [`block ${lib.ids['itemId']!}`, expect.stringMatching(/title or bluf/) as unknown].sort(),
    );
    expect(verdict.partial).toEqual([]);
  });

  it('accept the change in flight whole or absent, and adopt it when whole', async () => {
    const lib = await library();
    const flight: Op = { id: '2.0', marker: 'zq2x0', kind: 'removeItem', itemId: lib.ids['itemId']! };
    expect(verdictOf(lib, flight)).toMatchObject({ lost: [], partial: [], inFlightApplied: false });
    await lib.core.handlers.removeBriefingItem({ itemId: lib.ids['itemId']! });
    expect(verdictOf(lib, flight)).toMatchObject({ lost: [], partial: [], inFlightApplied: true });
    expect(lib.model.removedItems.has(lib.ids['itemId']!)).toBe(true);
  });

  it('report gaps in block positions and rows that no change made', async () => {
    const lib = await library();
    lib.core.db.prepare('UPDATE briefing_items SET position = 7 WHERE id = ?').run(lib.ids['secondId']);
    lib.core.db
      .prepare("INSERT INTO sections (id, briefing_id, position, heading) VALUES ('stray', ?, 1, 'Stray')")
      .run(lib.ids['briefingId']);
    const partial = verdictOf(lib).partial.join('\n');
    expect(partial).toMatch(/blocks of .* at 0,7/);
    expect(partial).toMatch(/section stray that no acknowledged change made/);
  });

  it('report a broken full-text index and dangling rows as corruption', async () => {
    const lib = await library();
    // An index entry for a row the content table does not have: the external-content index is out of step.
    lib.core.db.exec(
      "INSERT INTO document_fts (rowid, title, headings, body) VALUES (999, 'ghost', '', 'ghost text')",
    );
    lib.core.db.pragma('foreign_keys = OFF');
    lib.core.db.prepare('DELETE FROM sections WHERE id = ?').run(lib.ids['sectionId']);
    const corrupt = verdictOf(lib).corrupt.join('\n');
    expect(corrupt).toMatch(/document_fts integrity-check/);
    expect(corrupt).toMatch(/foreign_key_check/);
  });

  it('report a cut-off export as half-written and a missing one as lost', async () => {
    const lib = await library();
    const briefingId = lib.ids['briefingId']!;
    const kept = join(lib.exportDir, 'zq3x0.pdf');
    writeFileSync(kept, '%PDF-1.7\n...whole...\n%%EOF\n');
    saveExportVersion(lib, kept);
    lib.model.exports.set(kept, { briefingId });
    const missing = join(lib.exportDir, 'zq3x1.md');
    saveExportVersion(lib, missing);
    lib.model.exports.set(missing, { briefingId });
    writeFileSync(join(lib.exportDir, 'zq3x2.pdf'), '%PDF-1.7\n1 0 obj');
    writeFileSync(join(lib.exportDir, 'zq3x3.docx'), 'PK\u0003\u0004 truncated');
    const verdict = verdictOf(lib);
    expect(verdict.lost).toEqual([`export ${missing}`]);
    expect(verdict.partial.join('\n')).toMatch(
      /zq3x2\.pdf is incomplete[\s\S]*zq3x3\.docx is incomplete|zq3x3\.docx is incomplete[\s\S]*zq3x2\.pdf is incomplete/,
    );
  });

  it('report an export without its version, and a version without its export', async () => {
    const lib = await library();
    const briefingId = lib.ids['briefingId']!;
    const acknowledged = join(lib.exportDir, 'zq3x0.md');
    writeFileSync(acknowledged, '# Whole\n');
    lib.model.exports.set(acknowledged, { briefingId });
    expect(verdictOf(lib).lost).toEqual([`the version of export ${acknowledged}`]);

    const lib2 = await library();
    const inFlight = join(lib2.exportDir, 'zq3x1.md');
    writeFileSync(inFlight, '# Whole\n');
    const op = exportOp(lib2, inFlight);
    expect(verdictOf(lib2, op).partial).toEqual([`export ${inFlight} without its version`]);

    const lib3 = await library();
    saveExportVersion(lib3, join(lib3.exportDir, 'zq3x2.md'));
    expect(verdictOf(lib3).partial).toEqual([
      `version ${lib3.ids['briefingId']}|Exported zq3x2.md without its export`,
    ]);
    // The export in flight: its version saved, its file cut short under the temporary name.
    const lib4 = await library();
    const cut = join(lib4.exportDir, 'zq3x3.md');
    const id = saveExportVersion(lib4, cut);
    writeFileSync(join(lib4.exportDir, `.zq3x3.md.1.0123456789ab.${id}.bb-tmp`), '# Cut sh');
    expect(verdictOf(lib4, exportOp(lib4, cut)).partial).toEqual([
      `export ${cut}: its version without the whole file`,
    ]);
  });

  it('count an export killed between its version and its rename as there, until a start should have put it in place', async () => {
    const lib = await library();
    const path = join(lib.exportDir, 'zq3x0.md');
    const id = saveExportVersion(lib, path);
    const temporary = join(lib.exportDir, `.zq3x0.md.1.0123456789ab.${id}.bb-tmp`);
    writeFileSync(temporary, '# Whole\n');
    // A Word file pending under its temporary name is judged as a Word file.
    const docx = join(lib.exportDir, 'zq3x1.docx');
    const docxId = saveExportVersion(lib, docx);
    writeFileSync(
      join(lib.exportDir, `.zq3x1.docx.1.0123456789ab.${docxId}.bb-tmp`),
      Buffer.concat([
        Buffer.from('PK'),
        Buffer.alloc(40),
        Buffer.from([0x50, 0x4b, 0x05, 0x06]),
        Buffer.alloc(18),
      ]),
    );
    lib.model.exports.set(docx, { briefingId: lib.ids['briefingId']! });
    const first = verdictOf(lib, exportOp(lib, path));
    expect(first).toMatchObject({ lost: [], partial: [], inFlightApplied: true, pendingExports: 2 });
    // A kill during the next start-up, before it cleaned up: still pending, still fine.
    expect(verdictOf(lib)).toMatchObject({ lost: [], partial: [], pendingExports: 2 });
    // After a complete start the files must be in place.
    expect(verifyAfterKill(lib.core.db, lib.exportDir, lib.model, null, true).lost).toEqual([
      `export ${path} was not put in place at the next start`,
      `export ${docx} was not put in place at the next start`,
    ]);
    renameSync(temporary, path);
    for (const name of readdirSync(lib.exportDir))
      if (name.startsWith('.zq3x1.docx.')) renameSync(join(lib.exportDir, name), docx);
    expect(verifyAfterKill(lib.core.db, lib.exportDir, lib.model, null, true)).toMatchObject({
      lost: [],
      partial: [],
      pendingExports: 0,
    });
  });
});

function saveExportVersion(lib: Library, path: string): string {
  const record = exportVersionRecord(lib.core.db, {
    briefingId: lib.ids['briefingId']!,
    path,
    snapshot: '{"format":1,"sections":[]}',
    now: () => new Date(),
  });
  record.save();
  return record.id;
}

function exportOp(lib: Library, path: string): Op {
  return {
    id: '3.9',
    marker: 'zq3x9',
    kind: 'export',
    briefingId: lib.ids['briefingId']!,
    format: 'md',
    path,
  };
}
