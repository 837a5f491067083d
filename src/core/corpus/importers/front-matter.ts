/**
 * Reads a leading `---` block of `key: value` lines (the subset of YAML that notes and static-site
 * articles use for metadata), or a `+++` block of `key = value` lines (TOML, as Hugo writes it).
 * A list value (`[a, b]`, or `- a` lines under the key, or `["a", "b"]` in TOML) becomes its items
 * joined with ", "; a nested `name:` under a key becomes that key's value. Anything else in the
 * block is ignored, never evaluated.
 */
export function parseFrontMatter(source: string): { fields: Map<string, string>; body: string } {
  const fields = new Map<string, string>();
  const yaml = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(source);
  if (yaml !== null) {
    readYaml(yaml[1] ?? '', fields);
    return { fields, body: source.slice(yaml[0].length) };
  }
  const toml = /^\+\+\+[ \t]*\r?\n([\s\S]*?)\r?\n\+\+\+[ \t]*(?:\r?\n|$)/.exec(source);
  if (toml !== null) {
    readToml(toml[1] ?? '', fields);
    return { fields, body: source.slice(toml[0].length) };
  }
  return { fields, body: source };
}

function readYaml(block: string, fields: Map<string, string>): void {
  let openKey: string | null = null;
  let items: string[] = [];
  const close = () => {
    if (openKey !== null && items.length > 0 && !fields.has(openKey)) fields.set(openKey, items.join(', '));
    openKey = null;
    items = [];
  };
  for (const line of block.split(/\r?\n/)) {
    const field = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (field !== null) {
      close();
      const key = (field[1] ?? '').toLowerCase();
      const value = stripComment((field[2] ?? '').trim());
      if (value === '' || value === '|' || value === '>') openKey = key;
      else fields.set(key, listOrScalar(value));
      continue;
    }
    if (openKey === null) continue;
    const item = /^\s+-\s+(?:name\s*:\s*)?(.+)$/.exec(line);
    const nested = /^\s+name\s*:\s*(.+)$/.exec(line);
    if (item !== null) items.push(unquote(stripComment((item[1] ?? '').trim())));
    else if (nested !== null && items.length === 0) items.push(unquote(stripComment((nested[1] ?? '').trim())));
  }
  close();
}

function readToml(block: string, fields: Map<string, string>): void {
  for (const line of block.split(/\r?\n/)) {
    if (/^\s*\[/.test(line)) break; // a table starts: the top-level keys are over
    const field = /^([A-Za-z][\w-]*)\s*=\s*(.*)$/.exec(line.trim());
    if (field === null) continue;
    fields.set((field[1] ?? '').toLowerCase(), listOrScalar(stripComment((field[2] ?? '').trim())));
  }
}

/** `[a, "b"]` becomes "a, b"; anything else is unquoted. */
function listOrScalar(value: string): string {
  const list = /^\[(.*)\]$/.exec(value);
  if (list === null) return unquote(value);
  return (list[1] ?? '')
    .split(',')
    .map((item) => unquote(item.trim()))
    .filter((item) => item !== '')
    .join(', ');
}

/** Drops a trailing ` # comment` outside quotes. */
function stripComment(value: string): string {
  if (value.startsWith('"') || value.startsWith("'")) return value;
  const hash = value.search(/\s#/);
  return hash === -1 ? value : value.slice(0, hash).trimEnd();
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
