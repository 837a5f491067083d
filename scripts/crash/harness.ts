import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseTemporaryName } from '../../src/core/export/atomic-write';
import { openStore } from '../../src/core/store/open';
import { createHeadlessCore } from '../../src/core/testing/temp-core';
import { seededRandom } from '../../src/shared/testing/random';
import { applyAck, emptyModel } from './model';
import type { Op, WorkerMessage } from './protocol';
import { verifyAfterKill } from './verify';

const ROOT = resolve(__dirname, '../..');
const WORKER = join(__dirname, 'worker.ts');
const WATCHDOG_MS = 120_000;

export type CrashOptions = Readonly<{
  kills: number;
  seed?: number;
  /** The kill comes at a random moment up to this long after the worker is ready. */
  maxDelayMs?: number;
  /** Share of kills aimed at start-up (opening and cleaning the library) instead of at changes. */
  startupShare?: number;
  /** Keep the temporary folder (its path is in the report). */
  keep?: boolean;
  onKill?: (kill: number, report: CrashReport) => void;
}>;

export type CrashReport = {
  kills: number;
  acknowledged: number;
  /** Acknowledged changes found missing (each counted once). */
  lost: number;
  /** Kills after which the store failed a corruption check. */
  corrupt: number;
  /** Half-applied changes and rows no change made (each counted once). */
  partial: number;
  /** Changes in flight at a kill, found applied whole or not at all. */
  inFlightApplied: number;
  inFlightAbsent: number;
  /** Changes the worker's API call refused (not changes; each must have left no trace). */
  refused: number;
  /** Temporary export files killed workers left behind (each start must remove them). */
  temporariesLeft: number;
  /** Temporaries of killed writers still there after the next start cleaned up. */
  staleTemporaries: number;
  /**
   * Kills that left an export whole under its temporary name with its version saved (killed between
   * the two); the next start must put it in place, and later checks count it lost otherwise.
   */
  pendingExports: number;
  byKind: Record<string, number>;
  problems: string[];
  folder: string;
};

type Life = {
  messages: WorkerMessage[];
  stderr: string;
  exit: { code: number | null; signal: string | null };
};

function parseLines(buffer: { rest: string }, chunk: string, into: WorkerMessage[]): void {
  const text = buffer.rest + chunk;
  const lines = text.split('\n');
  buffer.rest = lines.pop() ?? '';
  for (const line of lines) if (line.trim() !== '') into.push(JSON.parse(line) as WorkerMessage);
}

/** Runs one worker life and kills it with SIGKILL at a random moment. */
function live(
  args: readonly string[],
  delayMs: number,
  waitForReady: boolean,
  onReady: (pid: number) => void,
): Promise<Life> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const messages: WorkerMessage[] = [];
    const buffer = { rest: '' };
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    // A worker that never gets going would hang the run: give up on it.
    const watchdog = setTimeout(() => {
      kill();
      fail(new Error(`the worker did not start within ${WATCHDOG_MS / 1000} s: ${stderr.slice(0, 2000)}`));
    }, WATCHDOG_MS);
    if (!waitForReady) timer = setTimeout(kill, delayMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const before = messages.length;
      try {
        parseLines(buffer, chunk, messages);
      } catch (error) {
        kill();
        fail(error instanceof Error ? error : new Error(String(error)));
      }
      if (waitForReady && before === 0 && messages[0]?.t === 'ready') {
        onReady(messages[0].pid);
        timer = setTimeout(kill, delayMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      clearTimeout(watchdog);
      // A line cut short by the kill (never the case for one small write) would not count.
      done({ messages, stderr, exit: { code, signal } });
    });
  });
}

/** Temporaries in the folders that no running writer can own (`livePid` is the worker just started). */
function strayTemporaries(folders: readonly string[], livePid: number): string[] {
  return folders.flatMap((folder) =>
    readdirSync(folder).filter((name) => {
      const parsed = parseTemporaryName(name);
      return parsed !== null && parsed.pid !== livePid;
    }),
  );
}

export async function runCrashHarness(options: CrashOptions): Promise<CrashReport> {
  const seed = options.seed ?? 1;
  const rng = seededRandom(seed);
  const folder = mkdtempSync(join(tmpdir(), 'briefing-crash-'));
  const dataDir = join(folder, 'data');
  const exportDir = join(folder, 'exports');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(exportDir, { recursive: true });
  const model = emptyModel();
  const report: CrashReport = {
    kills: 0,
    acknowledged: 0,
    lost: 0,
    corrupt: 0,
    partial: 0,
    inFlightApplied: 0,
    inFlightAbsent: 0,
    refused: 0,
    temporariesLeft: 0,
    staleTemporaries: 0,
    pendingExports: 0,
    byKind: {},
    problems: [],
    folder,
  };
  const lost = new Set<string>();
  const partial = new Set<string>();
  const note = (kill: number, kind: string, problems: readonly string[]) => {
    for (const problem of problems.slice(0, 5))
      if (report.problems.length < 50) report.problems.push(`kill ${kill}, ${kind}: ${problem}`);
  };
  try {
    for (let kill = 1; kill <= options.kills; kill += 1) {
      const atStartup = rng() < (options.startupShare ?? 0.1);
      const delay = Math.floor(rng() * (atStartup ? 1500 : (options.maxDelayMs ?? 400)));
      const args = [
        '--data-dir',
        dataDir,
        '--export-dir',
        exportDir,
        '--life',
        String(kill),
        '--seed',
        String(seed * 100_003 + kill),
      ];
      report.temporariesLeft += strayTemporaries([dataDir, exportDir], -1).length;
      const life = await live(args, delay, !atStartup, (pid) => {
        const stray = strayTemporaries([dataDir, exportDir], pid);
        report.staleTemporaries += stray.length;
        note(kill, 'stale temporaries after start', stray);
      });
      if (life.exit.signal !== 'SIGKILL') {
        throw new Error(
          `the worker ended by itself (code ${String(life.exit.code)}): ${life.stderr.slice(0, 2000)}`,
        );
      }
      report.kills += 1;

      const begun = new Map<string, Op>();
      for (const message of life.messages) {
        if (message.t === 'begin') begun.set(message.op.id, message.op);
        else if (message.t === 'ack') {
          const op = begun.get(message.id);
          if (op === undefined) throw new Error(`acknowledgement of an unknown change ${message.id}`);
          applyAck(model, op, message.result);
          begun.delete(message.id);
          report.acknowledged += 1;
          report.byKind[op.kind] = (report.byKind[op.kind] ?? 0) + 1;
        } else if (message.t === 'failed') {
          begun.delete(message.id);
          report.refused += 1;
        }
      }
      if (begun.size > 1) throw new Error(`${begun.size} changes in flight at once`);
      const [inFlight] = [...begun.values()];

      const db = openStore({ dataDir });
      try {
        const started = life.messages[0]?.t === 'ready';
        const verdict = verifyAfterKill(db, exportDir, model, inFlight ?? null, started);
        if (verdict.corrupt.length > 0) report.corrupt += 1;
        // A change found missing stays missing at every later check: count it once.
        for (const problem of verdict.lost) lost.add(problem);
        for (const problem of verdict.partial) partial.add(problem);
        report.lost = lost.size;
        report.partial = partial.size;
        if (verdict.pendingExports > 0) report.pendingExports += 1;
        if (verdict.inFlightApplied === true) report.inFlightApplied += 1;
        if (verdict.inFlightApplied === false) report.inFlightAbsent += 1;
        note(kill, 'corrupt', verdict.corrupt);
        note(kill, 'lost', verdict.lost);
        note(kill, 'partial', verdict.partial);
      } finally {
        db.close();
      }
      options.onKill?.(kill, report);
    }
    // One last start as the app starts (it completes or removes what the last kill left), then one
    // last check with nothing in flight.
    createHeadlessCore(dataDir).close();
    const db = openStore({ dataDir });
    try {
      const verdict = verifyAfterKill(db, exportDir, model, null, true);
      if (verdict.corrupt.length > 0) report.corrupt += 1;
      for (const problem of verdict.lost) lost.add(problem);
      for (const problem of verdict.partial) partial.add(problem);
      report.lost = lost.size;
      report.partial = partial.size;
      const stray = strayTemporaries([dataDir, exportDir], -1);
      report.staleTemporaries += stray.length;
      note(options.kills + 1, 'final start', [
        ...verdict.corrupt,
        ...verdict.lost,
        ...verdict.partial,
        ...stray,
      ]);
    } finally {
      db.close();
    }
  } finally {
    if (options.keep !== true) rmSync(folder, { recursive: true, force: true });
  }
  return report;
}

/** The figure in one line: kills / acknowledged changes / lost / corrupt / partial. */
export function crashFigure(report: CrashReport): string {
  return `${report.kills} kills / ${report.acknowledged} acknowledged changes / ${report.lost} lost / ${report.corrupt} corrupt / ${report.partial} partial`;
}
