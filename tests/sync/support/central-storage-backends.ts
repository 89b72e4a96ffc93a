/**
 * The two CentralStorage implementations, as the storage contract suite opens them: SQLite in a temp
 * folder, PostgreSQL in a fresh database of a throwaway cluster (tests/support/postgres.ts). Each
 * backend also knows how to damage a stored record, for the tests of what a damaged row does.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { type AtRestCipher, createEnvelopeCipher, sealJson } from '../../../sync/central/at-rest-cipher';
import { PostgresCentralStorage } from '../../../sync/central/postgres/postgres-central-storage';
import { sealContext } from '../../../sync/central/sqlite/sealed-column';
import { SqliteCentralStorage } from '../../../sync/central/sqlite/sqlite-central-storage';
import type { CentralStorage } from '../../../sync/central/storage';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from '../../support/postgres';
import { tempDir } from './kiosk-harness';

export interface OpenedStorage {
  storage: CentralStorage;
  /** A second handle on the same data (another process's pool, for PostgreSQL); null where there is none. */
  openAnother(): Promise<CentralStorage | null>;
  /** Overwrites a person's current store record with this JSON, stored the way the backend stores it. */
  damageStoreRecord(keyedHash: string, json: unknown): Promise<void>;
  /** Closes the storage and every other handle opened on it. */
  close(): Promise<void>;
}

export interface StorageBackend {
  name: 'sqlite' | 'postgres';
  /** Null when it can run here, else why not (never under CI: there a missing PostgreSQL throws). */
  unavailable: string | null;
  /** Once per test file. */
  start(): Promise<void>;
  open(): Promise<OpenedStorage>;
  stop(): Promise<void>;
}

export const sqliteBackend: StorageBackend = {
  name: 'sqlite',
  unavailable: null,
  async start() {},
  async open() {
    const dataDir = tempDir('central-storage');
    const cipher = createEnvelopeCipher(randomBytes(32));
    const storage = new SqliteCentralStorage(dataDir, { cipher });
    return {
      storage,
      async openAnother() {
        return null;
      },
      async damageStoreRecord(keyedHash, json) {
        const raw = new Database(join(dataDir, 'central.sqlite'));
        raw
          .prepare('UPDATE store_records SET record = ? WHERE keyed_hash = ?')
          .run(sealJson(cipher, json, sealContext.storeRecord(keyedHash)), keyedHash);
        raw.close();
      },
      close: () => storage.close(),
    };
  },
  async stop() {},
};

/** One cluster per test file, one fresh database per open(). */
export function postgresBackend(): StorageBackend {
  let cluster: TestPostgres | null = null;
  const unavailable = postgresUnavailable();
  return {
    name: 'postgres',
    unavailable,
    async start() {
      if (!unavailable) cluster = await startTestPostgres();
    },
    async open() {
      if (!cluster) throw new Error('postgresBackend: start() first');
      const url = await cluster.newDatabase();
      const cipher: AtRestCipher = createEnvelopeCipher(randomBytes(32));
      const storage = await PostgresCentralStorage.open(url, { cipher, poolSize: 4 });
      const others: CentralStorage[] = [];
      const withRaw = async <T>(body: (client: pg.Client) => Promise<T>): Promise<T> => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          return await body(client);
        } finally {
          await client.end();
        }
      };
      return {
        storage,
        async close() {
          await Promise.all([...others.map((o) => o.close()), storage.close()]);
        },
        async openAnother() {
          const another = await PostgresCentralStorage.open(url, { cipher, poolSize: 4 });
          others.push(another);
          return another;
        },
        async damageStoreRecord(keyedHash, json) {
          await withRaw(async (client) => {
            const { rows } = await client.query<{ version: string }>(
              'SELECT version FROM store_records WHERE keyed_hash = $1',
              [keyedHash],
            );
            const sealed = sealJson(cipher, json, `profile:${keyedHash}:${rows[0]!.version}`);
            await client.query('UPDATE store_records SET record = $1 WHERE keyed_hash = $2', [
              sealed,
              keyedHash,
            ]);
          });
        },
      };
    },
    async stop() {
      await cluster?.stop();
      cluster = null;
    },
  };
}
