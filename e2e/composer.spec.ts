import { AppPage } from './pages/app-page';
import { expect, test } from './support/fixtures';
import { importAndExcerpt, withOwnLibrary } from './support/own-library';
import { foldWhitespace, pdfText } from './support/pdf';

test('composer: build a briefing from a template by dragging excerpts and typing, reorder by keyboard, undo', async ({
  app,
}) => {
  const { page } = app;
  const ui = new AppPage(page);
  await ui.documentButtons().first().waitFor();
  await ui.createBriefing('Shipping risk note', 'BLUF note');
  await expect(ui.briefing.getByRole('region', { name: 'Key judgments' })).toContainText(
    'with a likelihood term and, separately, a confidence level',
  );
  const discussion = ui.briefing.getByRole('list', { name: 'Blocks in Discussion' });

  // Two excerpts from two sources, each dragged from beside the reader into the Discussion section.
  await ui.openDocument('Red Sea War-Risk Premiums Refuse to Fall');
  await ui.selectWithMouse(1);
  await ui.addExcerpt();
  await ui.excerpts.getByRole('article').first().getByRole('button').first().dragTo(discussion);
  await expect(ui.sectionBlocks('Discussion')).toHaveCount(1);
  await ui.openDocument('The Price of Passage: Black Sea Grain Insurance');
  await ui.selectWithMouse(1);
  await ui.addExcerpt();
  const second = ui.excerpts.getByRole('article').first().getByRole('button').first();
  const secondQuote = ((await second.textContent()) ?? '').trim();
  // Dropped below the first block, so it lands after it.
  const area = await discussion.boundingBox();
  await second.dragTo(discussion, { targetPosition: { x: 40, y: (area?.height ?? 8) - 4 } });
  await expect(ui.sectionBlocks('Discussion')).toHaveCount(2);
  const blocks = ui.sectionBlocks('Discussion');
  await expect(blocks.nth(0)).toContainText('Daniel Okafor-Reid');
  await expect(blocks.nth(1)).toContainText(secondQuote.slice(0, 30));
  await expect(blocks.nth(0).locator('sup')).toHaveText('1');
  await expect(blocks.nth(1).locator('sup')).toHaveText('2');

  // Commentary, typed with formatting, saved as it is typed.
  await ui.briefing
    .getByRole('region', { name: 'Discussion' })
    .getByRole('button', { name: '+ Commentary' })
    .click();
  const editor = ui.briefing.getByRole('textbox', { name: 'Commentary' });
  await expect(editor).toBeFocused();
  await page.keyboard.type('Both sources agree that ');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('premiums stay high');
  await expect(editor.locator('strong')).toHaveText('premiums stay high');

  // Alt+Down moves the first excerpt below the second: the citation numbers follow the new order.
  await blocks.nth(0).focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(ui.briefing.getByRole('status').filter({ hasText: 'Moved Excerpt' })).toContainText(
    'to position 2 of 3 in Discussion',
  );
  await expect(blocks.nth(0)).toContainText(secondQuote.slice(0, 30));
  await expect(blocks.nth(0).locator('sup')).toHaveText('1');
  await expect(blocks.nth(1).locator('sup')).toHaveText('2');
  await expect(blocks.nth(1)).toContainText('Daniel Okafor-Reid');
  await expect(blocks.nth(1)).toBeFocused();
  const notes = ui.briefing.getByRole('region', { name: 'Notes and sources' }).getByRole('listitem').first();
  await expect(notes).toContainText('Black Sea Grain Insurance');

  // Undo puts it back, with the numbers; redo moves it again.
  await page.keyboard.press('Control+z');
  await expect(blocks.nth(0)).toContainText('Daniel Okafor-Reid');
  await expect(blocks.nth(0).locator('sup')).toHaveText('1');
  await expect(notes).toContainText('Red Sea War-Risk Premiums Refuse to Fall');
  await page.keyboard.press('Control+Shift+z');
  await expect(blocks.nth(0)).toContainText(secondQuote.slice(0, 30));

  // "Move to section" by keyboard, then the PDF has the same order and numbers.
  await blocks.nth(0).focus();
  await page.keyboard.press('Control+Shift+m');
  await page
    .getByRole('dialog', { name: 'Move to section' })
    .getByRole('button', { name: 'Outlook' })
    .click();
  await expect(ui.sectionBlocks('Outlook')).toHaveCount(1);
  const text = foldWhitespace(pdfText(await ui.exportPdf()));
  expect(text).toMatch(/Both sources agree that premiums stay high/);
  expect(text.indexOf('Daniel Okafor-Reid, Harbourline Weekly')).toBeLessThan(text.indexOf('Outlook'));
  expect(text).toMatch(/1\. Daniel Okafor-Reid, “Red Sea War-Risk Premiums Refuse to Fall,”/);
});

test('composer: a quote can only be trimmed, and a key judgment keeps its likelihood apart', async ({
  app,
}) => {
  const { page } = app;
  const ui = new AppPage(page);
  await ui.documentButtons().first().waitFor();
  await ui.openDocument('Red Sea War-Risk Premiums Refuse to Fall');
  await ui.selectWithMouse(1, 0.95);
  await ui.addExcerpt();
  await ui.createBriefing('Trim check');
  await ui.excerpts.getByRole('button', { name: 'Add to briefing' }).first().click();
  const block = ui.sectionBlocks('Discussion').first();
  const original = ((await block.getByRole('blockquote').textContent()) ?? '').replace(/\d+$/, '');
  const words = original.split(' ');

  await block.getByRole('button', { name: 'Edit quote' }).click();
  const field = block.getByRole('textbox', { name: 'Quote as printed' });
  await field.fill(`${original} and a line the source never said`);
  await expect(block.getByRole('status')).toContainText('is not in the original quote');
  await expect(block.getByRole('button', { name: 'Save quote' })).toBeDisabled();
  const trimmed = `${words.slice(0, 2).join(' ')} … ${words.slice(-2).join(' ')}`;
  await field.fill(trimmed);
  await block.getByRole('button', { name: 'Save quote' }).click();
  await expect(block.getByRole('blockquote')).toContainText(trimmed);
  await expect(block).toContainText('trimmed');

  await ui.briefing
    .getByRole('region', { name: 'Discussion' })
    .getByRole('button', { name: '+ Key judgment' })
    .click();
  const judgment = ui.briefing.getByRole('textbox', { name: 'Key judgment' });
  await expect(judgment).toBeFocused();
  await page.keyboard.type('Premiums stay high, with high confidence.');
  await expect(ui.briefing.getByText('Keep the confidence level out of the sentence')).toBeVisible();
  await ui.briefing.getByRole('combobox', { name: 'Likelihood' }).selectOption('very-likely');
  await ui.briefing.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('region', { name: 'Print preview' });
  await expect(preview).toContainText('Very likely (80–95%) · moderate confidence');
  await expect(preview).toContainText(trimmed);
  // A blank briefing prints with a title page: the pages come from the PDF layout in core.
  await expect(preview.getByRole('article', { name: 'Page 1 of 2' })).toContainText('Trim check');
  await expect(preview.getByRole('article', { name: 'Page 2 of 2' })).toContainText(trimmed);

  // Printing settings live with the briefing's details; the preview follows them.
  await ui.briefing.getByRole('button', { name: 'Details' }).click();
  const printing = ui.briefing.getByRole('group', { name: 'Printing' });
  await printing.getByRole('checkbox', { name: 'Title page' }).uncheck();
  await printing.getByRole('combobox', { name: 'Notes' }).selectOption('footnotes');
  const only = preview.getByRole('article', { name: 'Page 1 of 1' });
  await expect(only).toContainText(trimmed);
  await expect(only.getByRole('complementary', { name: 'Footnotes' })).toContainText('1. ');

  // The same briefing as a Word document, then opened.
  await ui.briefing.getByRole('button', { name: 'Word' }).click();
  const status = ui.briefing.getByRole('status').filter({ hasText: 'Exported' });
  await expect(status).toContainText(/Exported 1 citation to .*Trim check\.docx$/);
  await ui.briefing.getByRole('button', { name: 'Open the exported file' }).click();
  await expect(ui.briefing.getByRole('alert')).toHaveCount(0);
});

test('composer: a long briefing builds its notes and sources once they are scrolled near', async ({
  app,
}, testInfo) => {
  testInfo.skip(testInfo.project.name === 'electron', 'The briefing is built through the browser e2e host.');
  await withOwnLibrary(async (host, api) => {
    // 45 excerpts, each of its own source: 90 notes and sources, more than are built with the blocks.
    const count = 45;
    const briefing = await api('createBriefing', { title: 'A long briefing' });
    const sectionId = (await api('addSection', { briefingId: briefing.id, heading: 'Evidence', level: 1 }))
      .sections[0]?.id;
    if (sectionId === undefined) throw new Error('section not added');
    for (let index = 1; index <= count; index += 1) {
      const text = `Title: Quotable source ${index}\nAuthor: Ana Quill\n\nQuotable paragraph ${index}.\n`;
      const [excerpt] = await importAndExcerpt(api, `quotable-${index}.txt`, text, (paragraph) =>
        paragraph.startsWith('Quotable'),
      );
      if (excerpt === undefined) throw new Error('no paragraph to quote');
      await api('addBriefingItem', {
        briefingId: briefing.id,
        sectionId,
        item: { kind: 'excerpt', excerptId: excerpt.id },
      });
    }

    const { page } = app;
    const ui = new AppPage(page);
    await page.goto(host.url);
    // The newest briefing opens with the window.
    await expect(page.getByRole('button', { name: 'Briefings (open: A long briefing)' })).toBeVisible();
    await expect(ui.sectionBlocks('Evidence')).toHaveCount(count);
    const sources = ui.briefing.getByRole('region', { name: 'Notes and sources' });
    await expect(sources).toBeAttached();
    await expect(sources.getByRole('listitem')).toHaveCount(0);

    await sources.scrollIntoViewIfNeeded();
    await expect(sources.getByRole('listitem')).toHaveCount(count * 2);
    await expect(sources.getByRole('listitem').first()).toContainText('Quotable source 1');
  });
});
