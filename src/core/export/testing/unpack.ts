import { readZipDirectory, readZipEntry } from '../../corpus/importers/zip';

/** Every part of a package as UTF-8 text, read with the project's own (defensive) ZIP reader. */
export function unpackText(bytes: Buffer): Map<string, string> {
  return new Map(
    readZipDirectory(bytes).map((entry) => [entry.name, readZipEntry(bytes, entry).toString('utf8')]),
  );
}

/** A part's text, failing the test when the package lacks it. */
export function part(parts: ReadonlyMap<string, string>, name: string): string {
  const text = parts.get(name);
  if (text === undefined) throw new Error(`the package has no ${name}`);
  return text;
}

/** The values of one attribute on every occurrence of an element, in document order. */
export function attributeValues(xml: string, element: string, attribute: string): string[] {
  const pattern = new RegExp(`<${element}\\b[^>]*?\\s${attribute}="([^"]*)"`, 'g');
  return [...xml.matchAll(pattern)].map((match) => match[1] ?? '');
}
