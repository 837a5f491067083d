import type Database from 'better-sqlite3';
import type { Core } from '../../src/core/api/core';
import { isCoreError } from '../../src/core/errors';
import { ERROR_CODES } from '../../src/shared/api';
import { corruptionProblems, invariantProblems } from '../crash/store-checks';
import type { HostileInput } from './inputs';

/** What one hostile input did. */
export type Verdict = Readonly<{
  outcome: 'imported' | 'duplicate' | 'refused';
  /** Something is wrong: a partial import, a pollution, an unclear or unexpected error. */
  problems: readonly { kind: 'partial' | 'pollution' | 'unclear' | 'unexpected'; detail: string }[];
}>;

const TABLES = [
  'documents',
  'blocks',
  'document_search',
  'excerpts',
  'excerpt_search',
  'tags',
  'excerpt_tags',
  'collections',
  'collection_items',
] as const;
type Counts = Record<(typeof TABLES)[number], number>;

function counts(db: Database.Database): Counts {
  const result = {} as Counts;
  for (const table of TABLES)
    result[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return result;
}

const PROTOTYPES: readonly [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
];

/** The own property names of the built-in prototypes, to detect pollution. */
export function prototypeSnapshot(): string {
  return PROTOTYPES.map(
    ([name, prototype]) => `${name}:${Reflect.ownKeys(prototype).map(String).sort().join(',')}`,
  ).join('\n');
}

const CODES = new Set<string>(ERROR_CODES);

/** A refusal must be a sentence for the analyst: a known code, a short message, no stack, no internals. */
function unclear(code: unknown, message: string): string | null {
  if (typeof code !== 'string' || !CODES.has(code)) return `unknown error code ${String(code)}`;
  if (message.trim() === '') return 'an empty message';
  if (message.length > 2000) return `a ${message.length}-character message`;
  if (
    /\n\s+at |node_modules|\[object Object\]|Cannot read propert|is not a function|is not iterable|Maximum call stack|TypeError|ReferenceError/.test(
      message,
    )
  )
    return `an internal message: ${message.slice(0, 200)}`;
  return null;
}

/**
 * Imports one input through the core API as the window would (dropped file or bundle), then checks
 * that it was imported whole or refused with a clear CoreError leaving the library as it was, and
 * that no built-in prototype gained a property.
 */
export async function tryInput(core: Core, input: HostileInput, pristine: string): Promise<Verdict> {
  const db = core.db;
  const before = counts(db);
  const problems: { kind: 'partial' | 'pollution' | 'unclear' | 'unexpected'; detail: string }[] = [];
  let outcome: Verdict['outcome'] = 'refused';
  const unchanged = (why: string) => {
    const after = counts(db);
    for (const table of TABLES)
      if (after[table] !== before[table])
        problems.push({
          kind: 'partial',
          detail: `${why}, yet ${table} went from ${before[table]} to ${after[table]}`,
        });
  };
  try {
    if (input.via === 'file') {
      const result = await core.handlers.importFileBytes({
        name: input.name,
        dataBase64: input.bytes.toString('base64'),
      });
      if (result.status === 'failed') {
        const why = unclear('import-unreadable', result.error ?? '');
        if (why !== null) problems.push({ kind: 'unclear', detail: `refused with ${why}` });
        unchanged('refused');
      } else if (result.status === 'duplicate') {
        outcome = 'duplicate';
        unchanged('a duplicate');
      } else {
        outcome = 'imported';
        const after = counts(db);
        const blocks = (
          db.prepare('SELECT count(*) AS n FROM blocks WHERE document_id = ?').get(result.documentId) as {
            n: number;
          }
        ).n;
        const search = (
          db
            .prepare('SELECT count(*) AS n FROM document_search WHERE document_id = ?')
            .get(result.documentId) as { n: number }
        ).n;
        if (
          after.documents !== before.documents + 1 ||
          blocks === 0 ||
          search !== 1 ||
          after.blocks !== before.blocks + blocks
        )
          problems.push({
            kind: 'partial',
            detail: `imported with ${blocks} blocks and ${search} search rows`,
          });
        for (const table of ['excerpts', 'collections', 'collection_items'] as const)
          if (after[table] !== before[table])
            problems.push({ kind: 'partial', detail: `a file import changed ${table}` });
        const sourceName = (
          db.prepare('SELECT source_name AS name FROM documents WHERE id = ?').get(result.documentId) as {
            name: string;
          }
        ).name;
        if (sourceName.includes('/') || sourceName.includes('\\') || sourceName.includes('\u0000'))
          problems.push({ kind: 'unexpected', detail: `stored source name ${JSON.stringify(sourceName)}` });
      }
    } else {
      const summary = await core.handlers.importBundleBytes({
        name: input.name,
        dataBase64: input.bytes.toString('base64'),
      });
      outcome = 'imported';
      const after = counts(db);
      if (
        after.collections !== before.collections + 1 ||
        after.documents !== before.documents + summary.documentsAdded ||
        after.excerpts !== before.excerpts + summary.excerptsAdded ||
        after.collection_items - before.collection_items !==
          summary.excerptsAdded + summary.excerptsAlreadyPresent
      )
        problems.push({
          kind: 'partial',
          detail: `bundle import does not match its summary ${JSON.stringify(summary)}`,
        });
    }
  } catch (error) {
    if (isCoreError(error)) {
      const why = unclear(error.code, error.message);
      if (why !== null) problems.push({ kind: 'unclear', detail: `refused with ${why}` });
    } else
      problems.push({
        kind: 'unexpected',
        detail: `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`.slice(
          0,
          300,
        ),
      });
    unchanged('refused');
  }
  if (prototypeSnapshot() !== pristine)
    problems.push({ kind: 'pollution', detail: 'a built-in prototype changed' });
  return { outcome, problems };
}

/** The whole library's checks (integrity, foreign keys, full-text indexes, documents with blocks). */
export function libraryProblems(db: Database.Database): string[] {
  return [...corruptionProblems(db), ...invariantProblems(db)];
}
