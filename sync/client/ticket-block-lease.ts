/**
 * Keeps the kiosk supplied with ticket numbers: leases a new block from the central server before a
 * queue's leased numbers run low (low-water mark), so tickets keep coming while the link is down, and
 * reports the tickets issued (offline or not) when the link is up. Blocks never overlap across kiosks:
 * the server hands them out from one counter per queue and day.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ticketReportResponseSchema } from '../protocol/central-api';
import { type CentralClient, isCentralCallError } from './central-client';
import type { TicketBlockStore } from './sync-ports';

export interface TicketBlockLeaseOptions {
  store: TicketBlockStore;
  client: CentralClient;
  logger: Logger;
  blockSize: number;
  /** Lease another block when fewer numbers than this are left. */
  lowWaterMark: number;
}

/** 'refused': the server answered no (a 4xx); 'unreachable': no usable answer. */
export type LeaseOutcome = 'enough' | 'leased' | 'unreachable' | 'refused';

export class TicketBlockLease {
  readonly #o: TicketBlockLeaseOptions;

  constructor(options: TicketBlockLeaseOptions) {
    this.#o = options;
  }

  /** Tops up one queue's numbers for the day if they are below the low-water mark. */
  async ensure(queueId: string, serviceDate: string): Promise<LeaseOutcome> {
    if (this.#o.store.remaining(queueId, serviceDate) >= this.#o.lowWaterMark) return 'enough';
    // One key per top-up: a retry after a lost answer returns the same block, not a second one.
    const leaseKey = `lease-${randomUUID()}`;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const block = await this.#o.client.leaseTicketBlock({
          leaseKey,
          queueId,
          serviceDate,
          size: this.#o.blockSize,
        });
        if (block.queueId !== queueId || block.serviceDate !== serviceDate) {
          this.#o.logger.warn({ event: 'tickets.block_mismatch', queueId });
          return 'unreachable';
        }
        this.#o.store.addBlock(block);
        return 'leased';
      } catch (error) {
        if (!isCentralCallError(error)) throw error;
        if (error.failure.kind === 'client') {
          this.#o.logger.warn({ event: 'tickets.lease_refused', queueId, reason: error.message });
          return 'refused';
        }
      }
    }
    return 'unreachable';
  }

  /** Tops up every queue; stops at the first that cannot reach the server (the others would wait too). */
  async ensureAll(queueIds: readonly string[], serviceDate: string): Promise<Record<string, LeaseOutcome>> {
    const outcomes: Record<string, LeaseOutcome> = {};
    for (const queueId of queueIds) {
      outcomes[queueId] = await this.ensure(queueId, serviceDate);
      if (outcomes[queueId] === 'unreachable') break;
    }
    return outcomes;
  }

  /** Tells the central server about issued tickets it has not heard of; returns how many were reported. */
  async reportIssued(): Promise<number> {
    let reported = 0;
    for (;;) {
      const tickets = this.#o.store.unreportedTickets(500);
      if (tickets.length === 0) return reported;
      const ids = tickets.map((t) => t.ticketId);
      // Derived from the tickets: the same unreported set after a crash repeats the same key and body.
      const idempotencyKey = `tickets-${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 40)}`;
      const payload = {
        tickets: tickets.map((t) => ({
          ticketId: t.ticketId,
          blockId: t.blockId,
          queueId: t.queueId,
          serviceDate: t.serviceDate,
          number: t.number,
          display: t.display,
          issuedAtMs: t.issuedAtMs,
        })),
      };
      const response = await this.#o.client.deliverBatch([
        { kind: 'ticket_report', idempotencyKey, kioskSeq: 0, payload },
      ]);
      const result = response.results[0]!;
      const parsed = ticketReportResponseSchema.safeParse(result.body);
      if (result.status !== 200 || !parsed.success) {
        this.#o.logger.warn({ event: 'tickets.report_refused', status: result.status });
        return reported;
      }
      for (const rejected of parsed.data.rejected) {
        this.#o.logger.warn({ event: 'tickets.report_rejected', reason: rejected.reason });
      }
      this.#o.store.markReported(ids);
      reported += ids.length;
    }
  }
}
