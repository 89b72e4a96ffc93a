/**
 * CentralStorage on one SQLite file: a thin adapter over one module per area, each owning its tables
 * (kiosks, catalogue, form-free store, materials, intake, tickets and blocks, the hall desk, cases,
 * appointments, purge orders). Business rules of intake live in the store because they must run
 * inside its own transaction; a PostgreSQL implementation re-states them in SQL of its own.
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
import { createEnvelopeCipher, defaultMasterKeyFile, loadOrCreateMasterKey } from '../at-rest-cipher';
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
import { AppointmentTable } from './appointments';
import { type CaseFileWithoutItem, CaseTable } from './cases';
import { CatalogueTable } from './catalogue';
import {
  type CentralDatabase,
  type OpenCentralDatabaseOptions,
  openCentralDatabase,
} from './central-database';
import { Counters } from './counters';
import { FormFreeStoreTable } from './form-free-store';
import { HallDesk } from './hall-desk';
import { Intake } from './intake';
import { KioskTable } from './kiosks';
import { MaterialTable } from './materials';
import { PurgeOrderTable } from './purge-orders';
import { StaffTable } from './staff';
import { TicketBlockTable } from './ticket-blocks';
import { TicketTable } from './tickets';

export interface SqliteCentralStorageOptions extends Partial<OpenCentralDatabaseOptions> {
  /** The hall's time zone, for tickets the server numbers itself. */
  timeZone?: string;
  /** The master key's file when no cipher is given (default: beside the data folder, never in it). */
  masterKeyFile?: string;
}

export class SqliteCentralStorage implements CentralStorage {
  readonly #db: CentralDatabase;
  readonly #kiosks: KioskTable;
  readonly #catalogue: CatalogueTable;
  readonly #store: FormFreeStoreTable;
  readonly #materials: MaterialTable;
  readonly #tickets: TicketTable;
  readonly #blocks: TicketBlockTable;
  readonly #cases: CaseTable;
  readonly #appointments: AppointmentTable;
  readonly #purgeOrders: PurgeOrderTable;
  readonly #desk: HallDesk;
  readonly #intake: Intake;
  readonly #staff: StaffTable;

  constructor(dataDir: string, options: SqliteCentralStorageOptions = {}) {
    const cipher =
      options.cipher ??
      createEnvelopeCipher(
        loadOrCreateMasterKey(options.masterKeyFile ?? defaultMasterKeyFile(dataDir), dataDir),
      );
    const db = openCentralDatabase(dataDir, { ...options, cipher });
    const counters = new Counters(db);
    this.#db = db;
    this.#kiosks = new KioskTable(db, counters);
    this.#catalogue = new CatalogueTable(db, counters);
    this.#store = new FormFreeStoreTable(db, counters, cipher);
    this.#materials = new MaterialTable(db, cipher);
    this.#tickets = new TicketTable(db);
    this.#blocks = new TicketBlockTable(db);
    this.#cases = new CaseTable(db, cipher);
    this.#appointments = new AppointmentTable(db, counters);
    this.#purgeOrders = new PurgeOrderTable(db, this.#store);
    this.#staff = new StaffTable(db);
    this.#desk = new HallDesk(db, this.#catalogue, this.#tickets, this.#cases);
    this.#intake = new Intake(
      db,
      {
        kiosks: this.#kiosks,
        catalogue: this.#catalogue,
        materials: this.#materials,
        store: this.#store,
        cases: this.#cases,
        tickets: this.#tickets,
        blocks: this.#blocks,
        appointments: this.#appointments,
        purgeOrders: this.#purgeOrders,
      },
      options.timeZone ?? 'Asia/Shanghai',
    );
  }

  async close(): Promise<void> {
    this.#db.close();
  }

  // ------------------------------------------------------------ kiosks
  async createEnrolmentCode(codeHash: string, expiresAtMs: number): Promise<void> {
    this.#kiosks.createEnrolmentCode(codeHash, expiresAtMs);
  }
  async enrolKiosk(attempt: EnrolmentAttempt): Promise<Result<EnrolledKiosk, 'invalid' | 'conflict'>> {
    return this.#kiosks.enrol(attempt);
  }
  async kioskByCredentialHash(credentialHash: string): Promise<KioskRecord | null> {
    return this.#kiosks.byCredentialHash(credentialHash);
  }
  async recordHeartbeat(kioskId: string, heartbeat: HeartbeatRequest, nowMs: number): Promise<void> {
    this.#kiosks.recordHeartbeat(kioskId, heartbeat, nowMs);
  }

  // ------------------------------------------------------------ catalogue, form-free store, materials
  async putCatalogueEntries(entries: readonly CatalogueInput[]): Promise<void> {
    this.#catalogue.put(entries);
  }
  async catalogueDelta(cursor: string | undefined, limit: number): Promise<CatalogueDeltaResponse> {
    return this.#catalogue.delta(cursor, limit);
  }
  async putStoreRecord(record: Omit<StoreRecord, 'version'>): Promise<StoreRecord> {
    return this.#db.transaction(() => this.#store.put(record));
  }
  async storeRecordVersions(keyedHash: string): Promise<{ version: number; record: StoreRecord | null }[]> {
    return this.#store.versions(keyedHash);
  }
  async payoutReviews(state: PayoutReview['state']): Promise<PayoutReview[]> {
    return this.#store.reviews(state);
  }
  async decidePayoutReview(
    reviewId: string,
    approve: boolean,
    decidedBy: string,
    nowMs: number,
  ): Promise<Result<PayoutReview, 'not_found' | 'conflict'>> {
    return this.#store.decide(reviewId, approve, decidedBy, nowMs);
  }
  async getStoreRecord(keyedHash: string): Promise<StoreRecord | null> {
    return this.#store.get(keyedHash);
  }
  async storeDelta(cursor: string | undefined, limit: number): Promise<StoreDeltaResponse> {
    return this.#store.delta(cursor, limit);
  }
  async presentMaterials(sha256s: readonly string[]): Promise<Set<string>> {
    return this.#materials.present(sha256s);
  }
  async putMaterials(
    materials: readonly { sha256: string; bytes: Uint8Array }[],
    nowMs: number,
  ): Promise<boolean[]> {
    return this.#materials.put(materials, nowMs);
  }
  async getMaterial(sha256: string): Promise<Buffer | null> {
    return this.#materials.get(sha256);
  }

  // ------------------------------------------------------------ intake
  async deliver(
    kioskId: string,
    items: readonly ValidatedDelivery[],
    nowMs: number,
  ): Promise<DeliveryOutcome[]> {
    return this.#intake.deliver(kioskId, items, nowMs);
  }
  async acceptedDeliveries(): Promise<AcceptedDelivery[]> {
    return this.#intake.accepted();
  }

  // ------------------------------------------------------------ tickets and queues
  async leaseTicketBlock(
    kioskId: string,
    request: TicketBlockRequest,
    nowMs: number,
  ): Promise<Result<TicketBlock, 'not_found' | 'conflict'>> {
    const queue = this.#catalogue.hall().queues.get(request.queueId);
    if (!queue) return err('not_found', `unknown queue ${request.queueId}`);
    return this.#blocks.lease(kioskId, request, queue, nowMs);
  }
  async queueState(serviceDate: string, nowMs: number): Promise<QueueState> {
    return this.#desk.queueState(serviceDate, nowMs);
  }

  // ------------------------------------------------------------ appointments, cases, purges
  async appointmentDelta(cursor: string | undefined, limit: number): Promise<AppointmentDeltaResponse> {
    return this.#appointments.delta(cursor, limit);
  }
  async appointmentSlots(
    itemId: string,
    serviceDate: string,
  ): Promise<Result<AppointmentSlot[], 'not_found'>> {
    return this.#appointments.slots(this.#catalogue.hall(), itemId, serviceDate);
  }
  async bookAppointment(
    request: AppointmentBookingRequest,
    _nowMs: number,
  ): Promise<Result<Appointment, StorageFailureCode>> {
    return this.#appointments.book(this.#catalogue.hall(), request);
  }
  async caseProgress(caseNumber: string): Promise<CaseProgress | null> {
    const found = this.#cases.progress(caseNumber);
    if (!found) return null;
    return { ...found.progress, ticketDisplay: this.#tickets.row(found.ticketId)?.display ?? null };
  }
  async openCases(limit: number): Promise<OpenCase[]> {
    const hall = this.#catalogue.hall();
    return this.#cases.openRows(limit).map((row) => openCaseOf(row, hall));
  }
  async flaggedRatings(limit: number): Promise<FlaggedRating[]> {
    return this.#cases.flaggedRatings(badRatingAtMost, limit);
  }
  async followUpRating(
    caseNumber: string,
    actor: StaffActor,
    nowMs: number,
  ): Promise<Result<{ followedUpAtMs: number }, 'not_found' | 'conflict'>> {
    return this.#db.transaction(() =>
      this.#cases.followUp(caseNumber, badRatingAtMost, actor.username, nowMs),
    );
  }
  async caseFile(caseNumber: string): Promise<CaseFile | null> {
    const file = this.#cases.file(caseNumber);
    return file ? this.#completed(file) : null;
  }
  /** The file named from the catalogue, with its bundle (a part) or its parts (a bundle case). */
  #completed(file: CaseFileWithoutItem): CaseFile {
    return withCatalogue(file, this.#catalogue.hall(), {
      partOf: this.#cases.bundleLink(file.caseNumber),
      parts: this.#cases.partsOf(file.caseNumber),
    });
  }
  async takeCaseStep(
    caseNumber: string,
    request: CaseStepRequest,
    actor: StaffActor,
    nowMs: number,
  ): Promise<Result<CaseFile, StorageFailureCode>> {
    return this.#db.transaction(() => {
      const row = this.#cases.row(caseNumber);
      if (!row) return err('not_found', `unknown case ${caseNumber}`);
      const hall = this.#catalogue.hall();
      if (row.kind === 'bundle') return err('invalid', bundleTakesNoSteps(this.#cases.partsOf(caseNumber)));
      const item = hall.items.get(row.itemId);
      const planned = planStaffStep(
        row.stage,
        request,
        new Set(item?.materials.map((m) => m.code) ?? []),
        nowMs,
      );
      if (!planned.ok) return planned;
      this.#cases.takeStep(caseNumber, planned.value, actor);
      if (row.bundleCaseNumber !== null)
        this.#cases.rollUpBundle(
          row.bundleCaseNumber,
          nowMs,
          partStepNote(item, row.itemId, planned.value.to),
        );
      return ok(this.#completed(this.#cases.file(caseNumber)!));
    });
  }
  async purgeOrders(cursor: string | undefined, limit: number): Promise<PurgeOrderDeltaResponse> {
    return this.#purgeOrders.list(cursor, limit);
  }
  async createPurgeOrder(keyedHash: string, nowMs: number): Promise<PurgeOrder> {
    return this.#purgeOrders.create(keyedHash, nowMs);
  }
  async purgeOrderAcks(orderId: string): Promise<PurgeOrderAcks | null> {
    return this.#purgeOrders.acks(orderId);
  }

  // ------------------------------------------------------------ staff desk and display
  async staffOverview(serviceDate: string): Promise<StaffOverview> {
    return this.#desk.overview(serviceDate);
  }
  async setWindowOpen(windowId: string, open: boolean): Promise<Result<void, 'not_found'>> {
    return this.#desk.setWindowOpen(windowId, open);
  }
  async callNext(
    windowId: string,
    serviceDate: string,
    nowMs: number,
  ): Promise<Result<TicketView | null, 'not_found'>> {
    return this.#desk.callNext(windowId, serviceDate, nowMs);
  }
  async transferTicket(
    ticketId: string,
    queueId: string,
    nowMs: number,
  ): Promise<Result<TicketView, 'not_found'>> {
    return this.#desk.transfer(ticketId, queueId, nowMs);
  }
  async markNoShow(ticketId: string, nowMs: number): Promise<Result<TicketView, 'not_found'>> {
    return this.#desk.markNoShow(ticketId, nowMs);
  }
  async recentCalls(limit: number): Promise<DisplayCalls> {
    return this.#desk.recentCalls(limit);
  }

  // ------------------------------------------------------------ staff accounts, sessions, audit
  async countStaffAccounts(): Promise<number> {
    return this.#staff.count();
  }
  async createStaffAccount(
    account: StaffAccount & { passwordHash: string },
  ): Promise<Result<StaffAccount, 'conflict'>> {
    return this.#db.transaction(() => this.#staff.create(account));
  }
  async staffCredentials(username: string): Promise<StaffCredentials | null> {
    return this.#staff.credentials(username);
  }
  async recordStaffLogin(
    accountId: string,
    success: boolean,
    nowMs: number,
    policy: LockoutPolicy,
  ): Promise<void> {
    this.#db.transaction(() => this.#staff.recordLogin(accountId, success, nowMs, policy));
  }
  async createStaffSession(
    tokenHash: string,
    accountId: string,
    expiresAtMs: number,
    nowMs: number,
  ): Promise<void> {
    this.#staff.createSession(tokenHash, accountId, expiresAtMs, nowMs);
  }
  async staffSession(tokenHash: string, nowMs: number): Promise<StaffPrincipal | null> {
    return this.#staff.session(tokenHash, nowMs);
  }
  async endStaffSession(tokenHash: string): Promise<void> {
    this.#staff.endSession(tokenHash);
  }
  async recordAudit(entry: NewAuditEntry): Promise<void> {
    this.#staff.audit(entry);
  }
  async auditLog(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    return this.#staff.auditPage(afterSeq, limit);
  }
}
