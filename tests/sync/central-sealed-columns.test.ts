import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteCentralStorage } from '../../sync/central/sqlite/sqlite-central-storage';
import { emptyProfile } from '../../sync/protocol/profile';
import { keyedHashOf, tempDir } from './support/kiosk-harness';

const sampleProfile = emptyProfile(
  { storeProfile: true, keepMaterials: false, consentedAt: '2026-03-01T09:00:00+08:00' },
  '2026-03-01T09:00:00+08:00',
);

describe('SQLite central: personal data sealed per row', () => {
  let dataDir: string;
  let storage: SqliteCentralStorage;
  beforeEach(() => {
    dataDir = tempDir('central-sealed');
    storage = new SqliteCentralStorage(dataDir);
  });
  afterEach(async () => storage.close());

  it('a sealed record moved to another row, or a plain value, throws, naming the column and not its value', async () => {
    for (const who of ['a', 'b'])
      await storage.putStoreRecord({
        keyedHash: keyedHashOf(who),
        profile: sampleProfile,
        materials: [],
        updatedAtMs: 1,
      });
    const raw = new Database(join(dataDir, 'central.sqlite'));
    try {
      const sealedB = raw
        .prepare('SELECT record FROM store_records WHERE keyed_hash = ?')
        .pluck()
        .get(keyedHashOf('b')) as Buffer;
      expect(sealedB.includes(Buffer.from('"consentedAt"'))).toBe(false);
      raw.prepare('UPDATE store_records SET record = ? WHERE keyed_hash = ?').run(sealedB, keyedHashOf('a'));
      await expect(storage.getStoreRecord(keyedHashOf('a'))).rejects.toThrow(
        /store_record does not open: it was altered or belongs elsewhere/,
      );
      raw
        .prepare('UPDATE store_records SET record = ? WHERE keyed_hash = ?')
        .run(Buffer.from(JSON.stringify({ keyedHash: 'not-a-hash', personal: '张三' })), keyedHashOf('a'));
      const read = storage.getStoreRecord(keyedHashOf('a'));
      await expect(read).rejects.toThrow(/store_record is not sealed data/);
      await expect(read).rejects.not.toThrow(/张三/);
    } finally {
      raw.close();
    }
  });
});
