import type Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseTemporaryName } from '../../src/core/export/atomic-write';
import { BRIEFING_TEMPLATES } from '../../src/shared/briefing-templates';
import type { Model } from './model';
import type { Op } from './protocol';
import { corruptionProblems, excerptTags, invariantProblems } from './store-checks';

export type Verdict = {
  /** The store is damaged: integrity_check, foreign keys or a full-text index. */
  corrupt: string[];
  /** An acknowledged change is missing. */
  lost: string[];
  /** A change is there in part (or something appeared that no change made). */
  partial: string[];
  /** Whether the change in flight at the kill turned out applied; null when none was in flight. */
  inFlightApplied: boolean | null;
  /**
   * Exports whose version was saved and whose whole file still waits under its temporary name for
   * the next start to rename it (see Model.pendingExports).
   */
  pendingExports: number;
};

type Actual = {
  documents: Map<string, string>;
  excerpts: Map<string, { note: string; tags: string[] }>;
  briefings: Map<string, { title: string; bluf: string }>;
  sections: Map<string, { briefingId: string; heading: string }>;
  items: Map<
    string,
    { briefingId: string; sectionId: string; kind: string; body: string; excerptId: string | null }
  >;
  versions: Set<string>;
  /** Versions saved by exports: id -> "briefingId|name". */
  exportVersions: Map<string, string>;
};

function readActual(db: Database.Database): Actual {
  const tags = excerptTags(db);
  return {
    documents: new Map(
      (db.prepare('SELECT id, title FROM documents').all() as { id: string; title: string }[]).map((row) => [
        row.id,
        /zq\d+x\d+/.exec(row.title)?.[0] ?? '',
      ]),
    ),
    excerpts: new Map(
      (db.prepare('SELECT id, note FROM excerpts').all() as { id: string; note: string }[]).map((row) => [
        row.id,
        { note: row.note, tags: tags.get(row.id) ?? [] },
      ]),
    ),
    briefings: new Map(
      (
        db.prepare('SELECT id, title, bluf FROM briefings WHERE deleted_at IS NULL').all() as {
          id: string;
          title: string;
          bluf: string;
        }[]
      ).map((row) => [row.id, { title: row.title, bluf: row.bluf }]),
    ),
    sections: new Map(
      (
        db.prepare('SELECT id, briefing_id AS briefingId, heading FROM sections').all() as {
          id: string;
          briefingId: string;
          heading: string;
        }[]
      ).map((row) => [row.id, { briefingId: row.briefingId, heading: row.heading }]),
    ),
    items: new Map(
      (
        db
          .prepare(
            'SELECT id, briefing_id AS briefingId, section_id AS sectionId, kind, body, excerpt_id AS excerptId FROM briefing_items',
          )
          .all() as {
          id: string;
          briefingId: string;
          sectionId: string;
          kind: string;
          body: string;
          excerptId: string | null;
        }[]
      ).map((row) => [row.id, row]),
    ),
    versions: new Set(
      (
        db.prepare('SELECT briefing_id AS briefingId, name FROM briefing_versions').all() as {
          briefingId: string;
          name: string;
        }[]
      ).map((row) => `${row.briefingId}|${row.name}`),
    ),
    exportVersions: new Map(
      (
        db
          .prepare(
            "SELECT id, briefing_id AS briefingId, name FROM briefing_versions WHERE reason = 'export'",
          )
          .all() as { id: string; briefingId: string; name: string }[]
      ).map((row) => [row.id, `${row.briefingId}|${row.name}`]),
    ),
  };
}

/**
 * True when an exported file is whole: a PDF up to its %%EOF, a Word file up to its zip directory.
 * `target` is the name whose format counts (a temporary's target).
 */
export function isCompleteExport(path: string, target = path): boolean {
  const bytes = readFileSync(path);
  if (target.endsWith('.pdf'))
    return bytes.subarray(0, 5).toString('latin1') === '%PDF-' && bytes.subarray(-32).includes('%%EOF');
  if (target.endsWith('.docx'))
    return (
      bytes.subarray(0, 2).toString('latin1') === 'PK' &&
      bytes.subarray(-22, -18).equals(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
    );
  return bytes.length > 0 && bytes.toString('utf8').endsWith('\n');
}

const sameList = (a: readonly string[], b: readonly string[]) => a.join('\u0000') === b.join('\u0000');

/**
 * Compares the reopened library with the model. The change in flight (`inFlight`) may be there
 * whole or not at all; the model then takes whichever it is, so later kills check against it.
 * `started` says whether the app started up completely since the last check (the worker reported
 * ready), so that exports pending then must now be in place.
 */
export function verifyAfterKill(
  db: Database.Database,
  exportDir: string,
  model: Model,
  inFlight: Op | null,
  started = false,
): Verdict {
  const verdict: Verdict = {
    corrupt: corruptionProblems(db),
    lost: [],
    partial: [],
    inFlightApplied: null,
    pendingExports: 0,
  };
  try {
    verdict.partial.push(...invariantProblems(db));
    compare(db, exportDir, model, inFlight, verdict, started);
  } catch (error) {
    // A library that cannot even be read back is damaged, whatever the checks above found.
    verdict.corrupt.push(`reading the library back: ${String(error)}`);
  }
  return verdict;
}

function compare(
  db: Database.Database,
  exportDir: string,
  model: Model,
  inFlight: Op | null,
  verdict: Verdict,
  started: boolean,
): void {
  const actual = readActual(db);
  const applied = (yes: boolean) => {
    if (inFlight !== null) verdict.inFlightApplied = verdict.inFlightApplied === true || yes;
  };
  const flight = inFlight;

  for (const [id, marker] of model.documents) {
    if (actual.documents.get(id) !== marker) verdict.lost.push(`document ${id} (${marker})`);
  }
  for (const [id, marker] of actual.documents) {
    if (model.documents.has(id)) continue;
    if (flight?.kind === 'import' && marker === flight.marker) {
      model.documents.set(id, marker);
      applied(true);
    } else verdict.partial.push(`document ${id} that no acknowledged change made`);
  }

  for (const [id, expected] of model.excerpts) {
    const found = actual.excerpts.get(id);
    if (found === undefined) {
      verdict.lost.push(`excerpt ${id}`);
      continue;
    }
    const tags = [...found.tags].sort();
    if (found.note === expected.note && sameList(tags, expected.tags)) continue;
    if (flight?.kind === 'updateExcerpt' && flight.excerptId === id) {
      const next = { note: flight.note, tags: [...flight.tags].sort() };
      if (found.note === next.note && sameList(tags, next.tags)) {
        model.excerpts.set(id, next);
        applied(true);
        continue;
      }
      if (found.note === next.note || sameList(tags, next.tags)) {
        verdict.partial.push(`excerpt ${id} has the note and tags of different edits`);
        continue;
      }
    }
    verdict.lost.push(
      `excerpt ${id}'s note or tags (${found.note} / ${tags.join(' ')}, expected ${expected.note} / ${expected.tags.join(' ')})`,
    );
  }
  for (const id of actual.excerpts.keys()) {
    if (model.excerpts.has(id)) continue;
    if (flight?.kind === 'createExcerpt' && verdict.inFlightApplied !== true) {
      model.excerpts.set(id, { note: '', tags: [] });
      applied(true);
    } else verdict.partial.push(`excerpt ${id} that no acknowledged change made`);
  }

  for (const [id, expected] of model.briefings) {
    const found = actual.briefings.get(id);
    if (found === undefined) {
      verdict.lost.push(`briefing ${id}`);
      continue;
    }
    if (found.title === expected.title && found.bluf === expected.bluf) continue;
    if (flight?.kind === 'updateBriefing' && flight.briefingId === id) {
      if (found.title === flight.title && found.bluf === flight.bluf) {
        model.briefings.set(id, { title: flight.title, bluf: flight.bluf });
        applied(true);
        continue;
      }
      if (found.title === flight.title || found.bluf === flight.bluf) {
        verdict.partial.push(`briefing ${id} has the title and bluf of different edits`);
        continue;
      }
    }
    verdict.lost.push(`briefing ${id}'s title or bluf`);
  }
  for (const [id, found] of actual.briefings) {
    if (model.briefings.has(id)) continue;
    if (flight?.kind === 'createBriefing' && found.title === flight.title) {
      const sections = [...actual.sections].filter(([, section]) => section.briefingId === id);
      const expected =
        flight.template === null
          ? 0
          : (BRIEFING_TEMPLATES.find((t) => t.id === flight.template)?.sections.length ?? -1);
      if (sections.length !== expected)
        verdict.partial.push(`briefing ${id} was created with ${sections.length} of ${expected} sections`);
      model.briefings.set(id, { title: found.title, bluf: found.bluf });
      for (const [sectionId] of sections) model.sections.set(sectionId, id);
      applied(true);
    } else verdict.partial.push(`briefing ${id} that no acknowledged change made`);
  }

  for (const [id, briefingId] of model.sections) {
    if (actual.sections.get(id)?.briefingId !== briefingId) verdict.lost.push(`section ${id}`);
  }
  for (const [id, found] of actual.sections) {
    if (model.sections.has(id)) continue;
    if (
      flight?.kind === 'addSection' &&
      found.heading === flight.heading &&
      found.briefingId === flight.briefingId
    ) {
      model.sections.set(id, found.briefingId);
      applied(true);
    } else verdict.partial.push(`section ${id} that no acknowledged change made`);
  }

  for (const [id, expected] of model.items) {
    const found = actual.items.get(id);
    if (found === undefined) {
      if (flight?.kind === 'removeItem' && flight.itemId === id) {
        model.items.delete(id);
        model.removedItems.add(id);
        applied(true);
      } else verdict.lost.push(`block ${id}`);
      continue;
    }
    if (found.sectionId !== expected.sectionId) {
      if (flight?.kind === 'moveItem' && flight.itemId === id && found.sectionId === flight.toSectionId) {
        expected.sectionId = flight.toSectionId;
        applied(true);
      } else verdict.lost.push(`block ${id} is in section ${found.sectionId}, not ${expected.sectionId}`);
    }
    if (expected.text !== null && found.body !== expected.text) {
      if (flight?.kind === 'updateCommentary' && flight.itemId === id && found.body === flight.text) {
        expected.text = flight.text;
        applied(true);
      } else verdict.lost.push(`block ${id}'s text (${found.body}, expected ${expected.text})`);
    }
  }
  for (const id of model.removedItems) {
    if (actual.items.has(id)) verdict.lost.push(`removal of block ${id}`);
  }
  for (const [id, found] of actual.items) {
    if (model.items.has(id)) continue;
    const adds =
      (flight?.kind === 'addCommentary' &&
        found.kind === 'commentary' &&
        found.body === flight.text &&
        found.sectionId === flight.sectionId) ||
      (flight?.kind === 'addExcerptItem' &&
        found.kind === 'excerpt' &&
        found.excerptId === flight.excerptId &&
        found.sectionId === flight.sectionId);
    if (adds && flight !== null && (flight.kind === 'addCommentary' || flight.kind === 'addExcerptItem')) {
      model.items.set(id, {
        briefingId: found.briefingId,
        sectionId: found.sectionId,
        kind: flight.kind === 'addCommentary' ? 'commentary' : 'excerpt',
        text: flight.kind === 'addCommentary' ? flight.text : null,
      });
      applied(true);
    } else verdict.partial.push(`block ${id} that no acknowledged change made`);
  }

  compareExports(exportDir, model, flight, actual, verdict, started, applied);

  if (inFlight !== null && verdict.inFlightApplied === null) verdict.inFlightApplied = false;
}

/**
 * An export and its version exist together or not at all. The version is saved once the file is
 * whole under its temporary name (which carries the version's id) and before the rename; a kill in
 * between leaves a whole pending file that the next start renames into place, so it counts as there.
 */
function compareExports(
  exportDir: string,
  model: Model,
  flight: Op | null,
  actual: Actual,
  verdict: Verdict,
  started: boolean,
  applied: (yes: boolean) => void,
): void {
  const names = existsSync(exportDir) ? readdirSync(exportDir) : [];
  const files = new Set(
    names.filter((name) => parseTemporaryName(name) === null).map((name) => join(exportDir, name)),
  );
  const pending = new Map<string, string>();
  for (const name of names) {
    const parsed = parseTemporaryName(name);
    if (parsed?.recordId !== undefined && actual.exportVersions.has(parsed.recordId))
      pending.set(join(exportDir, parsed.target), join(exportDir, name));
  }
  const whole = (path: string) =>
    files.has(path)
      ? isCompleteExport(path)
      : pending.has(path) && isCompleteExport(pending.get(path) ?? '', path);
  const versioned = new Set(actual.exportVersions.values());
  const accounted = new Set<string>();

  if (started) {
    for (const path of model.pendingExports)
      if (!files.has(path)) verdict.lost.push(`export ${path} was not put in place at the next start`);
  }
  for (const [path, { briefingId }] of model.exports) {
    const version = `${briefingId}|Exported ${basename(path)}`;
    accounted.add(version);
    if (!whole(path)) verdict.lost.push(`export ${path}`);
    if (!versioned.has(version)) verdict.lost.push(`the version of export ${path}`);
  }
  if (flight?.kind === 'export') {
    const version = `${flight.briefingId}|Exported ${basename(flight.path)}`;
    const there = files.has(flight.path) || pending.has(flight.path);
    if (versioned.has(version)) {
      accounted.add(version);
      if (!whole(flight.path))
        verdict.partial.push(`export ${flight.path}: its version without the whole file`);
      model.exports.set(flight.path, { briefingId: flight.briefingId });
      applied(true);
    } else if (there) {
      verdict.partial.push(`export ${flight.path} without its version`);
    } else applied(false);
  }
  for (const path of files) {
    if (model.exports.has(path) || (flight?.kind === 'export' && flight.path === path)) continue;
    verdict.partial.push(
      isCompleteExport(path)
        ? `export ${path} that no acknowledged change made`
        : `export ${path} is incomplete`,
    );
  }
  for (const version of versioned) {
    if (!accounted.has(version)) verdict.partial.push(`version ${version} without its export`);
  }
  model.pendingExports = new Set([...pending.keys()].filter((path) => !files.has(path)));
  verdict.pendingExports = model.pendingExports.size;
}
