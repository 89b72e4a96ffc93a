import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScanner, parseSaneDeviceList } from '../../../drivers/scanner/index';

/** SANE's "test" backend only (Debian package sane-utils): no real scanner is probed. */
describe('flatbed scan through SANE', () => {
  let configDir: string;

  beforeAll(() => {
    configDir = mkdtempSync(join(tmpdir(), 'sane-'));
    writeFileSync(join(configDir, 'dll.conf'), 'test\n');
    copyFileSync('/etc/sane.d/test.conf', join(configDir, 'test.conf'));
  });

  afterAll(() => {
    rmSync(configDir, { recursive: true, force: true });
  });

  it('scans a page with the test backend and stores it normalised', async () => {
    const scanner = createScanner(
      { kind: 'sane', device: 'test', resolutionDpi: 150, mode: 'Color', maxPageBytes: 600_000 },
      pino({ level: 'silent' }),
      { env: { SANE_CONFIG_DIR: configDir } },
    );
    expect(await scanner.status()).toEqual({ state: 'ready', device: 'test' });
    const result = await scanner.scanPage();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const page = result.value;
    expect(page.mime).toBe('image/jpeg');
    expect(page.bytes.length).toBeLessThanOrEqual(600_000);
    expect(page.sha256).toMatch(/^[0-9a-f]{64}$/);
    const meta = await sharp(page.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([page.width, page.height]);
    expect(page.width).toBeGreaterThan(100);
    // The colour pattern, not the test backend's default black page.
    const stats = await sharp(page.bytes).stats();
    expect(stats.channels.some((c) => c.stdev > 20)).toBe(true);
  });

  it('says when the configured device is not there', async () => {
    const scanner = createScanner(
      { kind: 'sane', device: 'genesys:libusb:009:009' },
      pino({ level: 'silent' }),
      {
        env: { SANE_CONFIG_DIR: configDir },
      },
    );
    expect(await scanner.status()).toEqual({ state: 'not_found', device: 'genesys:libusb:009:009' });
    const result = await scanner.scanPage();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('scanner_not_found');
  });

  it('has no scanner when none is configured, and still normalises camera pages', async () => {
    const scanner = createScanner({ kind: 'none', device: 'test' }, pino({ level: 'silent' }));
    expect(await scanner.status()).toEqual({ state: 'none' });
    const camera = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#eeeeee' } })
      .png()
      .toBuffer();
    const result = await scanner.normaliseCameraPage(camera, 90);
    expect(result.ok && [result.value.width, result.value.height]).toEqual([480, 640]);
    const bad = await scanner.normaliseCameraPage(Buffer.from('garbage'));
    expect(bad.ok).toBe(false);
  });

  it('reads device names from scanimage -L', () => {
    expect(
      parseSaneDeviceList(
        "device `test:0' is a Noname frontend-tester virtual device\ndevice `test:1' is a Noname frontend-tester virtual device\n",
      ),
    ).toEqual(['test:0', 'test:1']);
  });
});
