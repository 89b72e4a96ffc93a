import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

/** electron-builder cannot package on this machine, so its config is checked against its own schema. */
describe('electron-builder.yml', () => {
  const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

  it("validates against electron-builder's configuration schema", () => {
    const schema = JSON.parse(
      readFileSync(join(require.resolve('app-builder-lib/package.json'), '..', 'scheme.json'), 'utf8'),
    );
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('builds per-machine unattended NSIS for Windows and AppImage + deb for Linux', () => {
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: true });
    expect(JSON.stringify(config.win)).toContain('nsis');
    expect(JSON.stringify(config.linux)).toContain('AppImage');
    expect(JSON.stringify(config.linux)).toContain('deb');
  });

  it('unpacks every native module from asar and rebuilds them for Electron', () => {
    const unpacked = (config.asarUnpack as string[]).join(' ');
    for (const native of ['better-sqlite3', '@serialport', 'node-hid', 'sharp'])
      expect(unpacked).toContain(native);
    expect(config.npmRebuild).toBe(true);
  });

  it('publishes through a generic provider for electron-updater', () => {
    expect(config.publish).toEqual([expect.objectContaining({ provider: 'generic' })]);
  });
});
