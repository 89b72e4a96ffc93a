/**
 * The ticket_counters, ticket_blocks and tickets tables. Numbers come from each queue's daily counter
 * row, taken with an atomic upsert whose row lock holds until commit: blocks leased by kiosks talking
 * to different central processes never overlap. Ticket numbers are also unique per numbering queue
 * and day, so a ticket reported twice is caught by the key, not by a read.
 */
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../../../kernel/result';
import { formatTicketDisplay } from '../../../kernel/ticket-display';
import type { Queue } from '../../protocol/catalogue';
import type { IssuedTicket, TicketBlock, TicketBlockRequest, TicketRef } from '../../protocol/central-api';
import type { NewTicket, TicketRow } from '../sqlite/tickets';
import type { PgCentralDatabase, Sql } from './database';

interface BlockRow {
  block_id: string;
  kiosk_id: string | null;
  queue_id: string;
  service_date: string;
  first_number: number;
  last_number: number;
}

function blockOf(row: BlockRow, prefix: string): TicketBlock {
  return {
    blockId: row.block_id,
    queueId: row.queue_id,
    prefix,
    serviceDate: row.service_date,
    first: row.first_number,
    last: row.last_number,
  };
}

export class PgTickets {
  constructor(private readonly db: PgCentralDatabase) {}

  /** Takes `count` consecutive numbers from the queue's daily counter; returns the first. */
  async takeNumbers(sql: Sql, queueId: string, serviceDate: string, count: number): Promise<number> {
    const row = await sql.query<{ next_number: number }>(
      `INSERT INTO ticket_counters (queue_id, service_date, next_number) VALUES ($1, $2, $3)
       ON CONFLICT (queue_id, service_date) DO UPDATE SET next_number = ticket_counters.next_number + $4
       RETURNING next_number`,
      [queueId, serviceDate, 1 + count, count],
    );
    return row.rows[0]!.next_number - count;
  }

  /**
   * The same lease key gives the same block again; used for another queue or kiosk it is a conflict.
   * Two processes leasing under one key at once: the loser hits the unique key and its retry finds
   * the winner's block (its own numbers go back with its rollback).
   */
  lease(
    kioskId: string,
    request: TicketBlockRequest,
    queue: Queue,
    nowMs: number,
  ): Promise<Result<TicketBlock, 'conflict'>> {
    return this.db.transaction(
      async (sql): Promise<Result<TicketBlock, 'conflict'>> => {
        const existing = (
          await sql.query<BlockRow>('SELECT * FROM ticket_blocks WHERE lease_key = $1', [request.leaseKey])
        ).rows[0];
        if (existing) {
          if (
            existing.kiosk_id !== kioskId ||
            existing.queue_id !== request.queueId ||
            existing.service_date !== request.serviceDate
          ) {
            return err('conflict', 'lease key used for another block');
          }
          return ok(blockOf(existing, queue.prefix));
        }
        const first = await this.takeNumbers(sql, request.queueId, request.serviceDate, request.size);
        const block: TicketBlock = {
          blockId: randomUUID(),
          queueId: request.queueId,
          prefix: queue.prefix,
          serviceDate: request.serviceDate,
          first,
          last: first + request.size - 1,
        };
        await sql.query(
          `INSERT INTO ticket_blocks (block_id, lease_key, kiosk_id, queue_id, service_date, first_number, last_number, leased_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            block.blockId,
            request.leaseKey,
            kioskId,
            block.queueId,
            block.serviceDate,
            block.first,
            block.last,
            nowMs,
          ],
        );
        return ok(block);
      },
      { retryOnUniqueViolation: true },
    );
  }

  /** The id of the block, leased by this kiosk, that holds the ticket's number. */
  async blockHolding(
    sql: Sql,
    kioskId: string,
    ref: TicketRef | IssuedTicket,
    numberingQueue: Queue | undefined,
  ): Promise<Result<string, 'not_in_block'>> {
    const block = (
      await sql.query<BlockRow>('SELECT * FROM ticket_blocks WHERE block_id = $1', [ref.blockId])
    ).rows[0];
    if (
      !block ||
      !numberingQueue ||
      block.kiosk_id !== kioskId ||
      block.queue_id !== ref.queueId ||
      block.service_date !== ref.serviceDate ||
      ref.number < block.first_number ||
      ref.number > block.last_number ||
      ref.display !== formatTicketDisplay(numberingQueue.prefix, ref.number)
    ) {
      return err('not_in_block', `ticket ${ref.display} is not in a block leased by this kiosk`);
    }
    return ok(block.block_id);
  }

  async row(sql: Sql, ticketId: string, lock = false): Promise<TicketRow | undefined> {
    const rows = await sql.query<TicketRow>(
      `SELECT * FROM tickets WHERE ticket_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [ticketId],
    );
    return rows.rows[0];
  }

  /** A number or id already taken is a Result (ON CONFLICT: the transaction stays usable). */
  async insert(sql: Sql, t: NewTicket): Promise<Result<void, 'number_taken'>> {
    const inserted = await sql.query(
      `INSERT INTO tickets (ticket_id, queue_id, number_queue_id, service_date, number, display, block_id, kiosk_id, state,
         window_id, case_number, item_id, priority, issued_at, queued_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'waiting', NULL, $9, $10, $11, $12, $12)
       ON CONFLICT DO NOTHING`,
      [
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
      ],
    );
    if (inserted.rowCount === 1) return ok(undefined);
    return err('number_taken', `ticket number ${t.display} was already issued`);
  }

  async attachCase(
    sql: Sql,
    ticketId: string,
    caseNumber: string | null,
    itemId: string | null,
    queueId: string,
  ): Promise<void> {
    await sql.query(
      'UPDATE tickets SET case_number = coalesce(case_number, $1), item_id = coalesce(item_id, $2), queue_id = $3 WHERE ticket_id = $4',
      [caseNumber, itemId, queueId, ticketId],
    );
  }
}
