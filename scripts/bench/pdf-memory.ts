import { readFileSync } from 'node:fs';
import { createHeadlessCore } from '../../src/core/testing/temp-core';
import { sourceLayoutWorker } from '../../src/core/export/source-worker';

/**
 * One PDF export in a process of its own, as the app's main process runs it (the store open, layout
 * on the layout thread, the file written), then the process's peak resident memory (VmHWM, which
 * counts every thread). Usage: tsx pdf-memory.ts <dataDir> <briefingId> <out.pdf>
 */
async function main(): Promise<void> {
  const [dataDir = '', briefingId = '', out = ''] = process.argv.slice(2);
  const rssMb = () =>
    Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
  const core = createHeadlessCore(dataDir, {
    layoutWorker: sourceLayoutWorker(),
    chooseSavePath: () => Promise.resolve(out),
  });
  const beforeMb = rssMb();
  const started = performance.now();
  const result = await core.handlers.exportBriefing({ briefingId, format: 'pdf' });
  const ms = performance.now() - started;
  core.close();
  process.stdout.write(
    JSON.stringify({
      pages: result.pages,
      ms: Math.round(ms),
      beforeMb: Math.round(beforeMb),
      peakMb: Math.round(rssMb()),
    }),
  );
}

void main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exit(1);
});
