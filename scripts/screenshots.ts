import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AppPage } from '../e2e/pages/app-page';
import { findSystemChromium, QUIET_CHROMIUM_ARGS } from '../e2e/support/browsers';
import { startE2eHost } from '../e2e/host/server';

// `npx tsx scripts/screenshots.ts [outDir]` (after `npm run build`): walks the main journey in
// Chromium through the e2e host and saves screenshots of each view and the first PDF page, so a
// person can look at what the app shows. Needs pdftoppm (poppler-utils) for the PDF page.
const outDir = resolve(process.argv[2] ?? 'artifacts/screenshots');

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'briefing-shots-'));
  const host = await startE2eHost({ dataDir, exportDir: join(dataDir, 'exports') });
  const chromiumPath = findSystemChromium();
  const browser = await chromium.launch({
    ...(chromiumPath === undefined ? {} : { executablePath: chromiumPath }),
    args: QUIET_CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(host.url);
    const ui = new AppPage(page);
    await ui.documentButtons().first().waitFor();
    await page.screenshot({ path: join(outDir, '1-library.png') });
    await ui.openDocument('Red Sea War-Risk Premiums Refuse to Fall');
    await ui.selectWithMouse(1);
    await ui.addExcerpt();
    await ui.selectWithMouse(4, 0.9);
    await ui.addExcerpt();
    await page.screenshot({ path: join(outDir, '2-reader.png') });
    await ui.createBriefing('Red Sea shipping outlook', 'BLUF note');
    for (const button of await ui.excerpts.getByRole('button', { name: 'Add to briefing' }).all())
      await button.click();
    await ui.openDocument('Gulf Capital Heads for the Steppe');
    await ui.selectWithMouse(2, 0.95);
    await ui.addExcerpt();
    await ui.excerpts.getByRole('button', { name: 'Add to briefing' }).first().click();
    await page.waitForTimeout(300);
    // Details: a marking and a distribution line; then a key judgment and commentary.
    await ui.briefing.getByRole('button', { name: 'Details' }).click();
    await ui.briefing.getByRole('button', { name: 'TLP:AMBER', exact: true }).click();
    await ui.briefing
      .getByRole('textbox', { name: 'Recipients or distribution' })
      .fill('Maritime desk; Gulf team');
    await ui.briefing
      .getByRole('textbox', { name: 'Bottom line up front' })
      .fill('War-risk premiums will stay high until insurers see a quiet quarter, whatever the ceasefire.');
    await ui.briefing.getByRole('button', { name: 'Details' }).click();
    const judgments = ui.briefing.getByRole('region', { name: 'Key judgments' });
    await judgments.getByRole('button', { name: '+ Key judgment' }).click();
    await page.keyboard.type('Red Sea war-risk premiums stay above pre-crisis levels through the spring.');
    await ui.briefing
      .getByRole('region', { name: 'Discussion' })
      .getByRole('button', { name: '+ Commentary' })
      .click();
    await ui.briefing.getByRole('textbox', { name: 'Commentary' }).first().waitFor();
    await page.waitForTimeout(200);
    await page.keyboard.type('Both sources point the same way: ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('insurers price memory, not headlines.');
    await page.waitForTimeout(500);
    const pdf = await ui.exportPdf();
    await ui.briefing.locator('[data-item-id]').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(outDir, '3-briefing.png') });
    await ui.briefing.getByRole('button', { name: 'Preview' }).click();
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(outDir, '9-composer-preview.png') });
    await ui.briefing.getByRole('button', { name: 'Preview' }).click();
    const wire =
      'Port strike ends after twelve days\n\nBy Marta Kowalczyk\n\nMarch 4, 2026\n\nDock workers voted on Tuesday to end a twelve-day strike.\n\nPhoto: Harbour Press Agency';
    await ui.dropFiles([
      { name: 'port-strike.txt', base64: Buffer.from(wire).toString('base64') },
      { name: 'budget.xlsx', base64: Buffer.from('x').toString('base64') },
    ]);
    await ui.importPanel().getByText('Import finished').waitFor();
    await ui.reader.getByRole('button', { name: 'Edit details' }).click();
    await page.screenshot({ path: join(outDir, '5-import.png') });
    await ui.openDocument('Red Sea War-Risk Premiums Refuse to Fall');
    const firstCard = ui.excerpts.getByRole('article').first();
    await firstCard.getByRole('button', { name: 'Edit note, tags and colour' }).click();
    await firstCard.getByRole('combobox', { name: 'Add a tag' }).fill('shipping');
    await firstCard.getByRole('combobox', { name: 'Add a tag' }).press('Enter');
    await firstCard.getByRole('radio', { name: 'blue' }).click();
    await page.getByRole('tab', { name: 'Collections' }).click();
    await page.getByRole('textbox', { name: 'New collection name' }).fill('Red Sea risk');
    await page.getByRole('button', { name: 'Create' }).first().click();
    for (const select of await ui.excerpts.getByRole('combobox', { name: 'Add to collection' }).all()) {
      await select.selectOption({ label: 'Red Sea risk' });
    }
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(outDir, '6-collections.png') });
    await page.getByRole('tab', { name: 'Excerpts' }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(outDir, '7-all-excerpts.png') });
    await page.keyboard.press('Control+k');
    await page.keyboard.type('insurance premiums', { delay: 20 });
    await page.getByRole('listbox', { name: 'Search results' }).getByRole('option').nth(1).waitFor();
    await page.waitForTimeout(500);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(outDir, '8-search.png') });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', pdf, join(outDir, '4-pdf-page')]);
    console.log(`Screenshots in ${outDir}`);
  } finally {
    await browser.close();
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
