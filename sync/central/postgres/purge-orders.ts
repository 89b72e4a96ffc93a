/** The purge_orders and purge_acks tables: "delete this person everywhere", and each kiosk's confirmation. */
import { randomUUID } from 'node:crypto';
import type { PurgeOrder, PurgeOrderAcks, PurgeOrderDeltaResponse } from '../../protocol/central-api';
import { cursorToSeq, deltaPage } from '../sqlite/change-feed';
import { nextCounter } from './counters';
import type { PgCentralDatabase, Sql } from './database';
import type { PgFormFreeStore } from './form-free-store';

export class PgPurgeOrders {
  constructor(
    private readonly db: PgCentralDatabase,
    private readonly store: PgFormFreeStore,
  ) {}

  async list(cursor: string | undefined, limit: number): Promise<PurgeOrderDeltaResponse> {
    const after = cursorToSeq(cursor);
    const rows = (
      await this.db.query<{ seq: number; order_id: string; keyed_hash: string; issued_at: number }>(
        'SELECT order_seq AS seq, order_id, keyed_hash, issued_at FROM purge_orders WHERE order_seq > $1 ORDER BY order_seq LIMIT $2',
        [after, limit + 1],
      )
    ).rows;
    return deltaPage(rows, limit, after, (r) => ({
      orderId: r.order_id,
      keyedHash: r.keyed_hash,
      issuedAtMs: r.issued_at,
    }));
  }

  /** Empties the central store's record and issues the order, in one transaction. */
  create(keyedHash: string, nowMs: number): Promise<PurgeOrder> {
    return this.db.transaction(async (sql) => {
      await this.store.erase(sql, keyedHash, nowMs);
      const order: PurgeOrder = { orderId: randomUUID(), keyedHash, issuedAtMs: nowMs };
      await sql.query(
        'INSERT INTO purge_orders (order_seq, order_id, keyed_hash, issued_at) VALUES ($1, $2, $3, $4)',
        [await nextCounter(sql, 'purge'), order.orderId, keyedHash, nowMs],
      );
      return order;
    });
  }

  async exists(sql: Sql, orderId: string): Promise<boolean> {
    return (await sql.query('SELECT 1 FROM purge_orders WHERE order_id = $1', [orderId])).rowCount === 1;
  }

  async acknowledge(sql: Sql, orderId: string, kioskId: string, completedAtMs: number): Promise<void> {
    await sql.query(
      `INSERT INTO purge_acks (order_id, kiosk_id, completed_at) VALUES ($1, $2, $3)
       ON CONFLICT (order_id, kiosk_id) DO UPDATE SET completed_at = excluded.completed_at`,
      [orderId, kioskId, completedAtMs],
    );
  }

  async acks(orderId: string): Promise<PurgeOrderAcks | null> {
    if (!(await this.exists(this.db, orderId))) return null;
    const rows = await this.db.query<{ kiosk_id: string; kiosk_code: string; completed_at: number }>(
      `SELECT a.kiosk_id, k.kiosk_code, a.completed_at FROM purge_acks a
       JOIN kiosks k ON k.kiosk_id = a.kiosk_id WHERE a.order_id = $1 ORDER BY k.kiosk_code`,
      [orderId],
    );
    return {
      orderId,
      acks: rows.rows.map((r) => ({
        kioskId: r.kiosk_id,
        kioskCode: r.kiosk_code,
        completedAtMs: r.completed_at,
      })),
    };
  }
}
