/**
 * Everything the central server keeps, behind one interface: routes call only this, so a province-scale
 * deployment can swap the SQLite implementation (sqlite/) for PostgreSQL without touching them.
 * Methods are async for that reason even though better-sqlite3 is synchronous. Expected failures
 * (unknown ids, a full slot, a lease key reused) are Result values; a lookup that finds nothing is null.
 */
import type { Result } from '../../kernel/result';
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

export interface KioskRecord {
  kioskId: string;
  kioskCode: string;
  name: string;
}

export interface NewKiosk extends KioskRecord {
  codeHash: string;
  credentialHash: string;
  appVersion: string;
  nowMs: number;
}

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
  /** Uses the code once; `invalid` when it is unknown, used or expired. */
  enrolKiosk(kiosk: NewKiosk): Promise<Result<KioskRecord, 'invalid'>>;
  kioskByCredentialHash(credentialHash: string): Promise<KioskRecord | null>;
  nextKioskNumber(): Promise<number>;
  recordHeartbeat(kioskId: string, heartbeat: HeartbeatRequest, nowMs: number): Promise<void>;

  putCatalogueEntries(entries: readonly CatalogueInput[]): Promise<void>;
  catalogueDelta(cursor: string | undefined, limit: number): Promise<CatalogueDeltaResponse>;

  putStoreRecord(record: Omit<StoreRecord, 'version'>): Promise<StoreRecord>;
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
