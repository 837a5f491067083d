/**
 * A strict XML 1.0 well-formedness and namespace check for tests: the project's XML reader
 * (htmlparser2) forgives what Word does not, such as an unclosed tag, a bad entity or an undeclared
 * prefix. Throws an Error naming the first problem.
 */

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;
const INVALID_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const REFERENCE = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);/y;

function checkText(text: string, where: string): void {
  for (let index = text.indexOf('&'); index >= 0; index = text.indexOf('&', index + 1)) {
    REFERENCE.lastIndex = index;
    if (!REFERENCE.test(text))
      throw new Error(`bad entity reference ${where}: ${text.slice(index, index + 12)}`);
  }
  if (text.includes('<')) throw new Error(`"<" in ${where}`);
}

export function assertWellFormedXml(xml: string, label = 'xml'): void {
  const bad = INVALID_CHAR.exec(xml);
  if (bad !== null) throw new Error(`${label}: invalid character U+${bad[0].codePointAt(0)?.toString(16)}`);
  let position = 0;
  const fail = (message: string): never => {
    throw new Error(
      `${label} at ${position}: ${message} near ${JSON.stringify(xml.slice(position, position + 40))}`,
    );
  };
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) fail('unterminated declaration');
    position = end + 2;
  }
  const open: { name: string; prefixes: string[] }[] = [];
  const declared = new Map<string, number>([['xml', 1]]);
  let roots = 0;
  while (position < xml.length) {
    const lt = xml.indexOf('<', position);
    const text = xml.slice(position, lt < 0 ? xml.length : lt);
    if (open.length === 0 && text.trim() !== '') fail('text outside the root element');
    checkText(text, `${label} text`);
    if (lt < 0) break;
    position = lt;
    if (xml.startsWith('<!--', position)) {
      const end = xml.indexOf('-->', position);
      if (end < 0) fail('unterminated comment');
      position = end + 3;
      continue;
    }
    if (xml.startsWith('<?', position)) {
      const end = xml.indexOf('?>', position);
      if (end < 0) fail('unterminated processing instruction');
      position = end + 2;
      continue;
    }
    if (xml.startsWith('<!', position)) fail('DOCTYPE or CDATA not expected');
    if (xml.startsWith('</', position)) {
      const match = /^<\/([^\s>]+)\s*>/.exec(xml.slice(position));
      const top = open.pop();
      if (match === null || top === undefined || match[1] !== top.name) fail('mismatched end tag');
      for (const prefix of top?.prefixes ?? []) declared.set(prefix, (declared.get(prefix) ?? 1) - 1);
      position += match?.[0].length ?? 0;
      continue;
    }
    const rest = xml.slice(position + 1);
    const name = NAME.exec(rest)?.[0];
    if (name === undefined) fail('bad element name');
    let cursor = position + 1 + (name?.length ?? 0);
    const attributes = new Map<string, string>();
    for (;;) {
      const attribute = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(xml.slice(cursor));
      if (attribute === null) break;
      const [whole, key = '', , double, single] = attribute;
      if (attributes.has(key)) fail(`duplicate attribute ${key}`);
      const value = double ?? single ?? '';
      checkText(value, `${label} attribute ${key}`);
      attributes.set(key, value);
      cursor += whole.length;
    }
    const close = /^\s*(\/?)>/.exec(xml.slice(cursor));
    if (close === null) fail('malformed start tag');
    const prefixes: string[] = [];
    for (const key of attributes.keys()) {
      if (key === 'xmlns') continue;
      if (key.startsWith('xmlns:')) {
        const prefix = key.slice(6);
        prefixes.push(prefix);
        declared.set(prefix, (declared.get(prefix) ?? 0) + 1);
      }
    }
    const used = [name ?? '', ...[...attributes.keys()].filter((key) => !key.startsWith('xmlns'))];
    for (const qualified of used) {
      const colon = qualified.indexOf(':');
      if (colon > 0 && (declared.get(qualified.slice(0, colon)) ?? 0) < 1)
        fail(`undeclared prefix in ${qualified}`);
    }
    if (open.length === 0) roots += 1;
    if (roots > 1) fail('more than one root element');
    position = cursor + (close?.[0].length ?? 0);
    if (close?.[1] === '/') {
      for (const prefix of prefixes) declared.set(prefix, (declared.get(prefix) ?? 1) - 1);
    } else open.push({ name: name ?? '', prefixes });
  }
  if (open.length > 0) throw new Error(`${label}: unclosed <${open.at(-1)?.name}>`);
  if (roots !== 1) throw new Error(`${label}: no root element`);
}
