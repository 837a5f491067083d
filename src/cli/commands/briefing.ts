import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { composeBriefing, parseComposeSpec } from '../../core/briefing/compose';
import { requireBriefing } from '../../core/briefing/service';
import { saveVersion } from '../../core/briefing/versions';
import { CoreError } from '../../core/errors';
import { exportBriefingPdfTo } from '../../core/export/service';
import { deleteBriefingRow, listBriefingSummaries } from '../../core/store/briefings';
import { single, UsageError } from '../args';
import { printJson, type Command } from './command';

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
      fontsDir: resolve(__dirname, '../../../resources/fonts'),
    });
    saveVersion(
      core.db,
      { briefingId, name: `Exported ${basename(result.path)}`, reason: 'export' },
      new Date(),
    );
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

export const BRIEFING_COMMANDS: Readonly<Record<string, Command>> = {
  compose: composeCommand,
  briefings: briefingsCommand,
};
