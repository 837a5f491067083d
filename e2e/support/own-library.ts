import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExcerptDetail } from '../../src/shared/dto';
import { startE2eHost, type E2eHost } from '../host/server';
import { apiOf, type ApiCaller } from './hostile-library';

/**
 * Runs `journey` against an empty library of its own, served by its own browser e2e host and
 * filled through `api` (the same checked door as the window's calls); removed afterwards.
 */
export async function withOwnLibrary(
  journey: (host: E2eHost, api: ApiCaller) => Promise<void>,
): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'briefing-e2e-own-'));
  const host = await startE2eHost({ dataDir, exportDir: join(dataDir, 'exports'), seed: false });
  try {
    await journey(host, apiOf(host));
  } finally {
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Imports `text` as a plain-text document and makes an excerpt of each paragraph that `quote` accepts. */
export async function importAndExcerpt(
  api: ApiCaller,
  name: string,
  text: string,
  quote: (paragraph: string) => boolean,
): Promise<ExcerptDetail[]> {
  const outcome = await api('importFileBytes', {
    name,
    dataBase64: Buffer.from(text, 'utf8').toString('base64'),
  });
  if (outcome.documentId === null) throw new Error(`${name} not imported: ${outcome.error ?? ''}`);
  const document = await api('getDocument', { documentId: outcome.documentId });
  const excerpts: ExcerptDetail[] = [];
  for (const block of document.blocks) {
    if (!quote(document.text.slice(block.start, block.end))) continue;
    excerpts.push(
      await api('createExcerpt', { documentId: document.id, start: block.start, end: block.end, note: '' }),
    );
  }
  return excerpts;
}
