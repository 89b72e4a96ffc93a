/**
 * CentralStorage on PostgreSQL (node-postgres, one pool per process): a thin adapter over one module
 * per area, like the SQLite side. Several central processes may share the database: every rule that
 * must hold across them is a unique key, a row lock or an advisory lock (see each module), never
 * process memory. Personal data is sealed by the AtRestCipher given here before it reaches the database.
 */
import { err, ok, type Result } from '../../../kernel/result';
import type { CaseFile, CaseStepRequest } from '../../protocol/case-workflow';
import type { AuditEntry, PayoutReview, StaffAccount } from '../../protocol/central-admin';
import type {
  Appointment,
  AppointmentBookingRequest,
  AppointmentDeltaResponse,
  CaseProgress,
  CatalogueDeltaResponse,
  HeartbeatRequest,
  PurgeOrder,
  PurgeOrderAcks,
  PurgeOrderDeltaResponse,
  QueueState,
  StoreDeltaResponse,
  StoreRecord,
  TicketBlock,
  TicketBlockRequest,
} from '../../protocol/central-api';
import type { DisplayCalls, StaffOverview, TicketView } from '../../protocol/central-staff';
import { badRatingAtMost, type FlaggedRating } from '../../protocol/supervision';
import type { AtRestCipher } from '../at-rest-cipher';
import { bundleTakesNoSteps, partStepNote } from '../bundle-cases';
import { openCaseOf, planStaffStep, withCatalogue } from '../case-steps';
import type {
  AcceptedDelivery,
  AppointmentSlot,
  CatalogueInput,
  CentralStorage,
  DeliveryOutcome,
  EnrolledKiosk,
  EnrolmentAttempt,
  KioskRecord,
  LockoutPolicy,
  NewAuditEntry,
  OpenCase,
  StaffActor,
  StaffCredentials,
  StaffPrincipal,
  StorageFailureCode,
  ValidatedDelivery,
} from '../storage';
import { PgAppointments } from './appointments';
import { type CaseFileWithoutItem, PgCases } from './cases';
import { PgCatalogue } from './catalogue';
import {
  type OpenPgCentralDatabaseOptions,
  openPgCentralDatabase,
  type PgCentralDatabase,
  type Sql,
} from './database';
import { PgFormFreeStore } from './form-free-store';
import { PgHallDesk } from './hall-desk';
import { PgIntake } from './intake';
import { PgKiosks } from './kiosks';
import { PgMaterials } from './materials';
import { PgPurgeOrders } from './purge-orders';
import { PgStaff } from './staff';
import { PgTickets } from './tickets';

export interface PostgresCentralStorageOptions extends OpenPgCentralDatabaseOptions {
  /** Seals profiles, case payloads, proposed payout fields, rating comments and material bytes. */
  cipher: AtRestCipher;
  /** The hall's time zone, for tickets the server numbers itself. */
  timeZone?: string;
}

/** Whether a --db value names PostgreSQL (anything else is a SQLite data folder). */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//.test(value);
}

export class PostgresCentralStorage implements CentralStorage {
  readonly #db: PgCentralDatabase;
  readonly #kiosks: PgKiosks;
  readonly #catalogue: PgCatalogue;
  readonly #store: PgFormFreeStore;
  readonly #materials: PgMaterials;
  readonly #tickets: PgTickets;
  readonly #cases: PgCases;
  readonly #appointments: PgAppointments;
  readonly #purgeOrders: PgPurgeOrders;
  readonly #desk: PgHallDesk;
  readonly #intake: PgIntake;
  readonly #staff: PgStaff;

  private constructor(db: PgCentralDatabase, options: PostgresCentralStorageOptions) {
    this.#db = db;
    this.#kiosks = new PgKiosks(db);
    this.#catalogue = new PgCatalogue(db);
    this.#store = new PgFormFreeStore(db, options.cipher);
    this.#materials = new PgMaterials(db, options.cipher);
    this.#tickets = new PgTickets(db);
    this.#cases = new PgCases(db, options.cipher);
    this.#appointments = new PgAppointments(db);
    this.#purgeOrders = new PgPurgeOrders(db, this.#store);
    this.#staff = new PgStaff(db);
    this.#desk = new PgHallDesk(db, this.#catalogue, this.#cases);
    this.#intake = new PgIntake(
      db,
      {
        kiosks: this.#kiosks,
        catalogue: this.#catalogue,
        materials: this.#materials,
        store: this.#store,
        cases: this.#cases,
        tickets: this.#tickets,
        appointments: this.#appointments,
        purgeOrders: this.#purgeOrders,
      },
      options.timeZone ?? 'Asia/Shanghai',
    );
  }

  /** Connects and brings the schema up to date (once, however many processes start together). */
  static async open(
    connectionString: string,
    options: PostgresCentralStorageOptions,
  ): Promise<PostgresCentralStorage> {
    return new PostgresCentralStorage(await openPgCentralDatabase(connectionString, options), options);
  }

  async close(): Promise<void> {
    await this.#db.close();
  }

  // ------------------------------------------------------------ kiosks
  createEnrolmentCode(codeHash: string, expiresAtMs: number): Promise<void> {
    return this.#kiosks.createEnrolmentCode(codeHash, expiresAtMs);
  }
  enrolKiosk(attempt: EnrolmentAttempt): Promise<Result<EnrolledKiosk, 'invalid' | 'conflict'>> {
    return this.#kiosks.enrol(attempt);
  }
  kioskByCredentialHash(credentialHash: string): Promise<KioskRecord | null> {
    return this.#kiosks.byCredentialHash(credentialHash);
  }
  recordHeartbeat(kioskId: string, heartbeat: HeartbeatRequest, nowMs: number): Promise<void> {
    return this.#kiosks.recordHeartbeat(kioskId, heartbeat, nowMs);
  }

  // ------------------------------------------------------------ catalogue, form-free store, materials
  putCatalogueEntries(entries: readonly CatalogueInput[]): Promise<void> {
    return this.#catalogue.put(entries);
  }
  catalogueDelta(cursor: string | undefined, limit: number): Promise<CatalogueDeltaResponse> {
    return this.#catalogue.delta(cursor, limit);
  }
  putStoreRecord(record: Omit<StoreRecord, 'version'>): Promise<StoreRecord> {
    return this.#store.putReviewed(record);
  }
  storeRecordVersions(keyedHash: string): Promise<{ version: number; record: StoreRecord | null }[]> {
    return this.#store.versions(keyedHash);
  }
  payoutReviews(state: PayoutReview['state']): Promise<PayoutReview[]> {
    return this.#store.reviews(state);
  }
  decidePayoutReview(
    reviewId: string,
    approve: boolean,
    decidedBy: string,
    nowMs: number,
  ): Promise<Result<PayoutReview, 'not_found' | 'conflict'>> {
    return this.#store.decide(reviewId, approve, decidedBy, nowMs);
  }
  getStoreRecord(keyedHash: string): Promise<StoreRecord | null> {
    return this.#store.get(keyedHash);
  }
  storeDelta(cursor: string | undefined, limit: number): Promise<StoreDeltaResponse> {
    return this.#store.delta(cursor, limit);
  }
  presentMaterials(sha256s: readonly string[]): Promise<Set<string>> {
    return this.#materials.present(sha256s);
  }
  putMaterials(
    materials: readonly { sha256: string; bytes: Uint8Array }[],
    nowMs: number,
  ): Promise<boolean[]> {
    return this.#materials.put(materials, nowMs);
  }
  getMaterial(sha256: string): Promise<Buffer | null> {
    return this.#materials.get(sha256);
  }

  // ------------------------------------------------------------ intake
  deliver(kioskId: string, items: readonly ValidatedDelivery[], nowMs: number): Promise<DeliveryOutcome[]> {
    return this.#intake.deliver(kioskId, items, nowMs);
  }
  acceptedDeliveries(): Promise<AcceptedDelivery[]> {
    return this.#intake.accepted();
  }

  // ------------------------------------------------------------ tickets and queues
  async leaseTicketBlock(
    kioskId: string,
    request: TicketBlockRequest,
    nowMs: number,
  ): Promise<Result<TicketBlock, 'not_found' | 'conflict'>> {
    const queue = (await this.#catalogue.hall()).queues.get(request.queueId);
    if (!queue) return err('not_found', `unknown queue ${request.queueId}`);
    return this.#tickets.lease(kioskId, request, queue, nowMs);
  }
  queueState(serviceDate: string, nowMs: number): Promise<QueueState> {
    return this.#desk.queueState(serviceDate, nowMs);
  }

  // ------------------------------------------------------------ appointments, cases, purges
  appointmentDelta(cursor: string | undefined, limit: number): Promise<AppointmentDeltaResponse> {
    return this.#appointments.delta(cursor, limit);
  }
  async appointmentSlots(
    itemId: string,
    serviceDate: string,
  ): Promise<Result<AppointmentSlot[], 'not_found'>> {
    return this.#appointments.slots(await this.#catalogue.hall(), itemId, serviceDate);
  }
  async bookAppointment(
    request: AppointmentBookingRequest,
    _nowMs: number,
  ): Promise<Result<Appointment, StorageFailureCode>> {
    return this.#appointments.book(await this.#catalogue.hall(), request);
  }
  caseProgress(caseNumber: string): Promise<CaseProgress | null> {
    return this.#cases.progress(caseNumber);
  }
  async openCases(limit: number): Promise<OpenCase[]> {
    const hall = await this.#catalogue.hall();
    return (await this.#cases.openRows(limit)).map((row) => openCaseOf(row, hall));
  }
  flaggedRatings(limit: number): Promise<FlaggedRating[]> {
    return this.#cases.flaggedRatings(badRatingAtMost, limit);
  }
  followUpRating(
    caseNumber: string,
    actor: StaffActor,
    nowMs: number,
  ): Promise<Result<{ followedUpAtMs: number }, 'not_found' | 'conflict'>> {
    return this.#cases.followUp(caseNumber, badRatingAtMost, actor.username, nowMs);
  }
  async caseFile(caseNumber: string): Promise<CaseFile | null> {
    const file = await this.#cases.file(this.#db, caseNumber);
    return file ? this.#completed(this.#db, file) : null;
  }
  /** The file named from the catalogue, with its bundle (a part) or its parts (a bundle case). */
  async #completed(sql: Sql, file: CaseFileWithoutItem): Promise<CaseFile> {
    return withCatalogue(file, await this.#catalogue.hall(sql), {
      partOf: await this.#cases.bundleLink(sql, file.caseNumber),
      parts: await this.#cases.partsOf(sql, file.caseNumber),
    });
  }
  takeCaseStep(
    caseNumber: string,
    request: CaseStepRequest,
    actor: StaffActor,
    nowMs: number,
  ): Promise<Result<CaseFile, StorageFailureCode>> {
    return this.#db.transaction(async (sql) => {
      // Locked for the transaction: two windows stepping the same case take turns.
      const row = await this.#cases.row(sql, caseNumber, true);
      if (!row) return err('not_found', `unknown case ${caseNumber}`);
      if (row.kind === 'bundle')
        return err('invalid', bundleTakesNoSteps(await this.#cases.partsOf(sql, caseNumber)));
      const item = (await this.#catalogue.hall(sql)).items.get(row.itemId);
      const planned = planStaffStep(
        row.stage,
        request,
        new Set(item?.materials.map((m) => m.code) ?? []),
        nowMs,
      );
      if (!planned.ok) return planned;
      await this.#cases.takeStep(sql, caseNumber, planned.value, actor);
      if (row.bundleCaseNumber !== null) {
        const note = partStepNote(item, row.itemId, planned.value.to);
        await this.#cases.rollUpBundle(sql, row.bundleCaseNumber, nowMs, note);
      }
      return ok(await this.#completed(sql, (await this.#cases.file(sql, caseNumber))!));
    });
  }
  purgeOrders(cursor: string | undefined, limit: number): Promise<PurgeOrderDeltaResponse> {
    return this.#purgeOrders.list(cursor, limit);
  }
  createPurgeOrder(keyedHash: string, nowMs: number): Promise<PurgeOrder> {
    return this.#purgeOrders.create(keyedHash, nowMs);
  }
  purgeOrderAcks(orderId: string): Promise<PurgeOrderAcks | null> {
    return this.#purgeOrders.acks(orderId);
  }

  // ------------------------------------------------------------ staff desk and display
  staffOverview(serviceDate: string): Promise<StaffOverview> {
    return this.#desk.overview(serviceDate);
  }
  setWindowOpen(windowId: string, open: boolean): Promise<Result<void, 'not_found'>> {
    return this.#desk.setWindowOpen(windowId, open);
  }
  callNext(
    windowId: string,
    serviceDate: string,
    nowMs: number,
  ): Promise<Result<TicketView | null, 'not_found'>> {
    return this.#desk.callNext(windowId, serviceDate, nowMs);
  }
  transferTicket(ticketId: string, queueId: string, nowMs: number): Promise<Result<TicketView, 'not_found'>> {
    return this.#desk.transfer(ticketId, queueId, nowMs);
  }
  markNoShow(ticketId: string, nowMs: number): Promise<Result<TicketView, 'not_found'>> {
    return this.#desk.markNoShow(ticketId, nowMs);
  }
  recentCalls(limit: number): Promise<DisplayCalls> {
    return this.#desk.recentCalls(limit);
  }

  // ------------------------------------------------------------ staff accounts, sessions, audit
  countStaffAccounts(): Promise<number> {
    return this.#staff.count();
  }
  createStaffAccount(
    account: StaffAccount & { passwordHash: string },
  ): Promise<Result<StaffAccount, 'conflict'>> {
    return this.#staff.create(account);
  }
  staffCredentials(username: string): Promise<StaffCredentials | null> {
    return this.#staff.credentials(username);
  }
  recordStaffLogin(accountId: string, success: boolean, nowMs: number, policy: LockoutPolicy): Promise<void> {
    return this.#staff.recordLogin(accountId, success, nowMs, policy);
  }
  createStaffSession(
    tokenHash: string,
    accountId: string,
    expiresAtMs: number,
    nowMs: number,
  ): Promise<void> {
    return this.#staff.createSession(tokenHash, accountId, expiresAtMs, nowMs);
  }
  staffSession(tokenHash: string, nowMs: number): Promise<StaffPrincipal | null> {
    return this.#staff.session(tokenHash, nowMs);
  }
  endStaffSession(tokenHash: string): Promise<void> {
    return this.#staff.endSession(tokenHash);
  }
  recordAudit(entry: NewAuditEntry): Promise<void> {
    return this.#staff.audit(entry);
  }
  auditLog(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    return this.#staff.auditPage(afterSeq, limit);
  }
}
