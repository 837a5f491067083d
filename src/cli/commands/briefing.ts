import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { composeBriefing, parseComposeSpec } from '../../core/briefing/compose';
import { requireBriefing } from '../../core/briefing/service';
import { snapshotOf } from '../../core/briefing/versions';
import type { Core } from '../../core/api/core';
import { CoreError } from '../../core/errors';
import {
  EXPORT_FORMATS,
  exportBriefingTo,
  formatForPath,
  type BriefingExport,
  type ExportFormat,
} from '../../core/export/service';
import { exportVersionRecord } from '../../core/export/version-record';
import { deleteBriefingRow, listBriefingSummaries } from '../../core/store/briefings';
import { isLanguageTag, type PrintSettings } from '../../shared/print-settings';
import { single, UsageError, type ParsedArgs } from '../args';
import { printJson, type Command } from './command';

const composeCommand: Command = async ({ core, args, json, output }) => {
  const [specPath, ...extra] = args.positionals;
  if (specPath === undefined || extra.length > 0)
    throw new UsageError('compose needs exactly one spec file.');
  const out = single(args, 'out');
  if (out === undefined) throw new UsageError('compose needs --out <file> (.pdf, .docx or .md).');
  let specText: string;
  try {
    specText = await readFile(resolve(specPath), 'utf8');
  } catch {
    throw new CoreError('file-not-found', `The spec file ${specPath} cannot be read.`);
  }
  const spec = parseComposeSpec(specText);
  const options = exportOptions(args, out);
  const briefingId = composeBriefing(core.db, spec, options.creationDate ?? new Date());
  try {
    const result = await exportAndVersion(core, briefingId, options);
    if (json)
      printJson(output, {
        briefingId,
        pdf: result.path,
        path: result.path,
        format: result.format,
        pages: result.pages,
        citations: result.citations,
      });
    else output.stdout(`Saved briefing ${briefingId} and wrote ${describe(result)}\n`);
    return 0;
  } catch (error) {
    // The export is part of the command: without the PDF, the briefing is not kept either.
    deleteBriefingRow(core.db, briefingId);
    throw error;
  }
};

const briefingsCommand: Command = ({ core, args, json, output }) => {
  if (args.positionals.length > 0) throw new UsageError('briefings takes no arguments.');
  const briefings = listBriefingSummaries(core.db);
  if (json) {
    printJson(
      output,
      briefings.map((briefing) => ({
        id: briefing.id,
        title: briefing.title,
        updatedAt: briefing.updatedAt,
        sections: briefing.sectionCount,
        items: briefing.itemCount,
      })),
    );
  } else if (briefings.length === 0) {
    output.stdout('No briefings yet. Create one in the app or with: compose <spec.json> --out <file.pdf>\n');
  } else {
    for (const briefing of briefings) {
      output.stdout(
        `${briefing.id}  ${briefing.title}  (${briefing.sectionCount} sections, ${briefing.itemCount} blocks, edited ${briefing.updatedAt})\n`,
      );
    }
  }
  return Promise.resolve(0);
};

type ExportOptions = Readonly<{
  path: string;
  format: ExportFormat;
  creationDate: Date | undefined;
  settings: Partial<PrintSettings>;
}>;

/** One of `allowed` for `--name`, or undefined when not given. */
function choice<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[]): T | undefined {
  const value = single(args, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be ${allowed.join(' or ')}.`);
  }
  return value as T;
}

/** `--page-size`, `--title-page`, `--contents`, `--notes`, `--appendix`, `--language`: this export only. */
function printOptions(args: ParsedArgs): Partial<PrintSettings> {
  const pageSize = choice(args, 'page-size', ['A4', 'Letter'] as const);
  const titlePage = choice(args, 'title-page', ['on', 'off'] as const);
  const contents = choice(args, 'contents', ['auto', 'always', 'never'] as const);
  const notes = choice(args, 'notes', ['endnotes', 'footnotes'] as const);
  const appendix = choice(args, 'appendix', ['on', 'off'] as const);
  const language = single(args, 'language');
  if (language !== undefined && !isLanguageTag(language)) {
    throw new UsageError('--language must be a language tag such as en, en-GB or ar.');
  }
  return {
    ...(pageSize === undefined ? {} : { pageSize }),
    ...(titlePage === undefined ? {} : { titlePage: titlePage === 'on' }),
    ...(contents === undefined ? {} : { contents }),
    ...(notes === undefined ? {} : { notes }),
    ...(appendix === undefined ? {} : { sourceAppendix: appendix === 'on' }),
    ...(language === undefined ? {} : { language }),
  };
}

/** `--out`, `--format` (default: from the file's extension) and `--fixed-date`, checked. */
function exportOptions(args: ParsedArgs, out: string): ExportOptions {
  const format = single(args, 'format');
  if (format !== undefined && !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}.`);
  }
  const fixed = single(args, 'fixed-date');
  if (fixed !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(fixed)) {
    throw new UsageError('--fixed-date must be a date written YYYY-MM-DD.');
  }
  const creationDate = fixed === undefined ? undefined : new Date(`${fixed}T00:00:00Z`);
  if (creationDate !== undefined && Number.isNaN(creationDate.getTime())) {
    throw new UsageError(`--fixed-date ${fixed ?? ''} is not a real date.`);
  }
  return {
    settings: printOptions(args),
    path: resolve(out),
    format: (format as ExportFormat | undefined) ?? formatForPath(out),
    creationDate,
  };
}

/** Exports the briefing and keeps a version of what was exported. */
async function exportAndVersion(
  core: Core,
  briefingId: string,
  options: ExportOptions,
): Promise<BriefingExport> {
  const briefing = requireBriefing(core.db, briefingId);
  const snapshot = snapshotOf(core.db, briefing);
  return await exportBriefingTo(core.db, briefing, {
    ...options,
    fontsDir: resolve(__dirname, '../../../resources/fonts'),
    record: exportVersionRecord(core.db, {
      briefingId,
      path: options.path,
      snapshot,
      now: () => options.creationDate ?? new Date(),
    }),
  });
}

function describe(result: BriefingExport): string {
  const pages = result.pages === null ? '' : `${result.pages} ${result.pages === 1 ? 'page' : 'pages'}, `;
  return `${result.path} (${result.format}, ${pages}${result.citations} ${result.citations === 1 ? 'citation' : 'citations'})`;
}

const exportCommand: Command = async ({ core, args, json, output }) => {
  const [briefingId, ...extra] = args.positionals;
  if (briefingId === undefined || extra.length > 0)
    throw new UsageError('export needs exactly one briefing id.');
  const out = single(args, 'out');
  if (out === undefined) throw new UsageError('export needs --out <file>.');
  const result = await exportAndVersion(core, briefingId, exportOptions(args, out));
  if (json) printJson(output, { briefingId, ...result });
  else output.stdout(`Wrote ${describe(result)}\n`);
  return 0;
};

export const BRIEFING_COMMANDS: Readonly<Record<string, Command>> = {
  compose: composeCommand,
  export: exportCommand,
  briefings: briefingsCommand,
};
