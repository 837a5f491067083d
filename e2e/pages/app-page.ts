import { expect, type Locator, type Page } from '@playwright/test';

/** Briefing Builder's main window, found the way a user (or a screen reader) finds things. */
export class AppPage {
  readonly library: Locator;
  readonly reader: Locator;
  readonly excerpts: Locator;
  readonly briefing: Locator;

  constructor(readonly page: Page) {
    this.library = page.getByRole('navigation', { name: 'Library' });
    this.reader = page.getByRole('main', { name: 'Reader' });
    this.excerpts = page.getByRole('complementary', { name: 'Excerpts' });
    this.briefing = page.getByRole('region', { name: 'Briefing' });
  }

  documentButtons(): Locator {
    return this.library.getByRole('list', { name: 'Documents' }).getByRole('button');
  }

  async openDocument(title: string): Promise<void> {
    await this.library.getByRole('button', { name: new RegExp(escapeRegExp(title)) }).click();
    await expect(this.reader.getByRole('heading', { level: 1, name: title })).toBeVisible();
  }

  /** Drags the mouse across the first line of the n-th paragraph of the open document. */
  async selectWithMouse(paragraphIndex: number, fraction = 0.7): Promise<void> {
    const paragraph = this.reader.locator('.reader__body p').nth(paragraphIndex);
    await paragraph.scrollIntoViewIfNeeded();
    const box = await paragraph.boundingBox();
    if (box === null) throw new Error('The paragraph is not visible');
    const y = box.y + 12;
    await this.page.mouse.move(box.x + 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * fraction, y, { steps: 8 });
    await this.page.mouse.up();
  }

  async addExcerpt(): Promise<void> {
    await this.reader.getByRole('button', { name: 'Add excerpt' }).click();
  }

  /** Drops files on the window as a user dragging them from the file manager would. */
  async dropFiles(
    files: readonly Readonly<{ name: string; base64: string; type?: string }>[],
  ): Promise<void> {
    const dataTransfer = await this.page.evaluateHandle((list) => {
      const transfer = new DataTransfer();
      for (const file of list) {
        const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0));
        transfer.items.add(new File([bytes], file.name, { type: file.type ?? '' }));
      }
      return transfer;
    }, files);
    const target = this.page.locator('body');
    await target.dispatchEvent('dragenter', { dataTransfer });
    await target.dispatchEvent('dragover', { dataTransfer });
    await target.dispatchEvent('drop', { dataTransfer });
  }

  importPanel(): Locator {
    return this.library.getByRole('region', { name: 'Import' });
  }

  excerptCards(): Locator {
    return this.excerpts.getByRole('listitem');
  }

  /** Creates a briefing from the briefings list, blank or from a template ("BLUF note", ...). */
  async createBriefing(title: string, template = 'Blank'): Promise<void> {
    const titleField = this.briefing.getByRole('textbox', { name: 'New briefing' });
    if (!(await titleField.isVisible()))
      await this.briefing.getByRole('button', { name: /^Briefings/ }).click();
    await titleField.fill(title);
    await this.briefing.getByRole('radio', { name: new RegExp(`^${escapeRegExp(template)}`) }).check();
    await this.briefing.getByRole('button', { name: 'Create briefing' }).click();
    await expect(this.briefing.getByRole('heading', { level: 3, name: title })).toBeVisible();
  }

  /** The blocks of a section of the open briefing, in order. */
  sectionBlocks(heading: string): Locator {
    return this.briefing
      .getByRole('list', { name: `Blocks in ${heading}` })
      .locator(':scope > [data-item-id]');
  }

  async exportPdf(): Promise<string> {
    await this.briefing.getByRole('button', { name: 'Export PDF' }).click();
    const status = this.briefing.getByRole('status').filter({ hasText: 'Exported' });
    await expect(status).toBeVisible();
    const text = (await status.textContent()) ?? '';
    const match = / to (.+\.pdf)$/.exec(text);
    if (match?.[1] === undefined) throw new Error(`No export path in: ${text}`);
    return match[1];
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
