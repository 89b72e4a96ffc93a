/**
 * Which storage a central process runs on: the SQLite file in its data folder (the default), or the
 * PostgreSQL database a `postgres://` URL names. PostgreSQL storage seals personal data with the master
 * key kept beside (never in) the data folder; every process behind one database needs the same key and
 * the same data-folder secrets (kiosk credential key, hall look-up key, order-signing key).
 */
import { createEnvelopeCipher, defaultMasterKeyFile, loadOrCreateMasterKey } from './at-rest-cipher';
import { isPostgresUrl, PostgresCentralStorage } from './postgres/postgres-central-storage';
import { SqliteCentralStorage } from './sqlite/sqlite-central-storage';
import type { CentralStorage } from './storage';

export interface CentralStorageChoice {
  /** A postgres:// URL; absent: SQLite in dataDir. */
  db?: string;
  dataDir: string;
  /** The master key file (default: beside the data folder, see at-rest-cipher.ts). */
  keyFile?: string;
  timeZone?: string;
  /** PostgreSQL connections per process. */
  poolSize?: number;
}

export async function openCentralStorage(choice: CentralStorageChoice): Promise<CentralStorage> {
  if (choice.db === undefined)
    return new SqliteCentralStorage(choice.dataDir, {
      ...(choice.timeZone ? { timeZone: choice.timeZone } : {}),
      ...(choice.keyFile ? { masterKeyFile: choice.keyFile } : {}),
    });
  if (!isPostgresUrl(choice.db)) throw new Error('--db takes a postgres:// or postgresql:// URL');
  const masterKey = loadOrCreateMasterKey(
    choice.keyFile ?? defaultMasterKeyFile(choice.dataDir),
    choice.dataDir,
  );
  return PostgresCentralStorage.open(choice.db, {
    cipher: createEnvelopeCipher(masterKey),
    ...(choice.timeZone ? { timeZone: choice.timeZone } : {}),
    ...(choice.poolSize ? { poolSize: choice.poolSize } : {}),
  });
}
