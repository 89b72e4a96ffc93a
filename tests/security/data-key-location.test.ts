import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../host/config/config';
import { storeKeyFile } from '../../host/config/key-location';
import { createHost } from '../../host/core/create-host';
import { silentLogger } from '../../host/logging/logger';
import { startEmbeddedCentral } from '../../sync/central/embedded';
import { memoryCardServiceFactory } from '../support/memory-card-service';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

async function startDemoHost(dataDir: string) {
  const config = parseConfig({ mode: 'demo', dataDir });
  const host = await createHost({
    config,
    logger: silentLogger(),
    cardServiceFactory: memoryCardServiceFactory({}),
    startEmbeddedCentral,
  });
  return { host, config };
}

describe('the store key lives outside the data folder', () => {
  it('a config that puts the key file inside dataDir does not start', () => {
    expect(() => parseConfig({ dataDir: '/srv/kiosk', store: { keyFile: '/srv/kiosk/keys/k' } })).toThrow(
      /"store\.keyFile": the key file must not be inside dataDir/,
    );
    expect(parseConfig({ dataDir: '/srv/kiosk', store: { keyFile: '/etc/kiosk/k' } }).store.keyFile).toBe(
      '/etc/kiosk/k',
    );
  });

  it('a copy of the data folder alone opens nothing; a legacy key inside it is moved out', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-keyloc-'));
    folders.push(dataDir);
    const first = await startDemoHost(dataDir);
    const keyFile = storeKeyFile(first.config);
    const kioskCode = first.host.context.runtime()?.enrolment.kioskCode;
    await first.host.close();
    expect(existsSync(keyFile)).toBe(true);
    expect(filesUnder(dataDir).some((file) => file === keyFile)).toBe(false);

    // A thief's copy of the folder, opened elsewhere, has no key: the kiosk refuses to open it.
    const copy = mkdtempSync(join(tmpdir(), 'kiosk-keyloc-copy-'));
    folders.push(copy);
    cpSync(dataDir, copy, { recursive: true });
    await expect(startDemoHost(copy)).rejects.toThrow(/key file .* is missing/);

    // The layout before this rule: the key in <dataDir>/keys/data-key. It is moved out at start.
    mkdirSync(join(dataDir, 'keys'));
    renameSync(keyFile, join(dataDir, 'keys', 'data-key'));
    const again = await startDemoHost(dataDir);
    expect(again.host.context.runtime()?.store.quarantined).toBeNull();
    expect(again.host.context.runtime()?.enrolment.kioskCode).toBe(kioskCode);
    await again.host.close();
    expect(existsSync(join(dataDir, 'keys'))).toBe(false);
    expect(existsSync(keyFile)).toBe(true);
  }, 120_000);
});
