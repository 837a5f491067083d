import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const requireHere = createRequire(__filename);
// The YAML reader electron-builder itself uses for this file (a dependency of electron-builder).
const yaml = requireHere('js-yaml') as { load: (text: string) => unknown };

type BuilderConfig = Readonly<{ asar?: unknown; electronFuses?: Readonly<Record<string, unknown>> }>;
type Scheme = Readonly<{
  definitions: Readonly<Record<string, { properties?: Readonly<Record<string, unknown>> }>>;
}>;

const config = yaml.load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('Electron fuses flipped at package time (electron-builder.yml)', () => {
  it('turns off Node entry points and turns on ASAR integrity, as the checklist asks', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toStrictEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('uses only fuse names electron-builder knows (a misspelt fuse would be silently ignored)', () => {
    const scheme = JSON.parse(
      readFileSync(resolve(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'),
    ) as Scheme;
    const known = Object.keys(scheme.definitions['FuseOptionsV1']?.properties ?? {});
    expect(known).toContain('runAsNode');
    for (const name of Object.keys(config.electronFuses ?? {})) expect(known, name).toContain(name);
  });
});
