import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../host/config/config';
import { createHost } from '../../host/core/create-host';
import { acquireInstanceLock, InstanceLockedError } from '../../host/core/instance-lock';
import { silentLogger } from '../../host/logging/logger';
import { memoryCardServiceFactory } from '../support/memory-card-service';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-lock-'));
  folders.push(dir);
  return dir;
}

const hostOn = (dataDir: string) =>
  createHost({
    config: parseConfig({ mode: 'production', dataDir, central: { url: 'https://central.invalid' } }),
    logger: silentLogger(),
    cardServiceFactory: memoryCardServiceFactory({}),
  });

describe('one kiosk per data folder', () => {
  it('a second kiosk on the same folder does not start and says why; the first goes on', async () => {
    const dataDir = folder();
    const first = await hostOn(dataDir);
    await expect(hostOn(dataDir)).rejects.toThrow(/already runs a kiosk with the data folder/);
    expect((await first.api.getKioskInfo({})).ok).toBe(true);
    await first.close();
    const again = await hostOn(dataDir);
    await again.close();
    expect(existsSync(join(dataDir, 'kiosk.lock'))).toBe(false);
  });

  it('another live process holding the folder is named; a lock left by a dead process is taken over', async () => {
    const dataDir = folder();
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dataDir, 'kiosk.lock'), `${sleeper.pid}\n`);
      expect(() => acquireInstanceLock(dataDir)).toThrow(InstanceLockedError);
      expect(() => acquireInstanceLock(dataDir)).toThrow(`process ${sleeper.pid}`);
    } finally {
      sleeper.kill('SIGKILL');
      await new Promise((resolve) => sleeper.once('exit', resolve));
    }
    const lock = acquireInstanceLock(dataDir);
    lock.release();
    expect(existsSync(join(dataDir, 'kiosk.lock'))).toBe(false);
  });
});
