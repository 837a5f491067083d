import { writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../src/core/api/core';
import { createHeadlessCore } from '../../src/core/testing/temp-core';
import { seededRandom } from '../../src/shared/testing/random';
import type { Briefing } from '../../src/shared/dto';
import { markerFor, type AckResult, type ExportFormat, type Op, type WorkerMessage } from './protocol';

// One life of the crash harness: opens the library in --data-dir through the real core and makes
// changes through its API, one after another, until the harness kills it. Every change is announced
// before its call and acknowledged after the call resolved (stdout is a pipe: writes are synchronous
// on Linux, so an acknowledgement written is an acknowledgement the harness reads).

type State = {
  documents: Map<string, number>;
  excerpts: string[];
  briefings: Map<string, string[]>;
  items: Map<string, { briefingId: string; sectionId: string; kind: string }>;
};

function argument(name: string): string {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? process.argv[index + 1] : undefined;
  if (value === undefined) throw new Error(`missing ${name}`);
  return value;
}

function send(message: WorkerMessage): void {
  writeSync(1, `${JSON.stringify(message)}\n`);
}

const WORDS =
  'harbour tariff convoy insurer grain corridor sanction cable pipeline ministry premium tanker port customs quota treaty envoy freight ledger bond'.split(
    ' ',
  );

function sentence(rng: () => number, words: number): string {
  const picked = Array.from({ length: words }, () => WORDS[Math.floor(rng() * WORDS.length)] ?? 'port');
  const text = picked.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function documentText(rng: () => number, marker: string): string {
  const paragraphs = 3 + Math.floor(rng() * 40);
  const body = Array.from({ length: paragraphs }, (_, index) =>
    [index === 0 ? `The ${marker} report.` : '', sentence(rng, 12), sentence(rng, 20), sentence(rng, 8)]
      .join(' ')
      .trim(),
  );
  return [`Dispatch ${marker}`, '', ...body.flatMap((paragraph) => [paragraph, ''])].join('\n');
}

/** What is in the library now, read straight from the store (the harness's own bookkeeping). */
function loadState(core: Core): State {
  const documents = new Map(
    (
      core.db.prepare('SELECT id, length(text) AS size FROM documents').all() as {
        id: string;
        size: number;
      }[]
    ).map((row) => [row.id, row.size]),
  );
  const excerpts = (core.db.prepare('SELECT id FROM excerpts').all() as { id: string }[]).map(
    (row) => row.id,
  );
  const briefings = new Map<string, string[]>();
  for (const row of core.db
    .prepare('SELECT id FROM briefings WHERE deleted_at IS NULL ORDER BY created_at')
    .all() as { id: string }[])
    briefings.set(row.id, []);
  for (const row of core.db
    .prepare('SELECT id, briefing_id AS briefingId FROM sections ORDER BY position')
    .all() as {
    id: string;
    briefingId: string;
  }[])
    briefings.get(row.briefingId)?.push(row.id);
  const items = new Map<string, { briefingId: string; sectionId: string; kind: string }>();
  for (const row of core.db
    .prepare('SELECT id, briefing_id AS briefingId, section_id AS sectionId, kind FROM briefing_items')
    .all() as { id: string; briefingId: string; sectionId: string; kind: string }[])
    items.set(row.id, { briefingId: row.briefingId, sectionId: row.sectionId, kind: row.kind });
  return { documents, excerpts, briefings, items };
}

function pick<T>(rng: () => number, items: readonly T[]): T | undefined {
  return items[Math.floor(rng() * items.length)];
}

const rich = (text: string) => ({ blocks: [{ type: 'paragraph' as const, content: [{ text }] }] });

/** The next change to make, fitted to what exists (a change that needs a briefing makes one first). */
function nextOp(rng: () => number, state: State, id: string, marker: string, exportDir: string): Op {
  const roll = rng();
  const briefingIds = [...state.briefings.keys()];
  const briefingId = pick(rng, briefingIds);
  const sections = briefingId === undefined ? [] : (state.briefings.get(briefingId) ?? []);
  const items = [...state.items.entries()];
  const documents = [...state.documents.entries()];
  if (documents.length === 0 || roll < 0.12)
    return { id, marker, kind: 'import', via: rng() < 0.5 ? 'paste' : 'file' };
  if (state.excerpts.length === 0 || roll < 0.27) {
    const [documentId, size] = pick(rng, documents) ?? documents[0]!;
    const start = Math.floor(rng() * Math.max(1, size - 200));
    return {
      id,
      marker,
      kind: 'createExcerpt',
      documentId,
      start,
      end: start + 20 + Math.floor(rng() * 180),
    };
  }
  if (roll < 0.41) {
    return {
      id,
      marker,
      kind: 'updateExcerpt',
      excerptId: pick(rng, state.excerpts)!,
      note: `Note ${marker}`,
      tags: [`${marker}a`, `${marker}b`],
    };
  }
  if (briefingId === undefined || roll < 0.45) {
    return {
      id,
      marker,
      kind: 'createBriefing',
      title: `Briefing ${marker}`,
      template: rng() < 0.5 ? 'bluf' : null,
    };
  }
  const sectionId = pick(rng, sections);
  if (sectionId === undefined || roll < 0.51)
    return { id, marker, kind: 'addSection', briefingId, heading: `Section ${marker}` };
  if (roll < 0.61)
    return { id, marker, kind: 'addCommentary', briefingId, sectionId, text: `Comment ${marker}` };
  if (roll < 0.66)
    return {
      id,
      marker,
      kind: 'addExcerptItem',
      briefingId,
      sectionId,
      excerptId: pick(rng, state.excerpts)!,
    };
  const commentary = items.filter(([, item]) => item.kind === 'commentary');
  const [commentaryId] = pick(rng, commentary) ?? [];
  if (roll < 0.76 && commentaryId !== undefined)
    return { id, marker, kind: 'updateCommentary', itemId: commentaryId, text: `Edited ${marker}` };
  const [itemId, item] = pick(rng, items) ?? [];
  if (roll < 0.84 && itemId !== undefined && item !== undefined) {
    const targets = state.briefings.get(item.briefingId) ?? [];
    const toSectionId = pick(rng, targets) ?? item.sectionId;
    const size = [...state.items.values()].filter((other) => other.sectionId === toSectionId).length;
    return { id, marker, kind: 'moveItem', itemId, toSectionId, index: Math.floor(rng() * (size + 1)) };
  }
  if (roll < 0.89 && itemId !== undefined) return { id, marker, kind: 'removeItem', itemId };
  if (roll < 0.95)
    return {
      id,
      marker,
      kind: 'updateBriefing',
      briefingId,
      title: `Title ${marker}`,
      bluf: `Bluf ${marker}`,
    };
  const format: ExportFormat = pick(rng, ['pdf', 'md', 'docx'] as const) ?? 'md';
  return { id, marker, kind: 'export', briefingId, format, path: join(exportDir, `${marker}.${format}`) };
}

function newItemId(briefing: Briefing, known: ReadonlyMap<string, unknown>): string | undefined {
  return briefing.sections.flatMap((section) => section.items).find((item) => !known.has(item.id))?.id;
}

async function apply(
  core: Core,
  op: Op,
  rng: () => number,
  state: State,
  setSavePath: (path: string) => void,
): Promise<AckResult> {
  const api = core.handlers;
  switch (op.kind) {
    case 'import': {
      const text = documentText(rng, op.marker);
      const outcome =
        op.via === 'paste'
          ? await api.importPastedText({ text })
          : await api.importFileBytes({
              name: `${op.marker}.md`,
              dataBase64: Buffer.from(`# ${text}`).toString('base64'),
            });
      if (outcome.documentId === null) throw new Error(`import failed: ${outcome.error ?? outcome.status}`);
      const size = (
        core.db
          .prepare('SELECT length(text) AS size FROM documents WHERE id = ?')
          .get(outcome.documentId) as { size: number }
      ).size;
      state.documents.set(outcome.documentId, size);
      return { documentId: outcome.documentId };
    }
    case 'createExcerpt': {
      const excerpt = await api.createExcerpt({ documentId: op.documentId, start: op.start, end: op.end });
      state.excerpts.push(excerpt.id);
      return { excerptId: excerpt.id };
    }
    case 'updateExcerpt':
      await api.updateExcerpt({ excerptId: op.excerptId, note: op.note, tags: [...op.tags] });
      return {};
    case 'createBriefing': {
      const briefing = await api.createBriefing({
        title: op.title,
        ...(op.template === null ? {} : { template: op.template }),
      });
      const sectionIds = briefing.sections.map((section) => section.id);
      state.briefings.set(briefing.id, sectionIds);
      return { briefingId: briefing.id, sectionIds };
    }
    case 'addSection': {
      const briefing = await api.addSection({ briefingId: op.briefingId, heading: op.heading });
      const known = new Set(state.briefings.get(op.briefingId) ?? []);
      const sectionId = briefing.sections.find((section) => !known.has(section.id))?.id;
      if (sectionId === undefined) throw new Error('no new section');
      state.briefings.get(op.briefingId)?.push(sectionId);
      return { sectionId };
    }
    case 'addCommentary':
    case 'addExcerptItem': {
      const briefing = await api.addBriefingItem({
        briefingId: op.briefingId,
        sectionId: op.sectionId,
        item:
          op.kind === 'addCommentary'
            ? { kind: 'commentary', rich: rich(op.text) }
            : { kind: 'excerpt', excerptId: op.excerptId },
      });
      const itemId = newItemId(briefing, state.items);
      if (itemId === undefined) throw new Error('no new item');
      state.items.set(itemId, {
        briefingId: op.briefingId,
        sectionId: op.sectionId,
        kind: op.kind === 'addCommentary' ? 'commentary' : 'excerpt',
      });
      return { itemId };
    }
    case 'updateCommentary':
      await api.updateCommentary({ itemId: op.itemId, rich: rich(op.text) });
      return {};
    case 'moveItem': {
      await api.moveBriefingItem({ itemId: op.itemId, sectionId: op.toSectionId, index: op.index });
      const item = state.items.get(op.itemId);
      if (item !== undefined) item.sectionId = op.toSectionId;
      return {};
    }
    case 'removeItem':
      await api.removeBriefingItem({ itemId: op.itemId });
      state.items.delete(op.itemId);
      return {};
    case 'updateBriefing':
      await api.updateBriefing({ briefingId: op.briefingId, title: op.title, bluf: op.bluf });
      return {};
    case 'export': {
      setSavePath(op.path);
      const result = await api.exportBriefing({ briefingId: op.briefingId, format: op.format });
      return result.path === null ? {} : { path: result.path };
    }
  }
}

async function main(): Promise<void> {
  const dataDir = argument('--data-dir');
  const exportDir = argument('--export-dir');
  const life = Number(argument('--life'));
  const rng = seededRandom(Number(argument('--seed')));
  let savePath = join(exportDir, 'unused.pdf');
  const core = createHeadlessCore(dataDir, { chooseSavePath: () => Promise.resolve(savePath) });
  const state = loadState(core);
  send({ t: 'ready', pid: process.pid });
  for (let sequence = 0; ; sequence += 1) {
    const op = nextOp(rng, state, `${life}.${sequence}`, markerFor(life, sequence), exportDir);
    send({ t: 'begin', op });
    try {
      const result = await apply(core, op, rng, state, (path) => (savePath = path));
      send({ t: 'ack', id: op.id, result });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      send({
        t: 'failed',
        id: op.id,
        code: typeof code === 'string' ? code : 'thrown',
        message: String(error),
      });
      // A refused change (an item that moved away meanwhile...) is fine; reload what exists.
      Object.assign(state, loadState(core));
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`crash worker failed: ${String(error)}\n`);
  process.exit(2);
});
