import type { Logger } from 'pino';
import type { MaterialBlobStore } from './material-blobs';
import type { StoreContext } from './store-context';
import type { AppointmentsTable } from './tables/appointments';
import type { AuditLogTable } from './tables/audit-log';
import type { OutboxTable } from './tables/outbox';
import type { PeopleTable } from './tables/people';
import type { PersonMaterialsTable } from './tables/person-materials';
import type { PrintedReceiptsTable } from './tables/printed-receipts';
import type { SubmissionsTable } from './tables/submissions';
import type { TicketBlocksTable } from './tables/ticket-blocks';

export interface RetentionPolicy {
  /** Delivered/discarded outbox rows (payload already gone) are kept this long for technician mode. */
  settledOutboxKeepMs: number;
  /** Ticket blocks and reported tickets of service days older than this many days are dropped. */
  ticketDaysKept: number;
}

export const defaultRetentionPolicy: RetentionPolicy = {
  settledOutboxKeepMs: 7 * 24 * 3600_000,
  ticketDaysKept: 7,
};

export interface SweepResult {
  profilesExpired: number;
  personMaterialsExpired: number;
  submissionsRedacted: number;
  appointmentsExpired: number;
  receiptsExpired: number;
  outboxRowsDeleted: number;
  ticketsDeleted: number;
  materialFilesRemoved: number;
}

export interface PurgeResult {
  people: number;
  personMaterials: number;
  submissions: number;
  appointments: number;
  receipts: number;
  outboxItems: number;
  materialFilesRemoved: number;
}

interface RetentionTables {
  people: PeopleTable;
  personMaterials: PersonMaterialsTable;
  submissions: SubmissionsTable;
  appointments: AppointmentsTable;
  printedReceipts: PrintedReceiptsTable;
  outbox: OutboxTable;
  ticketBlocks: TicketBlocksTable;
  blobs: MaterialBlobStore;
  auditLog: AuditLogTable;
}

/**
 * Keeps personal data only as long as it is needed: expiry of cached profiles and materials,
 * redaction of acknowledged submissions past their retention, purge orders, and vacuuming so
 * the file (and its free pages) does not keep what was deleted. secure_delete=ON zeroes deleted
 * content in place; the WAL checkpoint after a purge removes the old page images from the -wal file.
 */
export class RetentionService {
  readonly #ctx: StoreContext;
  readonly #tables: RetentionTables;
  readonly #logger: Logger;
  readonly #policy: RetentionPolicy;

  constructor(
    ctx: StoreContext,
    tables: RetentionTables,
    logger: Logger,
    policy: RetentionPolicy = defaultRetentionPolicy,
  ) {
    this.#ctx = ctx;
    this.#tables = tables;
    this.#logger = logger;
    this.#policy = policy;
  }

  /** Run periodically (e.g. hourly and at start-up). */
  async sweep(nowMs: number = this.#ctx.clock()): Promise<SweepResult> {
    const t = this.#tables;
    const counts = this.#ctx.db.transaction(() => ({
      profilesExpired: t.people.deleteExpired(nowMs),
      personMaterialsExpired: t.personMaterials.deleteExpired(nowMs),
      appointmentsExpired: t.appointments.deleteExpired(nowMs),
      receiptsExpired: t.printedReceipts.deleteExpired(nowMs),
      outboxRowsDeleted: t.outbox.deleteSettledBefore(nowMs - this.#policy.settledOutboxKeepMs),
    }))();
    const submissionsRedacted = t.submissions.redactExpired(nowMs);
    const ticketsDeleted = t.ticketBlocks.deleteServiceDaysBefore(
      localServiceDate(nowMs - this.#policy.ticketDaysKept * 24 * 3600_000),
    );
    const materialFilesRemoved = await t.blobs.collectGarbage(t.outbox.hashesStillNeeded());
    const result: SweepResult = { ...counts, submissionsRedacted, ticketsDeleted, materialFilesRemoved };
    this.#logger.info({ event: 'store.retention.sweep', ...result });
    return result;
  }

  /**
   * A purge order from the central system: everything about the person created up to
   * `issuedAtMs` (default: everything) is deleted, then unreferenced material files, then the
   * WAL is checkpointed so no old page image keeps the data. Audited without the person.
   */
  async purgePerson(order: {
    idNumber?: string;
    idHash?: Buffer | string;
    issuedAtMs?: number;
    orderId?: string;
  }): Promise<PurgeResult> {
    const idHash = order.idNumber
      ? this.#ctx.keys.hashIdNumber(order.idNumber)
      : typeof order.idHash === 'string'
        ? Buffer.from(order.idHash, 'hex')
        : order.idHash;
    if (idHash?.length !== 32) throw new Error('a purge order needs an ID number or a 32-byte id hash');
    const upTo = order.issuedAtMs ?? Number.MAX_SAFE_INTEGER;
    const t = this.#tables;
    const counts = this.#ctx.db.transaction(() => {
      const outboxSeqs = t.outbox.purgePersonInTransaction(idHash, upTo);
      const result = {
        people: t.people.purgePersonInTransaction(idHash),
        personMaterials: t.personMaterials.purgePersonInTransaction(idHash),
        submissions: t.submissions.purgePersonInTransaction(idHash, upTo),
        appointments: t.appointments.purgePersonInTransaction(idHash),
        receipts: t.printedReceipts.purgePersonInTransaction(idHash),
        outboxItems: outboxSeqs.length,
      };
      t.auditLog.append('central', 'store.purge_person', {
        orderId: order.orderId ?? null,
        ...result,
        outboxSeqs,
      });
      return result;
    })();
    const materialFilesRemoved = await t.blobs.collectGarbage(t.outbox.hashesStillNeeded());
    this.checkpoint();
    const result = { ...counts, materialFilesRemoved };
    this.#logger.info({ event: 'store.purge', orderId: order.orderId ?? null, ...result });
    return result;
  }

  /** Moves the WAL into the main file and truncates it (deleted pages leave the -wal file). */
  checkpoint(): void {
    this.#ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /**
   * Returns free pages to the file system. Incremental (bounded work) normally; a full VACUUM only
   * when the caller knows the kiosk is idle (it rewrites the whole file and blocks meanwhile).
   */
  vacuum(options: { idle: boolean; maxPages?: number } = { idle: false }): {
    freePagesBefore: number;
    freePagesAfter: number;
  } {
    const freePagesBefore = this.#ctx.db.pragma('freelist_count', { simple: true }) as number;
    if (options.idle) {
      this.#ctx.db.exec('VACUUM');
    } else {
      this.#ctx.db.pragma(`incremental_vacuum(${Math.max(1, Math.floor(options.maxPages ?? 2000))})`);
    }
    this.checkpoint();
    const freePagesAfter = this.#ctx.db.pragma('freelist_count', { simple: true }) as number;
    // A vacuum that freed nothing is routine (it runs after every session): it must not flood the log the
    // technician reads (issue 15, defect 14).
    const line = { event: 'store.vacuum', idle: options.idle, freePagesBefore, freePagesAfter };
    if (options.idle || freePagesAfter < freePagesBefore) this.#logger.info(line);
    else this.#logger.debug(line);
    return { freePagesBefore, freePagesAfter };
  }
}

/** The hall's local calendar day for a timestamp (ticket numbers restart each service day). */
export function localServiceDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
