import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../src/core/testing/temp-core';
import { writeSchemaFixtures } from '../src/core/testing/schema-fixtures';

// `npm run schema-fixtures`: (re)writes src/core/store/fixtures/schema-v<N>.sqlite.gz, one library per
// released schema version. Run it once when a migration is added, and commit the new fixture; the
// fixtures of released versions should then not change (the upgrade test checks their schema).
const work = mkdtempSync(join(tmpdir(), 'briefing-fixtures-'));
try {
  for (const file of writeSchemaFixtures(work)) console.log(relative(REPO_ROOT, file));
} finally {
  rmSync(work, { recursive: true, force: true });
}
