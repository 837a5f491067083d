import { AppPage } from './pages/app-page';
import { expect, test } from './support/fixtures';

test('search: type a query, narrow by a facet, open a hit in the reader and excerpt its paragraph', async ({
  app,
}) => {
  const { page } = app;
  const ui = new AppPage(page);
  await ui.documentButtons().first().waitFor();

  // Ctrl+K focuses search from anywhere; results come as you type.
  await page.keyboard.press('Control+k');
  const input = page.getByRole('searchbox', { name: 'Search' });
  await expect(input).toBeFocused();
  await page.keyboard.type('insuranc', { delay: 30 });
  const status = page.locator('.search-view__status');
  await expect(status).toContainText(/^[1-9]\d* documents? · /);
  const before = Number(/^\d+/.exec((await status.textContent()) ?? '')?.[0]);
  const results = page.getByRole('listbox', { name: 'Search results' });
  await expect(results.locator('mark.search-mark').first()).toBeVisible();

  // A facet narrows the results and shows itself in the query.
  await page
    .getByRole('group', { name: 'Filter by outlet' })
    .getByRole('button', { name: /Meridian Review/ })
    .click();
  await expect(input).toHaveValue('insuranc outlet:"Meridian Review"');
  await expect(status).not.toContainText(new RegExp(`^${before} |searching`));
  await expect(results.locator('.search-doc__meta').first()).toContainText('Meridian Review');
  const metas = await results.locator('.search-doc__meta').allTextContents();
  expect(metas.length).toBeGreaterThan(0);
  for (const meta of metas) expect(meta).toContain('Meridian Review');
  const title = (await results.locator('.search-doc__title').first().textContent()) ?? '';

  // Arrow keys move through hits; Enter opens the passage in the reader with the words highlighted.
  await input.focus();
  await page.keyboard.press('ArrowDown');
  await expect(results.getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true');
  const passage =
    (await results.getByRole('option').nth(1).locator('.search-hit__snippet').textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(ui.reader.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const target = ui.reader.locator('.block--search-target');
  await expect(target).toBeVisible();
  await expect(target).toBeInViewport();
  const painted = await page.evaluate(() => {
    const highlight = CSS.highlights.get('search-match');
    return highlight === undefined
      ? []
      : [...highlight].map((range) => (range as Range).toString().toLowerCase());
  });
  expect(painted.length).toBeGreaterThan(0);
  for (const word of painted) expect(word.startsWith('insur')).toBe(true);
  expect(passage.replace(/^… |…$/g, '').trim().length).toBeGreaterThan(0);

  // One action makes an excerpt of the hit's whole paragraph.
  const paragraph = ((await target.textContent()) ?? '').trim();
  await results.getByRole('option').nth(1).getByRole('button', { name: 'Excerpt paragraph' }).click();
  const card = ui.excerpts.getByRole('article');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(paragraph.slice(0, 60));

  // The new excerpt is found by search too; nonsense never breaks it.
  await page.keyboard.press('Control+k');
  await input.fill('insuranc in:excerpts');
  await expect(status).toContainText('1 excerpt');
  await input.fill('"(NEAR -:* OR');
  await expect(status).toBeVisible();
  // Searched as the words "near" and "or": an answer, never an error.
  await expect(status).toHaveText(/^\d+ documents? · \d+ excerpts?$/);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('saved searches remember a query and count new documents since the last run', async ({ app }) => {
  const { page } = app;
  const ui = new AppPage(page);
  await ui.documentButtons().first().waitFor();
  await page.getByRole('tab', { name: 'Search' }).click();
  await page.getByRole('searchbox', { name: 'Search' }).fill('strike');
  await page.getByRole('button', { name: 'Save search…' }).click();
  await page.getByRole('textbox', { name: 'Name for this search' }).fill('Port strikes');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const saved = page.getByRole('group', { name: 'Saved searches' });
  await expect(saved.getByRole('button', { name: 'Port strikes', exact: true })).toBeVisible();

  // A new matching document arrives: the saved search shows it as new until it is run again.
  await page.getByRole('tab', { name: 'Library' }).click();
  await ui.dropFiles([
    {
      name: 'port-strike.txt',
      base64: Buffer.from('Port strike ends\n\nDock workers voted to end the strike on Tuesday.').toString(
        'base64',
      ),
    },
  ]);
  await ui.importPanel().getByText('Import finished').waitFor();
  await page.getByRole('tab', { name: 'Search' }).click();
  await expect(saved.getByRole('button', { name: /Port strikes\s*1 new/ })).toBeVisible();
  await saved.getByRole('button', { name: /Port strikes\s*1 new/ }).click();
  await expect(page.getByText('“Port strikes”: 1 new document since the last run.')).toBeVisible();
  await expect(saved.getByRole('button', { name: 'Port strikes', exact: true })).toBeVisible();
});
