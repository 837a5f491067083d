import { resolve } from 'node:path';
import { MAX_DOCUMENTS_PER_CALL } from '../../core/corpus/handlers';
import { importPaths } from '../../core/corpus/import';
import type { DocumentSummary } from '../../shared/dto';
import { UsageError } from '../args';
import { printJson, type Command } from './command';

const importCommand: Command = async ({ core, args, json, output }) => {
  if (args.positionals.length === 0) throw new UsageError('import needs at least one file or folder.');
  const outcomes = await importPaths(
    core.db,
    args.positionals.map((path) => resolve(path)),
    () => new Date(),
    { parse: core.context.parse, concurrency: core.context.parseConcurrency },
  );
  for (const outcome of outcomes) {
    if (outcome.status === 'failed') output.stderr(`${outcome.file}: ${outcome.error ?? 'failed'}\n`);
  }
  if (json) {
    printJson(
      output,
      outcomes.map(({ file, status, documentId, title, error }) => ({
        file,
        status,
        documentId,
        title,
        error,
      })),
    );
  } else {
    for (const outcome of outcomes) {
      if (outcome.status !== 'failed')
        output.stdout(`${outcome.status.padEnd(9)} ${outcome.documentId ?? ''}  ${outcome.title ?? ''}\n`);
    }
    const count = (status: string) => outcomes.filter((outcome) => outcome.status === status).length;
    output.stdout(
      `${count('imported')} imported, ${count('duplicate')} duplicates, ${count('failed')} failed\n`,
    );
  }
  return outcomes.some((outcome) => outcome.status === 'failed') ? 1 : 0;
};

const documentsCommand: Command = async ({ core, args, json, output }) => {
  if (args.positionals.length > 0) throw new UsageError('documents takes no arguments.');
  // listDocuments answers a page at a time (so that no answer grows with the library).
  const documents: DocumentSummary[] = [];
  for (;;) {
    const page = await core.handlers.listDocuments({ offset: documents.length });
    documents.push(...page);
    if (page.length === 0 || page.length < MAX_DOCUMENTS_PER_CALL) break;
  }
  if (json) {
    printJson(
      output,
      documents.map(
        ({ id, title, author, outlet, publishedAt, url, language, format, blockCount, sha256 }) => ({
          id,
          title,
          author,
          outlet,
          publishedAt,
          url,
          language,
          format,
          blockCount,
          sha256,
        }),
      ),
    );
  } else if (documents.length === 0) {
    output.stdout('The library is empty. Add documents with: npm run cli -- import <path...>\n');
  } else {
    for (const document of documents) {
      output.stdout(
        `${document.id}  ${document.publishedAt ?? '          '}  ${document.title}${document.outlet === null ? '' : ` (${document.outlet})`}\n`,
      );
    }
  }
  return 0;
};

export const CORPUS_COMMANDS: Readonly<Record<string, Command>> = {
  import: importCommand,
  documents: documentsCommand,
};
