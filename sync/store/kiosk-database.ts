import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import type { KeyProvider } from './crypto/key-provider';
import { StoreKeys } from './crypto/store-keys';
import { WrongKeyError } from './errors';
import { MaterialBlobStore } from './material-blobs';
import { migrations as allMigrations, applyMigrations, type Migration } from './migrations/index';
import { type RetentionPolicy, RetentionService } from './retention';
import type { StoreContext } from './store-context';
import { AppointmentsTable } from './tables/appointments';
import { AuditLogTable } from './tables/audit-log';
import { CatalogueTable } from './tables/catalogue';
import { HeldOrdersTable } from './tables/held-orders';
import { OutboxTable } from './tables/outbox';
import { PeopleTable } from './tables/people';
import { PersonMaterialsTable } from './tables/person-materials';
import { PrintedReceiptsTable } from './tables/printed-receipts';
import { RatingsTable } from './tables/ratings';
import { SettingsTable } from './tables/settings';
import { SubmissionsTable } from './tables/submissions';
import { SyncCursorsTable } from './tables/sync-cursors';
import { TicketBlocksTable } from './tables/ticket-blocks';

export const databaseFileName = 'kiosk.db';
export const materialsDirName = 'materials';
export const quarantineDirName = 'quarantine';

export interface OpenKioskDatabaseOptions {
  /** Folder holding kiosk.db (+ -wal, -shm), materials/ and quarantine/. */
  dir: string;
  keyProvider: KeyProvider;
  logger: Logger;
  /** Injectable for tests; defaults to Date.now. */
  clock?: () => number;
  retention?: RetentionPolicy;
  /** Page cache in KiB (SQLite cache_size); the form-free look-up benefits from a warm cache. */
  cacheSizeKiB?: number;
  /** The hall's look-up key from enrolment (see StoreKeys); the same on every open of this file. */
  hallLookupKey?: Buffer;
  /** Tests only: open with a prefix of the migrations to build an "old" file. */
  migrations?: readonly Migration[];
}

/** A database file that failed its integrity check at open and was moved aside. */
export interface QuarantineReport {
  atMs: number;
  reason: string;
  /** Folder the file, its -wal/-shm and its materials were moved into. */
  movedTo: string;
}

interface DataKeyRecord {
  provider: string;
  wrapped: string;
  generation: number;
  check: string;
}

const dataKeySetting = 'store.data_key';

/**
 * The kiosk's local store. Open with openKioskDatabase(); one instance per process and folder.
 * Each table has one owning module (see the fields); cross-table atomicity goes through transaction().
 */
export class KioskDatabase {
  readonly dir: string;
  readonly path: string;
  /** Set when this open found a damaged file and started afresh (technician mode shows it). */
  readonly quarantined: QuarantineReport | null;
  readonly schemaVersion: number;
  /** What the start-up sweep of material files found (files left by a crash mid-commit). */
  startupSweep: { tempFilesRemoved: number; orphanFilesRemoved: number; missingFiles: number } = {
    tempFilesRemoved: 0,
    orphanFilesRemoved: 0,
    missingFiles: 0,
  };
  /** The raw connection, for benchmarks and tests; production code goes through the tables. */
  readonly connection: Database.Database;

  readonly settings: SettingsTable;
  readonly people: PeopleTable;
  readonly personMaterials: PersonMaterialsTable;
  readonly catalogue: CatalogueTable;
  readonly syncCursors: SyncCursorsTable;
  readonly heldOrders: HeldOrdersTable;
  readonly blobs: MaterialBlobStore;
  readonly submissions: SubmissionsTable;
  readonly outbox: OutboxTable;
  readonly ticketBlocks: TicketBlocksTable;
  readonly appointments: AppointmentsTable;
  readonly ratings: RatingsTable;
  readonly auditLog: AuditLogTable;
  readonly printedReceipts: PrintedReceiptsTable;
  readonly retention: RetentionService;

  readonly #ctx: StoreContext;
  readonly #logger: Logger;

  /** @internal use openKioskDatabase */
  constructor(init: {
    dir: string;
    path: string;
    connection: Database.Database;
    keys: StoreKeys;
    clock: () => number;
    logger: Logger;
    quarantined: QuarantineReport | null;
    schemaVersion: number;
    retention?: RetentionPolicy;
  }) {
    this.dir = init.dir;
    this.path = init.path;
    this.connection = init.connection;
    this.quarantined = init.quarantined;
    this.schemaVersion = init.schemaVersion;
    this.#logger = init.logger;
    const ctx: StoreContext = { db: init.connection, keys: init.keys, clock: init.clock };
    this.#ctx = ctx;
    this.settings = new SettingsTable(ctx);
    this.people = new PeopleTable(ctx);
    this.blobs = new MaterialBlobStore(ctx, join(init.dir, materialsDirName), init.logger);
    this.personMaterials = new PersonMaterialsTable(ctx, this.blobs);
    this.catalogue = new CatalogueTable(ctx);
    this.syncCursors = new SyncCursorsTable(ctx);
    this.heldOrders = new HeldOrdersTable(ctx);
    this.outbox = new OutboxTable(ctx);
    this.ticketBlocks = new TicketBlocksTable(ctx);
    this.submissions = new SubmissionsTable(ctx, this.blobs, this.outbox, this.ticketBlocks);
    this.appointments = new AppointmentsTable(ctx);
    this.ratings = new RatingsTable(ctx);
    this.auditLog = new AuditLogTable(ctx);
    this.printedReceipts = new PrintedReceiptsTable(ctx);
    this.retention = new RetentionService(
      ctx,
      {
        people: this.people,
        personMaterials: this.personMaterials,
        submissions: this.submissions,
        appointments: this.appointments,
        printedReceipts: this.printedReceipts,
        outbox: this.outbox,
        ticketBlocks: this.ticketBlocks,
        blobs: this.blobs,
        auditLog: this.auditLog,
      },
      init.logger,
      init.retention,
    );
  }

  /** Runs `work` in one SQLite transaction (nested calls become savepoints). */
  transaction<T>(work: () => T): T {
    return this.#ctx.db.transaction(work)();
  }

  /** The keyed hash under which this store knows a person (for purge orders and cross-checks). */
  hashIdNumber(idNumber: string): Buffer {
    return this.#ctx.keys.hashIdNumber(idNumber);
  }

  /**
   * Re-wraps the data key with another provider (new OS key store, new key file). Cheap: no row
   * changes. Full data-key rotation (re-sealing rows and files) is the procedure in docs/storage.md.
   */
  rewrapDataKey(provider: KeyProvider, dataKeyUnwrappedBy: KeyProvider): void {
    const record = this.settings.get(dataKeySetting) as DataKeyRecord;
    const dataKey = dataKeyUnwrappedBy.unwrap(Buffer.from(record.wrapped, 'base64'));
    const next: DataKeyRecord = {
      ...record,
      provider: provider.kind,
      wrapped: provider.wrap(dataKey).toString('base64'),
    };
    dataKey.fill(0);
    this.transaction(() => {
      this.settings.set(dataKeySetting, next);
      this.auditLog.append('technician', 'store.data_key_rewrapped', { provider: provider.kind });
    });
  }

  close(): void {
    if (!this.connection.open) return;
    try {
      this.connection.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      this.#logger.warn({ event: 'store.close.checkpoint_failed', code: (error as { code?: string }).code });
    }
    this.connection.close();
  }
}

/**
 * Opens (creating if needed) the kiosk store in `dir`: integrity check, migrations, key unwrap,
 * and a sweep of material files left by a crash. A damaged file is quarantined and replaced by a
 * fresh one (see `quarantined`); a wrong key throws WrongKeyError and leaves the file untouched.
 */
export function openKioskDatabase(options: OpenKioskDatabaseOptions): KioskDatabase {
  const { dir, logger } = options;
  const clock = options.clock ?? Date.now;
  mkdirSync(dir, { recursive: true });
  const path = join(dir, databaseFileName);

  let quarantined: QuarantineReport | null = null;
  let connection: Database.Database;
  try {
    connection = openChecked(path, options.cacheSizeKiB);
  } catch (error) {
    if (!(error instanceof DamagedDatabaseError)) throw error;
    quarantined = quarantine(dir, error.message, clock());
    logger.error({ event: 'store.quarantined', reason: error.message, movedTo: quarantined.movedTo });
    connection = openChecked(path, options.cacheSizeKiB);
  }

  try {
    const applied = applyMigrations(connection, options.migrations ?? allMigrations, clock());
    const schemaVersion = connection
      .prepare('SELECT max(version) FROM schema_migrations')
      .pluck()
      .get() as number;
    const keys = loadOrCreateKeys(connection, options.keyProvider, clock, options.hallLookupKey);
    const db = new KioskDatabase({
      dir,
      path,
      connection,
      keys,
      clock,
      logger,
      quarantined,
      schemaVersion,
      ...(options.retention ? { retention: options.retention } : {}),
    });
    const sweep = db.blobs.sweepAtOpen();
    db.startupSweep = sweep;
    if (quarantined)
      db.auditLog.append('system', 'store.quarantined', {
        reason: quarantined.reason,
        movedTo: quarantined.movedTo,
      });
    logger.info({
      event: 'store.opened',
      schemaVersion,
      migrationsApplied: applied,
      quarantined: quarantined !== null,
      ...sweep,
    });
    return db;
  } catch (error) {
    connection.close();
    throw error;
  }
}

class DamagedDatabaseError extends Error {}

function openChecked(path: string, cacheSizeKiB = 32 * 1024): Database.Database {
  const fresh = !existsSync(path) || statSync(path).size === 0;
  let connection: Database.Database;
  try {
    connection = new Database(path);
  } catch (error) {
    if (isCorruption(error)) throw new DamagedDatabaseError(describe(error));
    throw error;
  }
  try {
    connection.pragma('busy_timeout = 5000');
    // auto_vacuum must be chosen before the first table exists; incremental lets retention shrink the file.
    if (fresh) connection.pragma('auto_vacuum = INCREMENTAL');
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = FULL');
    connection.pragma('foreign_keys = ON');
    connection.pragma('secure_delete = ON');
    connection.pragma(`cache_size = ${-Math.max(2048, Math.floor(cacheSizeKiB))}`);
    const result = connection.pragma('quick_check') as { quick_check: string }[];
    if (result.length !== 1 || result[0]?.quick_check !== 'ok') {
      throw new DamagedDatabaseError(
        `integrity check failed: ${result
          .slice(0, 3)
          .map((r) => r.quick_check)
          .join('; ')}`,
      );
    }
    return connection;
  } catch (error) {
    connection.close();
    if (error instanceof DamagedDatabaseError) throw error;
    if (isCorruption(error)) throw new DamagedDatabaseError(describe(error));
    throw error;
  }
}

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return `${typeof code === 'string' ? `${code}: ` : ''}${(error as Error).message}`;
}

/** Moves the database, its -wal/-shm and its materials into quarantine/<timestamp>/. */
function quarantine(dir: string, reason: string, atMs: number): QuarantineReport {
  const stamp = new Date(atMs).toISOString().replace(/[:.]/g, '-');
  let movedTo = join(dir, quarantineDirName, stamp);
  if (existsSync(movedTo)) movedTo = `${movedTo}-${randomBytes(3).toString('hex')}`;
  mkdirSync(movedTo, { recursive: true });
  for (const name of [
    databaseFileName,
    `${databaseFileName}-wal`,
    `${databaseFileName}-shm`,
    materialsDirName,
  ]) {
    const from = join(dir, name);
    if (existsSync(from)) renameSync(from, join(movedTo, name));
  }
  return { atMs, reason, movedTo };
}

function loadOrCreateKeys(
  connection: Database.Database,
  provider: KeyProvider,
  clock: () => number,
  hallLookupKey?: Buffer,
): StoreKeys {
  const row = connection.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(dataKeySetting) as
    | string
    | undefined;
  if (row === undefined) {
    const dataKey = randomBytes(32);
    const keys = new StoreKeys(dataKey, 1, hallLookupKey);
    const record: DataKeyRecord = {
      provider: provider.kind,
      wrapped: provider.wrap(dataKey).toString('base64'),
      generation: 1,
      check: keys.checkValue,
    };
    dataKey.fill(0);
    connection
      .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)')
      .run(dataKeySetting, JSON.stringify(record), clock());
    return keys;
  }
  const record = JSON.parse(row) as DataKeyRecord;
  if (record.provider !== provider.kind) {
    throw new WrongKeyError(
      `this database's key is held by the '${record.provider}' key store, not '${provider.kind}'`,
    );
  }
  const dataKey = provider.unwrap(Buffer.from(record.wrapped, 'base64'));
  const keys = new StoreKeys(dataKey, record.generation, hallLookupKey);
  dataKey.fill(0);
  if (!keys.matchesCheckValue(record.check))
    throw new WrongKeyError('the unwrapped data key does not match this database');
  return keys;
}
