import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { formatTicketDisplay } from '../../../kernel/ticket-display';
import { OverlappingTicketBlockError } from '../errors';
import type { StoreContext } from '../store-context';

export interface TicketBlock {
  /** Issued by the central system; re-adding the same block is a no-op. */
  blockId: string;
  queueId: string;
  /** Queue letter(s) shown before the number, e.g. 'A'. */
  prefix: string;
  /** YYYY-MM-DD, the hall's local service day the numbers belong to. */
  serviceDate: string;
  first: number;
  last: number;
}

export interface IssuedTicket {
  ticketId: string;
  blockId: string;
  queueId: string;
  serviceDate: string;
  number: number;
  /** Prefix + number, at least three digits: 'A001'. */
  display: string;
  issuedAtMs: number;
}

export interface UnreportedTicket extends IssuedTicket {
  submissionId: string | null;
}

interface BlockRow {
  block_id: string;
  queue_id: string;
  prefix: string;
  service_date: string;
  first: number;
  last: number;
  next: number;
}

const serviceDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Ticket numbers leased from the central system in blocks, so a kiosk keeps issuing while
 * offline and two kiosks never issue the same number. Owns ticket_blocks and tickets: issuing is
 * one unit (take the next number of a block, record the ticket), and UNIQUE(queue, date, number)
 * on tickets is the last line of defence against a repeat.
 */
export class TicketBlocksTable {
  readonly #ctx: StoreContext;
  readonly #openBlock: Statement;
  readonly #advance: Statement;
  readonly #insertTicket: Statement;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
    this.#openBlock = ctx.db.prepare(
      `SELECT block_id, queue_id, prefix, service_date, first, last, next FROM ticket_blocks
       WHERE queue_id = ? AND service_date = ? AND next <= last ORDER BY first LIMIT 1`,
    );
    this.#advance = ctx.db.prepare(
      'UPDATE ticket_blocks SET next = next + 1 WHERE block_id = ? AND next = ?',
    );
    this.#insertTicket = ctx.db.prepare(
      `INSERT INTO tickets (ticket_id, block_id, queue_id, service_date, number, display, issued_at, submission_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /**
   * Records a leased block. Idempotent for the same blockId and range; a block overlapping another
   * block of the same queue and day is refused (it would make a repeat possible).
   */
  addBlock(block: TicketBlock): void {
    if (!serviceDatePattern.test(block.serviceDate))
      throw new Error(`serviceDate must be YYYY-MM-DD: ${block.serviceDate}`);
    if (
      !Number.isInteger(block.first) ||
      !Number.isInteger(block.last) ||
      block.first < 1 ||
      block.last < block.first
    ) {
      throw new Error(`ticket block ${block.blockId} has an invalid range ${block.first}..${block.last}`);
    }
    const db = this.#ctx.db;
    db.transaction(() => {
      const existing = db
        .prepare(
          'SELECT block_id, queue_id, prefix, service_date, first, last, next FROM ticket_blocks WHERE block_id = ?',
        )
        .get(block.blockId) as BlockRow | undefined;
      if (existing) {
        const same =
          existing.queue_id === block.queueId &&
          existing.service_date === block.serviceDate &&
          existing.first === block.first &&
          existing.last === block.last &&
          existing.prefix === block.prefix;
        if (same) return;
        throw new OverlappingTicketBlockError(
          `ticket block ${block.blockId} already exists with a different range`,
        );
      }
      const overlapping = db
        .prepare(
          `SELECT block_id FROM ticket_blocks WHERE queue_id = ? AND service_date = ? AND first <= ? AND last >= ? LIMIT 1`,
        )
        .get(block.queueId, block.serviceDate, block.last, block.first) as { block_id: string } | undefined;
      if (overlapping) {
        throw new OverlappingTicketBlockError(
          `ticket block ${block.blockId} (${block.first}..${block.last}) overlaps block ${overlapping.block_id}`,
        );
      }
      db.prepare(
        `INSERT INTO ticket_blocks (block_id, queue_id, prefix, service_date, first, last, next, leased_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        block.blockId,
        block.queueId,
        block.prefix,
        block.serviceDate,
        block.first,
        block.last,
        block.first,
        this.#ctx.clock(),
      );
    })();
  }

  /**
   * Takes the next free number for the queue and day, or null when every leased block is used up.
   * Runs in a transaction (nested as a savepoint when the caller already has one, e.g. a submission).
   */
  issueNumber(queueId: string, serviceDate: string, submissionId: string | null = null): IssuedTicket | null {
    return this.#ctx.db.transaction((): IssuedTicket | null => {
      const block = this.#openBlock.get(queueId, serviceDate) as BlockRow | undefined;
      if (!block) return null;
      const number = block.next;
      // Compare-and-set on `next`: a second connection that raced us changes nothing here.
      if (this.#advance.run(block.block_id, number).changes !== 1) {
        throw new Error(`ticket block ${block.block_id} changed under us`);
      }
      const ticket: IssuedTicket = {
        ticketId: randomUUID(),
        blockId: block.block_id,
        queueId,
        serviceDate,
        number,
        display: formatTicketDisplay(block.prefix, number),
        issuedAtMs: this.#ctx.clock(),
      };
      this.#insertTicket.run(
        ticket.ticketId,
        ticket.blockId,
        queueId,
        serviceDate,
        number,
        ticket.display,
        ticket.issuedAtMs,
        submissionId,
      );
      return ticket;
    })();
  }

  /** Numbers left across the queue's leased blocks for the day (to ask for a new lease in time). */
  remaining(queueId: string, serviceDate: string): number {
    const row = this.#ctx.db
      .prepare(
        'SELECT coalesce(sum(last - next + 1), 0) AS n FROM ticket_blocks WHERE queue_id = ? AND service_date = ?',
      )
      .get(queueId, serviceDate) as { n: number };
    return row.n;
  }

  /** Tickets the central system has not yet been told about, in issue order. */
  unreportedTickets(limit = 1000): UnreportedTicket[] {
    const rows = this.#ctx.db
      .prepare(
        `SELECT ticket_id, block_id, queue_id, service_date, number, display, issued_at, submission_id
         FROM tickets WHERE reported_at IS NULL ORDER BY issued_at, rowid LIMIT ?`,
      )
      .all(limit) as {
      ticket_id: string;
      block_id: string;
      queue_id: string;
      service_date: string;
      number: number;
      display: string;
      issued_at: number;
      submission_id: string | null;
    }[];
    return rows.map((r) => ({
      ticketId: r.ticket_id,
      blockId: r.block_id,
      queueId: r.queue_id,
      serviceDate: r.service_date,
      number: r.number,
      display: r.display,
      issuedAtMs: r.issued_at,
      submissionId: r.submission_id,
    }));
  }

  markReported(ticketIds: readonly string[]): void {
    const update = this.#ctx.db.prepare(
      'UPDATE tickets SET reported_at = ? WHERE ticket_id = ? AND reported_at IS NULL',
    );
    const now = this.#ctx.clock();
    this.#ctx.db.transaction(() => {
      for (const id of ticketIds) update.run(now, id);
    })();
  }

  /** Blocks and reported tickets of past service days are no longer needed. */
  deleteServiceDaysBefore(serviceDate: string): number {
    const db = this.#ctx.db;
    return db.transaction(() => {
      // Unreported tickets keep their block: the central system must still learn of them.
      const tickets = db
        .prepare('DELETE FROM tickets WHERE service_date < ? AND reported_at IS NOT NULL')
        .run(serviceDate).changes;
      db.prepare(
        'DELETE FROM ticket_blocks WHERE service_date < ? AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.block_id = ticket_blocks.block_id)',
      ).run(serviceDate);
      return tickets;
    })();
  }
}
