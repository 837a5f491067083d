import { afterEach, describe, expect, it } from 'vitest';
import { createTempCore, type TempCore } from '../testing/temp-core';
import { importMarkdown } from '../testing/import-markdown';
import { warmRequests, warmSearch } from './warm';

let core: TempCore | undefined;

afterEach(() => core?.dispose());

describe('warming the search path', () => {
  it('does nothing on an empty library and searches a title word otherwise, changing nothing', async () => {
    core = createTempCore();
    expect(warmSearch(core.db)).toBe(false);
    await core.handlers.importFileBytes({
      name: 'grain.md',
      dataBase64: Buffer.from('# Black Sea grain corridor\n\nUnderwriters raised premiums.\n').toString(
        'base64',
      ),
    });
    const before = await core.handlers.search({ query: 'grain', typeahead: true });
    expect(warmSearch(core.db)).toBe(true);
    expect(await core.handlers.search({ query: 'grain', typeahead: true })).toEqual(before);
    expect((await core.handlers.listSavedSearches({})).length).toBe(0);
  });

  it('searches a word of each of the newest titles together, so that a whole page of hits is shown', async () => {
    core = createTempCore();
    expect(warmRequests(core.db)).toEqual([]);
    for (const title of ['Grain corridor review', 'Naval patrols', 'Insurance premiums rise']) {
      await importMarkdown(core.handlers, `${title}.md`, `# ${title}\n\nA paragraph about ${title}.\n`);
    }
    const requests = warmRequests(core.db);
    const page = requests.at(-1);
    expect(page?.query.split(' OR ').sort()).toEqual(['Grain', 'Insurance', 'Naval']);
    expect((await core.handlers.search(page ?? { query: '' })).documentTotal).toBe(3);
    // The newest title's first word as typed and submitted, and its first two words.
    expect(requests.slice(0, 3).map((request) => [request.query, request.typeahead])).toEqual([
      ['Insurance', true],
      ['Insurance', false],
      ['Insurance premiums', false],
    ]);
  });
});
