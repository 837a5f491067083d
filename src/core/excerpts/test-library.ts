import type { BriefingApi } from '../../shared/api';
import type { DocumentDetail } from '../../shared/dto';
import { createTempCore, type TempCore } from '../testing/temp-core';

/** Test helpers: a temporary core with a clock the test moves, and documents imported as the UI does. */
export type Library = TempCore & Readonly<{ api: BriefingApi; tick: (seconds?: number) => void }>;

export function createLibrary(start = '2026-11-27T12:00:00.000Z'): Library {
  let now = Date.parse(start);
  const core = createTempCore({ now: () => new Date(now) });
  return {
    ...core,
    api: core.handlers,
    tick: (seconds = 1) => {
      now += seconds * 1000;
    },
  };
}

export type SourceSpec = Readonly<{
  title: string;
  body: string;
  outlet?: string;
  date?: string;
  url?: string;
  author?: string;
}>;

/** Imports a plain-text source with a metadata header, as a file dropped on the window. */
export async function importSource(api: BriefingApi, source: SourceSpec): Promise<DocumentDetail> {
  const header = [
    `Title: ${source.title}`,
    `Author: ${source.author ?? 'Ada Field'}`,
    `Outlet: ${source.outlet ?? 'Meridian Review'}`,
    `Date: ${source.date ?? '2025-06-01'}`,
    ...(source.url === undefined ? [] : [`URL: ${source.url}`]),
  ].join('\n');
  const outcome = await api.importFileBytes({
    name: `${source.title.replace(/\W+/g, '-').toLowerCase()}.txt`,
    dataBase64: Buffer.from(`${header}\n\n${source.body}\n`).toString('base64'),
  });
  if (outcome.documentId === null) throw new Error(`import failed: ${outcome.error ?? outcome.status}`);
  return api.getDocument({ documentId: outcome.documentId });
}

/** Offsets of the n-th occurrence of a phrase in a text. */
export function spanOf(text: string, phrase: string, occurrence = 0): { start: number; end: number } {
  let at = -1;
  for (let index = 0; index <= occurrence; index += 1) {
    at = text.indexOf(phrase, at + 1);
    if (at < 0) throw new Error(`“${phrase}” occurs fewer than ${occurrence + 1} times`);
  }
  return { start: at, end: at + phrase.length };
}
