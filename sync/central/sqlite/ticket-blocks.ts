/**
 * The ticket_blocks and ticket_counters tables: each queue's daily number counter, and the blocks of
 * numbers kiosks lease from it (blocks never overlap because both come from the one counter).
 */
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../../../kernel/result';
import { formatTicketDisplay } from '../../../kernel/ticket-display';
import type { Queue } from '../../protocol/catalogue';
import type { IssuedTicket, TicketBlock, TicketBlockRequest, TicketRef } from '../../protocol/central-api';
import type { CentralDatabase } from './central-database';

interface BlockRow {
  block_id: string;
  kiosk_id: string | null;
  queue_id: string;
  service_date: string;
  first: number;
  last: number;
}

export class TicketBlockTable {
  constructor(private readonly db: CentralDatabase) {}

  /** Takes `count` consecutive numbers from the queue's daily counter; returns the first. */
  takeNumbers(queueId: string, serviceDate: string, count: number): number {
    const row = this.db
      .statement(
        `INSERT INTO ticket_counters (queue_id, service_date, next_number) VALUES (?, ?, ?)
         ON CONFLICT(queue_id, service_date) DO UPDATE SET next_number = next_number + ?
         RETURNING next_number`,
      )
      .get(queueId, serviceDate, 1 + count, count) as { next_number: number };
    return row.next_number - count;
  }

  /** The same lease key gives the same block again; used for another queue or kiosk it is a conflict. */
  lease(
    kioskId: string,
    request: TicketBlockRequest,
    queue: Queue,
    nowMs: number,
  ): Result<TicketBlock, 'conflict'> {
    return this.db.transaction(() => {
      const existing = this.db
        .statement(
          'SELECT block_id, kiosk_id, queue_id, service_date, first, last FROM ticket_blocks WHERE lease_key = ?',
        )
        .get(request.leaseKey) as BlockRow | undefined;
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
      const first = this.takeNumbers(request.queueId, request.serviceDate, request.size);
      const block: TicketBlock = {
        blockId: randomUUID(),
        queueId: request.queueId,
        prefix: queue.prefix,
        serviceDate: request.serviceDate,
        first,
        last: first + request.size - 1,
      };
      this.db
        .statement(
          'INSERT INTO ticket_blocks (block_id, lease_key, kiosk_id, queue_id, service_date, first, last, leased_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          block.blockId,
          request.leaseKey,
          kioskId,
          block.queueId,
          block.serviceDate,
          block.first,
          block.last,
          nowMs,
        );
      return ok(block);
    });
  }

  /**
   * The id of the block, leased by this kiosk, that holds the ticket's number (and the display its
   * queue's prefix gives that number).
   */
  blockHolding(
    kioskId: string,
    ref: TicketRef | IssuedTicket,
    numberingQueue: Queue | undefined,
  ): Result<string, 'not_in_block'> {
    // Every ticket names the block it came from (the kiosk's record carries it): nothing is rebuilt here.
    const block = this.db.statement('SELECT * FROM ticket_blocks WHERE block_id = ?').get(ref.blockId) as
      | BlockRow
      | undefined;
    if (
      !block ||
      !numberingQueue ||
      block.kiosk_id !== kioskId ||
      block.queue_id !== ref.queueId ||
      block.service_date !== ref.serviceDate ||
      ref.number < block.first ||
      ref.number > block.last ||
      ref.display !== formatTicketDisplay(numberingQueue.prefix, ref.number)
    ) {
      return err('not_in_block', `ticket ${ref.display} is not in a block leased by this kiosk`);
    }
    return ok(block.block_id);
  }
}

function blockOf(row: BlockRow, prefix: string): TicketBlock {
  return {
    blockId: row.block_id,
    queueId: row.queue_id,
    prefix,
    serviceDate: row.service_date,
    first: row.first,
    last: row.last,
  };
}
