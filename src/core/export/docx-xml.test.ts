import { describe, expect, it } from 'vitest';
import { directionalSpans, isRtlParagraph, stripInvalidXmlChars, xmlAttr, xmlText } from './docx-xml';
import { assertWellFormedXml } from './testing/xml-check';

describe('XML text', () => {
  it('escapes markup characters and drops characters XML 1.0 cannot hold', () => {
    expect(xmlText('a < b && c > d ]]>')).toBe('a &lt; b &amp;&amp; c &gt; d ]]&gt;');
    expect(xmlAttr('say "hi" & \'bye\'\tnow\n')).toBe('say &quot;hi&quot; &amp; &apos;bye&apos;&#9;now&#10;');
    const hostile = `nul\u0000 bell\u0007 ff\u000C lone\uD800 surrogate\uDFFF fffe\uFFFE ffff\uFFFF`;
    expect(stripInvalidXmlChars(hostile)).toBe('nul bell ff lone surrogate fffe ffff');
    // Tabs, line breaks, astral characters and the private use area are valid and kept.
    expect(stripInvalidXmlChars('\t\n\r😀\uE000\uFFFD')).toBe('\t\n\r😀\uE000\uFFFD');
    expect(() => assertWellFormedXml(`<a b="${xmlAttr(hostile)}">${xmlText(hostile)}</a>`)).not.toThrow();
  });

  it('has a checker that refuses what Word would refuse', () => {
    const bad = [
      '<a><b></a></b>',
      '<a>&nbsp;</a>',
      '<a>x & y</a>',
      '<a b="1" b="2"/>',
      '<w:p/>',
      '<a/><b/>',
      '<a>\u0001</a>',
      '<a b="<"/>',
      '<a>',
    ];
    for (const xml of bad) expect(() => assertWellFormedXml(xml), xml).toThrow();
    expect(() =>
      assertWellFormedXml('<?xml version="1.0"?>\n<w:p xmlns:w="urn:w"><w:r/></w:p>'),
    ).not.toThrow();
  });
});

describe('text direction', () => {
  it('takes the paragraph direction from the first letter', () => {
    expect(isRtlParagraph('«انخفضت» the exports')).toBe(true);
    expect(isRtlParagraph('2024: הדוח')).toBe(true);
    expect(isRtlParagraph('The word مرحبا in English')).toBe(false);
    expect(isRtlParagraph('123 …')).toBe(false);
  });

  it('splits text into runs, keeping numbers and punctuation with their words', () => {
    const spans = (text: string, rtl = false): [string, boolean][] =>
      directionalSpans(text, rtl).map((span) => [span.text, span.rtl]);
    expect(spans('plain English')).toEqual([['plain English', false]]);
    expect(spans('انخفضت بنسبة 30 في المئة.', true)).toEqual([['انخفضت بنسبة 30 في المئة.', true]]);
    expect(spans('الجزيرة, March 3, 2024', true)).toEqual([
      ['الجزيرة, ', true],
      ['March 3, 2024', false],
    ]);
    expect(spans('He said مرحبا عالم and left.')).toEqual([
      ['He said ', false],
      ['مرحبا عالم', true],
      [' and left.', false],
    ]);
    expect(spans('')).toEqual([]);
    // Astral characters are not split in half.
    expect(spans('😀 שלום 😀', true)).toEqual([['😀 שלום 😀', true]]);
  });
});
