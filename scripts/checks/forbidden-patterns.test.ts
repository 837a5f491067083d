import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, findForbidden, scanSources } from './forbidden-patterns';

const root = resolve(__dirname, '../..');
const rulesIn = (file: string, source: string) => findForbidden(file, source).map((finding) => finding.rule);

describe('forbidden patterns in src/', () => {
  it('finds none in the app', () => {
    expect(scanSources(root)).toEqual([]);
  });

  // Each rule, caught in a sample; and the near misses it must leave alone.
  const caught: Readonly<Record<string, readonly string[]>> = {
    'node-integration': [
      'new BrowserWindow({ webPreferences: { nodeIntegration: true } });',
      "const prefs = { 'nodeIntegration': true };",
      'prefs.nodeIntegrationInWorker = true;',
      "prefs['nodeIntegrationInSubFrames'] = !0;",
    ],
    'sandbox-off': ['const webPreferences = { sandbox: false };', 'prefs.sandbox = false;'],
    'context-isolation-off': [
      'const p = { contextIsolation: false };',
      "const p = { 'contextIsolation': false };",
    ],
    'web-security-off': ['const p = { webSecurity: false };', 'options.webSecurity=false;'],
    'risky-web-preference': [
      'const p = { allowRunningInsecureContent: true };',
      'const p = { experimentalFeatures: true };',
      'const p = { webviewTag: true };',
      "const p = { enableBlinkFeatures: 'CSSColorSchemeUARendering' };",
      "import remote from '@electron/remote';",
    ],
    eval: ['eval(code);', 'window.eval(code);', 'const f = (0, eval)("1");', 'globalThis.eval (x)'],
    'function-constructor': [
      "const f = new Function('a', 'return a');",
      "const g = Function('return this')();",
    ],
    'string-timer': ["setTimeout('alert(1)', 10);", 'setInterval(`tick()`, 5);'],
    'raw-html': [
      'element.innerHTML = html;',
      "element['innerHTML'] = html;",
      'node.outerHTML = x;',
      "el.insertAdjacentHTML('beforeend', x);",
      'const x = <div dangerouslySetInnerHTML={{ __html: html }} />;',
      'document.write(x);',
      'document.writeln(x);',
      'range.createContextualFragment(html);',
    ],
    'unsafe-csp': [
      `export const CSP = "script-src 'self' 'unsafe-eval'";`,
      `const p = "style-src 'unsafe-inline'";`,
      `const p = "script-src 'wasm-unsafe-eval'";`,
    ],
    'open-external': ["void shell.openExternal('https://example.org');", 'const { openExternal } = shell;'],
  };

  it('has a sample for every rule', () => {
    expect(Object.keys(caught).sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });

  for (const [rule, samples] of Object.entries(caught)) {
    it(`catches ${rule}`, () => {
      for (const sample of samples) {
        const file = sample.includes('<div') ? 'src/renderer/src/Sample.tsx' : 'src/main/sample.ts';
        expect(rulesIn(file, sample), sample).toContain(rule);
      }
    });
  }

  it('leaves the safe spellings, comments and look-alikes alone', () => {
    const safe = [
      'const p = { nodeIntegration: false, nodeIntegrationInWorker: false, sandbox: true };',
      'const p = { contextIsolation: true, webSecurity: true, webviewTag: false };',
      'if (prefs.sandbox === false) throw new Error("sandbox off");',
      'const isNodeIntegration = (x: boolean) => x;',
      '// element.innerHTML = html; would run script, so we never do it',
      '/* eval(code) and new Function() are what the CSP forbids */',
      'await page.evaluate(() => document.title);',
      'const retrieval = evaluateQuery(q);',
      'function isFunction(x: unknown): x is Function { return typeof x === "function"; }',
      'setTimeout(() => tick(), 10);',
      'const text = element.textContent;',
      "const html = '<p>' + escape(text) + '</p>';",
      'const openExternally = false;',
      `export const CSP = "script-src 'self'";`,
    ];
    for (const sample of safe) expect(rulesIn('src/main/sample.ts', sample), sample).toEqual([]);
  });

  it('allows openExternal only in the reviewed file', () => {
    const call = 'export const open = (url: string) => shell.openExternal(url);';
    expect(rulesIn('src/main/external-links.ts', call)).toEqual([]);
    expect(rulesIn('src/main/index.ts', call)).toEqual(['open-external']);
    expect(rulesIn('src/renderer/src/App.tsx', call)).toEqual(['open-external']);
  });
});
