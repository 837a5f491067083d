import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Locator, PlaywrightWorkerArgs } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../src/shared/csp';
import { API_SOCKET_PATH, startE2eHost } from './host/server';
import { AppPage } from './pages/app-page';
import { findSystemChromium, QUIET_CHROMIUM_ARGS } from './support/browsers';
import { expect, test } from './support/fixtures';
import { hostileDocuments } from './support/hostile-documents';
import { apiOf, buildHostileBundle, fillHostileBriefing } from './support/hostile-library';
import { hostilePayloads, markerFor } from './support/hostile-payloads';
import { watchHostileEffects, type HostileFigure } from './support/hostile-watch';

const REPO_ROOT = resolve(__dirname, '..');
const FIGURE_FILE = join(REPO_ROOT, 'test-results', 'hostile-content.json');

/**
 * The API methods the journey's own steps make the app call. Anything else reaching the host's API
 * endpoint (deleting, exporting, renaming, pasting...) can only come from hostile content.
 */
const JOURNEY_METHODS = new Set([
  'libraryStatus',
  'listDocuments',
  'listDocumentPage',
  'listOutlets',
  'getDocument',
  'importFileBytes',
  'listExcerpts',
  'listAllExcerpts',
  'listTags',
  'verifyExcerpts',
  'listCollections',
  'getCollection',
  'importCollectionBundle',
  'listBriefings',
  'createBriefing',
  'openBriefing',
  'insertCollection',
  'briefingHistory',
  'listBriefingVersions',
  'previewBriefing',
  'search',
  'searchFacets',
  'listSavedSearches',
  'saveSearch',
  // The composer re-reads the open briefing when the library changes (a saved search, here).
  'getBriefing',
]);

async function launch(playwright: PlaywrightWorkerArgs['playwright']): Promise<Browser> {
  const chromium = findSystemChromium();
  return playwright.chromium.launch({
    ...(chromium === undefined ? {} : { executablePath: chromium }),
    args: QUIET_CHROMIUM_ARGS,
  });
}

/** The figure as the issue states it: payloads / script executions / dialogs / popups / navigations away / unexpected API calls. */
function figureLine(payloads: number, figure: HostileFigure): string {
  return [
    payloads,
    figure.scriptExecutions,
    figure.dialogs,
    figure.popups,
    figure.navigationsAway,
    figure.unexpectedApiCalls,
  ].join(' / ');
}

const BROWSER_HOST_ONLY = 'Runs in Chromium through the browser e2e host, whose API endpoint it watches.';

test.describe('hostile content', () => {
  test('the instrumentation counts what hostile payloads do in a page that inserts them unsafely', async ({
    playwright,
  }, testInfo) => {
    test.skip(testInfo.project.name === 'electron', BROWSER_HOST_ONLY);
    // A page without a CSP that assigns payloads to innerHTML: the counters must see what they do.
    // One payload of each vector (its plainest variant): each frame a payload opens costs the
    // browser a round trip to Playwright, and print() blocks headless Chromium for good.
    const started = Date.now();
    const seenVectors = new Set<number>();
    const payloads = hostilePayloads().filter((payload) => {
      if (seenVectors.has(payload.vector) || payload.text.includes('print(')) return false;
      seenVectors.add(payload.vector);
      return true;
    });
    const browser = await launch(playwright);
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const origin = 'http://control.test';
      const watch = await watchHostileEffects(context, page, {
        origin,
        apiPath: API_SOCKET_PATH,
        expectedMethods: new Set(),
      });
      await page.route(`${origin}/**`, (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === API_SOCKET_PATH)
          return route.fulfill({ contentType: 'application/json', body: '{"ok":true,"value":null}' });
        if (path !== '/') return route.fulfill({ status: 404, body: '' });
        return route.fulfill({
          contentType: 'text/html',
          body:
            '<!doctype html><html><body><div id="sink"></div><script>' +
            `window.briefing = new Proxy({}, { get: (_, method) => (input) => fetch(${JSON.stringify(API_SOCKET_PATH)}, ` +
            "{ method: 'POST', body: JSON.stringify({ method, input }) }) });" +
            '</script></body></html>',
        });
      });
      await page.goto(`${origin}/`);
      const insert = (texts: readonly string[]) =>
        page.evaluate((list) => {
          const sink = document.getElementById('sink');
          for (const text of list) {
            const holder = document.createElement('div');
            holder.innerHTML = text;
            sink?.append(holder);
          }
        }, texts);
      const settled = async () => {
        let last = -1;
        await expect
          .poll(
            () => {
              const now = watch.events().length + watch.figure().scriptExecutions;
              const stable = now === last;
              last = now;
              return stable;
            },
            { intervals: [500], timeout: 20_000 },
          )
          .toBe(true);
      };
      // Everything but the payloads that navigate first, so they all run before the page leaves (a
      // link that opens a new window only does so when clicked).
      const waitsForClick = (text: string) => text.includes('target="_blank"');
      await insert(
        payloads
          .filter((payload) => payload.family !== 'navigation' || waitsForClick(payload.text))
          .map((payload) => payload.text),
      );
      await settled();
      // Browsers block popups without a user gesture: Enter on a payload's link opens one.
      await page.locator('#sink a[target="_blank"]').first().focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => watch.figure().popups).toBeGreaterThan(0);
      const navigating = payloads.filter(
        (payload) => payload.family === 'navigation' && !waitsForClick(payload.text),
      );
      // The page may navigate away while inserting.
      await insert(navigating.map((payload) => payload.text)).catch(() => undefined);
      await expect.poll(() => watch.figure().navigationsAway, { timeout: 10_000 }).toBeGreaterThan(0);
      const figure = watch.figure();
      writeFigure('control', {
        payloads: payloads.length,
        figure: figureLine(payloads.length, figure),
        ...figure,
        seconds: Math.round((Date.now() - started) / 100) / 10,
      });
      expect(figure.scriptExecutions, watch.events().join('\n')).toBeGreaterThan(20);
      expect(figure.dialogs).toBeGreaterThan(0);
      expect(figure.popups).toBeGreaterThan(0);
      expect(figure.offsiteRequests).toBeGreaterThan(0);
      expect(figure.unexpectedApiCalls).toBeGreaterThan(0);
      expect(figure.dangerousDom).toBeGreaterThan(payloads.length / 2);
    } finally {
      await browser.close();
    }
  });

  test('imported hostile documents, bundles, briefings and queries run nothing and go nowhere', async ({
    playwright,
  }, testInfo) => {
    test.skip(testInfo.project.name === 'electron', BROWSER_HOST_ONLY);
    test.setTimeout(120_000);
    const started = Date.now();
    const timings: Record<string, number> = {};
    const mark = (label: string) => {
      timings[label] = Math.round((Date.now() - started) / 100) / 10;
    };
    const payloads = hostilePayloads();
    const documents = hostileDocuments(payloads);
    const bundle = await buildHostileBundle(payloads);
    mark('hostile bundle built');
    const dataDir = mkdtempSync(join(tmpdir(), 'briefing-hostile-'));
    const host = await startE2eHost({
      dataDir,
      exportDir: join(dataDir, 'exports'),
      seed: false,
      pickPaths: [bundle.path],
    });
    const browser = await launch(playwright);
    const deliveries: Record<string, number> = { ...documents.deliveries, ...bundle.deliveries };
    try {
      // Tall enough that the library's virtual list renders every imported document's row at once.
      const context = await browser.newContext({ viewport: { width: 1440, height: 2000 } });
      const page = await context.newPage();
      const origin = new URL(host.url).origin;
      const watch = await watchHostileEffects(context, page, {
        origin,
        apiPath: API_SOCKET_PATH,
        expectedMethods: JOURNEY_METHODS,
      });
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(String(error)));
      const ui = new AppPage(page);
      const collect = (view: string, target: Locator) => watch.collectMarkers(target, view);
      const sourcesPanel = page.getByRole('tabpanel');
      const briefingPane = page.getByRole('region', { name: 'Briefing', exact: true });

      // The page is served with exactly the production CSP, as a header and as the <meta> backstop.
      const response = await page.goto(host.url);
      expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(
        CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''),
      );

      mark('app open');
      // Documents: dropped on the window in one batch, bodies, metadata and file names hostile.
      await ui.dropFiles(documents.files.map((file) => ({ name: file.name, base64: file.base64 })));
      const panel = ui.importPanel();
      await expect(panel.getByText('Import finished')).toBeVisible({ timeout: 60_000 });
      await expect(panel.getByRole('status')).toHaveText(
        `${documents.files.length} imported, 0 duplicates, 0 failed`,
      );
      await collect('import panel', ui.importPanel());
      await collect('library list', ui.library.getByRole('list', { name: 'Documents' }));
      mark('documents imported');

      // Every document in the reader: text, headings, details; the details editor of some.
      const count = await ui.documentButtons().count();
      expect(count).toBe(documents.files.length);
      for (let index = 0; index < count; index += 1) {
        const button = ui.documentButtons().nth(index);
        const title = (await button.locator('.doc-list__title').textContent()) ?? '';
        await button.click();
        await expect(ui.reader.locator('.reader__title')).toHaveText(title);
        if (index % 4 === 0) {
          await ui.reader.getByRole('button', { name: 'Edit details' }).click();
          await expect(ui.reader.getByRole('form', { name: 'Document details' })).toBeVisible();
        }
        await collect('reader', ui.reader);
      }
      // Hostile text typed into the library filter.
      const filter = ui.library.getByRole('searchbox', { name: 'Filter documents' });
      for (const payload of payloads.slice(0, 8)) await filter.fill(payload.text);
      await filter.fill('');
      mark('reader');

      // A bundle whose every field is hostile, imported from the Collections tab.
      await page.getByRole('tab', { name: 'Collections' }).click();
      await page.getByRole('button', { name: 'Import bundle…' }).click();
      await expect(
        page.getByRole('status').filter({ hasText: 'Imported “Hostile collection' }),
      ).toContainText(`${bundle.excerpts} quotes verified`);
      // The imported collection opens by itself.
      await expect(
        page.getByRole('list', { name: 'Excerpts in this collection' }).getByRole('listitem'),
      ).toHaveCount(bundle.excerpts);
      await collect('collections', sourcesPanel);
      mark('bundle imported');

      // Its excerpts beside the reader (cards with notes and tags) and in the Excerpts tab.
      await page.getByRole('tab', { name: 'Library' }).click();
      for (const [index, cards] of bundle.excerptsPerSource.entries()) {
        await ui.library
          .getByRole('button', { name: new RegExp(`^Hostile bundle source ${index + 1} `) })
          .click();
        await expect(ui.excerptCards()).toHaveCount(cards);
        await collect('excerpt cards beside the reader', ui.excerpts);
      }
      await page.getByRole('tab', { name: 'Excerpts' }).click();
      const allExcerpts = page.getByRole('list', { name: 'All excerpts' });
      await expect(allExcerpts.getByRole('listitem').first()).toBeVisible();
      for (let step = 0; step < 12; step += 1) {
        await page.locator('.virtual-list').evaluate((scroller) => scroller.scrollBy(0, 900));
        await collect('all excerpts', sourcesPanel);
      }
      await page.getByRole('button', { name: 'Check quotes' }).click();
      await expect(page.getByRole('region', { name: 'Quote check' }).getByRole('status')).toContainText(
        `${bundle.excerpts} checked`,
      );
      await collect('all excerpts', sourcesPanel);
      await page.getByText(/^Tags \(\d+\)$/).click();
      await expect(page.getByRole('list', { name: 'Tags' })).toBeVisible();
      await collect('tags', page.getByRole('list', { name: 'Tags' }));
      await collect('excerpt filters', page.getByRole('group', { name: 'Filter excerpts' }));

      // A briefing with a hostile title, details, headings, commentary and judgments, and the
      // hostile collection inserted; shown in the composer, its print preview and its versions.
      const title = `Hostile briefing ${markerFor(7)} ${payloads[6]?.text ?? ''}`.replace(/\s+/g, ' ');
      await ui.createBriefing(title);
      const briefingId = (await apiOf(host)('listBriefings', {}))[0]?.id ?? '';
      Object.assign(deliveries, { 'briefing title': 1 });
      const filled = await fillHostileBriefing(apiOf(host), briefingId, payloads);
      Object.assign(deliveries, filled.deliveries);
      await page.reload();
      await page.getByRole('tab', { name: 'Collections' }).click();
      await page.getByRole('button', { name: bundle.collectionName }).click();
      await page.getByRole('button', { name: 'Insert in briefing' }).click();
      await expect(ui.briefing.locator('[data-item-id]')).toHaveCount(bundle.excerpts + 12 * 5, {
        timeout: 20_000,
      });
      // A briefing this long builds its notes and sources once they are scrolled near.
      const notes = briefingPane.getByRole('region', { name: 'Notes and sources' });
      await notes.scrollIntoViewIfNeeded();
      await expect(notes.getByRole('listitem').first()).toBeVisible();
      await collect('composer', briefingPane);
      await ui.briefing.getByRole('button', { name: 'Details', exact: true }).click();
      await collect('composer', briefingPane);
      await ui.briefing.getByRole('button', { name: 'Versions', exact: true }).click();
      await collect('composer', briefingPane);
      // A link in hostile commentary, clicked as a user would: the editor never navigates.
      await briefingPane.locator('.rich-text__content a[href]').first().click();
      await briefingPane.getByRole('button', { name: /^Briefings/ }).click();
      await collect('briefings list', page.getByRole('region', { name: 'Briefings' }));
      await briefingPane.getByRole('button', { name: /^Briefings/ }).click();
      await page.keyboard.press('Control+Shift+P');
      await expect(page.locator('.print-page').first()).toBeVisible({ timeout: 20_000 });
      await collect('print preview', page.getByRole('region', { name: 'Print preview' }));
      mark('briefing and preview');

      // Hostile queries typed into search: every payload, in batches, and some one by one.
      await page.keyboard.press('Control+k');
      const search = page.getByRole('searchbox', { name: 'Search' });
      const queries = [
        ...payloads.filter((_, index) => index % 64 === 0).map((payload) => payload.text),
        ...Array.from({ length: Math.ceil(payloads.length / 150) }, (_, batch) =>
          payloads
            .slice(batch * 150, (batch + 1) * 150)
            .map((payload) => payload.text)
            .join(' '),
        ),
        'hp0001 OR hp0002 OR hp0003 OR hp0500',
      ];
      deliveries['search query'] = payloads.length + Math.ceil(payloads.length / 64) + 2;
      for (const query of queries) {
        // A search field drops line breaks from what is typed into it: compare without whitespace.
        const squeeze = (text: string) => text.replace(/\s+/g, '');
        const typed = squeeze(query);
        const answered = watch.answered('search', (input) => {
          const asked = (input as { query?: unknown } | null)?.query;
          return typeof asked === 'string' && squeeze(asked) === typed;
        });
        await search.fill(query);
        await answered;
        await expect(page.locator('.search-view__busy')).toHaveCount(0);
        await collect('search results', sourcesPanel);
      }

      // Two of them saved under their own (hostile) text as names.
      for (const payload of payloads.slice(40, 42)) {
        await search.fill(payload.text);
        await page.getByRole('button', { name: 'Save search…' }).click();
        await page
          .getByRole('textbox', { name: 'Name for this search' })
          .fill(`${payload.marker} ${payload.text}`);
        await page.getByRole('button', { name: 'Save', exact: true }).click();
      }
      await expect(page.getByRole('group', { name: 'Saved searches' }).getByRole('button')).not.toHaveCount(
        0,
      );
      await collect('saved searches', page.getByRole('group', { name: 'Saved searches' }));
      deliveries['saved search name'] = 2;
      mark('search');
      // Let anything delayed (timers, refreshes, lazy images) happen before counting.
      await page.waitForTimeout(500);
      const figure = watch.figure();
      const seen = watch.markersSeen();
      const missing = payloads.filter((payload) => !seen.has(payload.id)).map((payload) => payload.marker);
      const result = {
        payloads: payloads.length,
        figure: figureLine(payloads.length, figure),
        ...figure,
        payloadsShownOnScreen: seen.size,
        markersShownPerView: watch.markersPerView(),
        deliveries,
        apiCalls: Object.fromEntries(watch.apiCalls()),
        events: watch.events().slice(0, 50),
        seconds: Math.round((Date.now() - started) / 100) / 10,
        secondsAtEachStep: timings,
      };
      writeFigure('journey', result);
      expect(problems, 'uncaught errors in the page').toEqual([]);
      expect(missing, 'payloads never shown on screen').toEqual([]);
      expect(watch.events(), 'what hostile content managed to do').toEqual([]);
      expect(figureLine(payloads.length, figure)).toBe(`${payloads.length} / 0 / 0 / 0 / 0 / 0`);
      expect(figure.offsiteRequests).toBe(0);
      expect(figure.dangerousDom).toBe(0);
      expect(payloads.length).toBeGreaterThanOrEqual(1000);
      // The watch saw the journey's own calls on the API socket, so it would have seen any other.
      expect(watch.apiCalls().get('search') ?? 0).toBeGreaterThanOrEqual(queries.length);
    } finally {
      await browser.close();
      await host.close();
      bundle.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** Adds one result to test-results/hostile-content.json (the two tests write one file). */
function writeFigure(name: string, value: unknown): void {
  mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
  let all: Record<string, unknown>;
  try {
    all = JSON.parse(readFileSync(FIGURE_FILE, 'utf8')) as Record<string, unknown>;
  } catch {
    all = {};
  }
  all[name] = value;
  writeFileSync(FIGURE_FILE, `${JSON.stringify(all, null, 2)}\n`);
}
