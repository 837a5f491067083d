import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../../src/core/testing/random';

const WORDS = (
  'ministry officials said the agreement would cover shipping insurance grain exports port security ' +
  'naval patrols sanctions pipeline electricity interconnector investment sovereign fund concession ' +
  'mining lithium cobalt parliament coalition election ceasefire negotiations delegation border ' +
  'customs tariff inflation currency reserves remittances banks deposits creditors bonds analysts ' +
  'warned that risks remain elevated while markets priced a gradual recovery over the coming months ' +
  'according to diplomats familiar with the talks the proposal faces opposition from regional rivals'
).split(' ');

const NAMES = [
  'Helena Marchetti',
  'Daniel Okafor-Reid',
  'Amira Castellane',
  'Łukasz Wójcik',
  'Ştefan Mărgineanu',
  'Søren Kjærgaard',
];
const OUTLETS = [
  'Meridian Review',
  'Harbourline Weekly',
  'Northern Ledger',
  'Danube Dispatch',
  'The Polar Brief',
];

/** Tags the generated libraries put on excerpts. */
export const BENCH_TAGS = [
  'shipping',
  'sanctions',
  'energy',
  'Red Sea',
  'Baltic',
  'insurance',
  'ports',
  'grain',
  'elections',
  'debt',
];

export type GeneratedArticle = Readonly<{
  title: string;
  author: string;
  outlet: string;
  date: string;
  paragraphs: string[];
}>;

/** An article of about `words` words in paragraphs of 60-140 words. */
export function generateArticle(random: () => number, index: number, words = 1200): GeneratedArticle {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const paragraphs: string[] = [];
  let total = 0;
  while (total < words) {
    const length = 60 + Math.floor(random() * 80);
    const sentence: string[] = [];
    for (let word = 0; word < length; word += 1) sentence.push(pick(WORDS));
    const first = sentence[0] ?? 'the';
    sentence[0] = first.charAt(0).toUpperCase() + first.slice(1);
    paragraphs.push(`${sentence.join(' ')}.`);
    total += length;
  }
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return {
    title: `Generated analysis ${index}: ${pick(WORDS)} and ${pick(WORDS)}`,
    author: pick(NAMES),
    outlet: pick(OUTLETS),
    date: `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    paragraphs,
  };
}

export function writeTextCorpus(dir: string, count: number, seed = 1): string[] {
  mkdirSync(dir, { recursive: true });
  const random = seededRandom(seed);
  const files: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const article = generateArticle(random, index);
    const file = join(dir, `article-${String(index).padStart(5, '0')}.txt`);
    writeFileSync(
      file,
      `Title: ${article.title}\nAuthor: ${article.author}\nOutlet: ${article.outlet}\nDate: ${article.date}\nURL: https://bench.example/${index}\n\n${article.paragraphs.join('\n\n')}\n`,
    );
    files.push(file);
  }
  return files;
}

/** Saved web pages with the clutter real ones have: navigation, scripts, asides, comments, footer. */
export function writeHtmlCorpus(dir: string, count: number, seed = 2): string[] {
  mkdirSync(dir, { recursive: true });
  const random = seededRandom(seed);
  const files: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const article = generateArticle(random, index);
    const nav = Array.from(
      { length: 12 },
      (_, link) => `<a href="https://bench.example/s/${link}">Section ${link}</a>`,
    ).join('');
    const body = article.paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n');
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${article.title} | ${article.outlet}</title>
<meta name="author" content="${article.author}"><meta property="og:site_name" content="${article.outlet}">
<meta property="article:published_time" content="${article.date}T08:00:00Z"><link rel="canonical" href="https://bench.example/a/${index}">
<script>window.dataLayer=[];(function(){var x=1;})();</script><style>body{font:16px serif}</style></head>
<body><nav>${nav}</nav><header class="site"><p>${article.outlet}</p></header><main><article><h1>${article.title}</h1>
<p class="byline">By ${article.author}</p>${body}</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/x">Other story</a></li></ul></aside>
<section id="comments"><p>Great article!</p><p>I disagree.</p></section></main>
<footer><p>© ${article.outlet}</p></footer><script src="https://ads.example/ad.js"></script></body></html>`;
    const file = join(dir, `page-${String(index).padStart(5, '0')}.html`);
    writeFileSync(file, html);
    files.push(file);
  }
  return files;
}
