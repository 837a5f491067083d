import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { parseQuery } from './query';

const db = new Database(':memory:');
// The tokenizer of the library's index (migration 004): Porter stems over unicode61.
db.exec(
  "CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'porter unicode61 remove_diacritics 2 categories ''L* N* Co M*''')",
);
const insert = db.prepare('INSERT INTO t(rowid, body) VALUES (?, ?)');
const rows: [number, string][] = [
  [1, 'War-risk premiums rose in the Red Sea shipping lanes'],
  [2, 'Shipping insurers priced war risk separately'],
  [3, 'Санкции против судоходства в Красном море'],
  [4, 'البحر الأحمر والشحن البحري'],
  [5, '紅海 航運 保險'],
  [6, 'Café owners discuss tariffs or quotas'],
];
for (const [id, body] of rows) insert.run(id, body);
const search = db.prepare<[string], { rowid: number }>('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid');
afterAll(() => db.close());

/** Row ids matched by a query (the parser's MATCH expression run through real FTS5). */
function hits(query: string): number[] {
  const { match } = parseQuery(query);
  if (match === null) return [];
  return search.all(match).map((row) => row.rowid);
}

describe('parseQuery: words and phrases', () => {
  it('ANDs plain words', () => {
    const q = parseQuery('shipping insurers');
    expect(q.match).toBe('"shipping" AND "insurers"');
    expect(q.terms).toEqual(['shipping', 'insurers']);
    expect(q.filters).toEqual({});
    expect(hits('shipping insurers')).toEqual([2]);
    expect(hits('shipping')).toEqual([1, 2]);
  });

  it('searches exact phrases', () => {
    expect(parseQuery('"red sea"').match).toBe('"red sea"');
    expect(parseQuery('"red sea"').terms).toEqual(['red sea']);
    expect(hits('"red sea"')).toEqual([1]);
    expect(hits('"sea red"')).toEqual([]);
  });

  it('turns punctuation inside a word into a phrase of its pieces', () => {
    expect(parseQuery('war-risk').match).toBe('"war risk"');
    expect(hits('war-risk')).toEqual([1, 2]);
    expect(parseQuery('title:foo').match).toBe('"title foo"');
  });

  it('ignores empty phrases and punctuation inside phrases', () => {
    expect(parseQuery('"" shipping').match).toBe('"shipping"');
    expect(parseQuery('"red, sea!"').match).toBe('"red sea"');
  });

  it('normalises to NFC', () => {
    const decomposed = 'Cafe\u0301';
    expect(parseQuery(decomposed).terms).toEqual(['Café']);
    expect(hits(decomposed)).toEqual([6]);
    expect(hits('cafe')).toEqual([6]);
  });
});

describe('parseQuery: prefix', () => {
  it('emits a prefix for stems of 3+ letters', () => {
    expect(parseQuery('insur*').match).toBe('("insur" * OR "insu")');
    expect(parseQuery('insur*').terms).toEqual(['insur']);
    expect(hits('insur*')).toEqual([2]);
    // The index holds stems (insurers -> insur): a prefix longer than the stem still finds the word.
    expect(hits('insurer*')).toEqual([2]);
    expect(hits('insure*')).toEqual([2]);
    expect(hits('ship*')).toEqual([1, 2]);
  });

  it('searches a short stem as a plain word', () => {
    expect(parseQuery('sh*').match).toBe('"sh"');
    expect(parseQuery('re*').match).toBe('"re"');
    expect(hits('re*')).toEqual([]);
  });

  it('supports prefix phrases', () => {
    expect(parseQuery('"red se"*').match).toBe('"red se"');
    expect(parseQuery('"red sea"*').match).toBe('"red sea" *');
    expect(parseQuery('war-ris*').match).toBe('"war ris" *');
    expect(hits('war-ris*')).toEqual([1, 2]);
  });

  it('treats a lone star as nothing', () => {
    expect(parseQuery('*').match).toBeNull();
    expect(parseQuery('***').match).toBeNull();
  });
});

describe('parseQuery: exclusions', () => {
  it('excludes words and phrases', () => {
    expect(parseQuery('shipping -insurers').match).toBe('("shipping") NOT ("insurers")');
    expect(parseQuery('shipping -insurers').terms).toEqual(['shipping']);
    expect(hits('shipping -insurers')).toEqual([1]);
    expect(parseQuery('shipping -"red sea"').match).toBe('("shipping") NOT ("red sea")');
    expect(hits('shipping -"red sea"')).toEqual([2]);
    expect(hits('shipping -premiums -insurers')).toEqual([]);
    expect(parseQuery('a -b -c').match).toBe('("a") NOT ("b" OR "c")');
  });

  it('excludes prefixes', () => {
    expect(parseQuery('shipping -insur*').match).toBe('("shipping") NOT (("insur" * OR "insu"))');
    expect(hits('shipping -insur*')).toEqual([1]);
  });

  it('has nothing to search with only exclusions', () => {
    const q = parseQuery('-shipping -"red sea"');
    expect(q.match).toBeNull();
    expect(q.terms).toEqual([]);
  });

  it('ignores a lone dash', () => {
    expect(parseQuery('shipping - insurers').match).toBe('"shipping" AND "insurers"');
  });
});

describe('parseQuery: OR', () => {
  it('joins two terms', () => {
    expect(parseQuery('insurers OR premiums').match).toBe('("insurers" OR "premiums")');
    expect(hits('insurers OR premiums')).toEqual([1, 2]);
  });

  it('binds only its neighbours, within an AND', () => {
    expect(parseQuery('shipping insurers OR premiums lanes').match).toBe(
      '"shipping" AND ("insurers" OR "premiums") AND "lanes"',
    );
    expect(hits('shipping insurers OR premiums lanes')).toEqual([1]);
  });

  it('chains and mixes with phrases and prefixes', () => {
    expect(parseQuery('"red sea" OR insur* OR café').match).toBe(
      '("red sea" OR ("insur" * OR "insu") OR "café")',
    );
    expect(hits('"red sea" OR insur* OR café')).toEqual([1, 2, 6]);
  });

  it('is a word when it is not between two positive terms', () => {
    expect(parseQuery('OR shipping').match).toBe('"OR" AND "shipping"');
    expect(parseQuery('shipping OR').match).toBe('"shipping" AND "OR"');
    expect(parseQuery('a OR OR b').match).toBe('"a" AND "OR" AND "OR" AND "b"');
    expect(parseQuery('a OR -b').match).toBe('("a" AND "OR") NOT ("b")');
    expect(hits('tariffs or')).toEqual([6]);
  });

  it('treats lowercase or, AND, NOT and NEAR as words', () => {
    expect(parseQuery('tariffs or quotas').match).toBe('"tariffs" AND "or" AND "quotas"');
    expect(parseQuery('a AND b NOT c').match).toBe('"a" AND "AND" AND "b" AND "NOT" AND "c"');
    // NEAR( is a word joined to the next by punctuation, so it becomes the phrase "NEAR a".
    expect(parseQuery('NEAR(a b)').match).toBe('"NEAR a" AND "b"');
    expect(parseQuery('NEAR (a b)').match).toBe('"NEAR" AND "a" AND "b"');
    expect(hits('NEAR(war risk)')).toEqual([]);
  });
});

describe('parseQuery: filters', () => {
  it('reads author, outlet and tag', () => {
    const q = parseQuery('shipping author:smith outlet:Reuters tag:maritime');
    expect(q.filters).toEqual({ author: 'smith', outlet: 'Reuters', tag: 'maritime' });
    expect(q.match).toBe('"shipping"');
    expect(q.terms).toEqual(['shipping']);
  });

  it('reads quoted values', () => {
    const q = parseQuery('author:"Jane  O\'Neil" outlet:"Financial Times" tag:"red sea" insurers');
    expect(q.filters).toEqual({ author: "Jane O'Neil", outlet: 'Financial Times', tag: 'red sea' });
    expect(q.match).toBe('"insurers"');
  });

  it('is case-insensitive in keys and keeps the last repeated filter', () => {
    expect(parseQuery('Author:a AUTHOR:b').filters).toEqual({ author: 'b' });
  });

  it('searches a filter without a value as words', () => {
    expect(parseQuery('author:').match).toBe('"author"');
    expect(parseQuery('author:""').match).toBe('"author"');
    expect(parseQuery('author:"unbalanced').match).toBe('"author" AND "unbalanced"');
    expect(parseQuery('author:').filters).toEqual({});
  });

  it('reads in:documents and in:excerpts', () => {
    expect(parseQuery('in:documents shipping').filters).toEqual({ in: 'documents' });
    expect(parseQuery('in:Excerpts').filters).toEqual({ in: 'excerpts' });
    expect(parseQuery('in:excerpts').match).toBeNull();
    expect(parseQuery('in:notes').filters).toEqual({});
    expect(parseQuery('in:notes').match).toBe('"in notes"');
  });

  it('reads valid dates', () => {
    const q = parseQuery('after:2024-01-31 before:2024-02-29 shipping');
    expect(q.filters).toEqual({ after: '2024-01-31', before: '2024-02-29' });
    expect(q.match).toBe('"shipping"');
  });

  it('searches invalid dates as words', () => {
    expect(parseQuery('after:2023-02-29').filters).toEqual({});
    expect(parseQuery('after:2023-02-29').match).toBe('"after 2023 02 29"');
    expect(parseQuery('before:2024-13-01').match).toBe('"before 2024 13 01"');
    expect(parseQuery('before:2024-1-1').match).toBe('"before 2024 1 1"');
    expect(parseQuery('after:yesterday').match).toBe('"after yesterday"');
  });

  it('has no match when there are only filters', () => {
    expect(parseQuery('author:smith tag:x').match).toBeNull();
  });
});

describe('parseQuery: nothing to search', () => {
  it.each(['', '   ', '\t\n', '!!! ... ???', '()', '"', '""', '-', '^+:', '\u200f\u202e', '😀🚢', '\u0000'])(
    'returns null for %j',
    (input) => {
      const q = parseQuery(input);
      expect(q.match).toBeNull();
      expect(q.terms).toEqual([]);
    },
  );
});

describe('parseQuery: hostile input becomes words', () => {
  it('ignores unbalanced quotes and parentheses', () => {
    expect(parseQuery('"red sea').match).toBe('"red" AND "sea"');
    expect(parseQuery('(shipping').match).toBe('"shipping"');
    expect(hits('(shipping insurers')).toEqual([2]);
  });

  it('treats ^, +, colons and control characters as separators', () => {
    expect(parseQuery('^shipping +insurers').match).toBe('"shipping" AND "insurers"');
    expect(parseQuery('body:shipping').match).toBe('"body shipping"');
    expect(parseQuery('ship\u0000ping').match).toBe('"ship" AND "ping"');
    expect(parseQuery('ship\u0007ping').match).toBe('"ship" AND "ping"');
  });

  it('replaces lone surrogates and drops RTL marks and emoji', () => {
    expect(parseQuery('a\ud800b').match).toBe('"a b"');
    expect(parseQuery('\udc00shipping').match).toBe('"shipping"');
    expect(parseQuery('\u202eshipping\u200f').match).toBe('"shipping"');
    expect(parseQuery('🚢shipping').match).toBe('"shipping"');
    expect(hits('\u202eshipping\u200f')).toEqual([1, 2]);
  });

  it('never lets a double quote into a literal', () => {
    const q = parseQuery('a"b"c" "d');
    expect(q.match).not.toBeNull();
    expect(() => search.all(q.match ?? '')).not.toThrow();
  });
});

describe('parseQuery: scripts', () => {
  it('searches Cyrillic, Arabic and CJK', () => {
    expect(hits('Красном')).toEqual([3]);
    expect(hits('красн*')).toEqual([3]);
    expect(hits('الأحمر')).toEqual([4]);
    expect(hits('紅海')).toEqual([5]);
  });

  it('mixes scripts in one query', () => {
    const q = parseQuery('море OR البحر -"紅海" tag:Судоходство');
    expect(q.match).toBe('("море" OR "البحر") NOT ("紅海")');
    expect(q.filters).toEqual({ tag: 'Судоходство' });
    expect(q.terms).toEqual(['море', 'البحر']);
    expect(hits('море OR البحر')).toEqual([3, 4]);
  });
});

describe('typeahead', () => {
  it('makes the last typed word a prefix, wherever filters follow it', () => {
    expect(parseQuery('war insur', { typeahead: true }).match).toBe('"war" AND ("insur" * OR "insu")');
    expect(parseQuery('insur outlet:"Meridian Review"', { typeahead: true }).match).toBe(
      '("insur" * OR "insu")',
    );
    const typed = parseQuery('shipping insure', { typeahead: true }).match ?? '';
    expect(search.all(typed).map((row) => row.rowid)).toEqual([2]);
  });

  it('leaves phrases, exclusions and short words alone', () => {
    expect(parseQuery('"red sea"', { typeahead: true }).match).toBe('"red sea"');
    expect(parseQuery('war -insur', { typeahead: true }).match).toBe('("war") NOT ("insur")');
    expect(parseQuery('war in', { typeahead: true }).match).toBe('"war" AND "in"');
  });
});
