import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { FileKeyProvider } from '../../sync/store/crypto/key-provider';
import {
  type KioskDatabase,
  type OpenKioskDatabaseOptions,
  openKioskDatabase,
} from '../../sync/store/kiosk-database';

export const silentLogger = pino({ level: 'silent' });

/** A fresh folder with its own key file; cleaned by remove(). */
export class StoreFixture {
  readonly root: string;
  readonly dir: string;
  readonly keyPath: string;
  now = Date.UTC(2026, 2, 2, 1, 0, 0);

  constructor(options: { dataDir?: string } = {}) {
    this.root = mkdtempSync(join(tmpdir(), 'kiosk-store-'));
    this.dir = options.dataDir ?? join(this.root, 'data');
    this.keyPath = join(this.root, 'kiosk.key');
  }

  open(overrides: Partial<OpenKioskDatabaseOptions> = {}): KioskDatabase {
    return openKioskDatabase({
      dir: this.dir,
      keyProvider: new FileKeyProvider({ path: this.keyPath }),
      logger: silentLogger,
      clock: () => this.now,
      cacheSizeKiB: 2048,
      ...overrides,
    });
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
