/**
 * Reads a leading `---` block of `key: value` lines (the subset of YAML that notes and static-site
 * articles use for metadata). Anything else in it is ignored, never evaluated.
 */
export function parseFrontMatter(source: string): { fields: Map<string, string>; body: string } {
  const fields = new Map<string, string>();
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  if (match === null) return { fields, body: source };
  for (const line of (match[1] ?? '').split(/\r?\n/)) {
    const field = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (field === null) continue;
    const key = (field[1] ?? '').toLowerCase();
    fields.set(key, unquote((field[2] ?? '').trim()));
  }
  return { fields, body: source.slice(match[0].length) };
}

function unquote(value: string): string {
  if (value.length >= 2) {
    const first = value[0];
    if ((first === '"' || first === "'") && value.endsWith(first)) {
      const inner = value.slice(1, -1);
      return first === '"' ? inner.replace(/\\"/g, '"').replace(/\\\\/g, '\\') : inner.replace(/''/g, "'");
    }
  }
  return value;
}
