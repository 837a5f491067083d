import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startE2eHost } from './server';

// Runs the browser e2e host by hand: `npm run e2e:host` (after `npm run build`), then open the URL.
const dataDir = resolve(process.env['BRIEFING_DATA_DIR'] ?? mkdtempSync(join(tmpdir(), 'briefing-host-')));
const exportDir = resolve(process.env['BRIEFING_EXPORT_DIR'] ?? join(dataDir, 'exports'));
const port = Number(process.env['PORT'] ?? 5174);

startE2eHost({ dataDir, exportDir, port })
  .then((host) => {
    console.log(`Briefing Builder e2e host: ${host.url}\n  data:    ${dataDir}\n  exports: ${exportDir}`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
