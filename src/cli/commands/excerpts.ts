import type { Core } from '../../core/api/core';
import { addExcerptByQuote, requireDocumentText } from '../../core/excerpts/service';
import type { ExcerptDetail, ExcerptFilter, IntegrityItem } from '../../shared/dto';
import { API_INPUT_SCHEMAS } from '../../shared/schemas';
import { single, UsageError, type ParsedArgs } from '../args';
import { printJson, type Command } from './command';

/** Validates CLI input with the API's own schema, as every door does; a bad value is a usage error. */
function parsed<T>(
  result: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } },
): T {
  if (!result.success) throw new UsageError(result.error.issues.map((issue) => issue.message).join('; '));
  return result.data;
}

function shorten(text: string, length = 80): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

const excerptCommand: Command = ({ core, args, json, output }) => {
  const [documentId, ...extra] = args.positionals;
  if (documentId === undefined || extra.length > 0) {
    throw new UsageError(
      'excerpt takes one document id: excerpt <documentId> --quote "<text>" [--note "..."] [--tag t]...',
    );
  }
  const quote = single(args, 'quote');
  if (quote === undefined || quote.trim() === '') {
    throw new UsageError('excerpt needs the passage to take: --quote "<text>" (verbatim from the document).');
  }
  const note = parsed(API_INPUT_SCHEMAS.createExcerpt.shape.note.safeParse(single(args, 'note')));
  const tags =
    parsed(API_INPUT_SCHEMAS.updateExcerpt.shape.tags.safeParse(args.options.get('tag') ?? [])) ?? [];
  const excerpt = addExcerptByQuote(core.db, {
    documentId,
    quote,
    note,
    tags,
    now: core.context.ports.now(),
  });
  if (json) {
    const { id, quote: taken, start, end } = excerpt;
    printJson(output, { id, documentId: excerpt.documentId, quote: taken, start, end });
  } else {
    output.stdout(
      `${excerpt.id}  ${excerpt.documentId} [${excerpt.start}–${excerpt.end}]  “${shorten(excerpt.quote)}”\n`,
    );
  }
  return Promise.resolve(0);
};

function filterFrom(args: ParsedArgs, core: Core): ExcerptFilter {
  const documentId = single(args, 'document');
  const tag = single(args, 'tag');
  const filter = parsed(
    API_INPUT_SCHEMAS.listAllExcerpts.shape.filter.safeParse({
      ...(documentId === undefined ? {} : { documentId }),
      ...(tag === undefined ? {} : { tag }),
    }),
  );
  if (documentId !== undefined) requireDocumentText(core.db, documentId);
  return filter ?? {};
}

const PAGE = 500;

const excerptsCommand: Command = async ({ core, args, json, output }) => {
  if (args.positionals.length > 0)
    throw new UsageError('excerpts takes no arguments; filter with --document and --tag.');
  const filter = filterFrom(args, core);
  const excerpts: ExcerptDetail[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await core.handlers.listAllExcerpts({ filter, sort: 'document', offset, limit: PAGE });
    excerpts.push(...page.items);
    if (page.items.length < PAGE || excerpts.length >= page.total) break;
  }
  if (json) {
    printJson(
      output,
      excerpts.map(({ id, documentId, quote, note, tags, start, end }) => ({
        id,
        documentId,
        quote,
        note,
        tags,
        start,
        end,
      })),
    );
  } else if (excerpts.length === 0) {
    output.stdout('No excerpts match.\n');
  } else {
    for (const excerpt of excerpts) {
      const tags = excerpt.tags.length === 0 ? '' : `  [${excerpt.tags.join(', ')}]`;
      output.stdout(`${excerpt.id}  ${excerpt.documentTitle}${tags}  “${shorten(excerpt.quote)}”\n`);
    }
  }
  return 0;
};

function describeProblem(item: IntegrityItem): string {
  if (item.status === 'moved') {
    return `moved   ${item.excerptId}  ${item.documentId}  “${shorten(item.quote, 60)}” is at ${item.foundStart ?? '?'}–${item.foundEnd ?? '?'}, not ${item.start}–${item.end}`;
  }
  return `broken  ${item.excerptId}  ${item.documentId}  “${shorten(item.quote, 60)}”; the source at ${item.start}–${item.end} reads “${shorten(item.sourceText ?? '', 60)}”`;
}

const verifyCommand: Command = async ({ core, args, json, output }) => {
  if (args.positionals.length > 0)
    throw new UsageError('verify takes no arguments; limit it with --document.');
  const documentId = single(args, 'document');
  const report = await core.handlers.verifyExcerpts(documentId === undefined ? {} : { documentId });
  const { checked, exact, moved, broken } = report;
  if (json) {
    printJson(output, { checked, exact, moved, broken });
  } else {
    output.stdout(`Checked ${checked} excerpts: ${exact} exact, ${moved} moved, ${broken} broken.\n`);
    for (const item of report.problems) output.stdout(`${describeProblem(item)}\n`);
  }
  if (broken > 0) {
    output.stderr(
      `briefing: ${broken} excerpt${broken === 1 ? ' no longer matches' : 's no longer match'} the source text.\n`,
    );
    return 1;
  }
  return 0;
};

/** excerpt, excerpts and verify. */
export const EXCERPT_COMMANDS: Readonly<Record<string, Command>> = {
  excerpt: excerptCommand,
  excerpts: excerptsCommand,
  verify: verifyCommand,
};
