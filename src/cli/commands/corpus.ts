import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Core } from '../core/api/core';
import { composeBriefing, parseComposeSpec } from '../core/briefing/compose';
import { requireBriefing } from '../core/briefing/service';
import { importPaths } from '../core/corpus/import';
import { CoreError } from '../core/errors';
import { exportBriefingPdfTo } from '../core/export/service';
import { deleteBriefingRow } from '../core/store/briefings';
import { single, UsageError, type ParsedArgs } from './args';
import type { Output } from './run';

export type CommandContext = Readonly<{ core: Core; args: ParsedArgs; json: boolean; output: Output }>;
type Command = (context: CommandContext) => Promise<number>;

function printJson(output: Output, value: unknown): void {
  output.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

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
  const documents = await core.handlers.listDocuments({});
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

const composeCommand: Command = async ({ core, args, json, output }) => {
  const [specPath, ...extra] = args.positionals;
  if (specPath === undefined || extra.length > 0)
    throw new UsageError('compose needs exactly one spec file.');
  const out = single(args, 'out');
  if (out === undefined) throw new UsageError('compose needs --out <file.pdf>.');
  let specText: string;
  try {
    specText = await readFile(resolve(specPath), 'utf8');
  } catch {
    throw new CoreError('file-not-found', `The spec file ${specPath} cannot be read.`);
  }
  const spec = parseComposeSpec(specText);
  const briefingId = composeBriefing(core.db, spec, new Date());
  try {
    const briefing = requireBriefing(core.db, briefingId);
    const result = await exportBriefingPdfTo(core.db, briefing, {
      path: resolve(out),
      fontsDir: resolve(__dirname, '../../resources/fonts'),
    });
    if (json)
      printJson(output, { briefingId, pdf: result.path, pages: result.pages, citations: result.citations });
    else
      output.stdout(
        `Saved briefing ${briefingId} and wrote ${result.path} (${result.pages} pages, ${result.citations} citations)\n`,
      );
    return 0;
  } catch (error) {
    // The export is part of the command: without the PDF, the briefing is not kept either.
    deleteBriefingRow(core.db, briefingId);
    throw error;
  }
};

export const COMMANDS: Readonly<Record<string, Command>> = {
  import: importCommand,
  documents: documentsCommand,
  compose: composeCommand,
};
