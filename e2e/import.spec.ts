import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeDocx } from '../src/core/corpus/importers/testing/make-zip';
import { AppPage } from './pages/app-page';
import { expect, test } from './support/fixtures';

const corpus = resolve(__dirname, '..', 'corpus');
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const wireCopy = [
  'Port strike ends after twelve days',
  '',
  'By Marta Kowalczyk',
  '',
  'March 4, 2026',
  '',
  'Dock workers in Gdańsk voted on Tuesday to end a twelve-day strike that had stranded grain and container ships in the Baltic.',
  '',
  'The agreement raises night-shift pay by 9 percent and caps overtime, the union said.',
  '',
  'Photo: Harbour Press Agency',
].join('\n');

test('an analyst drops files on the window, follows the import and fixes a document’s details', async ({
  app,
}) => {
  const ui = new AppPage(app.page);
  await expect(ui.documentButtons()).toHaveCount(9);

  await ui.dropFiles([
    { name: 'port-strike.txt', base64: b64(wireCopy), type: 'text/plain' },
    {
      name: 'guarding-the-baltic-seabed.md',
      base64: readFileSync(join(corpus, 'guarding-the-baltic-seabed.md')).toString('base64'),
    },
    { name: 'budget.xlsx', base64: b64('not a document') },
  ]);

  const panel = ui.importPanel();
  await expect(panel.getByText('Import finished')).toBeVisible();
  await expect(panel.getByRole('status')).toHaveText('1 imported, 1 duplicate, 1 failed');
  await expect(panel.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute('value', '3');
  const files = panel.getByRole('list', { name: 'Imported files' }).getByRole('listitem');
  await expect(files.nth(0)).toContainText('Imported');
  await expect(files.nth(1)).toContainText('Already in library');
  await expect(files.nth(2)).toContainText('".xlsx" files cannot be imported');
  await expect(ui.documentButtons()).toHaveCount(10);

  // The new document opens in the reader; its details are editable and the text is untouched.
  await expect(
    ui.reader.getByRole('heading', { level: 1, name: 'Port strike ends after twelve days' }),
  ).toBeVisible();
  const firstParagraph = await ui.reader.locator('.reader__body p').first().textContent();
  await ui.reader.getByRole('button', { name: 'Edit details' }).click();
  const form = ui.reader.getByRole('form', { name: 'Document details' });
  await form.getByRole('textbox', { name: 'Outlet' }).fill('Baltic Wire');
  await form.getByRole('textbox', { name: 'Published' }).fill('4 March');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(form.getByRole('alert')).toContainText('YYYY-MM-DD');
  await form.getByRole('textbox', { name: 'Published' }).fill('2026-03-04');
  await form.getByRole('button', { name: 'Save details' }).click();
  await expect(form).toBeHidden();
  await expect(ui.reader.locator('.reader__outlet')).toContainText('Baltic Wire');
  await expect(ui.library.getByRole('button', { name: /Port strike ends/ })).toContainText('Baltic Wire');
  await expect(ui.reader.locator('.reader__body p').first()).toHaveText(firstParagraph ?? '');
});

test('a Word document dropped on the window keeps its headings and details', async ({ app }) => {
  const ui = new AppPage(app.page);
  const docx = makeDocx({
    title: 'Grid interconnector memo',
    creator: 'Ivana Šimić',
    created: '2026-02-10T09:00:00Z',
    paragraphs: [
      { style: 'Heading1', text: 'Background' },
      { text: 'The interconnector will link the Serbian and Romanian grids by 2028.' },
      { numbered: true, text: 'Financing is secured.' },
    ],
  });
  await ui.dropFiles([{ name: 'memo.docx', base64: docx.toString('base64') }]);
  await expect(ui.importPanel().getByRole('status')).toHaveText('1 imported, 0 duplicates, 0 failed');
  await expect(ui.reader.getByRole('heading', { level: 1, name: 'Grid interconnector memo' })).toBeVisible();
  await expect(ui.reader.getByText('By Ivana Šimić')).toBeVisible();
  await expect(ui.reader.getByRole('heading', { level: 3, name: 'Background' })).toBeVisible();
});

test('pasting text makes a new document', async ({ app }) => {
  const ui = new AppPage(app.page);
  await ui.library.getByRole('button', { name: 'Paste as new document' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Paste as new document' });
  await dialog
    .getByRole('textbox', { name: 'Text to import' })
    .fill('Talks resume in Geneva\n\nDelegations met for six hours on Tuesday.');
  await dialog.getByRole('button', { name: 'Add document' }).click();
  await expect(ui.importPanel().getByRole('status')).toHaveText('1 imported, 0 duplicates, 0 failed');
  await expect(ui.reader.getByRole('heading', { level: 1, name: 'Talks resume in Geneva' })).toBeVisible();
});
