// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Import rules that enforce the layer table in ../shared/docs/architecture.md. */
const forbid = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});
const node = {
  group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto'],
  message: 'This layer runs without Node: keep Node APIs in core and pass results through the API.',
};
const electron = {
  group: ['electron', 'electron/*'],
  message:
    'Only src/main (and the preload bridge) may use Electron; core is host-agnostic, inject what you need.',
};
const react = {
  group: ['react', 'react-dom', 'react-dom/*', 'react/*'],
  message: 'React belongs to the renderer only.',
};
const core = {
  group: ['**/core/**', '**/core'],
  message: 'Reach core through the API (window.briefing via renderer/src/api.ts), never by import.',
};
const mainLayer = {
  group: ['**/main/**', '**/main'],
  message: 'Nothing imports the Electron host; move shared code to core or shared.',
};
const renderer = { group: ['**/renderer/**'], message: 'The renderer is a leaf: nothing imports it.' };
const preload = { group: ['**/preload/**'], message: 'The preload is a leaf: nothing imports it.' };
const zod = {
  group: ['zod'],
  message: 'The preload bundles no validation library; main validates every input.',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'artifacts/**',
      '.electron-native/**',
      'corpus/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSEnumDeclaration',
          message: 'Use a string union or an `as const` object instead of an enum.',
        },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  { files: ['**/*.mjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['src/shared/**/*.ts'],
    rules: forbid([node, electron, react, core, mainLayer, renderer, preload]),
  },
  { files: ['src/core/**/*.ts'], rules: forbid([electron, react, mainLayer, renderer, preload]) },
  { files: ['src/main/**/*.ts'], rules: forbid([react, renderer, preload]) },
  {
    files: ['src/preload/**/*.ts'],
    rules: forbid([
      node,
      react,
      core,
      mainLayer,
      renderer,
      zod,
      {
        group: ['**/shared/schemas', '**/shared/api'],
        allowTypeImports: true,
        message: 'The preload needs only method names (shared/methods) and types.',
      },
    ]),
  },
  { files: ['src/cli/**/*.ts'], rules: forbid([electron, react, mainLayer, renderer, preload]) },
  { files: ['e2e/host/**/*.ts'], rules: forbid([electron, react, mainLayer, renderer, preload]) },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules, ...forbid([node, electron, core, mainLayer, preload]) },
  },
);
