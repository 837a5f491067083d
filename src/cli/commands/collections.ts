import { basename, resolve } from 'node:path';
import type { z } from 'zod';
import { exportCollectionBundleTo } from '../../core/collections/bundle-export';
import { importBundle, readBundleFile } from '../../core/collections/bundle-import';
import { API_INPUT_SCHEMAS } from '../../shared/schemas';
import { single, UsageError } from '../args';
import { printJson, type Command, type CommandContext } from './command';

const USAGE = `collection create <name>                         Create a collection (prints its id)
collection add <collectionId> <excerptId...>     Append excerpts (ones already in it stay put)
collection list                                  List collections, most recently changed first
collection export <collectionId> --out <file>    Write the collection as a .bbundle file
collection import <file>                         Verify a bundle and import it as a new collection`;

/** Validates CLI arguments with the same schema the window's requests pass. */
function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${issue?.message ?? 'invalid arguments'}.`);
  }
  return parsed.data;
}

function requireArgs(args: readonly string[], count: number, usage: string): void {
  if (args.length !== count) throw new UsageError(`usage: ${usage}`);
}

const create = async ({ core, json, output }: CommandContext, rest: readonly string[]) => {
  requireArgs(rest, 1, 'collection create <name>');
  const input = parseInput(API_INPUT_SCHEMAS.createCollection, { name: rest[0] });
  const collection = await core.handlers.createCollection(input);
  if (json) printJson(output, { id: collection.id, name: collection.name });
  else output.stdout(`Created collection ${collection.id}  ${collection.name}\n`);
  return 0;
};

/** Every excerpt id of a collection, in order (getCollection answers a page at a time). */
async function collectionExcerptIds(core: CommandContext['core'], collectionId: string): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const page = await core.handlers.getCollection({ collectionId, offset: ids.length });
    ids.push(...page.excerpts.map((excerpt) => excerpt.id));
    if (page.excerpts.length === 0 || ids.length >= page.excerptCount) return ids;
  }
}

const add = async ({ core, json, output }: CommandContext, rest: readonly string[]) => {
  const [collectionId, ...excerptIds] = rest;
  if (collectionId === undefined || excerptIds.length === 0) {
    throw new UsageError('usage: collection add <collectionId> <excerptId...>');
  }
  const input = parseInput(API_INPUT_SCHEMAS.addToCollection, { collectionId, excerptIds });
  const before = new Set(await collectionExcerptIds(core, input.collectionId));
  const detail = await core.handlers.addToCollection(input);
  const after = await collectionExcerptIds(core, input.collectionId);
  const added = input.excerptIds.filter(
    (id, index) => !before.has(id) && input.excerptIds.indexOf(id) === index,
  );
  const alreadyThere = input.excerptIds.filter(
    (id, index) => before.has(id) && input.excerptIds.indexOf(id) === index,
  );
  if (json) {
    printJson(output, {
      id: detail.id,
      name: detail.name,
      added,
      alreadyThere,
      excerptIds: after,
    });
  } else {
    output.stdout(
      `Added ${added.length} excerpt${added.length === 1 ? '' : 's'} to ${detail.name} (${alreadyThere.length} already there); it holds ${detail.excerptCount}.\n`,
    );
  }
  return 0;
};

const list = async ({ core, json, output }: CommandContext, rest: readonly string[]) => {
  requireArgs(rest, 0, 'collection list');
  const collections = await core.handlers.listCollections({});
  if (json) printJson(output, collections);
  else if (collections.length === 0)
    output.stdout('No collections yet. Create one with: collection create <name>\n');
  else {
    for (const collection of collections) {
      output.stdout(`${collection.id}  ${String(collection.excerptCount).padStart(4)}  ${collection.name}\n`);
    }
  }
  return 0;
};

const exportBundle = ({ core, args, json, output }: CommandContext, rest: readonly string[]) => {
  requireArgs(rest, 1, 'collection export <collectionId> --out <file.bbundle>');
  const out = single(args, 'out');
  if (out === undefined) throw new UsageError('collection export needs --out <file.bbundle>.');
  const { collectionId } = parseInput(API_INPUT_SCHEMAS.exportCollectionBundle, { collectionId: rest[0] });
  const result = exportCollectionBundleTo(core.db, { collectionId, path: resolve(out), now: new Date() });
  if (json) printJson(output, result);
  else {
    output.stdout(
      `Wrote ${result.path} (${result.excerpts} excerpts from ${result.documents} documents; SHA-256 ${result.sha256})\n`,
    );
  }
  return Promise.resolve(0);
};

const importFile = async ({ core, json, output }: CommandContext, rest: readonly string[]) => {
  requireArgs(rest, 1, 'collection import <file>');
  const path = resolve(rest[0] ?? '');
  const bytes = await readBundleFile(path);
  const summary = importBundle(core.db, { bytes, sourceName: basename(path), now: new Date() });
  if (json) printJson(output, summary);
  else {
    output.stdout(
      `Imported ${summary.collectionName} (${summary.collectionId}); every quote verified (${summary.verified}).\n` +
        `  documents: ${summary.documentsAdded} added, ${summary.documentsAlreadyPresent} already there\n` +
        `  excerpts:  ${summary.excerptsAdded} added, ${summary.excerptsAlreadyPresent} already there\n`,
    );
  }
  return 0;
};

const SUBCOMMANDS: Readonly<
  Record<string, (context: CommandContext, rest: readonly string[]) => Promise<number>>
> = {
  create,
  add,
  list,
  export: exportBundle,
  import: importFile,
};

const collectionCommand: Command = async (context) => {
  const [name, ...rest] = context.args.positionals;
  const subcommand = name !== undefined && Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (subcommand === undefined) {
    throw new UsageError(
      `${name === undefined ? 'collection needs a subcommand' : `unknown subcommand "collection ${name}"`}:\n${USAGE}`,
    );
  }
  return await subcommand(context, rest);
};

/** collection create | add | list | export | import. */
export const COLLECTION_COMMANDS: Readonly<Record<string, Command>> = {
  collection: collectionCommand,
};
