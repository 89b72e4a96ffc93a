import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../host/config/config';

describe('configuration', () => {
  it('has defaults that make demo mode work with no file at all', () => {
    const config = parseConfig({});
    expect(config.mode).toBe('demo');
    expect(config.idcard.kind).toBe('simulator');
    expect(config.central.url).toBe('embedded');
    expect(config.ui.idleWarningSeconds).toBeGreaterThanOrEqual(20);
  });

  it('names the bad key in its message', () => {
    expect(() => parseConfig({ idcard: { serial: { baudRate: 12345 } } })).toThrow(
      /"idcard\.serial\.baudRate"/,
    );
    expect(() => parseConfig({ ui: { idleWarningSeconds: 5 } })).toThrow(/"ui\.idleWarningSeconds"/);
    expect(() => parseConfig({ printer: { colour: 'red' } })).toThrow(/unknown key "printer\.colour"/);
    expect(() => parseConfig({ central: { url: 'not a url' } })).toThrow(/"central\.url"/);
  });

  it('reads --config, then KIOSK_CONFIG, and reports unreadable files clearly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
    const file = join(dir, 'kiosk.json');
    writeFileSync(file, JSON.stringify({ mode: 'production', dataDir: dir }));
    expect(loadConfig(['--config', file], {}).config.mode).toBe('production');
    expect(loadConfig([], { KIOSK_CONFIG: file }).config.mode).toBe('production');
    expect(() => loadConfig(['--config', join(dir, 'missing.json')], {})).toThrow(ConfigError);
    writeFileSync(file, '{ mode: ');
    expect(() => loadConfig(['--config', file], {})).toThrow(/not valid JSON/);
    expect(() => loadConfig(['--config'], {})).toThrow(/needs a file path/);
  });
});
