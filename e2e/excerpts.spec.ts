import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startE2eHost } from './host/server';
import { AppPage } from './pages/app-page';
import { expect, test } from './support/fixtures';
import { importAndExcerpt, withOwnLibrary } from './support/own-library';

test('an excerpt is tagged, collected, shared as a bundle and verified in another library', async ({
  app,
}, testInfo) => {
  testInfo.skip(
    testInfo.project.name === 'electron',
    'The second library is opened through the browser e2e host.',
  );
  const ui = new AppPage(app.page);
  await ui.openDocument('Guarding the Baltic Seabed');
  await ui.selectWithMouse(0, 0.8);
  await ui.addExcerpt();
  const card = ui.excerpts.getByRole('article').first();
  await expect(card).toBeVisible();
  const quote = (await card.getByRole('button').first().textContent()) ?? '';

  // Tag it inline, no dialog.
  await card.getByRole('combobox', { name: 'Add a tag' }).fill('cables');
  await card.getByRole('combobox', { name: 'Add a tag' }).press('Enter');
  await expect(
    ui.excerpts.getByRole('article').first().getByRole('button', { name: 'Remove tag cables' }),
  ).toBeVisible();

  // Make a collection and put the excerpt in it.
  await app.page.getByRole('tab', { name: 'Collections' }).click();
  await app.page.getByRole('textbox', { name: 'New collection name' }).fill('Baltic infrastructure');
  await app.page.getByRole('button', { name: 'Create' }).first().click();
  await ui.excerpts
    .getByRole('article')
    .first()
    .getByRole('combobox', { name: 'Add to collection' })
    .selectOption({ label: 'Baltic infrastructure' });
  const detail = app.page.getByRole('region', { name: 'Collection Baltic infrastructure' });
  await expect(
    detail.getByRole('list', { name: 'Excerpts in this collection' }).getByRole('listitem'),
  ).toHaveCount(1);

  // The all-excerpts view filters by the tag.
  await app.page.getByRole('tab', { name: 'Excerpts' }).click();
  await app.page.getByRole('combobox', { name: 'Filter by tag' }).selectOption({ label: 'cables (1)' });
  await expect(app.page.getByRole('list', { name: 'All excerpts' }).getByRole('listitem')).toHaveCount(1);
  await app.page.getByRole('button', { name: 'Check quotes' }).click();
  await expect(app.page.getByRole('region', { name: 'Quote check' }).getByRole('status')).toHaveText(
    '1 checked: 1 exact, 0 moved, 0 broken',
  );

  // Export the collection as a bundle.
  await app.page.getByRole('tab', { name: 'Collections' }).click();
  await app.page.getByRole('button', { name: 'Baltic infrastructure' }).click();
  await app.page.getByRole('button', { name: 'Export bundle…' }).click();
  await expect(app.page.getByText(/Exported “Baltic infrastructure” to/)).toBeVisible();
  const bundle = readdirSync(app.exportDir).map((name) => join(app.exportDir, name))[0] ?? '';

  // Import it into a fresh, empty library: the excerpt arrives verified.
  const otherData = mkdtempSync(join(tmpdir(), 'briefing-e2e-other-'));
  const other = await startE2eHost({
    dataDir: otherData,
    exportDir: join(otherData, 'exports'),
    seed: false,
    pickPaths: [bundle],
  });
  try {
    await app.page.goto(other.url);
    await app.page.getByRole('tab', { name: 'Collections' }).click();
    await app.page.getByRole('button', { name: 'Import bundle…' }).click();
    await expect(
      app.page.getByRole('status').filter({ hasText: 'Imported “Baltic infrastructure”' }),
    ).toContainText('1 quotes verified');
    const items = app.page.getByRole('list', { name: 'Excerpts in this collection' }).getByRole('listitem');
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText(quote);
  } finally {
    await other.close();
    rmSync(otherData, { recursive: true, force: true });
  }
});

test('find in document, excerpt a whole paragraph from the keyboard, and undo it', async ({ app }) => {
  const ui = new AppPage(app.page);
  await ui.openDocument('Red Sea War-Risk Premiums Refuse to Fall');
  await app.page.keyboard.press('Control+f');
  const find = app.page.getByRole('search', { name: 'Find in document' });
  await find.getByRole('searchbox').fill('underwriters');
  await expect(find.getByRole('status')).toHaveText(/^1 of \d+$/);
  await find.getByRole('searchbox').press('Enter');
  await expect(find.getByRole('status')).toHaveText(/^2 of \d+$/);
  await find.getByRole('searchbox').press('Escape');

  // Put the caret in the second paragraph and take all of it with Alt+E.
  await ui.reader.locator('.reader__body p').nth(1).click();
  await app.page.keyboard.press('Alt+e');
  await expect(ui.excerptCards()).toHaveCount(1);
  const paragraph = await ui.reader.locator('.reader__body p').nth(1).textContent();
  await expect(ui.excerpts.getByRole('article').first().getByRole('button').first()).toHaveText(
    paragraph ?? '',
  );

  // Ctrl+Z outside a text field undoes the new excerpt; Ctrl+Shift+Z brings it back.
  await ui.reader.locator('.reader__title').click();
  await app.page.keyboard.press('Control+z');
  await expect(ui.excerptCards()).toHaveCount(0);
  await app.page.keyboard.press('Control+Shift+z');
  await expect(ui.excerptCards()).toHaveCount(1);
});

test('a passage selected with the keyboard becomes an excerpt', async ({ app }) => {
  const ui = new AppPage(app.page);
  await ui.openDocument('Red Sea War-Risk Premiums Refuse to Fall');
  const paragraph = ui.reader.locator('.reader__body p').first();
  const box = await paragraph.boundingBox();
  if (box === null) throw new Error('no paragraph');
  // A click leaves the caret before the first word; Ctrl+Shift+Right extends word by word.
  await app.page.mouse.click(box.x + 1, box.y + 10);
  const selected = () => app.page.evaluate(() => window.getSelection()?.toString() ?? '');
  // Extend word by word until three words are selected (key presses can race the click's caret).
  for (
    let press = 0;
    press < 6 && (await selected()).trim().split(/\s+/).filter(Boolean).length < 3;
    press += 1
  ) {
    await app.page.keyboard.press('Control+Shift+ArrowRight');
  }
  const words = (await selected()).trim();
  expect(words.split(/\s+/)).toHaveLength(3);
  expect('For almost two years').toContain(words);
  await app.page.keyboard.press('Control+e');
  await expect(ui.excerptCards()).toHaveCount(1);
  await expect(ui.excerpts.getByRole('article').first().getByRole('button').first()).toHaveText(words);
});

test('Shift+click selects a run of excerpts, rows never loaded included', async ({ app }, testInfo) => {
  testInfo.skip(testInfo.project.name === 'electron', 'The library is built through the browser e2e host.');
  await withOwnLibrary(async (host, api) => {
    // 260 excerpts: the list loads them 100 at a time, so rows 100-199 are never loaded by a jump
    // from the top straight to the bottom.
    const count = 260;
    const text = [
      'Title: A long run of paragraphs',
      '',
      ...Array.from({ length: count }, (_, index) => [`Paragraph ${index + 1} of the long run.`, '']).flat(),
    ].join('\n');
    await importAndExcerpt(api, 'long-run.txt', text, (paragraph) => paragraph.startsWith('Paragraph'));

    await app.page.goto(host.url);
    await app.page.getByRole('tab', { name: 'Excerpts' }).click();
    const status = app.page.getByRole('toolbar', { name: 'Selected excerpts' }).getByRole('status');
    await expect(status).toHaveText(`${count} excerpts`);
    const list = app.page.getByRole('list', { name: 'All excerpts' });
    await list.getByRole('checkbox').first().click();
    await expect(status).toHaveText(`${count} excerpts · 1 selected`);

    await app.page.locator('.all-excerpts .virtual-list').evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    const last = list.getByRole('checkbox', { name: /Paragraph 1 of the long run/ });
    await last.click({ modifiers: ['Shift'] });
    await expect(status).toHaveText(`${count} excerpts · ${count} selected`);
  });
});
