/** Fragments that stress the parser: syntax, operators, control characters, broken UTF-16, scripts. */
export const QUERY_FRAGMENTS = [
  ' ',
  '  ',
  '\t',
  '"',
  '""',
  '(',
  ')',
  'NEAR',
  'NEAR(',
  'AND',
  'OR',
  'NOT',
  'or',
  ':',
  '*',
  '-',
  '^',
  '+',
  ',',
  '.',
  "'",
  '\\',
  '{',
  '}',
  'author:',
  'outlet:',
  'tag:',
  'in:',
  'in:documents',
  'in:excerpts',
  'after:',
  'before:',
  '2024-02-29',
  '2023-02-29',
  'title:',
  'body:',
  'war',
  'risk',
  'ab',
  'shipping',
  '\ud800',
  '\udc00',
  '\ud83d',
  '\u200f',
  '\u202e',
  '\ufeff',
  '\u0301',
  'Красное',
  'море',
  'البحر',
  'الأحمر',
  '紅海',
  '😀',
  '🚢',
  '👨‍👩‍👧',
];

export function randomQuery(random: () => number): string {
  const pick = (n: number): number => Math.floor(random() * n);
  const parts: string[] = [];
  const length = pick(12);
  for (let i = 0; i < length; i += 1) {
    const roll = random();
    if (roll < 0.15)
      parts.push(String.fromCharCode(pick(0x20))); // control characters \u0000-\u001f
    else if (roll < 0.3)
      parts.push(String.fromCharCode(0x21 + pick(0x5e))); // printable ASCII
    else parts.push(QUERY_FRAGMENTS[pick(QUERY_FRAGMENTS.length)] ?? '');
  }
  return parts.join('');
}
