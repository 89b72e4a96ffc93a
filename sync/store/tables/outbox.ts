import type { Statement } from 'better-sqlite3';
import type { z } from 'zod';
import type { SupplementPayload } from '../../protocol/case-workflow';
import {
  type CheckinPayload,
  type DeliveryKind,
  deliveryPayloadSchemas,
  type PurgeAckPayload,
  type RatingPayload,
  type TicketReportPayload,
} from '../../protocol/central-api';
import { ContractBreachError } from '../errors';
import { requireTransaction, type StoreContext } from '../store-context';

export type OutboxKind = DeliveryKind;
export type OutboxState = 'pending' | 'delivered' | 'parked' | 'discarded';

interface OutboxEnqueueCommon {
  /** Client-generated, unique per item; the central API de-duplicates on it. */
  idempotencyKey: string;
  /** Material files (SHA-256 of plaintext) the central system must hold before this item. */
  materialHashes: string[];
  /** Keyed hash of the person the payload is about, so purge orders can reach queued payloads. */
  idHash?: Buffer | null;
}

/**
 * One item of the outbox, typed by kind. A submission's payload is its stored record (the submissions
 * row it points to, `subjectId`), never a second copy; every other kind carries its payload, stored
 * sealed. Payloads are checked against the central API's schema when queued.
 */
export type OutboxEnqueue = OutboxEnqueueCommon &
  (
    | { kind: 'submission'; subjectId: string }
    | { kind: 'checkin'; payload: CheckinPayload; subjectId?: string | null }
    | { kind: 'rating'; payload: RatingPayload; subjectId?: string | null }
    | { kind: 'ticket_report'; payload: TicketReportPayload; subjectId?: string | null }
    | { kind: 'purge_ack'; payload: PurgeAckPayload; subjectId?: string | null }
    | { kind: 'supplement'; payload: SupplementPayload; subjectId?: string | null }
  );

/** Throws ContractBreachError when `payload` breaks the central API's schema for `kind`. */
export function checkDeliveryPayload<K extends DeliveryKind>(
  kind: K,
  payload: unknown,
): z.infer<(typeof deliveryPayloadSchemas)[K]> {
  const parsed = deliveryPayloadSchemas[kind].safeParse(payload);
  if (parsed.success) return parsed.data as z.infer<(typeof deliveryPayloadSchemas)[K]>;
  const issue = parsed.error.issues[0];
  throw new ContractBreachError(kind, `${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`);
}

export interface OutboxItem {
  seq: number;
  kind: OutboxKind;
  idempotencyKey: string;
  /**
   * Decrypted payload; null once delivered, discarded or purged (the copy is no longer needed), and
   * always null for a submission, whose record lives in its submissions row (subjectId).
   */
  payload: unknown;
  materialHashes: string[];
  subjectId: string | null;
  state: OutboxState;
  attempts: number;
  nextAttemptAtMs: number;
  lastError: string | null;
  createdAtMs: number;
}

export interface OutboxStats {
  backlog: number;
  parked: number;
  oldestPendingCreatedAtMs: number | null;
}

interface OutboxRow {
  seq: number;
  kind: OutboxKind;
  idempotency_key: string;
  subject_id: string | null;
  payload: Buffer | null;
  material_hashes: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
}

const itemColumns =
  'seq, kind, idempotency_key, subject_id, payload, material_hashes, state, attempts, next_attempt_at, last_error, created_at';

/**
 * The outbox: what the kiosk owes the central system, in per-kiosk order (seq). Items are added
 * only inside the transaction that writes the data they carry, so data without its outbox item
 * (or the reverse) cannot exist. Delivery bookkeeping belongs to the sync client.
 */
export class OutboxTable {
  readonly #ctx: StoreContext;
  readonly #insert: Statement;
  readonly #pending: Statement;
  readonly #bySeq: Statement;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
    this.#insert = ctx.db.prepare(
      `INSERT INTO outbox (kind, idempotency_key, subject_id, id_hash, payload, material_hashes, state, attempts, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
    );
    this.#pending = ctx.db.prepare(
      `SELECT ${itemColumns} FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY seq LIMIT ?`,
    );
    this.#bySeq = ctx.db.prepare(`SELECT ${itemColumns} FROM outbox WHERE seq = ?`);
  }

  /**
   * Adds an item; the caller's transaction must also hold the data the item carries. Returns seq.
   * Throws ContractBreachError (so the caller's transaction stores nothing) for a payload the central
   * API would refuse: such an item must fail here, not be parked at delivery.
   */
  enqueueInTransaction(item: OutboxEnqueue): number {
    requireTransaction(this.#ctx.db, 'OutboxTable.enqueueInTransaction');
    const now = this.#ctx.clock();
    const sealed =
      item.kind === 'submission'
        ? null
        : this.#ctx.keys.box.sealJson(
            checkDeliveryPayload(item.kind, item.payload),
            payloadContext(item.idempotencyKey),
          );
    const result = this.#insert.run(
      item.kind,
      item.idempotencyKey,
      item.subjectId ?? null,
      item.idHash ?? null,
      sealed,
      JSON.stringify(item.materialHashes),
      now,
      now,
    );
    return Number(result.lastInsertRowid);
  }

  /** Pending items due at `nowMs`, oldest seq first. */
  nextPending(limit: number, nowMs: number): OutboxItem[] {
    return (this.#pending.all(nowMs, limit) as OutboxRow[]).map((row) => this.#toItem(row));
  }

  get(seq: number): OutboxItem | null {
    const row = this.#bySeq.get(seq) as OutboxRow | undefined;
    return row ? this.#toItem(row) : null;
  }

  /** Delivered: the sealed payload is dropped (the central system has it); the response is kept sealed. */
  markDelivered(seq: number, response: unknown): void {
    const sealed = this.#ctx.keys.box.sealJson(response ?? null, responseContext(seq));
    this.#settle(
      `UPDATE outbox SET state = 'delivered', payload = NULL, response = ?, settled_at = ? WHERE seq = ? AND state IN ('pending', 'parked')`,
      [sealed, this.#ctx.clock(), seq],
      seq,
      'markDelivered',
    );
  }

  markRetry(seq: number, error: string, nextAttemptAtMs: number): void {
    this.#settle(
      `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE seq = ? AND state = 'pending'`,
      [error, nextAttemptAtMs, seq],
      seq,
      'markRetry',
    );
  }

  /** Parked: needs a technician (e.g. a 4xx); kept with its payload until unparked or discarded. */
  markParked(seq: number, reason: string): void {
    this.#settle(
      `UPDATE outbox SET state = 'parked', attempts = attempts + 1, last_error = ?, settled_at = ? WHERE seq = ? AND state = 'pending'`,
      [reason, this.#ctx.clock(), seq],
      seq,
      'markParked',
    );
  }

  /** Back to pending, due now; attempts are kept so the history stays visible. */
  unpark(seq: number): void {
    this.#settle(
      `UPDATE outbox SET state = 'pending', next_attempt_at = ?, settled_at = NULL WHERE seq = ? AND state = 'parked'`,
      [this.#ctx.clock(), seq],
      seq,
      'unpark',
    );
  }

  /** Given up on by a technician (the caller writes the audit entry); the payload is dropped. */
  discard(seq: number): void {
    this.#settle(
      `UPDATE outbox SET state = 'discarded', payload = NULL, settled_at = ? WHERE seq = ? AND state IN ('pending', 'parked')`,
      [this.#ctx.clock(), seq],
      seq,
      'discard',
    );
  }

  stats(nowMs: number): OutboxStats {
    void nowMs; // backlog counts every pending item, due or backing off
    const row = this.#ctx.db
      .prepare(
        `SELECT
           (SELECT count(*) FROM outbox WHERE state = 'pending') AS backlog,
           (SELECT count(*) FROM outbox WHERE state = 'parked') AS parked,
           (SELECT min(created_at) FROM outbox WHERE state = 'pending') AS oldest`,
      )
      .get() as { backlog: number; parked: number; oldest: number | null };
    return { backlog: row.backlog, parked: row.parked, oldestPendingCreatedAtMs: row.oldest };
  }

  listParked(): OutboxItem[] {
    return (
      this.#ctx.db
        .prepare(`SELECT ${itemColumns} FROM outbox WHERE state = 'parked' ORDER BY seq`)
        .all() as OutboxRow[]
    ).map((row) => this.#toItem(row));
  }

  /** Material hashes still owed to the central system (pending or parked items): kept by blob GC. */
  hashesStillNeeded(): Set<string> {
    const rows = this.#ctx.db
      .prepare(
        `SELECT material_hashes FROM outbox WHERE state IN ('pending', 'parked') AND material_hashes != '[]'`,
      )
      .all() as { material_hashes: string }[];
    const hashes = new Set<string>();
    for (const row of rows) for (const hash of JSON.parse(row.material_hashes) as string[]) hashes.add(hash);
    return hashes;
  }

  /**
   * Purge order: queued payloads about this person, created up to `createdUpToMs`, are wiped and the
   * items discarded. Returns their seqs so the caller can audit them.
   */
  purgePersonInTransaction(idHash: Buffer, createdUpToMs: number): number[] {
    requireTransaction(this.#ctx.db, 'OutboxTable.purgePersonInTransaction');
    const rows = this.#ctx.db
      .prepare('SELECT seq FROM outbox WHERE id_hash = ? AND created_at <= ?')
      .all(idHash, createdUpToMs) as { seq: number }[];
    this.#ctx.db
      .prepare(
        `UPDATE outbox SET payload = NULL, id_hash = NULL, material_hashes = '[]',
           state = CASE WHEN state = 'delivered' THEN 'delivered' ELSE 'discarded' END,
           last_error = CASE WHEN state = 'delivered' THEN last_error ELSE 'purged by order' END,
           settled_at = coalesce(settled_at, ?)
         WHERE id_hash = ? AND created_at <= ?`,
      )
      .run(this.#ctx.clock(), idHash, createdUpToMs);
    return rows.map((r) => r.seq);
  }

  /**
   * What about the person is still on its way to the central system (pending) or stuck (parked): a purge
   * must not erase it before the central holds it.
   */
  undeliveredForPerson(idHash: Buffer, createdUpToMs: number): { pending: number; parked: number } {
    const rows = this.#ctx.db
      .prepare(
        `SELECT state, count(*) AS n FROM outbox WHERE id_hash = ? AND created_at <= ?
           AND state IN ('pending', 'parked') GROUP BY state`,
      )
      .all(idHash, createdUpToMs) as { state: 'pending' | 'parked'; n: number }[];
    const count = (state: string) => rows.find((r) => r.state === state)?.n ?? 0;
    return { pending: count('pending'), parked: count('parked') };
  }

  /** Whether an item with this idempotency key was ever queued (settled rows included). */
  hasIdempotencyKey(idempotencyKey: string): boolean {
    return (
      this.#ctx.db.prepare('SELECT 1 FROM outbox WHERE idempotency_key = ?').get(idempotencyKey) !== undefined
    );
  }

  /** Retention: settled rows older than `settledBeforeMs` are removed (seq is AUTOINCREMENT: never reused). */
  deleteSettledBefore(settledBeforeMs: number): number {
    return this.#ctx.db
      .prepare(`DELETE FROM outbox WHERE state IN ('delivered', 'discarded') AND settled_at < ?`)
      .run(settledBeforeMs).changes;
  }

  #settle(sql: string, params: unknown[], seq: number, what: string): void {
    const changes = this.#ctx.db.prepare(sql).run(...params).changes;
    if (changes !== 1) {
      const current = this.#bySeq.get(seq) as OutboxRow | undefined;
      throw new Error(`OutboxTable.${what}(${seq}): item is ${current ? current.state : 'missing'}`);
    }
  }

  #toItem(row: OutboxRow): OutboxItem {
    return {
      seq: row.seq,
      kind: row.kind,
      idempotencyKey: row.idempotency_key,
      payload: row.payload
        ? this.#ctx.keys.box.openJson(row.payload, payloadContext(row.idempotency_key))
        : null,
      materialHashes: JSON.parse(row.material_hashes) as string[],
      subjectId: row.subject_id,
      state: row.state,
      attempts: row.attempts,
      nextAttemptAtMs: row.next_attempt_at,
      lastError: row.last_error,
      createdAtMs: row.created_at,
    };
  }
}

function payloadContext(idempotencyKey: string): string {
  return `outbox.payload:${idempotencyKey}`;
}

function responseContext(seq: number): string {
  return `outbox.response:${seq}`;
}
