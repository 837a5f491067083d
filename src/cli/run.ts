import { resolve } from 'node:path';
import { sourceParserWorker } from '../core/corpus/source-worker';
import { sourceCheckWorker } from '../core/store/file-check';
import { isCoreError } from '../core/errors';
import { openLibrary, type Library } from '../core/library/session';
import { parseArgs, single, UsageError, type ParsedArgs } from './args';
import { COMMANDS, VALUED_OPTIONS } from './commands';
import type { CommandContext, Output } from './commands/command';
import { LIBRARY_COMMANDS } from './commands/library';
import { defaultDataDir } from './data-dir';

export type { Output } from './commands/command';

const FONTS_DIR = resolve(__dirname, '../../resources/fonts');

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  import <path...>                 Import files or folders (.md, .txt, .html, .htm, .pdf, .docx)
  documents                        List the documents in the library
  excerpt <documentId> --quote "<text>" [--note "..."] [--tag t]...
                                   Excerpt a verbatim passage of a document
  excerpts [--document id] [--tag t]
                                   List excerpts
  verify                           Check every excerpt against its source text
  search "<query>" [--limit N]     Search documents and excerpts (words, "phrases", prefix*, -not,
                                   OR, author: outlet: tag: in:documents|excerpts after: before:)
  collection create <name> | add <collectionId> <excerptId>... | list
           | export <collectionId> --out <file.bbundle> | import <file.bbundle>
                                   Manage collections and share them as bundles
  compose <spec.json> --out <file> [export options]
                                   Build a briefing from a spec (items: quotes, text, collections,
                                   key judgments; optional template), save it and export it
  export <briefingId> --out <file> [export options]
                                   Export a saved briefing (format from the extension by default;
                                   a fixed date makes the output byte-identical). Export options:
                                   --format pdf|docx|md  --fixed-date YYYY-MM-DD  --page-size A4|Letter
                                   --title-page on|off  --contents auto|always|never
                                   --notes endnotes|footnotes  --appendix on|off  --language <tag>
                                   (left out: the briefing's own print settings)
  briefings                        List briefings, last opened first
  backups                          List the library's backups, each verified (exit 1 if one fails)
  backup                           Make a verified backup of the library now
  restore <backup>|newest          Replace the library with a backup (the app must be closed); the
                                   file it replaces is kept in the data folder's set-aside/

Options (on every command):
  --data-dir DIR   Library folder (default: ${defaultDataDir()})
  --json           Print machine-readable JSON on stdout
  --help           Show this help
  --               End of options; later arguments may begin with a dash
`;

/** Runs one CLI command and returns its exit code: 0 success, 1 failure, 2 usage error. */
export async function runCli(argv: readonly string[], output: Output): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, { valued: VALUED_OPTIONS, flags: ['json', 'help'] });
  } catch (error) {
    output.stderr(`briefing: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.flags.has('help') || args.command === undefined) {
    (args.command === undefined && !args.flags.has('help') ? output.stderr : output.stdout)(USAGE);
    return args.flags.has('help') ? 0 : 2;
  }
  const command = Object.hasOwn(COMMANDS, args.command) ? COMMANDS[args.command] : undefined;
  const libraryCommand = Object.hasOwn(LIBRARY_COMMANDS, args.command)
    ? LIBRARY_COMMANDS[args.command]
    : undefined;
  if (command === undefined && libraryCommand === undefined) {
    output.stderr(`briefing: unknown command "${args.command}".\n${USAGE}`);
    return 2;
  }

  let library: Library | undefined;
  try {
    const dataDir = resolve(single(args, 'data-dir') ?? defaultDataDir());
    library = await openLibrary(
      {
        dataDir,
        fontsDir: FONTS_DIR,
        chooseSavePath: () => Promise.resolve(null),
        chooseOpenPaths: () => Promise.resolve(null),
        parserWorker: sourceParserWorker(),
        checkWorker: sourceCheckWorker(),
        showItemInFolder: () => undefined,
        now: () => new Date(),
      },
      { scheduledBackups: false },
    );
    const json = args.flags.has('json');
    if (libraryCommand !== undefined) return await libraryCommand({ library, dataDir, args, json, output });
    const core = library.core();
    if (core === null || command === undefined) {
      output.stderr(
        `briefing: ${library.status().message}\nSee \`backups\`, then \`restore newest\` (or \`restore <backup>\`).\n`,
      );
      return 1;
    }
    const context: CommandContext = { core, args, json, output };
    return await command(context);
  } catch (error) {
    if (error instanceof UsageError) {
      output.stderr(`briefing: ${error.message}\n`);
      return 2;
    }
    if (isCoreError(error)) {
      output.stderr(`briefing: ${error.message}\n`);
      return 1;
    }
    if ((error as { code?: unknown }).code === 'SQLITE_READONLY' && library?.status().state === 'read-only') {
      output.stderr(`briefing: ${library.status().message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await library?.close();
  }
}
