import { existsSync } from 'node:fs';
import { AppPage } from './pages/app-page';
import { expect, test } from './support/fixtures';
import { foldWhitespace, pdfPageCount, pdfText } from './support/pdf';

test('an analyst turns a selected passage into a cited PDF briefing', async ({ app }) => {
  const ui = new AppPage(app.page);

  // The library opens onto the sample corpus.
  await expect(ui.documentButtons()).toHaveCount(9);
  await ui.openDocument('Red Sea War-Risk Premiums Refuse to Fall');
  await expect(ui.excerpts.getByText('No excerpts yet')).toBeVisible();

  // Select part of the second paragraph with the mouse and take it as an excerpt.
  await ui.selectWithMouse(1);
  await ui.addExcerpt();
  await expect(ui.excerptCards()).toHaveCount(1);
  const quote = (await ui.excerptCards().first().getByRole('button').first().textContent()) ?? '';
  expect(quote.length).toBeGreaterThan(20);
  expect(quote).toMatch(/^The gap between the political/);
  // The selection snapped to whole words.
  expect(quote).toMatch(/\p{L}$/u);
  await expect(ui.reader.locator('mark.highlight')).toHaveText(quote);

  // Put it into a new briefing; the quote shows with its attribution.
  await ui.createBriefing('Red Sea shipping outlook');
  await ui.excerptCards().first().getByRole('button', { name: 'Add to briefing' }).click();
  const figure = ui.briefing.getByRole('figure');
  await expect(figure.getByRole('blockquote')).toContainText(quote);
  await expect(figure).toContainText('— Daniel Okafor-Reid, Harbourline Weekly, November 21, 2025');
  await expect(ui.briefing.getByRole('region', { name: 'Notes and sources' })).toContainText(
    'Red Sea War-Risk Premiums Refuse to Fall',
  );

  // Export the PDF and read it back.
  const pdfPath = await ui.exportPdf();
  expect(existsSync(pdfPath)).toBe(true);
  // A title page, then the quote and its note.
  expect(pdfPageCount(pdfPath)).toBe(2);
  const text = foldWhitespace(pdfText(pdfPath));
  expect(text).toContain('Red Sea shipping outlook');
  expect(text).toContain(`${foldWhitespace(quote)}¹`);
  expect(text).toContain(
    '1. Daniel Okafor-Reid, “Red Sea War-Risk Premiums Refuse to Fall,” Harbourline Weekly, November 21, 2025,',
  );
  expect(text).toContain('Page 2 of 2');
});

test('the library, reader and briefing explain what to do when empty', async ({ app }) => {
  const ui = new AppPage(app.page);
  await expect(ui.reader.getByText('Open a document from the library')).toBeVisible();
  await expect(ui.briefing.getByText('No briefings yet. Create the first one below.')).toBeVisible();
  await ui.library.getByRole('searchbox', { name: 'Filter documents' }).fill('zzzz-no-such-title');
  await expect(ui.library.getByText('No documents match this filter')).toBeVisible();
  await ui.library.getByRole('searchbox', { name: 'Filter documents' }).fill('baltic');
  await expect(ui.documentButtons()).toHaveCount(1);
});
