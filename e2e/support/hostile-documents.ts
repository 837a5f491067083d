import type { HostilePayload } from './hostile-payloads';

/** A file to drop on the window: its name and bytes. */
export type HostileFile = Readonly<{ name: string; base64: string; title: string }>;

/** Payloads per document body: every payload lands in one text, one Markdown and one HTML body. */
export const PAYLOADS_PER_BODY = 470;
/** Small Markdown documents whose every metadata field is a payload. */
export const METADATA_DOCUMENTS = 12;

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const oneLine = (text: string) =>
  text
    .replaceAll('\u0000', ' ')
    .replace(/[\r\n]+/g, ' ')
    .trim();

/** Escapes text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A file name carrying a payload (a name cannot hold "/" or NUL). */
function hostileName(prefix: string, payload: HostilePayload, extension: string): string {
  const cleaned = oneLine(payload.text).replaceAll('/', '∕').slice(0, 160);
  return `${prefix} ${payload.marker} ${cleaned}.${extension}`;
}

const at = (payloads: readonly HostilePayload[], index: number): HostilePayload => {
  const payload = payloads[index % payloads.length];
  if (payload === undefined) throw new Error('no payloads');
  return payload;
};

export type HostileDocumentSet = Readonly<{
  files: readonly HostileFile[];
  /** How many payloads each channel carried (a payload can travel several). */
  deliveries: Readonly<Record<string, number>>;
}>;

/**
 * The documents the journey drops on the window: each chunk of payloads as the body of a text, a
 * Markdown and an HTML document (the HTML one carries each payload twice: as escaped text, which an
 * analyst sees verbatim, and as raw markup, which the importer must neutralise), with payloads in
 * the title, author, outlet and URL of each, and in the file names; then small Markdown documents
 * whose every metadata field is a payload.
 */
export function hostileDocuments(payloads: readonly HostilePayload[]): HostileDocumentSet {
  const files: HostileFile[] = [];
  const deliveries: Record<string, number> = {
    'text body': 0,
    'markdown body': 0,
    'html body': 0,
    'html markup': 0,
    metadata: 0,
    'file name': 0,
  };
  const chunks = Math.ceil(payloads.length / PAYLOADS_PER_BODY);
  for (let chunk = 0; chunk < chunks; chunk += 1) {
    const body = payloads.slice(chunk * PAYLOADS_PER_BODY, (chunk + 1) * PAYLOADS_PER_BODY);
    const meta = (offset: number) => at(payloads, chunk * 7 + offset * 331);
    const [title, author, outlet, url] = [meta(0), meta(1), meta(2), meta(3)];
    deliveries['metadata'] = (deliveries['metadata'] ?? 0) + 12;
    deliveries['file name'] = (deliveries['file name'] ?? 0) + 3;

    const textTitle = `Hostile text ${chunk + 1}`;
    const text = [
      `Title: ${textTitle} ${title.marker} ${oneLine(title.text)}`,
      `Author: ${author.marker} ${oneLine(author.text)}`,
      `Outlet: ${outlet.marker} ${oneLine(outlet.text)}`,
      `URL: https://example.org/${url.marker}/${encodeURI(oneLine(url.text))}`,
      '',
      ...body.flatMap((payload) => [`[${payload.marker}] ${payload.text}`, '']),
    ].join('\n');
    files.push({ name: hostileName(`text-${chunk + 1}`, title, 'txt'), base64: b64(text), title: textTitle });
    deliveries['text body'] = (deliveries['text body'] ?? 0) + body.length;

    const markdownTitle = `Hostile markdown ${chunk + 1}`;
    const markdown = [
      '---',
      `title: ${markdownTitle} ${author.marker} ${oneLine(author.text)}`,
      `author: ${outlet.marker} ${oneLine(outlet.text)}`,
      `publisher: ${url.marker} ${oneLine(url.text)}`,
      `url: https://example.org/${title.marker}?q=${encodeURIComponent(title.text)}`,
      '---',
      '',
      ...body.flatMap((payload, index) => [
        index % 16 === 0
          ? `## ${payload.marker} ${oneLine(payload.text)}`
          : `[${payload.marker}] ${payload.text}`,
        '',
      ]),
    ].join('\n');
    files.push({
      name: hostileName(`markdown-${chunk + 1}`, author, 'md'),
      base64: b64(markdown),
      title: markdownTitle,
    });
    deliveries['markdown body'] = (deliveries['markdown body'] ?? 0) + body.length;

    const htmlTitle = `Hostile page ${chunk + 1}`;
    const html = [
      '<!doctype html><html lang="en"><head>',
      `<title>${htmlTitle} ${outlet.marker} ${escapeHtml(oneLine(outlet.text))}</title>`,
      `<meta name="author" content="${url.marker} ${escapeHtml(oneLine(url.text))}">`,
      `<meta property="og:site_name" content="${title.marker} ${escapeHtml(oneLine(title.text))}">`,
      `<link rel="canonical" href="https://example.org/${author.marker}/${escapeHtml(encodeURI(oneLine(author.text)))}">`,
      '</head><body><article>',
      `<h1>${htmlTitle} ${outlet.marker} ${escapeHtml(oneLine(outlet.text))}</h1>`,
      ...body.map(
        (payload) =>
          `<p>[${payload.marker}] ${escapeHtml(payload.text)}</p>\n<div>${payload.text}` +
          '</script></style></textarea></title></noscript></xmp></iframe></noembed></template></svg></math></div>',
      ),
      '</article></body></html>',
    ].join('\n');
    files.push({
      name: hostileName(`page-${chunk + 1}`, outlet, 'html'),
      base64: b64(html),
      title: htmlTitle,
    });
    deliveries['html body'] = (deliveries['html body'] ?? 0) + body.length;
    deliveries['html markup'] = (deliveries['html markup'] ?? 0) + body.length;
  }
  for (let index = 0; index < METADATA_DOCUMENTS; index += 1) {
    const field = (offset: number) => at(payloads, index * 5 + offset + 500);
    const [title, author, outlet, url, language] = [field(0), field(1), field(2), field(3), field(4)];
    const documentTitle = `Hostile details ${index + 1}`;
    const markdown = [
      '---',
      `title: ${documentTitle} ${title.marker} ${oneLine(title.text)}`,
      `author: ${author.marker} ${oneLine(author.text)}`,
      `outlet: ${outlet.marker} ${oneLine(outlet.text)}`,
      `date: ${oneLine(language.text)}`,
      `url: ${oneLine(url.text)}`,
      `language: ${oneLine(language.text)}`,
      '---',
      '',
      `Details document ${index + 1}: ${title.marker} ${author.marker} ${outlet.marker} ${url.marker}.`,
    ].join('\n');
    files.push({
      name: hostileName(`details-${index + 1}`, url, 'md'),
      base64: b64(markdown),
      title: documentTitle,
    });
    deliveries['metadata'] = (deliveries['metadata'] ?? 0) + 6;
    deliveries['file name'] = (deliveries['file name'] ?? 0) + 1;
  }
  return { files, deliveries };
}
