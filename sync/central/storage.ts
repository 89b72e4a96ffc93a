/**
 * Everything the central server keeps, behind one interface: routes call only this, so a province-scale
 * deployment can swap the SQLite implementation (sqlite/) for PostgreSQL without touching them.
 * Methods are async for that reason even though better-sqlite3 is synchronous. Expected failures
 * (unknown ids, a full slot, a lease key reused) are Result values; a lookup that finds nothing is null.
 */
import type { Result } from '../../kernel/result';
import type { CaseFile, CasePartOf, CaseStepRequest } from '../protocol/case-workflow';
import type { AuditEntry, PayoutReview, StaffAccount, StaffRole } from '../protocol/central-admin';
import type {
  Appointment,
  AppointmentBookingRequest,
  AppointmentDeltaResponse,
  CaseProgress,
  CatalogueDeltaResponse,
  DeliveryKind,
  HeartbeatRequest,
  PurgeOrder,
  PurgeOrderAcks,
  PurgeOrderDeltaResponse,
  QueueState,
  StoreDeltaResponse,
  StoreRecord,
  TicketBlock,
  TicketBlockRequest,
} from '../protocol/central-api';
import type { DisplayCalls, StaffOverview, TicketView } from '../protocol/central-staff';
import type { FlaggedRating } from '../protocol/supervision';

/** An open case (not finished, not rejected) with what supervision needs from the catalogue. */
export interface OpenCase {
  caseNumber: string;
  itemId: string;
  departmentId: string;
  departmentName: Record<string, string>;
  /** The window that called its ticket, or null before one did. */
  windowLabel: string | null;
  stage: CaseFile['stage'];
  receivedAtMs: number;
  /** The item's 承诺时限 in working days. */
  timeLimitDays: number;
  /** A part case of a 一件事: its bundle case and place. */
  partOf?: CasePartOf;
}

export interface KioskRecord {
  kioskId: string;
  kioskCode: string;
  name: string;
}

/** One enrolment request, its code already hashed. */
export interface EnrolmentAttempt {
  /** The id a new kiosk gets (a repeat gets the one it was given). */
  kioskId: string;
  name: string;
  appVersion: string;
  codeHash: string;
  requestId: string;
  publicKey: string;
  nowMs: number;
  /** The hash of the credential the server will answer for this kiosk id. */
  credentialHashOf(kioskId: string): string;
}

export interface EnrolledKiosk extends KioskRecord {
  /** True when this answers a repeat of an earlier request. */
  repeat: boolean;
}

/** Who took a case step. */
export interface StaffActor {
  accountId: string;
  username: string;
}

export interface StaffPrincipal {
  accountId: string;
  username: string;
  role: StaffRole;
}

export interface StaffCredentials extends StaffPrincipal {
  /** scrypt parameters, salt and hash (sync/central/staff-auth.ts). */
  passwordHash: string;
  lockedUntilMs: number | null;
}

export interface LockoutPolicy {
  maxFailures: number;
  lockMs: number;
}

export type NewAuditEntry = Omit<AuditEntry, 'seq'>;

/** A delivery whose payload has already been validated against its kind's schema. */
export interface ValidatedDelivery {
  kind: DeliveryKind;
  idempotencyKey: string;
  kioskSeq: number;
  payload: unknown;
  /** Hash of the canonical JSON of kind + payload: a key reused with another body is a conflict. */
  requestHash: string;
}

/** What the single-item endpoint answers; `responseJson` is the exact stored text for 2xx repeats. */
export interface DeliveryOutcome {
  idempotencyKey: string;
  status: number;
  responseJson: string;
}

export interface AcceptedDelivery {
  kioskId: string;
  kind: DeliveryKind;
  idempotencyKey: string;
  kioskSeq: number;
  /** Order in which the server first accepted it (across all kiosks). */
  acceptOrder: number;
}

/** not_found: an id names nothing; conflict: the request clashes with what is stored; invalid: it cannot be met. */
export type StorageFailureCode = 'not_found' | 'conflict' | 'invalid';

export interface AppointmentSlot {
  slotStart: string;
  slotEnd: string;
  available: number;
}

export interface CatalogueInput {
  kind: string;
  id: string;
  version: number;
  body: unknown;
}

export interface CentralStorage {
  close(): Promise<void>;

  createEnrolmentCode(codeHash: string, expiresAtMs: number): Promise<void>;
  /**
   * Uses the code once and numbers the kiosk; `invalid` when the code is unknown, used or expired,
   * `conflict` when the request id was used with another key or code. A repeat gets the same kiosk.
   */
  enrolKiosk(attempt: EnrolmentAttempt): Promise<Result<EnrolledKiosk, 'invalid' | 'conflict'>>;
  kioskByCredentialHash(credentialHash: string): Promise<KioskRecord | null>;
  recordHeartbeat(kioskId: string, heartbeat: HeartbeatRequest, nowMs: number): Promise<void>;

  putCatalogueEntries(entries: readonly CatalogueInput[]): Promise<void>;
  catalogueDelta(cursor: string | undefined, limit: number): Promise<CatalogueDeltaResponse>;

  /** A reviewed record (seed, import): applied as it is, as a new version. */
  putStoreRecord(record: Omit<StoreRecord, 'version'>): Promise<StoreRecord>;
  /** Every version of a person's record, oldest first (null record: erased). */
  storeRecordVersions(keyedHash: string): Promise<{ version: number; record: StoreRecord | null }[]>;
  payoutReviews(state: PayoutReview['state']): Promise<PayoutReview[]>;
  /** Approving applies the proposed payout fields as a new version of the person's record. */
  decidePayoutReview(
    reviewId: string,
    approve: boolean,
    decidedBy: string,
    nowMs: number,
  ): Promise<Result<PayoutReview, 'not_found' | 'conflict'>>;
  getStoreRecord(keyedHash: string): Promise<StoreRecord | null>;
  storeDelta(cursor: string | undefined, limit: number): Promise<StoreDeltaResponse>;

  presentMaterials(sha256s: readonly string[]): Promise<Set<string>>;
  /** Bytes already verified against the digest; true when newly stored. */
  putMaterials(
    materials: readonly { sha256: string; bytes: Uint8Array }[],
    nowMs: number,
  ): Promise<boolean[]>;
  getMaterial(sha256: string): Promise<Buffer | null>;

  /** In one transaction, in order; each item as its own endpoint would answer it. */
  deliver(kioskId: string, items: readonly ValidatedDelivery[], nowMs: number): Promise<DeliveryOutcome[]>;
  acceptedDeliveries(): Promise<AcceptedDelivery[]>;

  leaseTicketBlock(
    kioskId: string,
    request: TicketBlockRequest,
    nowMs: number,
  ): Promise<Result<TicketBlock, 'not_found' | 'conflict'>>;
  queueState(serviceDate: string, nowMs: number): Promise<QueueState>;

  appointmentDelta(cursor: string | undefined, limit: number): Promise<AppointmentDeltaResponse>;
  appointmentSlots(itemId: string, serviceDate: string): Promise<Result<AppointmentSlot[], 'not_found'>>;
  bookAppointment(
    request: AppointmentBookingRequest,
    nowMs: number,
  ): Promise<Result<Appointment, StorageFailureCode>>;
  caseProgress(caseNumber: string): Promise<CaseProgress | null>;
  /** Every case neither finished nor rejected, oldest first (at most `limit`). */
  openCases(limit: number): Promise<OpenCase[]>;
  /** Ratings of 2 or less not yet followed up, oldest first. */
  flaggedRatings(limit: number): Promise<FlaggedRating[]>;
  /** Marks a 差评 followed up by this staff member (`conflict`: already; `not_found`: no such 差评). */
  followUpRating(
    caseNumber: string,
    actor: StaffActor,
    nowMs: number,
  ): Promise<Result<{ followedUpAtMs: number }, 'not_found' | 'conflict'>>;
  /** The window's view of a case: form, materials, stage and every step (null: no such case). */
  caseFile(caseNumber: string): Promise<CaseFile | null>;
  /**
   * One window step (受理 / 补正 / 办结 / 不予受理), recorded with the staff account in one transaction:
   * `conflict` when the transition table has no such step from the case's stage, `invalid` when it names
   * what the item does not have.
   */
  takeCaseStep(
    caseNumber: string,
    request: CaseStepRequest,
    actor: StaffActor,
    nowMs: number,
  ): Promise<Result<CaseFile, StorageFailureCode>>;

  purgeOrders(cursor: string | undefined, limit: number): Promise<PurgeOrderDeltaResponse>;
  /** Deletes the person from the central store and records the order for every kiosk. */
  createPurgeOrder(keyedHash: string, nowMs: number): Promise<PurgeOrder>;
  /** Which kiosks acknowledged the order (null: no such order). */
  purgeOrderAcks(orderId: string): Promise<PurgeOrderAcks | null>;

  staffOverview(serviceDate: string): Promise<StaffOverview>;
  setWindowOpen(windowId: string, open: boolean): Promise<Result<void, 'not_found'>>;
  /** Finishes what the window serves and calls the next ticket; null when nobody waits. */
  callNext(
    windowId: string,
    serviceDate: string,
    nowMs: number,
  ): Promise<Result<TicketView | null, 'not_found'>>;
  transferTicket(ticketId: string, queueId: string, nowMs: number): Promise<Result<TicketView, 'not_found'>>;
  markNoShow(ticketId: string, nowMs: number): Promise<Result<TicketView, 'not_found'>>;
  recentCalls(limit: number): Promise<DisplayCalls>;

  countStaffAccounts(): Promise<number>;
  createStaffAccount(
    account: StaffAccount & { passwordHash: string },
  ): Promise<Result<StaffAccount, 'conflict'>>;
  staffCredentials(username: string): Promise<StaffCredentials | null>;
  recordStaffLogin(accountId: string, success: boolean, nowMs: number, policy: LockoutPolicy): Promise<void>;
  createStaffSession(tokenHash: string, accountId: string, expiresAtMs: number, nowMs: number): Promise<void>;
  staffSession(tokenHash: string, nowMs: number): Promise<StaffPrincipal | null>;
  endStaffSession(tokenHash: string): Promise<void>;
  recordAudit(entry: NewAuditEntry): Promise<void>;
  auditLog(afterSeq: number, limit: number): Promise<AuditEntry[]>;
}

/**
 * A delta feed was asked to continue from a cursor the storage never issued. Thrown by the delta
 * methods; the server answers 400 rather than restarting the feed from the beginning.
 */
export class BadCursorError extends Error {
  constructor(cursor: string) {
    super(
      `cursor ${JSON.stringify(cursor.slice(0, 40))} was not issued by this server: restart the feed without one`,
    );
    this.name = 'BadCursorError';
  }
}
