import { afterEach, describe, expect, it } from 'vitest';
import { createTempCore, type TempCore } from '../testing/temp-core';
import { warmSearch } from './warm';

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
});
