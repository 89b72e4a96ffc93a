/**
 * CentralStorage on one SQLite file (better-sqlite3, WAL, synchronous=FULL: an acknowledged delivery
 * survives a crash). Business rules of intake live here because they must run inside the storage's own
 * transaction; a PostgreSQL implementation re-states them in SQL of its own.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { hallDateOf as serviceDateOf } from '../../kernel/hall-time';
import { formatTicketDisplay } from '../../kernel/ticket-display';
import {
  catalogueEntrySchemas,
  type Department,
  type Queue,
  type ServiceItem,
  type ServiceWindow,
} from '../protocol/catalogue';
import type {
  Appointment,
  AppointmentBookingRequest,
  AppointmentDeltaResponse,
  CaseProgress,
  CatalogueDeltaResponse,
  CheckinPayload,
  ErrorBody,
  ErrorCode,
  HeartbeatRequest,
  IssuedTicket,
  PurgeOrder,
  PurgeOrderDeltaResponse,
  QueueState,
  RatingPayload,
  StoreDeltaResponse,
  StoreRecord,
  SubmissionPayload,
  TicketBlock,
  TicketBlockRequest,
  TicketRef,
  TicketReportPayload,
} from '../protocol/central-api';
import type { DisplayCalls, StaffOverview, TicketView } from '../protocol/central-staff';
import type {
  AcceptedDelivery,
  CatalogueInput,
  CentralStorage,
  DeliveryOutcome,
  KioskRecord,
  NewKiosk,
  StorageFailure,
  ValidatedDelivery,
} from './storage';

const schemaSql = `
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS enrolment_codes (code_hash TEXT PRIMARY KEY, expires_at INTEGER NOT NULL, used_at INTEGER);
CREATE TABLE IF NOT EXISTS kiosks (
  kiosk_id TEXT PRIMARY KEY, kiosk_code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  credential_hash TEXT NOT NULL UNIQUE, app_version TEXT NOT NULL, enrolled_at INTEGER NOT NULL,
  last_heartbeat_at INTEGER, last_heartbeat TEXT);
CREATE TABLE IF NOT EXISTS catalogue_entries (
  kind TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, body TEXT, change_seq INTEGER NOT NULL,
  PRIMARY KEY (kind, id));
CREATE INDEX IF NOT EXISTS catalogue_by_change ON catalogue_entries (change_seq);
CREATE TABLE IF NOT EXISTS store_records (
  keyed_hash TEXT PRIMARY KEY, version INTEGER NOT NULL, record TEXT, change_seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS store_by_change ON store_records (change_seq);
CREATE TABLE IF NOT EXISTS materials (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, bytes BLOB NOT NULL, stored_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS deliveries (
  accept_order INTEGER PRIMARY KEY AUTOINCREMENT, idempotency_key TEXT NOT NULL UNIQUE, kiosk_id TEXT NOT NULL,
  kind TEXT NOT NULL, kiosk_seq INTEGER NOT NULL, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
  response TEXT NOT NULL, received_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS cases (
  case_number TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL, kiosk_id TEXT NOT NULL, item_id TEXT NOT NULL,
  department_id TEXT NOT NULL, queue_id TEXT NOT NULL, ticket_id TEXT NOT NULL, payload TEXT NOT NULL,
  status TEXT NOT NULL, received_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS case_events (case_number TEXT NOT NULL, at INTEGER NOT NULL, status TEXT NOT NULL, note TEXT);
CREATE INDEX IF NOT EXISTS case_events_by_case ON case_events (case_number, at);
CREATE TABLE IF NOT EXISTS ticket_blocks (
  block_id TEXT PRIMARY KEY, lease_key TEXT NOT NULL UNIQUE, kiosk_id TEXT, queue_id TEXT NOT NULL,
  service_date TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL, leased_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS ticket_counters (queue_id TEXT NOT NULL, service_date TEXT NOT NULL, next_number INTEGER NOT NULL,
  PRIMARY KEY (queue_id, service_date));
CREATE TABLE IF NOT EXISTS tickets (
  ticket_id TEXT PRIMARY KEY, queue_id TEXT NOT NULL, number_queue_id TEXT NOT NULL, service_date TEXT NOT NULL,
  number INTEGER NOT NULL, display TEXT NOT NULL, block_id TEXT, kiosk_id TEXT, state TEXT NOT NULL,
  window_id TEXT, case_number TEXT, item_id TEXT, priority INTEGER NOT NULL, issued_at INTEGER NOT NULL,
  queued_at INTEGER NOT NULL, called_at INTEGER, finished_at INTEGER,
  UNIQUE (number_queue_id, service_date, number));
CREATE INDEX IF NOT EXISTS tickets_waiting ON tickets (queue_id, service_date, state, queued_at);
CREATE TABLE IF NOT EXISTS window_overrides (window_id TEXT PRIMARY KEY, open INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS ratings (case_number TEXT PRIMARY KEY, grade INTEGER NOT NULL, reasons TEXT NOT NULL,
  comment TEXT, rated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS appointments (
  appointment_id TEXT PRIMARY KEY, booking_key TEXT UNIQUE, body TEXT NOT NULL, version INTEGER NOT NULL,
  change_seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS appointments_by_change ON appointments (change_seq);
CREATE TABLE IF NOT EXISTS purge_orders (order_seq INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT NOT NULL UNIQUE,
  keyed_hash TEXT NOT NULL, issued_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS purge_acks (order_id TEXT NOT NULL, kiosk_id TEXT NOT NULL, completed_at INTEGER NOT NULL,
  PRIMARY KEY (order_id, kiosk_id));
CREATE TABLE IF NOT EXISTS calls (call_seq INTEGER PRIMARY KEY AUTOINCREMENT, ticket_id TEXT NOT NULL,
  display TEXT NOT NULL, window_label TEXT NOT NULL, called_at INTEGER NOT NULL);
`;

interface TicketRow {
  ticket_id: string;
  queue_id: string;
  service_date: string;
  number: number;
  display: string;
  state: TicketView['state'];
  window_id: string | null;
  case_number: string | null;
  item_id: string | null;
  priority: number;
  issued_at: number;
  called_at: number | null;
}

interface HallModel {
  departments: Map<string, Department>;
  windows: Map<string, ServiceWindow>;
  queues: Map<string, Queue>;
  items: Map<string, ServiceItem>;
}

/** A delivery answer that is not stored: the same request gets the same answer again (4xx). */
class DeliveryRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly missing?: string[],
  ) {
    super(message);
  }
  body(): ErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.missing ? { missing: this.missing } : {}) },
    };
  }
}

const slotTimes = [
  '09:00',
  '09:30',
  '10:00',
  '10:30',
  '11:00',
  '11:30',
  '14:00',
  '14:30',
  '15:00',
  '15:30',
  '16:00',
  '16:30',
];
const slotCapacity = 4;

function addMinutes(hhmm: string, minutes: number): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const total = h * 60 + m + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function cursorToSeq(cursor: string | undefined): number {
  const value = Number(cursor ?? '0');
  return Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

export class SqliteCentralStorage implements CentralStorage {
  readonly #db: Database.Database;
  readonly #timeZone: string;
  #hall: HallModel | null = null;

  constructor(dataDir: string, options: { timeZone?: string } = {}) {
    this.#timeZone = options.timeZone ?? 'Asia/Shanghai';
    mkdirSync(dataDir, { recursive: true });
    this.#db = new Database(join(dataDir, 'central.sqlite'));
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.exec(schemaSql);
  }

  readonly #statements = new Map<string, Database.Statement>();

  /** Prepared once per SQL text: preparing is a large share of a small request's cost. */
  #stmt(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  async close(): Promise<void> {
    this.#db.close();
  }

  #nextCounter(name: string): number {
    const row = this.#stmt(
      'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value',
    ).get(name) as { value: number };
    return row.value;
  }

  // ------------------------------------------------------------ kiosks

  async createEnrolmentCode(codeHash: string, expiresAtMs: number): Promise<void> {
    this.#stmt(
      'INSERT OR REPLACE INTO enrolment_codes (code_hash, expires_at, used_at) VALUES (?, ?, NULL)',
    ).run(codeHash, expiresAtMs);
  }

  async enrolKiosk(kiosk: NewKiosk): Promise<boolean> {
    return this.#db.transaction(() => {
      const used = this.#stmt(
        'UPDATE enrolment_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?',
      ).run(kiosk.nowMs, kiosk.codeHash, kiosk.nowMs);
      if (used.changes !== 1) return false;
      this.#stmt(
        'INSERT INTO kiosks (kiosk_id, kiosk_code, name, credential_hash, app_version, enrolled_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(kiosk.kioskId, kiosk.kioskCode, kiosk.name, kiosk.credentialHash, kiosk.appVersion, kiosk.nowMs);
      return true;
    })();
  }

  async kioskByCredentialHash(credentialHash: string): Promise<KioskRecord | null> {
    const row = this.#stmt('SELECT kiosk_id, kiosk_code, name FROM kiosks WHERE credential_hash = ?').get(
      credentialHash,
    ) as { kiosk_id: string; kiosk_code: string; name: string } | undefined;
    return row ? { kioskId: row.kiosk_id, kioskCode: row.kiosk_code, name: row.name } : null;
  }

  async nextKioskNumber(): Promise<number> {
    return this.#nextCounter('kiosk');
  }

  async recordHeartbeat(kioskId: string, heartbeat: HeartbeatRequest, nowMs: number): Promise<void> {
    this.#stmt(
      'UPDATE kiosks SET last_heartbeat_at = ?, last_heartbeat = ?, app_version = ? WHERE kiosk_id = ?',
    ).run(nowMs, JSON.stringify(heartbeat), heartbeat.appVersion, kioskId);
  }

  // ------------------------------------------------------------ catalogue

  async putCatalogueEntries(entries: readonly CatalogueInput[]): Promise<void> {
    const upsert = this.#stmt(
      `INSERT INTO catalogue_entries (kind, id, version, body, change_seq) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(kind, id) DO UPDATE SET version = excluded.version, body = excluded.body, change_seq = excluded.change_seq
       WHERE excluded.version > catalogue_entries.version`,
    );
    this.#db.transaction(() => {
      for (const entry of entries) {
        upsert.run(
          entry.kind,
          entry.id,
          entry.version,
          entry.body === null ? null : JSON.stringify(entry.body),
          this.#nextCounter('catalogue'),
        );
      }
    })();
    this.#hall = null;
  }

  async catalogueDelta(cursor: string | undefined, limit: number): Promise<CatalogueDeltaResponse> {
    const after = cursorToSeq(cursor);
    const rows = this.#stmt(
      'SELECT kind, id, version, body, change_seq FROM catalogue_entries WHERE change_seq > ? ORDER BY change_seq LIMIT ?',
    ).all(after, limit + 1) as {
      kind: string;
      id: string;
      version: number;
      body: string | null;
      change_seq: number;
    }[];
    const page = rows.slice(0, limit);
    return {
      entries: page.map((r) => ({
        kind: r.kind,
        id: r.id,
        version: r.version,
        body: r.body === null ? null : JSON.parse(r.body),
      })),
      cursor: String(page.at(-1)?.change_seq ?? after),
      hasMore: rows.length > limit,
    };
  }

  /** The hall's structure, parsed from the catalogue (cached until the catalogue changes). */
  #hallModel(): HallModel {
    if (this.#hall) return this.#hall;
    const model: HallModel = {
      departments: new Map(),
      windows: new Map(),
      queues: new Map(),
      items: new Map(),
    };
    const rows = this.#stmt(
      "SELECT kind, body FROM catalogue_entries WHERE body IS NOT NULL AND kind IN ('department','window','queue','item')",
    ).all() as { kind: string; body: string }[];
    for (const row of rows) {
      const body = JSON.parse(row.body) as unknown;
      if (row.kind === 'department') {
        const d = catalogueEntrySchemas.department.parse(body);
        model.departments.set(d.id, d);
      } else if (row.kind === 'window') {
        const w = catalogueEntrySchemas.window.parse(body);
        model.windows.set(w.id, w);
      } else if (row.kind === 'queue') {
        const q = catalogueEntrySchemas.queue.parse(body);
        model.queues.set(q.id, q);
      } else {
        const i = catalogueEntrySchemas.item.parse(body);
        model.items.set(i.id, i);
      }
    }
    this.#hall = model;
    return model;
  }

  // ------------------------------------------------------------ form-free store

  async putStoreRecord(record: Omit<StoreRecord, 'version'>): Promise<StoreRecord> {
    return this.#db.transaction(() => this.#putStoreRecordInTransaction(record))();
  }

  #putStoreRecordInTransaction(record: Omit<StoreRecord, 'version'>): StoreRecord {
    const current = this.#stmt('SELECT version FROM store_records WHERE keyed_hash = ?').get(
      record.keyedHash,
    ) as { version: number } | undefined;
    const stored: StoreRecord = { ...record, version: (current?.version ?? 0) + 1 };
    this.#stmt(
      `INSERT INTO store_records (keyed_hash, version, record, change_seq) VALUES (?, ?, ?, ?)
         ON CONFLICT(keyed_hash) DO UPDATE SET version = excluded.version, record = excluded.record, change_seq = excluded.change_seq`,
    ).run(record.keyedHash, stored.version, JSON.stringify(stored), this.#nextCounter('store'));
    return stored;
  }

  async getStoreRecord(keyedHash: string): Promise<StoreRecord | null> {
    const row = this.#stmt('SELECT record FROM store_records WHERE keyed_hash = ?').get(keyedHash) as
      | { record: string | null }
      | undefined;
    return row?.record ? (JSON.parse(row.record) as StoreRecord) : null;
  }

  async storeDelta(cursor: string | undefined, limit: number): Promise<StoreDeltaResponse> {
    const after = cursorToSeq(cursor);
    const rows = this.#stmt(
      'SELECT keyed_hash, version, record, change_seq FROM store_records WHERE change_seq > ? ORDER BY change_seq LIMIT ?',
    ).all(after, limit + 1) as {
      keyed_hash: string;
      version: number;
      record: string | null;
      change_seq: number;
    }[];
    const page = rows.slice(0, limit);
    return {
      entries: page.map((r) => ({
        keyedHash: r.keyed_hash,
        version: r.version,
        record: r.record ? (JSON.parse(r.record) as StoreRecord) : null,
      })),
      cursor: String(page.at(-1)?.change_seq ?? after),
      hasMore: rows.length > limit,
    };
  }

  // ------------------------------------------------------------ materials

  async presentMaterials(sha256s: readonly string[]): Promise<Set<string>> {
    const present = new Set<string>();
    const query = this.#stmt('SELECT 1 FROM materials WHERE sha256 = ?').pluck();
    for (const sha of sha256s) if (query.get(sha) !== undefined) present.add(sha);
    return present;
  }

  async putMaterials(
    materials: readonly { sha256: string; bytes: Uint8Array }[],
    nowMs: number,
  ): Promise<boolean[]> {
    const insert = this.#stmt(
      'INSERT OR IGNORE INTO materials (sha256, size, bytes, stored_at) VALUES (?, ?, ?, ?)',
    );
    return this.#db.transaction(() =>
      materials.map(
        (m) =>
          insert.run(
            m.sha256,
            m.bytes.byteLength,
            Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength),
            nowMs,
          ).changes === 1,
      ),
    )();
  }

  async getMaterial(sha256: string): Promise<Buffer | null> {
    const row = this.#stmt('SELECT bytes FROM materials WHERE sha256 = ?').get(sha256) as
      | { bytes: Buffer }
      | undefined;
    return row?.bytes ?? null;
  }

  // ------------------------------------------------------------ deliveries

  async deliver(
    kioskId: string,
    items: readonly ValidatedDelivery[],
    nowMs: number,
  ): Promise<DeliveryOutcome[]> {
    const findDelivery = this.#stmt(
      'SELECT request_hash, status, response FROM deliveries WHERE idempotency_key = ?',
    );
    const insertDelivery = this.#stmt(
      'INSERT INTO deliveries (idempotency_key, kiosk_id, kind, kiosk_seq, request_hash, status, response, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    let blocked = false;
    return this.#db.transaction(() =>
      items.map((item): DeliveryOutcome => {
        if (blocked) {
          const body: ErrorBody = {
            error: { code: 'not_attempted', message: 'an earlier item of this batch must be retried first' },
          };
          return { idempotencyKey: item.idempotencyKey, status: 424, responseJson: JSON.stringify(body) };
        }
        const existing = findDelivery.get(item.idempotencyKey) as
          | { request_hash: string; status: number; response: string }
          | undefined;
        if (existing) {
          if (existing.request_hash === item.requestHash) {
            return {
              idempotencyKey: item.idempotencyKey,
              status: existing.status,
              responseJson: existing.response,
            };
          }
          const refusal = new DeliveryRefusal(
            409,
            'idempotency_conflict',
            'this idempotency key was used with another body',
          );
          return {
            idempotencyKey: item.idempotencyKey,
            status: 409,
            responseJson: JSON.stringify(refusal.body()),
          };
        }
        // A savepoint per item: a refused item leaves nothing behind, the others go on.
        const savepoint = this.#db.transaction(() => {
          const response = this.#apply(kioskId, item, nowMs);
          const json = JSON.stringify(response);
          insertDelivery.run(
            item.idempotencyKey,
            kioskId,
            item.kind,
            item.kioskSeq,
            item.requestHash,
            200,
            json,
            nowMs,
          );
          return json;
        });
        try {
          return { idempotencyKey: item.idempotencyKey, status: 200, responseJson: savepoint() };
        } catch (error) {
          if (error instanceof DeliveryRefusal) {
            // Kiosk order: nothing after an item that will be retried may be accepted before it.
            if (error.status === 412) blocked = true;
            return {
              idempotencyKey: item.idempotencyKey,
              status: error.status,
              responseJson: JSON.stringify(error.body()),
            };
          }
          throw error;
        }
      }),
    )();
  }

  #apply(kioskId: string, item: ValidatedDelivery, nowMs: number): unknown {
    switch (item.kind) {
      case 'submission':
        return this.#applySubmission(kioskId, item.idempotencyKey, item.payload as SubmissionPayload, nowMs);
      case 'checkin':
        return this.#applyCheckin(kioskId, item.payload as CheckinPayload, nowMs);
      case 'rating':
        return this.#applyRating(item.payload as RatingPayload);
      case 'ticket_report':
        return this.#applyTicketReport(kioskId, item.payload as TicketReportPayload, nowMs);
      case 'purge_ack': {
        const payload = item.payload as { orderId: string; completedAtMs: number };
        const order = this.#stmt('SELECT 1 FROM purge_orders WHERE order_id = ?').get(payload.orderId);
        if (!order) throw new DeliveryRefusal(404, 'not_found', 'unknown purge order');
        this.#stmt(
          'INSERT OR REPLACE INTO purge_acks (order_id, kiosk_id, completed_at) VALUES (?, ?, ?)',
        ).run(payload.orderId, kioskId, payload.completedAtMs);
        return { orderId: payload.orderId, acknowledged: true };
      }
    }
  }

  #applySubmission(
    kioskId: string,
    idempotencyKey: string,
    payload: SubmissionPayload,
    nowMs: number,
  ): unknown {
    const hall = this.#hallModel();
    const queue = hall.queues.get(payload.queueId);
    if (!queue) throw new DeliveryRefusal(422, 'invalid_payload', `unknown queue ${payload.queueId}`);
    if (!hall.items.has(payload.itemId))
      throw new DeliveryRefusal(422, 'invalid_payload', `unknown item ${payload.itemId}`);
    const hashes = [...new Set(payload.materials.map((m) => m.sha256))];
    const present = this.#stmt('SELECT 1 FROM materials WHERE sha256 = ?').pluck();
    const missing = hashes.filter((h) => present.get(h) === undefined);
    if (missing.length > 0) {
      throw new DeliveryRefusal(412, 'materials_missing', 'upload the named materials first', missing);
    }
    if (this.#stmt('SELECT 1 FROM cases WHERE case_number = ?').get(payload.caseNumber)) {
      throw new DeliveryRefusal(409, 'idempotency_conflict', 'case number already used by another delivery');
    }
    const ticket = this.#placeTicket(kioskId, payload.ticket, queue, {
      caseNumber: payload.caseNumber,
      itemId: payload.itemId,
      priority: queue.priority,
      nowMs,
      serviceDate: payload.ticket?.serviceDate,
    });
    this.#stmt(
      `INSERT INTO cases (case_number, idempotency_key, kiosk_id, item_id, department_id, queue_id, ticket_id, payload, status, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?)`,
    ).run(
      payload.caseNumber,
      idempotencyKey,
      kioskId,
      payload.itemId,
      payload.departmentId,
      queue.id,
      ticket.ticketId,
      JSON.stringify(payload),
      nowMs,
    );
    this.#stmt("INSERT INTO case_events (case_number, at, status) VALUES (?, ?, 'received')").run(
      payload.caseNumber,
      nowMs,
    );
    if (payload.consentToStore && payload.profile !== undefined) {
      this.#putStoreRecordInTransaction({
        keyedHash: payload.applicant.keyedHash,
        profile: payload.profile,
        materials: payload.materials.map((m) => ({
          materialId: m.materialId,
          sha256: m.sha256,
          size: m.size ?? 0,
          mediaType: m.mediaType,
          pages: m.page,
        })),
        updatedAtMs: nowMs,
      });
    }
    return {
      caseNumber: payload.caseNumber,
      receivedAtMs: nowMs,
      queueId: queue.id,
      ticket: { ticketId: ticket.ticketId, display: ticket.display },
      status: 'received',
    };
  }

  /**
   * Records the kiosk's ticket (verifying it lies in a block this kiosk leased) or, when the kiosk had
   * none, issues one from the central counter. The ticket waits in `queue`; the queue whose block
   * numbered it is kept apart (number_queue_id) because numbers are unique per numbering queue.
   */
  #placeTicket(
    kioskId: string,
    ref: TicketRef | null,
    queue: Queue,
    context: {
      caseNumber: string | null;
      itemId: string | null;
      priority: boolean;
      nowMs: number;
      serviceDate: string | undefined;
    },
  ): { ticketId: string; display: string } {
    if (ref) {
      const blockId = this.#verifyTicketInBlock(kioskId, ref);
      const existing = this.#stmt('SELECT ticket_id, display FROM tickets WHERE ticket_id = ?').get(
        ref.ticketId,
      ) as { ticket_id: string; display: string } | undefined;
      if (existing) {
        // Reported earlier by a ticket report: attach the case now.
        this.#stmt(
          'UPDATE tickets SET case_number = coalesce(case_number, ?), item_id = coalesce(item_id, ?), queue_id = ? WHERE ticket_id = ?',
        ).run(context.caseNumber, context.itemId, queue.id, ref.ticketId);
        return { ticketId: existing.ticket_id, display: existing.display };
      }
      this.#insertTicket({
        ticketId: ref.ticketId,
        queueId: queue.id,
        numberQueueId: ref.queueId,
        serviceDate: ref.serviceDate,
        number: ref.number,
        display: ref.display,
        blockId,
        kioskId,
        caseNumber: context.caseNumber,
        itemId: context.itemId,
        priority: context.priority,
        issuedAtMs: context.nowMs,
      });
      return { ticketId: ref.ticketId, display: ref.display };
    }
    const serviceDate = context.serviceDate ?? this.#serviceDateFallback(context.nowMs);
    const number = this.#takeNumbers(queue.id, serviceDate, 1);
    const ticketId = randomUUID();
    const display = formatTicketDisplay(queue.prefix, number);
    this.#insertTicket({
      ticketId,
      queueId: queue.id,
      numberQueueId: queue.id,
      serviceDate,
      number,
      display,
      blockId: null,
      kioskId,
      caseNumber: context.caseNumber,
      itemId: context.itemId,
      priority: context.priority,
      issuedAtMs: context.nowMs,
    });
    return { ticketId, display };
  }

  #serviceDateFallback(nowMs: number): string {
    return serviceDateOf(nowMs, this.#timeZone);
  }

  /** Returns the block id after checking the number lies in a block this kiosk leased. */
  #verifyTicketInBlock(kioskId: string, ref: TicketRef | IssuedTicket): string {
    const block = this.#stmt('SELECT * FROM ticket_blocks WHERE block_id = ?').get(ref.blockId) as
      | {
          block_id: string;
          kiosk_id: string | null;
          queue_id: string;
          service_date: string;
          first: number;
          last: number;
        }
      | undefined;
    const queue = this.#hallModel().queues.get(ref.queueId);
    if (
      !block ||
      !queue ||
      block.kiosk_id !== kioskId ||
      block.queue_id !== ref.queueId ||
      block.service_date !== ref.serviceDate ||
      ref.number < block.first ||
      ref.number > block.last ||
      ref.display !== formatTicketDisplay(queue.prefix, ref.number)
    ) {
      throw new DeliveryRefusal(
        422,
        'invalid_payload',
        `ticket ${ref.display} is not in a block leased by this kiosk`,
      );
    }
    return block.block_id;
  }

  #insertTicket(t: {
    ticketId: string;
    queueId: string;
    numberQueueId: string;
    serviceDate: string;
    number: number;
    display: string;
    blockId: string | null;
    kioskId: string | null;
    caseNumber: string | null;
    itemId: string | null;
    priority: boolean;
    issuedAtMs: number;
  }): void {
    try {
      this.#stmt(
        `INSERT INTO tickets (ticket_id, queue_id, number_queue_id, service_date, number, display, block_id, kiosk_id, state, window_id,
             case_number, item_id, priority, issued_at, queued_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', NULL, ?, ?, ?, ?, ?)`,
      ).run(
        t.ticketId,
        t.queueId,
        t.numberQueueId,
        t.serviceDate,
        t.number,
        t.display,
        t.blockId,
        t.kioskId,
        t.caseNumber,
        t.itemId,
        t.priority ? 1 : 0,
        t.issuedAtMs,
        t.issuedAtMs,
      );
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new DeliveryRefusal(
          409,
          'idempotency_conflict',
          `ticket number ${t.display} was already issued`,
        );
      }
      throw error;
    }
  }

  /** Takes `count` consecutive numbers from the queue's daily counter; returns the first. */
  #takeNumbers(queueId: string, serviceDate: string, count: number): number {
    const row = this.#stmt(
      `INSERT INTO ticket_counters (queue_id, service_date, next_number) VALUES (?, ?, ?)
         ON CONFLICT(queue_id, service_date) DO UPDATE SET next_number = next_number + ?
         RETURNING next_number`,
    ).get(queueId, serviceDate, 1 + count, count) as { next_number: number };
    return row.next_number - count;
  }

  #applyCheckin(kioskId: string, payload: CheckinPayload, nowMs: number): unknown {
    const row = this.#stmt('SELECT body, version FROM appointments WHERE appointment_id = ?').get(
      payload.appointmentId,
    ) as { body: string; version: number } | undefined;
    if (!row) throw new DeliveryRefusal(404, 'not_found', 'unknown appointment');
    const appointment = JSON.parse(row.body) as Appointment;
    if (appointment.keyedHash !== payload.keyedHash)
      throw new DeliveryRefusal(422, 'invalid_payload', 'appointment of another person');
    if (appointment.status === 'cancelled')
      throw new DeliveryRefusal(409, 'idempotency_conflict', 'appointment was cancelled');
    const hall = this.#hallModel();
    const queue =
      hall.queues.get(payload.ticket?.queueId ?? appointment.queueId) ?? hall.queues.get(appointment.queueId);
    if (!queue) throw new DeliveryRefusal(422, 'invalid_payload', 'appointment queue unknown');
    const ticket = this.#placeTicket(kioskId, payload.ticket, queue, {
      caseNumber: null,
      itemId: appointment.itemId,
      priority: true,
      nowMs,
      serviceDate: appointment.serviceDate,
    });
    const updated: Appointment = { ...appointment, status: 'checked_in' };
    this.#stmt('UPDATE appointments SET body = ?, version = ?, change_seq = ? WHERE appointment_id = ?').run(
      JSON.stringify(updated),
      row.version + 1,
      this.#nextCounter('appointments'),
      payload.appointmentId,
    );
    return {
      appointmentId: payload.appointmentId,
      status: 'checked_in',
      ticket: { ticketId: ticket.ticketId, display: ticket.display },
    };
  }

  #applyRating(payload: RatingPayload): unknown {
    if (!this.#stmt('SELECT 1 FROM cases WHERE case_number = ?').get(payload.caseNumber)) {
      throw new DeliveryRefusal(404, 'not_found', 'unknown case');
    }
    this.#stmt(
      'INSERT OR REPLACE INTO ratings (case_number, grade, reasons, comment, rated_at) VALUES (?, ?, ?, ?, ?)',
    ).run(
      payload.caseNumber,
      payload.grade,
      JSON.stringify(payload.reasons),
      payload.comment ?? null,
      payload.ratedAtMs,
    );
    return { caseNumber: payload.caseNumber, recorded: true };
  }

  #applyTicketReport(kioskId: string, payload: TicketReportPayload, nowMs: number): unknown {
    const accepted: string[] = [];
    const duplicates: string[] = [];
    const rejected: { ticketId: string; reason: string }[] = [];
    const hall = this.#hallModel();
    for (const ticket of payload.tickets) {
      if (this.#stmt('SELECT 1 FROM tickets WHERE ticket_id = ?').get(ticket.ticketId)) {
        duplicates.push(ticket.ticketId);
        continue;
      }
      try {
        this.#db.transaction(() => {
          const blockId = this.#verifyTicketInBlock(kioskId, ticket);
          this.#insertTicket({
            ticketId: ticket.ticketId,
            queueId: ticket.queueId,
            numberQueueId: ticket.queueId,
            serviceDate: ticket.serviceDate,
            number: ticket.number,
            display: ticket.display,
            blockId,
            kioskId,
            caseNumber: ticket.caseNumber ?? null,
            itemId: null,
            priority: hall.queues.get(ticket.queueId)?.priority ?? false,
            issuedAtMs: ticket.issuedAtMs || nowMs,
          });
        })();
        accepted.push(ticket.ticketId);
      } catch (error) {
        if (!(error instanceof DeliveryRefusal)) throw error;
        rejected.push({ ticketId: ticket.ticketId, reason: error.message });
      }
    }
    return { accepted, duplicates, rejected };
  }

  async acceptedDeliveries(): Promise<AcceptedDelivery[]> {
    const rows = this.#stmt(
      'SELECT kiosk_id, kind, idempotency_key, kiosk_seq, accept_order FROM deliveries ORDER BY accept_order',
    ).all() as {
      kiosk_id: string;
      kind: AcceptedDelivery['kind'];
      idempotency_key: string;
      kiosk_seq: number;
      accept_order: number;
    }[];
    return rows.map((r) => ({
      kioskId: r.kiosk_id,
      kind: r.kind,
      idempotencyKey: r.idempotency_key,
      kioskSeq: r.kiosk_seq,
      acceptOrder: r.accept_order,
    }));
  }

  // ------------------------------------------------------------ tickets and queues

  async leaseTicketBlock(
    kioskId: string,
    request: TicketBlockRequest,
    nowMs: number,
  ): Promise<TicketBlock | StorageFailure> {
    const queue = this.#hallModel().queues.get(request.queueId);
    if (!queue) return { error: 'not_found', message: `unknown queue ${request.queueId}` };
    return this.#db.transaction((): TicketBlock | StorageFailure => {
      const existing = this.#stmt(
        'SELECT block_id, kiosk_id, queue_id, service_date, first, last FROM ticket_blocks WHERE lease_key = ?',
      ).get(request.leaseKey) as
        | {
            block_id: string;
            kiosk_id: string;
            queue_id: string;
            service_date: string;
            first: number;
            last: number;
          }
        | undefined;
      if (existing) {
        if (
          existing.kiosk_id !== kioskId ||
          existing.queue_id !== request.queueId ||
          existing.service_date !== request.serviceDate
        ) {
          return { error: 'conflict', message: 'lease key used for another block' };
        }
        return {
          blockId: existing.block_id,
          queueId: existing.queue_id,
          prefix: queue.prefix,
          serviceDate: existing.service_date,
          first: existing.first,
          last: existing.last,
        };
      }
      const first = this.#takeNumbers(request.queueId, request.serviceDate, request.size);
      const block: TicketBlock = {
        blockId: randomUUID(),
        queueId: request.queueId,
        prefix: queue.prefix,
        serviceDate: request.serviceDate,
        first,
        last: first + request.size - 1,
      };
      this.#stmt(
        'INSERT INTO ticket_blocks (block_id, lease_key, kiosk_id, queue_id, service_date, first, last, leased_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        block.blockId,
        request.leaseKey,
        kioskId,
        block.queueId,
        block.serviceDate,
        block.first,
        block.last,
        nowMs,
      );
      return block;
    })();
  }

  #windowOpen(window: ServiceWindow): boolean {
    const row = this.#stmt('SELECT open FROM window_overrides WHERE window_id = ?').get(window.id) as
      | { open: number }
      | undefined;
    return row ? row.open === 1 : window.open;
  }

  #averageServiceSeconds(queue: Queue, serviceDate: string): number {
    const row = this.#stmt(
      `SELECT avg(finished_at - called_at) AS avg_ms, count(*) AS n FROM (
           SELECT finished_at, called_at FROM tickets WHERE queue_id = ? AND service_date = ? AND state = 'served'
           AND called_at IS NOT NULL AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 20)`,
    ).get(queue.id, serviceDate) as { avg_ms: number | null; n: number };
    // A few served tickets are not yet a better estimate than the catalogue's figure.
    return row.n >= 3 && row.avg_ms !== null ? row.avg_ms / 1000 : queue.averageServiceMinutes * 60;
  }

  async queueState(serviceDate: string, nowMs: number): Promise<QueueState> {
    const hall = this.#hallModel();
    const waiting = this.#stmt(
      "SELECT count(*) FROM tickets WHERE queue_id = ? AND service_date = ? AND state = 'waiting'",
    ).pluck();
    const lastCalled = this.#stmt(
      'SELECT display FROM tickets WHERE queue_id = ? AND service_date = ? AND called_at IS NOT NULL ORDER BY called_at DESC LIMIT 1',
    ).pluck();
    const windows = [...hall.windows.values()].sort((a, b) => a.number - b.number);
    const serving = this.#stmt(
      "SELECT display FROM tickets WHERE window_id = ? AND state = 'called' ORDER BY called_at DESC LIMIT 1",
    ).pluck();
    return {
      serviceDate,
      atMs: nowMs,
      queues: [...hall.queues.values()].map((q) => ({
        queueId: q.id,
        waiting: waiting.get(q.id, serviceDate) as number,
        openWindows: windows.filter((w) => w.queueIds.includes(q.id) && this.#windowOpen(w)).length,
        averageServiceSeconds: this.#averageServiceSeconds(q, serviceDate),
        lastCalled: (lastCalled.get(q.id, serviceDate) as string | undefined) ?? null,
      })),
      windows: windows.map((w) => ({
        windowId: w.id,
        open: this.#windowOpen(w),
        queueIds: [...w.queueIds],
        serving: (serving.get(w.id) as string | undefined) ?? null,
      })),
    };
  }

  // ------------------------------------------------------------ appointments, cases, purges

  async appointmentDelta(cursor: string | undefined, limit: number): Promise<AppointmentDeltaResponse> {
    const after = cursorToSeq(cursor);
    const rows = this.#stmt(
      'SELECT appointment_id, version, body, change_seq FROM appointments WHERE change_seq > ? ORDER BY change_seq LIMIT ?',
    ).all(after, limit + 1) as {
      appointment_id: string;
      version: number;
      body: string;
      change_seq: number;
    }[];
    const page = rows.slice(0, limit);
    return {
      entries: page.map((r) => ({
        appointmentId: r.appointment_id,
        version: r.version,
        appointment: JSON.parse(r.body) as Appointment,
      })),
      cursor: String(page.at(-1)?.change_seq ?? after),
      hasMore: rows.length > limit,
    };
  }

  async appointmentSlots(
    itemId: string,
    serviceDate: string,
  ): Promise<{ slotStart: string; slotEnd: string; available: number }[] | null> {
    if (!this.#hallModel().items.has(itemId)) return null;
    const booked = this.#bookedPerSlot(itemId, serviceDate);
    return slotTimes.map((slotStart) => ({
      slotStart,
      slotEnd: addMinutes(slotStart, 30),
      available: Math.max(0, slotCapacity - (booked.get(slotStart) ?? 0)),
    }));
  }

  #bookedPerSlot(itemId: string, serviceDate: string): Map<string, number> {
    const counts = new Map<string, number>();
    const rows = this.#stmt('SELECT body FROM appointments').all() as { body: string }[];
    for (const row of rows) {
      const a = JSON.parse(row.body) as Appointment;
      if (a.itemId === itemId && a.serviceDate === serviceDate && a.status !== 'cancelled') {
        counts.set(a.slotStart, (counts.get(a.slotStart) ?? 0) + 1);
      }
    }
    return counts;
  }

  async bookAppointment(
    request: AppointmentBookingRequest,
    _nowMs: number,
  ): Promise<Appointment | StorageFailure> {
    const hall = this.#hallModel();
    const item = hall.items.get(request.itemId);
    if (!item) return { error: 'not_found', message: 'unknown item' };
    return this.#db.transaction((): Appointment | StorageFailure => {
      const existing = this.#stmt('SELECT body FROM appointments WHERE booking_key = ?').get(
        request.idempotencyKey,
      ) as { body: string } | undefined;
      if (existing) return JSON.parse(existing.body) as Appointment;
      if (!slotTimes.includes(request.slotStart)) return { error: 'invalid', message: 'no such slot' };
      if (
        (this.#bookedPerSlot(request.itemId, request.serviceDate).get(request.slotStart) ?? 0) >= slotCapacity
      ) {
        return { error: 'conflict', message: 'slot is full' };
      }
      const queues = [...hall.queues.values()].filter((q) => q.departmentId === item.departmentId);
      const queue = queues.find((q) => q.priority) ?? queues[0];
      if (!queue) return { error: 'invalid', message: 'the department has no queue' };
      const appointment: Appointment = {
        appointmentId: randomUUID(),
        keyedHash: request.keyedHash,
        itemId: item.id,
        departmentId: item.departmentId,
        queueId: queue.id,
        serviceDate: request.serviceDate,
        slotStart: request.slotStart,
        slotEnd: addMinutes(request.slotStart, 30),
        status: 'booked',
      };
      this.#stmt(
        'INSERT INTO appointments (appointment_id, booking_key, body, version, change_seq) VALUES (?, ?, ?, 1, ?)',
      ).run(
        appointment.appointmentId,
        request.idempotencyKey,
        JSON.stringify(appointment),
        this.#nextCounter('appointments'),
      );
      return appointment;
    })();
  }

  async caseProgress(caseNumber: string): Promise<CaseProgress | null> {
    const row = this.#stmt(
      'SELECT c.item_id, c.status, t.display FROM cases c LEFT JOIN tickets t ON t.ticket_id = c.ticket_id WHERE c.case_number = ?',
    ).get(caseNumber) as
      | { item_id: string; status: CaseProgress['status']; display: string | null }
      | undefined;
    if (!row) return null;
    const history = this.#stmt(
      'SELECT at, status, note FROM case_events WHERE case_number = ? ORDER BY at, rowid',
    ).all(caseNumber) as { at: number; status: CaseProgress['status']; note: string | null }[];
    const rated = this.#stmt('SELECT 1 FROM ratings WHERE case_number = ?').get(caseNumber);
    return {
      caseNumber,
      itemId: row.item_id,
      status: row.status,
      ticketDisplay: row.display,
      history: history.map((h) => ({ atMs: h.at, status: h.status, ...(h.note ? { note: h.note } : {}) })),
      ratable: row.status === 'done' && !rated,
    };
  }

  async purgeOrders(cursor: string | undefined, limit: number): Promise<PurgeOrderDeltaResponse> {
    const after = cursorToSeq(cursor);
    const rows = this.#stmt(
      'SELECT order_seq, order_id, keyed_hash, issued_at FROM purge_orders WHERE order_seq > ? ORDER BY order_seq LIMIT ?',
    ).all(after, limit + 1) as {
      order_seq: number;
      order_id: string;
      keyed_hash: string;
      issued_at: number;
    }[];
    const page = rows.slice(0, limit);
    return {
      entries: page.map((r) => ({ orderId: r.order_id, keyedHash: r.keyed_hash, issuedAtMs: r.issued_at })),
      cursor: String(page.at(-1)?.order_seq ?? after),
      hasMore: rows.length > limit,
    };
  }

  async createPurgeOrder(keyedHash: string, nowMs: number): Promise<PurgeOrder> {
    return this.#db.transaction(() => {
      this.#stmt(
        'UPDATE store_records SET record = NULL, version = version + 1, change_seq = ? WHERE keyed_hash = ?',
      ).run(this.#nextCounter('store'), keyedHash);
      const order: PurgeOrder = { orderId: randomUUID(), keyedHash, issuedAtMs: nowMs };
      this.#stmt('INSERT INTO purge_orders (order_id, keyed_hash, issued_at) VALUES (?, ?, ?)').run(
        order.orderId,
        keyedHash,
        nowMs,
      );
      return order;
    })();
  }

  // ------------------------------------------------------------ staff desk

  #ticketView(row: TicketRow): TicketView {
    return {
      ticketId: row.ticket_id,
      display: row.display,
      queueId: row.queue_id,
      state: row.state,
      windowId: row.window_id,
      caseNumber: row.case_number,
      itemId: row.item_id,
      priority: row.priority === 1,
      issuedAtMs: row.issued_at,
      calledAtMs: row.called_at,
    };
  }

  #ticketRow(ticketId: string): TicketRow | undefined {
    return this.#stmt('SELECT * FROM tickets WHERE ticket_id = ?').get(ticketId) as TicketRow | undefined;
  }

  async staffOverview(serviceDate: string): Promise<StaffOverview> {
    const hall = this.#hallModel();
    const waitingOf = this.#stmt(
      "SELECT * FROM tickets WHERE queue_id = ? AND service_date = ? AND state = 'waiting' ORDER BY priority DESC, queued_at, number",
    );
    const servingOf = this.#stmt(
      "SELECT * FROM tickets WHERE window_id = ? AND state = 'called' ORDER BY called_at DESC LIMIT 1",
    );
    const windows = [...hall.windows.values()].sort((a, b) => a.number - b.number);
    return {
      serviceDate,
      windows: windows.map((w) => {
        const waiting = w.queueIds
          .flatMap((q) => waitingOf.all(q, serviceDate) as TicketRow[])
          .sort((a, b) => b.priority - a.priority || a.issued_at - b.issued_at)
          .map((r) => this.#ticketView(r));
        const serving = servingOf.get(w.id) as TicketRow | undefined;
        const department = hall.departments.get(w.departmentId);
        return {
          windowId: w.id,
          label: String(w.number),
          departmentId: w.departmentId,
          departmentName: department ? { ...department.name } : { en: w.departmentId },
          open: this.#windowOpen(w),
          queueIds: [...w.queueIds],
          serving: serving ? this.#ticketView(serving) : null,
          waiting,
        };
      }),
      queues: [...hall.queues.values()].map((q) => ({
        queueId: q.id,
        prefix: q.prefix,
        departmentId: q.departmentId,
        priority: q.priority,
      })),
    };
  }

  async setWindowOpen(windowId: string, open: boolean): Promise<boolean> {
    if (!this.#hallModel().windows.has(windowId)) return false;
    this.#stmt('INSERT OR REPLACE INTO window_overrides (window_id, open) VALUES (?, ?)').run(
      windowId,
      open ? 1 : 0,
    );
    return true;
  }

  async callNext(
    windowId: string,
    serviceDate: string,
    nowMs: number,
  ): Promise<TicketView | null | StorageFailure> {
    const window = this.#hallModel().windows.get(windowId);
    if (!window) return { error: 'not_found', message: 'unknown window' };
    return this.#db.transaction((): TicketView | null => {
      // The one being served is done: its case moves on.
      const serving = this.#stmt("SELECT * FROM tickets WHERE window_id = ? AND state = 'called'").all(
        windowId,
      ) as TicketRow[];
      for (const t of serving) {
        this.#stmt("UPDATE tickets SET state = 'served', finished_at = ? WHERE ticket_id = ?").run(
          nowMs,
          t.ticket_id,
        );
        if (t.case_number) {
          this.#stmt("UPDATE cases SET status = 'done' WHERE case_number = ?").run(t.case_number);
          this.#stmt("INSERT INTO case_events (case_number, at, status) VALUES (?, ?, 'done')").run(
            t.case_number,
            nowMs,
          );
        }
      }
      const placeholders = window.queueIds.map(() => '?').join(',');
      const next = this.#stmt(
        `SELECT * FROM tickets WHERE queue_id IN (${placeholders}) AND service_date = ? AND state = 'waiting'
           ORDER BY priority DESC, queued_at, number LIMIT 1`,
      ).get(...window.queueIds, serviceDate) as TicketRow | undefined;
      if (!next) return null;
      this.#stmt("UPDATE tickets SET state = 'called', window_id = ?, called_at = ? WHERE ticket_id = ?").run(
        windowId,
        nowMs,
        next.ticket_id,
      );
      this.#stmt('INSERT INTO calls (ticket_id, display, window_label, called_at) VALUES (?, ?, ?, ?)').run(
        next.ticket_id,
        next.display,
        String(window.number),
        nowMs,
      );
      if (next.case_number) {
        this.#stmt("UPDATE cases SET status = 'in_progress' WHERE case_number = ?").run(next.case_number);
        this.#stmt(
          "INSERT INTO case_events (case_number, at, status, note) VALUES (?, ?, 'in_progress', ?)",
        ).run(next.case_number, nowMs, `window ${window.number}`);
      }
      return this.#ticketView(this.#ticketRow(next.ticket_id)!);
    })();
  }

  async transferTicket(
    ticketId: string,
    queueId: string,
    nowMs: number,
  ): Promise<TicketView | StorageFailure> {
    const queue = this.#hallModel().queues.get(queueId);
    if (!queue) return { error: 'not_found', message: 'unknown queue' };
    const row = this.#ticketRow(ticketId);
    if (!row) return { error: 'not_found', message: 'unknown ticket' };
    this.#stmt(
      "UPDATE tickets SET queue_id = ?, state = 'waiting', window_id = NULL, called_at = NULL, queued_at = ?, priority = ? WHERE ticket_id = ?",
    ).run(queueId, nowMs, queue.priority ? 1 : row.priority, ticketId);
    return this.#ticketView(this.#ticketRow(ticketId)!);
  }

  async markNoShow(ticketId: string, nowMs: number): Promise<TicketView | StorageFailure> {
    const row = this.#ticketRow(ticketId);
    if (!row) return { error: 'not_found', message: 'unknown ticket' };
    this.#stmt("UPDATE tickets SET state = 'no_show', finished_at = ? WHERE ticket_id = ?").run(
      nowMs,
      ticketId,
    );
    return this.#ticketView(this.#ticketRow(ticketId)!);
  }

  async recentCalls(limit: number): Promise<DisplayCalls> {
    const rows = this.#stmt(
      'SELECT display, window_label, called_at FROM calls ORDER BY call_seq DESC LIMIT ?',
    ).all(limit) as { display: string; window_label: string; called_at: number }[];
    return {
      calls: rows.map((r) => ({ display: r.display, windowLabel: r.window_label, calledAtMs: r.called_at })),
    };
  }
}
