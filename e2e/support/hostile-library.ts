import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../src/core/api/dispatch';
import type { ApiInput, ApiOutput } from '../../src/shared/api';
import type { ApiMethod } from '../../src/shared/methods';
import { startE2eHost, type E2eHost } from '../host/server';
import type { HostilePayload } from './hostile-payloads';

export type ApiCaller = <M extends ApiMethod>(method: M, input: ApiInput<M>) => Promise<ApiOutput<M>>;

/**
 * Calls a host's core through the same `dispatch` (method check, strict schema) as the IPC door and
 * the e2e host's HTTP endpoint: what the test writes is held to the same rules as what a user sends.
 */
export function apiOf(host: E2eHost): ApiCaller {
  return async (method, input) => {
    const envelope = await dispatch(host.core.handlers, method, input);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code}: ${envelope.error.message}`);
    return envelope.value as ApiOutput<typeof method>;
  };
}

const oneLine = (text: string) =>
  text
    .replaceAll('\u0000', ' ')
    .replace(/[\r\n]+/g, ' ')
    .trim();

/** A tag made of a payload: tags are at most 64 characters, with no control characters. */
export function hostileTag(payload: HostilePayload): string {
  return `${payload.marker} ${oneLine(payload.text).replace(/\p{Cc}/gu, ' ')}`.slice(0, 64).trim();
}

export const BUNDLE_EXCERPTS = 96;

export type HostileBundle = Readonly<{
  path: string;
  collectionName: string;
  excerpts: number;
  /** Excerpts of each of the two source documents. */
  excerptsPerSource: readonly number[];
  deliveries: Readonly<Record<string, number>>;
  dispose: () => void;
}>;

/**
 * Builds, in a library of its own, a bundle whose every field is hostile: two documents with payload
 * titles, authors, outlets and paragraphs, an excerpt per paragraph with a payload note and two
 * payload tags, in a collection with a payload name and description; exported by the app's own
 * bundle writer, so the journey imports it the way an analyst would receive it.
 */
export async function buildHostileBundle(payloads: readonly HostilePayload[]): Promise<HostileBundle> {
  const dataDir = mkdtempSync(join(tmpdir(), 'briefing-hostile-bundle-'));
  const host = await startE2eHost({ dataDir, exportDir: join(dataDir, 'exports'), seed: false });
  const api = apiOf(host);
  const deliveries: Record<string, number> = {
    'bundle document': 0,
    'excerpt note': 0,
    tag: 0,
    collection: 2,
  };
  try {
    const pick = (index: number): HostilePayload => {
      const payload = payloads[(index * 9 + 3) % payloads.length];
      if (payload === undefined) throw new Error('no payloads');
      return payload;
    };
    const perDocument = BUNDLE_EXCERPTS / 2;
    const excerptIds: string[] = [];
    const perSource: number[] = [];
    for (let documentIndex = 0; documentIndex < 2; documentIndex += 1) {
      const base = documentIndex * perDocument;
      const chosen = Array.from({ length: perDocument }, (_, index) => pick(base + index));
      const [title, author, outlet] = [pick(base + 400), pick(base + 401), pick(base + 402)];
      // Plain text keeps every payload verbatim: one line, one paragraph, one excerpt.
      const text = [
        `Title: Hostile bundle source ${documentIndex + 1} ${title.marker} ${oneLine(title.text)}`,
        `Author: ${author.marker} ${oneLine(author.text)}`,
        `Outlet: ${outlet.marker} ${oneLine(outlet.text)}`,
        '',
        ...chosen.flatMap((payload) => [`[${payload.marker}] ${oneLine(payload.text)}.`, '']),
      ].join('\n');
      const outcome = await api('importFileBytes', {
        name: `bundle-source-${documentIndex + 1}.txt`,
        dataBase64: Buffer.from(text, 'utf8').toString('base64'),
      });
      if (outcome.documentId === null) throw new Error(`bundle source not imported: ${outcome.error ?? ''}`);
      deliveries['bundle document'] = (deliveries['bundle document'] ?? 0) + chosen.length + 3;
      const document = await api('getDocument', { documentId: outcome.documentId });
      let made = 0;
      for (const block of document.blocks) {
        const marker = /^\[hp(\d{4})\]/.exec(document.text.slice(block.start, block.end));
        const payload = chosen.find((candidate) => candidate.id === Number(marker?.[1]));
        if (payload === undefined) continue;
        const excerpt = await api('createExcerpt', {
          documentId: document.id,
          start: block.start,
          end: block.end,
          note: `${payload.marker} ${payload.text}`,
        });
        await api('updateExcerpt', {
          excerptId: excerpt.id,
          tags: [hostileTag(payload), hostileTag(pick(base + made + 700))],
        });
        excerptIds.push(excerpt.id);
        made += 1;
        deliveries['excerpt note'] = (deliveries['excerpt note'] ?? 0) + 1;
        deliveries['tag'] = (deliveries['tag'] ?? 0) + 2;
      }
      perSource.push(made);
    }
    const [name, description] = [pick(900), pick(901)];
    const collectionName = `Hostile collection ${name.marker} ${oneLine(name.text)}`.slice(0, 200);
    const collection = await api('createCollection', {
      name: collectionName,
      description: `${description.marker} ${description.text}`,
    });
    await api('addToCollection', { collectionId: collection.id, excerptIds });
    const exported = await api('exportCollectionBundle', { collectionId: collection.id });
    if (exported.path === null) throw new Error('bundle not written');
    const path = exported.path;
    return {
      path,
      collectionName: collection.name,
      excerpts: excerptIds.length,
      excerptsPerSource: perSource,
      deliveries,
      dispose: () => rmSync(dataDir, { recursive: true, force: true }),
    };
  } finally {
    await host.close();
  }
}

export type HostileBriefing = Readonly<{ deliveries: Readonly<Record<string, number>> }>;

/**
 * Fills an open briefing (created in the UI) with hostile details, section headings, commentary (with
 * payload link text and https links carrying payloads), key judgments and a version name.
 */
export async function fillHostileBriefing(
  api: ApiCaller,
  briefingId: string,
  payloads: readonly HostilePayload[],
): Promise<HostileBriefing> {
  const pick = (index: number): HostilePayload => {
    const payload = payloads[(index * 13 + 5) % payloads.length];
    if (payload === undefined) throw new Error('no payloads');
    return payload;
  };
  // The briefing's text fields refuse NUL characters (with a clear error), so they are left out.
  const text = (payload: HostilePayload) => `${payload.marker} ${payload.text.replaceAll('\u0000', '')}`;
  const deliveries: Record<string, number> = { 'briefing details': 5, 'section heading': 0, commentary: 0 };
  await api('updateBriefing', {
    briefingId,
    subtitle: text(pick(1)),
    author: oneLine(text(pick(2))).slice(0, 500),
    recipients: text(pick(3)),
    marking: oneLine(text(pick(4))).slice(0, 200),
    bluf: text(pick(5)),
  });
  const SECTIONS = 12;
  for (let section = 0; section < SECTIONS; section += 1) {
    const heading = oneLine(text(pick(10 + section))).slice(0, 500);
    const briefing = await api('addSection', { briefingId, heading, level: section % 3 === 2 ? 2 : 1 });
    deliveries['section heading'] = (deliveries['section heading'] ?? 0) + 1;
    const sectionId = briefing.sections.at(-1)?.id;
    if (sectionId === undefined) throw new Error('section not added');
    for (let block = 0; block < 4; block += 1) {
      const [a, b, c, d] = [0, 1, 2, 3].map((offset) => pick(100 + section * 16 + block * 4 + offset)) as [
        HostilePayload,
        HostilePayload,
        HostilePayload,
        HostilePayload,
      ];
      await api('addBriefingItem', {
        briefingId,
        sectionId,
        item: {
          kind: 'commentary',
          rich: {
            blocks: [
              { type: 'paragraph', content: [{ text: text(a) }, { text: text(b), bold: true }] },
              {
                type: 'bullet-list',
                items: [
                  [{ text: text(c), italic: true }],
                  [
                    {
                      text: text(d),
                      link: `https://example.org/${d.marker}?q=${encodeURIComponent(d.text)}`,
                    },
                  ],
                ],
              },
            ],
          },
        },
      });
      deliveries['commentary'] = (deliveries['commentary'] ?? 0) + 4;
    }
    await api('addBriefingItem', {
      briefingId,
      sectionId,
      item: {
        kind: 'judgment',
        text: text(pick(300 + section)),
        likelihood: 'likely',
        confidence: 'moderate',
      },
    });
    deliveries['commentary'] = (deliveries['commentary'] ?? 0) + 1;
  }
  await api('saveBriefingVersion', { briefingId, name: oneLine(text(pick(400))).slice(0, 200) });
  deliveries['version name'] = 1;
  return { deliveries };
}
