import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/**
 * Patterns that must not appear in the app's source (security-checklist.md, style.md): settings
 * that switch off Electron's isolation, ways to run strings as code, raw HTML sinks, and handing
 * URLs to the operating system outside the one reviewed place. Comments are removed first (a
 * comment may explain why something is absent); string literals are kept (`el['innerHTML']`).
 */
export type Rule = Readonly<{
  id: string;
  why: string;
  pattern: RegExp;
  /** Files (relative to the repository, with forward slashes) where the pattern is reviewed and allowed. */
  allowedIn: readonly string[];
}>;

/** `name: value` in an object literal or `name = value` in an assignment, the key quoted or not. */
const setting = (name: string, value: string) =>
  new RegExp(`(?<![\\w$])["'\`]?${name}["'\`]?\\]?\\s*(?::|=(?![=>]))\\s*(?:${value})(?![\\w$])`);

export const RULES: readonly Rule[] = [
  {
    id: 'node-integration',
    why: 'gives page script Node: every XSS becomes code execution',
    pattern: setting('nodeIntegration(?:InWorker|InSubFrames)?', 'true|!0|1'),
    allowedIn: [],
  },
  {
    id: 'sandbox-off',
    why: 'the renderer and preload must run in the Chromium sandbox',
    pattern: setting('sandbox', 'false|!1|0'),
    allowedIn: [],
  },
  {
    id: 'context-isolation-off',
    why: "the preload's world must stay apart from the page's",
    pattern: setting('contextIsolation', 'false|!1|0'),
    allowedIn: [],
  },
  {
    id: 'web-security-off',
    why: 'switches off the same-origin policy',
    pattern: setting('webSecurity', 'false|!1|0'),
    allowedIn: [],
  },
  {
    id: 'risky-web-preference',
    why: 'insecure content, experimental Blink features, webviews and remote modules stay off',
    pattern:
      /(?<![\w$])["'`]?(?:allowRunningInsecureContent|experimentalFeatures|webviewTag|enableRemoteModule)["'`]?\]?\s*(?::|=(?![=>]))\s*(?:true|!0|1)(?![\w$])|(?<![\w$])enableBlinkFeatures(?![\w$])|@electron\/remote/,
    allowedIn: [],
  },
  {
    id: 'eval',
    why: 'runs a string as code (and the CSP forbids it)',
    pattern: /(?<![\w$])eval\s*\(|\(\s*0\s*,\s*eval\s*\)/,
    allowedIn: [],
  },
  {
    id: 'function-constructor',
    why: 'new Function runs a string as code',
    pattern: /(?<![\w$.])(?:new\s+)?Function\s*\(/,
    allowedIn: [],
  },
  {
    id: 'string-timer',
    why: 'setTimeout/setInterval with a string runs it as code',
    pattern: /(?<![\w$])set(?:Timeout|Interval)\s*\(\s*["'`]/,
    allowedIn: [],
  },
  {
    id: 'raw-html',
    why: 'writes HTML that can carry script; render text through React, or sanitise in one reviewed component',
    pattern:
      /(?<![\w$])(?:innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|createContextualFragment)(?![\w$])|(?<![\w$])document\s*\.\s*write(?:ln)?\s*\(/,
    // No sanitising component is needed: the renderer shows text through React and commentary
    // through ProseMirror's schema (which builds DOM nodes, never HTML strings).
    allowedIn: [],
  },
  {
    id: 'unsafe-csp',
    why: "the Content-Security-Policy never allows 'unsafe-eval' or 'unsafe-inline'",
    pattern: /'unsafe-(?:eval|inline|hashes)'|'wasm-unsafe-eval'/,
    allowedIn: [],
  },
  {
    id: 'open-external',
    why: 'hands a URL to the operating system; only the reviewed place may, after the user confirms',
    pattern: /(?<![\w$])openExternal(?![\w$])/,
    allowedIn: ['src/main/external-links.ts'],
  },
];

export type Finding = Readonly<{ file: string; rule: string; why: string; excerpt: string }>;

/** The source without comments, through the TypeScript printer (so strings and regexes stay intact). */
export function withoutComments(fileName: string, source: string): string {
  const kind = fileName.endsWith('.tsx')
    ? ts.ScriptKind.TSX
    : fileName.endsWith('.ts')
      ? ts.ScriptKind.TS
      : ts.ScriptKind.JS;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, kind);
  return ts.createPrinter({ removeComments: true }).printFile(file);
}

/** Findings in one file; `file` is its path relative to the repository, with forward slashes. */
export function findForbidden(file: string, source: string, rules: readonly Rule[] = RULES): Finding[] {
  const code = withoutComments(file, source);
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (rule.allowedIn.includes(file)) continue;
    const match = rule.pattern.exec(code);
    if (match === null) continue;
    const start = Math.max(0, match.index - 40);
    findings.push({
      file,
      rule: rule.id,
      why: rule.why,
      excerpt: code.slice(start, match.index + match[0].length + 40).replace(/\s+/g, ' '),
    });
  }
  return findings;
}

const SOURCE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/;
/**
 * Tests and test helpers (testing/ folders, e.g. the recorded stand-in for Electron) may spell out
 * the patterns they check for; nothing the app ships imports them.
 */
const TEST = /\.(?:test|spec)\.[cm]?[jt]sx?$/;
const TEST_FOLDER = 'testing';

/** Every non-test source file under `folder`, relative to `root`, with forward slashes. */
export function sourceFiles(root: string, folder: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== TEST_FOLDER) walk(path);
      } else if (entry.isFile() && SOURCE.test(entry.name) && !TEST.test(entry.name)) {
        files.push(relative(root, path).split(sep).join('/'));
      }
    }
  };
  walk(join(root, folder));
  return files.sort();
}

export function scanSources(root: string, folder = 'src'): Finding[] {
  return sourceFiles(root, folder).flatMap((file) =>
    findForbidden(file, readFileSync(join(root, file), 'utf8')),
  );
}
