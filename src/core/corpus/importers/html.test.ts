import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../errors';
import type { ParsedDocument } from '../imported-document';
import { buildText, normaliseInline } from '../normalise';
import { importHtml } from './html';
import { randomBytesFrom, randomMarkup, seededRandom } from './text-fuzz';

function parse(html: string | Buffer): ParsedDocument {
  const result = importHtml(typeof html === 'string' ? Buffer.from(html, 'utf8') : html, 'page.html');
  if (result instanceof Promise) throw new Error('the HTML importer is synchronous');
  return result;
}

const summary = (document: ParsedDocument) =>
  document.blocks.map((block) => [block.kind, block.level, normaliseInline(block.text), block.boilerplate === true]);

const reading = (document: ParsedDocument) =>
  document.blocks.filter((block) => block.boilerplate !== true).map((block) => normaliseInline(block.text));

const LONG =
  'For most of the past decade, the cables and pipelines that criss-cross the floor of the Baltic Sea were an ' +
  'engineering topic rather than a security one, and few outside the industry paid them any attention.';

const CLUTTERED = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Cables under the Baltic | Northern Ledger</title>
<meta property="og:site_name" content="Northern Ledger">
<link rel="canonical" href="/security/2026/03/cables">
<meta property="og:url" content="https://www.northernledger.example/security/2026/03/cables">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "@id": "https://www.northernledger.example/#site", "name": "Northern Ledger"},
  {"@type": "Organization", "@id": "https://www.northernledger.example/#org", "name": "Northern Ledger Media"},
  {"@type": "Person", "@id": "https://www.northernledger.example/#jane", "name": "Jane Doe"},
  {"@type": ["NewsArticle"], "headline": "Cables under the Baltic",
   "author": [{"@id": "https://www.northernledger.example/#jane"}, {"@type": "Person", "name": "John Roe"}],
   "publisher": {"@id": "https://www.northernledger.example/#org"}, "datePublished": "2026-03-04T08:00:00+01:00",
   "inLanguage": "en-GB", "mainEntityOfPage": {"@id": "https://www.northernledger.example/security/2026/03/cables"}}
]}
</script>
<script type="application/ld+json">{ "this is": broken json </script>
<script>window.dataLayer = [{ event: "pageview" }];</script>
<style>.ad { display: block }</style>
</head>
<body>
<div id="cookie-banner" role="dialog"><p>We use cookies to improve your experience. Accept all cookies to continue reading.</p><button>Accept</button></div>
<header class="site-header"><a href="/">Northern Ledger</a><nav><a href="/world">World</a> <a href="/podcast">Podcast</a></nav></header>
<div class="layout">
  <div class="ad-slot ad-leaderboard"><p>Buy premium widgets today, the best widgets that money can buy, anywhere.</p></div>
  <main>
  <article class="story">
    <div class="share-bar"><a href="https://facebook.example/share">Share on Facebook</a> <a href="https://x.example/share">Post</a></div>
    <h1>Cables under the Baltic</h1>
    <p class="byline">By Jane Doe and John Roe</p>
    <div class="story-body">
      <p>${LONG}</p>
      <p>That changed over three winters. A gas pipeline and several <em>data cables</em> between Finland and Estonia were damaged, and <a href="/reports/baltic">a report</a> followed, <b>quickly</b>.</p>
      <figure><img src="cable.jpg" alt="A cable ship"><figcaption>The cable ship Ilmarinen. Photo: Jane Doe</figcaption></figure>
      <p>Photo: Reuters</p>
      <div class="promo-box"><p>Subscribe to our newsletter for daily briefings and exclusive offers from our partners.</p></div>
      <p>Investigators found the same culprit: an anchor dragged for tens of kilometres along the seabed, by a ship whose crew insisted, again and again, that it had simply had a bad night.</p>
      <aside class="related"><h3>Related</h3><ul><li><a href="/x">Another story about cables and pipes under the sea</a></li></ul></aside>
      <p style="color: red; display:none">Hidden tracking text</p>
      <p hidden>Also hidden text</p>
      <span aria-hidden="true">Decorative glyph text</span>
      <div class="social-share"><p>Share this article with your friends and colleagues on every network.</p></div>
      <p>Advertisement</p>
    </div>
  </article>
  </main>
  <div class="sidebar"><h3>Most read</h3><ol><li><a href="/a">Story A about something else entirely</a></li><li><a href="/b">Story B</a></li></ol></div>
</div>
<section id="comments" class="comments-area"><h2>Comments</h2><div class="comment"><p>Great article, thanks, I learned a lot about anchors and cables today, really, truly.</p></div></section>
<div id="disqus_thread"><p>Disqus comments are loading for this story, please wait a moment while they load.</p></div>
<div class="newsletter-signup"><p>Sign up for our newsletter</p><form><input type="email"></form></div>
<footer class="site-footer"><p>© 2026 Northern Ledger. All rights reserved.</p></footer>
</body>
</html>`;

describe('importHtml', () => {
  it('extracts the article and its metadata from a cluttered saved page', () => {
    const document = parse(CLUTTERED);
    expect(document).toMatchObject({
      format: 'html',
      title: 'Cables under the Baltic',
      author: 'Jane Doe, John Roe',
      outlet: 'Northern Ledger',
      publishedAt: '2026-03-04',
      url: 'https://www.northernledger.example/security/2026/03/cables',
      language: 'en-GB',
      direction: null,
    });
    expect(summary(document)).toEqual([
      ['paragraph', 0, 'By Jane Doe and John Roe', true],
      ['paragraph', 0, LONG, false],
      [
        'paragraph',
        0,
        'That changed over three winters. A gas pipeline and several data cables between Finland and Estonia were ' +
          'damaged, and a report followed, quickly.',
        false,
      ],
      ['paragraph', 0, 'Photo: Reuters', true],
      [
        'paragraph',
        0,
        'Investigators found the same culprit: an anchor dragged for tens of kilometres along the seabed, by a ship ' +
          'whose crew insisted, again and again, that it had simply had a bad night.',
        false,
      ],
      ['paragraph', 0, 'Advertisement', true],
    ]);
    const { text } = buildText(document.blocks);
    expect(text).not.toMatch(
      /cookies|widgets|Podcast|Share|newsletter|Related|Another story|Hidden|Decorative|Most read|Great article|Disqus|©|dataLayer|Ilmarinen/,
    );
  });

  it('keeps emphasis and resolves relative links against the page URL', () => {
    const { text, blocks } = buildText(parse(CLUTTERED).blocks);
    const marks = blocks.flatMap((block) => block.marks.map((mark) => [mark.type, text.slice(mark.start, mark.end), mark.href]));
    expect(marks).toEqual([
      ['em', 'data cables', undefined],
      ['link', 'a report', 'https://www.northernledger.example/reports/baltic'],
      ['strong', 'quickly', undefined],
    ]);
  });

  it('reads JSON-LD as an array, with author strings and objects, when meta tags are missing', () => {
    const document = parse(`<html><head>
      <script type="application/ld+json">[{"@type": "BreadcrumbList"}, {"@type": "ReportageNewsArticle",
        "headline": "Steppe &amp; Gulf", "author": "Amira Castellane", "publisher": {"@type": "Organization", "name": "Crossroads"},
        "datePublished": "2025-05-27", "url": "https://crossroads.example/a", "inLanguage": "ar"}]</script>
      <script type="application/ld+json">{"@type": "Article", "headline": "Second article is ignored"}</script>
      </head><body><p>Body paragraph with enough words to be the article text of this small page.</p></body></html>`);
    expect(document).toMatchObject({
      title: 'Steppe & Gulf',
      author: 'Amira Castellane',
      outlet: 'Crossroads',
      publishedAt: '2025-05-27',
      url: 'https://crossroads.example/a',
      language: 'ar',
    });
    const objects = parse(`<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Jane Doe"},
      "mainEntityOfPage": "https://site.example/story"}</script><p>Text.</p>`);
    expect(objects).toMatchObject({ author: 'Jane Doe', url: 'https://site.example/story' });
  });

  it('reads meta tags, <title> without the site name, a byline and a dateline in the body', () => {
    const document = parse(`<html lang="fr"><head><title>Le corridor céréalier — Meridian Review</title>
      <meta property="og:site_name" content="Meridian Review"></head>
      <body><div class="content"><p class="kicker">ANALYSIS</p><p>By Jeanne Martin, Staff Writer</p><p>March 4, 2026</p>
      <p>${LONG}</p><p>${LONG}</p></div></body></html>`);
    expect(document).toMatchObject({
      title: 'Le corridor céréalier',
      author: 'Jeanne Martin',
      outlet: 'Meridian Review',
      publishedAt: '2026-03-04',
      language: 'fr',
    });
    expect(summary(document).map(([, , text, boilerplate]) => [text, boilerplate])).toEqual([
      ['ANALYSIS', true],
      ['By Jeanne Martin, Staff Writer', true],
      ['March 4, 2026', true],
      [LONG, false],
      [LONG, false],
    ]);
  });

  it('reads a blog page: furniture with the byline, a <time> element, and comments longer than the post', () => {
    const comment = 'A long reader comment, with many words, commas, and opinions, going on and on. '.repeat(6);
    const document = parse(`<html lang="en-US"><head><title>Title of Post &#8211; My Blog</title>
      <meta property="og:site_name" content="My Blog"></head>
      <body class="single comments-open"><div id="page"><a class="skip-link screen-reader-text" href="#c">Skip to content</a>
      <header id="masthead" class="site-header"><p class="site-title"><a href="/">My Blog</a></p></header>
      <main id="main"><article class="post hentry">
        <header class="entry-header"><h1 class="entry-title">Title of Post</h1>
          <div class="entry-meta">Posted on <time class="entry-date published" datetime="2026-03-04T10:00:00Z">March 4, 2026</time>
          by <span class="author vcard"><a href="/author/jane">Jane Doe</a></span></div></header>
        <div class="entry-content"><p>${LONG}</p>
          <div class="sharedaddy sd-sharing-enabled"><h3>Share this:</h3><ul><li><a href="/s">Twitter</a></li></ul></div></div>
        <footer class="entry-footer">Posted in <a href="/c">News</a></footer>
      </article>
      <div id="comments" class="comments-area"><article class="comment-body"><p>${comment}</p></article>
      <div id="respond"><form><p>Your email address will not be published.</p></form></div></div></main>
      <footer id="colophon" class="site-footer">Proudly powered by WordPress</footer></div></body></html>`);
    expect(document).toMatchObject({
      title: 'Title of Post',
      author: 'Jane Doe',
      outlet: 'My Blog',
      publishedAt: '2026-03-04',
      language: 'en-US',
    });
    expect(summary(document)).toEqual([
      ['paragraph', 0, 'Posted on March 4, 2026 by Jane Doe', true],
      ['paragraph', 0, LONG, false],
      ['paragraph', 0, 'Posted in News', true],
    ]);
  });

  it('reads the text direction from <html dir> or <body dir>', () => {
    expect(parse('<html dir="rtl" lang="ar"><body><p>نص</p></body></html>').direction).toBe('rtl');
    expect(parse('<html><body dir="LTR"><p>text</p></body></html>').direction).toBe('ltr');
    expect(parse('<html dir="auto"><body><p>text</p></body></html>').direction).toBeNull();
  });

  it('prefers itemprop=articleBody, and scores containers when there is no <article>', () => {
    const withItemprop = parse(`<body><div class="teaser"><p>${LONG} Teaser.</p></div>
      <div itemprop="articleBody"><p>${LONG} One.</p><p>${LONG} Two.</p></div>
      <div class="footer-links"><p><a href="/a">A link</a> <a href="/b">Another link</a></p></div></body>`);
    expect(reading(withItemprop)).toEqual([`${LONG} One.`, `${LONG} Two.`]);
    const scored = parse(`<body><div id="menu-column"><p><a href="/a">Home</a> | <a href="/b">World news and more links</a></p></div>
      <div id="content-column"><p>${LONG} One.</p><p>${LONG} Two.</p><p>${LONG} Three.</p></div>
      <div id="right-rail"><p>Short blurb here.</p></div></body>`);
    expect(reading(scored)).toEqual([`${LONG} One.`, `${LONG} Two.`, `${LONG} Three.`]);
  });

  it('never copies scripts, event handlers, javascript: URLs, srcdoc or SVG payloads', () => {
    const document = parse(`<html dir="rtl"><head><title>Evil</title><script>alert('PAYLOAD1')</script>
      <style>body{background:url("javascript:alert('PAYLOAD2')")}</style></head>
      <body onload="alert('PAYLOAD3')"><article>
      <h1 onclick="alert('PAYLOAD4')">Evil page</h1>
      <p>Before <img src=x onerror="alert('PAYLOAD5')"> after. <a href="javascript:alert('PAYLOAD6')">click me</a>,
        <a href="JaVaScRiPt&colon;alert('PAYLOAD7')">again</a>, <a href=" java&#x09;script:alert('PAYLOAD8')">tab</a>.</p>
      <iframe srcdoc="<script>alert('PAYLOAD9')</script>">PAYLOAD10 fallback</iframe>
      <svg onload="alert('PAYLOAD11')"><text>PAYLOAD12</text><script>alert('PAYLOAD13')</script></svg>
      <p>Data <a href="data:text/html,PAYLOAD14">link</a>, <a href="vbscript:PAYLOAD15">vb</a> and
        <a href="https://ok.example/path?q=1" onmouseover="PAYLOAD16">good</a>.</p>
      <noscript><p>PAYLOAD17</p></noscript><template><p>PAYLOAD18</p></template>
      <object data="x"><p>PAYLOAD19</p></object><form action="javascript:PAYLOAD20"><p>PAYLOAD21 form text</p></form>
      <math><mi>PAYLOAD22</mi></math><textarea>PAYLOAD23</textarea><button>PAYLOAD24</button>
      <p>Closing <b>bold</b>, <i>italic</i> and <code>code()</code> text.</p>
      <script>document.write('PAYLOAD25')</script>
      <p>Unclosed <script>alert('PAYLOAD26')
      </article>`);
    const { text, blocks } = buildText(document.blocks);
    expect(text).not.toMatch(/PAYLOAD|alert|script|onerror|onload|srcdoc/i);
    expect(JSON.stringify(document)).not.toMatch(/PAYLOAD|javascript|vbscript|data:/i);
    expect(blocks.flatMap((block) => block.marks.map((mark) => mark.href)).filter(Boolean)).toEqual([
      'https://ok.example/path?q=1',
    ]);
    expect(reading(document)).toEqual([
      'Before after. click me, again, tab.',
      'Data link, vb and good.',
      'Closing bold, italic and code() text.',
      'Unclosed',
    ]);
    expect(document.direction).toBe('rtl');
    const hiddenHeadings = parse(
      '<template><h1>PAYLOAD1</h1></template><noscript><h1>PAYLOAD2</h1></noscript><h1 hidden>PAYLOAD3</h1><p>Text.</p>',
    );
    expect(JSON.stringify(hiddenHeadings)).not.toContain('PAYLOAD');
  });

  it('turns structure into blocks: headings, nested lists, quotes, tables, line breaks', () => {
    const document = parse(`<article><h2>Section</h2><p>One<br>line<br><br>Next paragraph</p>
      <ul><li>first<ul><li>nested <strong>item</strong></li></ul></li><li>second</li></ul>
      <blockquote><p>Quoted paragraph</p></blockquote><p>He said <q>no</q>.</p>
      <table><tr><th>Country</th><th>Share</th></tr><tr><td>Kazakhstan</td><td>40%</td></tr></table>
      <div>Loose text in a div with enough words to count.<p>Paragraph inside the div.</p></div></article>`);
    expect(summary(document)).toEqual([
      ['heading', 2, 'Section', false],
      ['paragraph', 0, 'One line', false],
      ['paragraph', 0, 'Next paragraph', false],
      ['list-item', 1, 'first', false],
      ['list-item', 2, 'nested item', false],
      ['list-item', 1, 'second', false],
      ['block-quote', 0, 'Quoted paragraph', false],
      ['paragraph', 0, 'He said “no”.', false],
      ['paragraph', 0, 'Country | Share', false],
      ['paragraph', 0, 'Kazakhstan | 40%', false],
      ['paragraph', 0, 'Loose text in a div with enough words to count.', false],
      ['paragraph', 0, 'Paragraph inside the div.', false],
    ]);
    for (const block of document.blocks) expect(block.runs?.map((run) => run.text).join('')).toBe(block.text);
  });

  it('reads pages in legacy encodings declared with <meta charset>', () => {
    const koi8 = Buffer.concat([
      Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><title>'),
      iconv.encode('Новости', 'koi8-r'),
      Buffer.from('</title></head><body><article><p>'),
      iconv.encode('Москва и Санкт-Петербург - два города.', 'koi8-r'),
      Buffer.from('</p></article></body></html>'),
    ]);
    const russian = parse(koi8);
    expect(russian.title).toBe('Новости');
    expect(reading(russian)).toEqual(['Москва и Санкт-Петербург - два города.']);
    const cp1256 = Buffer.concat([
      Buffer.from('<html dir="rtl" lang="ar"><head><meta charset="windows-1256"></head><body><p>'),
      iconv.encode('مرحبا بالعالم، هذا نص عربي.', 'windows-1256'),
      Buffer.from('</p></body></html>'),
    ]);
    const arabic = parse(cp1256);
    expect(reading(arabic)).toEqual(['مرحبا بالعالم، هذا نص عربي.']);
    expect(arabic).toMatchObject({ language: 'ar', direction: 'rtl' });
    const undeclared = Buffer.concat([Buffer.from('<p>'), Buffer.from([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35])]);
    expect(reading(parse(undeclared))).toEqual(['“Café” – €5']);
  });

  it('falls back to all the text when chrome rules would hide nearly everything', () => {
    const document = parse(`<body><form id="aspnetForm"><div class="page"><p>${LONG} One.</p><p>${LONG} Two.</p>
      <div class="share"><a href="/s">Share</a></div></div></form></body>`);
    expect(reading(document)).toEqual([`${LONG} One.`, `${LONG} Two.`]);
    // Saved with a cookie dialog open: the page behind it is aria-hidden.
    const behindDialog = parse(`<body><div id="page" aria-hidden="true"><article><p>${LONG} One.</p><p>${LONG} Two.</p>
      <div class="related-links"><p>Related: another story entirely about something else</p></div></article></div>
      <div role="dialog" class="cookie-consent"><p>We use cookies, and so do our partners, to measure and improve your experience.</p></div></body>`);
    expect(reading(behindDialog)).toEqual([`${LONG} One.`, `${LONG} Two.`]);
  });

  it('survives deeply nested markup', () => {
    const document = parse(`<body>${'<div><b>'.repeat(20000)}deep text${'</b></div>'.repeat(20000)}</body>`);
    expect(reading(document)).toEqual(['deep text']);
  });

  it('refuses binary files with import-unreadable', () => {
    expect(() => parse(Buffer.from([0, 0, 0, 1, 2, 3, 0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]))).toThrow(
      CoreError,
    );
  });

  it('throws nothing but CoreError for 2,000 random buffers and 2,000 random marked-up pages', () => {
    const random = seededRandom(4032026);
    for (let i = 0; i < 4000; i += 1) {
      const bytes = i < 2000 ? randomBytesFrom(random) : Buffer.from(randomMarkup(random, 160), 'utf8');
      try {
        const document = parse(bytes);
        expect(document.format).toBe('html');
        for (const block of document.blocks) {
          if (block.runs !== undefined) expect(block.runs.map((run) => run.text).join('')).toBe(block.text);
          for (const run of block.runs ?? []) if (run.href !== undefined) expect(run.href).toMatch(/^https?:/);
        }
        buildText(document.blocks);
      } catch (error) {
        if (!(error instanceof CoreError)) throw new Error(`input ${i} threw ${String(error)}`, { cause: error });
      }
    }
  });
});
