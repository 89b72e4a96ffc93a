/** The purge_orders and purge_acks tables: "delete this person everywhere", and each kiosk's confirmation. */
import { randomUUID } from 'node:crypto';
import type { PurgeOrder, PurgeOrderAcks, PurgeOrderDeltaResponse } from '../../protocol/central-api';
import type { CentralDatabase } from './central-database';
import { cursorToSeq, deltaPage } from './change-feed';
import type { FormFreeStoreTable } from './form-free-store';

export class PurgeOrderTable {
  constructor(
    private readonly db: CentralDatabase,
    private readonly store: FormFreeStoreTable,
  ) {}

  list(cursor: string | undefined, limit: number): PurgeOrderDeltaResponse {
    const after = cursorToSeq(cursor);
    const rows = this.db
      .statement(
        'SELECT order_seq AS seq, order_id, keyed_hash, issued_at FROM purge_orders WHERE order_seq > ? ORDER BY order_seq LIMIT ?',
      )
      .all(after, limit + 1) as { seq: number; order_id: string; keyed_hash: string; issued_at: number }[];
    return deltaPage(rows, limit, after, (r) => ({
      orderId: r.order_id,
      keyedHash: r.keyed_hash,
      issuedAtMs: r.issued_at,
    }));
  }

  /** Empties the central store's record and issues the order, in one transaction. */
  create(keyedHash: string, nowMs: number): PurgeOrder {
    return this.db.transaction(() => {
      this.store.erase(keyedHash, nowMs);
      const order: PurgeOrder = { orderId: randomUUID(), keyedHash, issuedAtMs: nowMs };
      this.db
        .statement('INSERT INTO purge_orders (order_id, keyed_hash, issued_at) VALUES (?, ?, ?)')
        .run(order.orderId, keyedHash, nowMs);
      return order;
    });
  }

  exists(orderId: string): boolean {
    return this.db.statement('SELECT 1 FROM purge_orders WHERE order_id = ?').get(orderId) !== undefined;
  }

  acknowledge(orderId: string, kioskId: string, completedAtMs: number): void {
    this.db
      .statement('INSERT OR REPLACE INTO purge_acks (order_id, kiosk_id, completed_at) VALUES (?, ?, ?)')
      .run(orderId, kioskId, completedAtMs);
  }

  /** The kiosks that confirmed the order; null when no such order was issued. */
  acks(orderId: string): PurgeOrderAcks | null {
    if (!this.exists(orderId)) return null;
    const rows = this.db
      .statement(
        `SELECT a.kiosk_id, k.kiosk_code, a.completed_at FROM purge_acks a
           JOIN kiosks k ON k.kiosk_id = a.kiosk_id WHERE a.order_id = ? ORDER BY k.kiosk_code`,
      )
      .all(orderId) as { kiosk_id: string; kiosk_code: string; completed_at: number }[];
    return {
      orderId,
      acks: rows.map((r) => ({
        kioskId: r.kiosk_id,
        kioskCode: r.kiosk_code,
        completedAtMs: r.completed_at,
      })),
    };
  }
}
