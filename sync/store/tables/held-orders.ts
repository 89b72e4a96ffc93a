import type { StoreContext } from '../store-context';

export interface HeldOrder {
  orderId: string;
  kind: 'purge';
  /** The order as received, signature included (verified again before it is carried out). */
  body: unknown;
  reason: string;
  heldAtMs: number;
}

/** Verified orders waiting until they can be carried out without losing anything (see migration 003). */
export class HeldOrdersTable {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  /** Keeps the first hold time when an order is held again. */
  hold(orderId: string, kind: 'purge', body: unknown, reason: string): void {
    this.#ctx.db
      .prepare(
        `INSERT INTO held_orders (order_id, kind, body, reason, held_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (order_id) DO UPDATE SET reason = excluded.reason`,
      )
      .run(orderId, kind, JSON.stringify(body), reason, this.#ctx.clock());
  }

  release(orderId: string): void {
    this.#ctx.db.prepare('DELETE FROM held_orders WHERE order_id = ?').run(orderId);
  }

  /** Oldest first: orders are carried out in the order they were held. */
  list(kind: 'purge'): HeldOrder[] {
    const rows = this.#ctx.db
      .prepare(
        'SELECT order_id, kind, body, reason, held_at FROM held_orders WHERE kind = ? ORDER BY held_at, order_id',
      )
      .all(kind) as { order_id: string; kind: 'purge'; body: string; reason: string; held_at: number }[];
    return rows.map((r) => ({
      orderId: r.order_id,
      kind: r.kind,
      body: JSON.parse(r.body) as unknown,
      reason: r.reason,
      heldAtMs: r.held_at,
    }));
  }
}
