/**
 * Between the purge-order feed and the kiosk's store: an order is carried out only when it is signed by
 * the hall's order key (kernel/signed-orders.ts) and only once nothing about the person is still on its
 * way to the central system. Forged orders are refused and reported; a genuine order for a person with an
 * undelivered submission is held (persisted, retried each pull round) until the central acknowledged it.
 *
 * The feed's cursor always moves on: a refused order stays refused (the signature check is deterministic,
 * so fetching it again would not change the verdict, and a forged entry must not block genuine orders
 * after it), and a held order lives in held_orders rather than in the cursor. The exception is a kiosk
 * enrolled without the hall key: it keeps its cursor, so after re-enrolment it carries the orders out.
 */
import type { Logger } from 'pino';
import { verifyPurgeOrder } from '../../kernel/signed-orders';
import { type PurgeOrder, purgeOrderSchema } from '../protocol/central-api';
import type { KioskDatabase } from '../store/kiosk-database';

export interface PurgeOrderReport {
  /** Orders refused since start (unsigned, forged, tampered, or no hall key to check them with). */
  refused: number;
  /** Genuine orders waiting for the person's submissions to reach the central system. */
  held: number;
}

export interface PurgeOrderGateOptions {
  store: KioskDatabase;
  hallId: string;
  /** The hall's order-signing public key from the enrolment record; null: every order is refused. */
  orderSigningKey: string | null;
  logger: Logger;
  /** Deliver now (a held order waits for the outbox). */
  kick(): void;
  clock?: () => number;
}

export class PurgeOrderGate {
  readonly #o: PurgeOrderGateOptions;
  /** Refusals already reported (an order seen again while the cursor waits is not counted twice). */
  readonly #refused = new Set<string>();

  constructor(options: PurgeOrderGateOptions) {
    this.#o = options;
  }

  report(): PurgeOrderReport {
    return { refused: this.#refused.size, held: this.#o.store.heldOrders.list('purge').length };
  }

  /** The DeltaPuller's sink: held orders first (they are older), then the page. */
  apply(orders: readonly PurgeOrder[], cursor: string): void {
    const { store } = this.#o;
    for (const held of store.heldOrders.list('purge')) {
      const parsed = purgeOrderSchema.safeParse(held.body);
      if (!parsed.success) {
        this.#refuse(held.orderId, 'unreadable');
        store.heldOrders.release(held.orderId);
        continue;
      }
      this.#consider(parsed.data);
    }
    let keepCursor = false;
    for (const order of orders) if (this.#consider(order) === 'no_key') keepCursor = true;
    if (!keepCursor) store.transaction(() => store.syncCursors.set('purge-orders', cursor));
  }

  #consider(order: PurgeOrder): 'done' | 'held' | 'refused' | 'no_key' {
    const { store, logger } = this.#o;
    const verdict = verifyPurgeOrder(order, this.#o.hallId, this.#o.orderSigningKey);
    if (!verdict.ok) {
      this.#refuse(order.orderId, verdict.error.code);
      store.heldOrders.release(order.orderId);
      return verdict.error.code === 'no_key' ? 'no_key' : 'refused';
    }
    const idHash = Buffer.from(order.keyedHash, 'hex');
    const outbox = store.outbox.undeliveredForPerson(idHash, order.issuedAtMs);
    const unacknowledged = store.submissions.unacknowledgedForPerson(idHash, order.issuedAtMs);
    if (outbox.pending + outbox.parked + unacknowledged > 0) {
      const reason = `waiting for ${unacknowledged} submission(s): ${outbox.pending} pending, ${outbox.parked} parked`;
      const firstTime = !store.heldOrders.list('purge').some((h) => h.orderId === order.orderId);
      store.heldOrders.hold(order.orderId, 'purge', order, reason);
      if (firstTime) {
        // An alert, not a note: a parked item needs a technician before the person can be erased.
        const level = outbox.parked > 0 ? 'error' : 'warn';
        logger[level]({ event: 'sync.purge_order_held', orderId: order.orderId, ...outbox, unacknowledged });
        store.auditLog.append('central', 'store.purge_order_held', { orderId: order.orderId, ...outbox });
      }
      if (outbox.pending > 0) this.#o.kick();
      return 'held';
    }
    // purgePerson deletes the rows synchronously (its promise only finishes the file clean-up), so the
    // person is gone before the acknowledgement is queued.
    void store.retention
      .purgePerson({ idHash: order.keyedHash, issuedAtMs: order.issuedAtMs, orderId: order.orderId })
      .catch((error: unknown) =>
        logger.error({ err: error, orderId: order.orderId }, 'purge clean-up failed'),
      );
    const completedAtMs = (this.#o.clock ?? Date.now)();
    const ackKey = `purge-ack-${order.orderId}`;
    store.transaction(() => {
      if (!store.outbox.hasIdempotencyKey(ackKey))
        store.outbox.enqueueInTransaction({
          kind: 'purge_ack',
          idempotencyKey: ackKey,
          payload: { orderId: order.orderId, completedAtMs },
          materialHashes: [],
        });
      store.heldOrders.release(order.orderId);
    });
    this.#o.kick();
    return 'done';
  }

  #refuse(orderId: string, reason: string): void {
    if (this.#refused.has(orderId)) return;
    this.#refused.add(orderId);
    // The order id only: the keyed hash names a person.
    this.#o.logger.error({ event: 'sync.purge_order_refused', orderId, reason });
    this.#o.store.auditLog.append('central', 'store.purge_order_refused', { orderId, reason });
  }
}
