import { join } from 'node:path';
import { requireBriefing } from '../src/core/briefing/service';
import { importPaths } from '../src/core/corpus/import';
import { composeBriefing } from '../src/core/briefing/compose';
import { printModelFor } from '../src/core/export/service';
import { renderPdf } from '../src/core/export/pdf';
import { createTempCore } from '../src/core/testing/temp-core';
(async () => {
  const core = createTempCore();
  await importPaths(core.db, [join(__dirname, '../corpus')], () => new Date());
  const documents = await core.handlers.listDocuments({});
  const sections = [];
  for (let index = 0; index < 100; index += 1) {
    const summary = documents[index % documents.length]!;
    const document = await core.handlers.getDocument({ documentId: summary.id });
    const paragraphs = document.blocks.filter((block) => block.kind === 'paragraph');
    const items: any[] = [];
    for (let quote = 0; quote < 6; quote += 1) {
      const block = paragraphs[(quote + index) % paragraphs.length]!;
      items.push({ document: summary.id, quote: document.text.slice(block.start, block.end) });
      items.push({
        text: `Commentary ${quote + 1} on ${summary.title}: the passage bears on the outlook and is weighed against other reporting.`,
      });
    }
    sections.push({ heading: `${index + 1}. ${summary.title}`, items });
  }
  const id = composeBriefing(core.db, { title: 'B', sections } as any, new Date());
  const briefing = requireBriefing(core.db, id);
  const model = printModelFor(core.db, briefing, briefing.printSettings);
  const fontsDir = join(__dirname, '../resources/fonts');
  for (let i = 0; i < 2; i++) await renderPdf(model, { fontsDir, settings: briefing.printSettings });
  const t = performance.now();
  for (let i = 0; i < 3; i++) await renderPdf(model, { fontsDir, settings: briefing.printSettings });
  console.log('ms per export', (performance.now() - t) / 3);
  core.dispose();
})();
