/**
 * The central database file: one better-sqlite3 connection in WAL mode with synchronous=FULL (an
 * acknowledged delivery survives a crash), foreign keys on, the numbered migrations applied at open,
 * and prepared statements cached by SQL text.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { applyMigrations, type Migration } from '../../store/migrations/index';
import type { AtRestCipher } from '../at-rest-cipher';
import { centralMigrations } from './migrations/index';

export const centralDatabaseFileName = 'central.sqlite';

export class CentralDatabase {
  readonly connection: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(connection: Database.Database) {
    this.connection = connection;
  }

  /** Prepared once per SQL text: preparing is a large share of a small request's cost. */
  statement(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs `body` in a transaction (a savepoint when one is already open); a throw rolls it back. */
  transaction<T>(body: () => T): T {
    return this.connection.transaction(body)();
  }

  close(): void {
    this.connection.close();
  }
}

export interface OpenCentralDatabaseOptions {
  /** Seals personal data at rest (the sealing migration uses it too). */
  cipher: AtRestCipher;
  /** Tests only: a prefix of the migrations, to build an old file. */
  migrations?: readonly Migration[];
  nowMs?: number;
}

export function openCentralDatabase(dataDir: string, options: OpenCentralDatabaseOptions): CentralDatabase {
  mkdirSync(dataDir, { recursive: true });
  // Owner only: SQLite gives its -wal and -shm files the database file's mode.
  const file = join(dataDir, centralDatabaseFileName);
  if (!existsSync(file)) writeFileSync(file, '', { mode: 0o600 });
  chmodSync(file, 0o600);
  const connection = new Database(file);
  try {
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = FULL');
    connection.pragma('busy_timeout = 5000');
    // A migration that rebuilds tables must not trip over keys half-way; it checks them as a whole.
    connection.pragma('foreign_keys = OFF');
    applyMigrations(
      connection,
      options.migrations ?? centralMigrations(options.cipher),
      options.nowMs ?? Date.now(),
    );
    connection.pragma('foreign_keys = ON');
    return new CentralDatabase(connection);
  } catch (error) {
    connection.close();
    throw error;
  }
}
