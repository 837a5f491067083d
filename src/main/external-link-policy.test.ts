import { describe, expect, it } from 'vitest';
import { createExternalLinks, externalLinkTarget } from './external-link-policy';

describe('external links', () => {
  it('lets only http(s) URLs without credentials leave the app', () => {
    expect(externalLinkTarget('https://example.org/a b')).toBe('https://example.org/a%20b');
    expect(externalLinkTarget('HTTP://Example.org')).toBe('http://example.org/');
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'mailto:a@example.org',
      'smb://host/share',
      'https://user@example.org/',
      'https://:pw@example.org/',
      'not a url',
      `https://example.org/${'x'.repeat(2100)}`,
    ])
      expect(externalLinkTarget(url), url).toBeNull();
  });

  it('asks once for a burst of requests and opens only what the user confirmed', async () => {
    const asked: string[] = [];
    const opened: string[] = [];
    let answer: (value: boolean) => void = () => undefined;
    const links = createExternalLinks({
      confirm: (url) => {
        asked.push(url);
        return new Promise((resolve) => (answer = resolve));
      },
      open: (url) => {
        opened.push(url);
        return Promise.resolve();
      },
    });
    const first = links.maybeOpen('https://example.org/1');
    const burst = await Promise.all([
      links.maybeOpen('https://example.org/2'),
      links.maybeOpen('https://example.org/3'),
    ]);
    expect(burst).toEqual([false, false]);
    answer(true);
    expect(await first).toBe(true);
    expect(asked).toEqual(['https://example.org/1']);
    expect(opened).toEqual(['https://example.org/1']);

    const declined = links.maybeOpen('https://example.org/4');
    answer(false);
    expect(await declined).toBe(false);
    expect(opened).toEqual(['https://example.org/1']);
  });

  it('reports a failure to open as not opened, without throwing', async () => {
    const errors: string[] = [];
    const links = createExternalLinks({
      confirm: () => Promise.resolve(true),
      open: () => Promise.reject(new Error('no browser')),
      log: (message) => errors.push(message),
    });
    expect(await links.maybeOpen('https://example.org/')).toBe(false);
    expect(errors).toHaveLength(1);
  });
});
