/**
 * Seeded random inputs for the text importers' property tests: byte buffers and strings built from
 * markup fragments, quotes, brackets and stray bytes. Deterministic, so a failure can be replayed.
 */

export { seededRandom } from '../../testing/random';

const FRAGMENTS = [
  '<', '>', '</', '/>', '<p>', '</p>', '<div class="ad">', '</div>', '<article>', '</article>', '<script>',
  '</script>', '<style>', '<iframe srcdoc="', '<svg onload=', '<a href="javascript:x()">', '<a href="https://e.example/">',
  '</a>', '<b>', '<i>', '<em>', '**', '*', '_', '`', '```', '[', ']', '(', ')', '![', '# ', '## ', '> ', '- ', '* ',
  '1. ', '• ', '\n', '\n\n', '\r\n', '\t', '    ', '"', "'", '“', '”', '«', '»', '&amp;', '&#0;', '&#x110000;',
  '&nbsp;', '&', ';', '---\n', '+++\n', 'title: ', 'Title: ', 'By Jane Doe', 'March 4, 2026', 'Photo: ', '|',
  '<!--', '-->', '<![CDATA[', ']]>', '<meta charset="koi8-r">', '<html lang="ar" dir="rtl">', '{"@type":"NewsArticle"',
  '<script type="application/ld+json">', '}', '{', 'الحمادي', 'Москва', '漢字', '\u00AD', '\u200B', '\uFEFF', '\0',
  'word ', 'Lorem ipsum dolor sit amet, ', 'Advertisement', '<br>', '<br><br>', '<table><tr><td>', '<li>', '<ul>',
  '<ol>', '<blockquote>', '<pre>', '<code>', '<h1>', '<h2>', '<q>', '<figure>', '<figcaption>', '<noscript>',
  '<template>', '<math>', '<form>', '<nav>', '<aside>', '<footer>', '<header>', '<main>', '<!doctype html>', '\\',
];

/** A buffer of random bytes, sometimes led by a byte order mark. */
export function randomBytesFrom(random: () => number, maxLength = 600): Buffer {
  const length = Math.floor(random() * maxLength);
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) bytes[i] = Math.floor(random() * 256);
  const bom = random();
  if (bom < 0.05) return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  if (bom < 0.1) return Buffer.concat([Buffer.from([0xff, 0xfe]), bytes]);
  if (bom < 0.15) return Buffer.concat([Buffer.from([0xfe, 0xff]), bytes]);
  return bytes;
}

/** A string of markup fragments, quotes, brackets and text, with an occasional random character. */
export function randomMarkup(random: () => number, maxParts = 80): string {
  const parts = Math.floor(random() * maxParts);
  let text = '';
  for (let i = 0; i < parts; i += 1) {
    if (random() < 0.1) text += String.fromCharCode(Math.floor(random() * 0x3000));
    else text += FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] ?? '';
  }
  return text;
}
