/**
 * A hall for the bundle tests and the tap bench: the reference central server on loopback seeded with
 * the sample hall, and one kiosk process in demo mode (simulated reader and printer) enrolled with it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type RunningCentralServer, startCentralServer } from '../../sync/central/server';
import { type KioskProcess, startKioskProcess } from './kiosk-process';

const root = resolve(import.meta.dirname, '..', '..');

export interface BundleHall {
  central: RunningCentralServer;
  kiosk: KioskProcess;
  stop(): Promise<void>;
}

export async function startBundleHall(): Promise<BundleHall> {
  const centralDir = mkdtempSync(join(tmpdir(), 'bundle-central-'));
  const kioskDir = mkdtempSync(join(tmpdir(), 'bundle-kiosk-'));
  const central = await startCentralServer({
    port: 0,
    dataDir: centralDir,
    seed: 'sample',
    hall: { pullIntervalSeconds: 5 },
  });
  try {
    const config = {
      dataDir: kioskDir,
      mode: 'demo',
      central: { url: central.url },
      idcard: { kind: 'simulator' },
      printer: { kind: 'simulator' },
    };
    const configPath = join(kioskDir, 'config.json');
    writeFileSync(configPath, JSON.stringify(config));
    const code = await central.createEnrolmentCode();
    await new Promise<void>((resolveRun, reject) =>
      execFile(
        process.execPath,
        [
          '--import',
          'tsx',
          join(root, 'scripts', 'provision.ts'),
          '--central',
          central.url,
          '--code',
          code,
          '--config',
          configPath,
        ],
        { cwd: root, timeout: 60_000 },
        (error, _stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolveRun()),
      ),
    );
    const kiosk = await startKioskProcess(config);
    return {
      central,
      kiosk,
      async stop() {
        await kiosk.stop();
        await central.close();
        rmSync(centralDir, { recursive: true, force: true });
        rmSync(kioskDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await central.close();
    rmSync(centralDir, { recursive: true, force: true });
    rmSync(kioskDir, { recursive: true, force: true });
    throw error;
  }
}
