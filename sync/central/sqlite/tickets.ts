/** The tickets table: every ticket the hall knows, its place in its queue and at a window. */
import { err, ok, type Result } from '../../../kernel/result';
import type { Queue } from '../../protocol/catalogue';
import type { TicketView } from '../../protocol/central-staff';
import type { CentralDatabase } from './central-database';

export interface TicketRow {
  ticket_id: string;
  queue_id: string;
  number_queue_id: string;
  kiosk_id: string | null;
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

export interface NewTicket {
  ticketId: string;
  /** The queue it waits in. */
  queueId: string;
  /** The queue whose counter or block gave the number (numbers are unique per numbering queue). */
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
}

export function ticketView(row: TicketRow): TicketView {
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

export class TicketTable {
  constructor(private readonly db: CentralDatabase) {}

  row(ticketId: string): TicketRow | undefined {
    return this.db.statement('SELECT * FROM tickets WHERE ticket_id = ?').get(ticketId) as
      | TicketRow
      | undefined;
  }

  insert(t: NewTicket): Result<void, 'number_taken'> {
    try {
      this.db
        .statement(
          `INSERT INTO tickets (ticket_id, queue_id, number_queue_id, service_date, number, display, block_id, kiosk_id, state, window_id,
             case_number, item_id, priority, issued_at, queued_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', NULL, ?, ?, ?, ?, ?)`,
        )
        .run(
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
      return ok(undefined);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        return err('number_taken', `ticket number ${t.display} was already issued`);
      }
      throw error;
    }
  }

  /** A ticket reported before its case arrived: the case joins it now, and it waits in the case's queue. */
  attachCase(ticketId: string, caseNumber: string | null, itemId: string | null, queueId: string): void {
    this.db
      .statement(
        'UPDATE tickets SET case_number = coalesce(case_number, ?), item_id = coalesce(item_id, ?), queue_id = ? WHERE ticket_id = ?',
      )
      .run(caseNumber, itemId, queueId, ticketId);
  }

  waitingCount(queueId: string, serviceDate: string): number {
    return this.db
      .statement("SELECT count(*) FROM tickets WHERE queue_id = ? AND service_date = ? AND state = 'waiting'")
      .pluck()
      .get(queueId, serviceDate) as number;
  }

  /** In calling order: priority first, then by the time each joined the queue. */
  waiting(queueId: string, serviceDate: string): TicketRow[] {
    return this.db
      .statement(
        "SELECT * FROM tickets WHERE queue_id = ? AND service_date = ? AND state = 'waiting' ORDER BY priority DESC, queued_at, number",
      )
      .all(queueId, serviceDate) as TicketRow[];
  }

  lastCalledDisplay(queueId: string, serviceDate: string): string | null {
    return (
      (this.db
        .statement(
          'SELECT display FROM tickets WHERE queue_id = ? AND service_date = ? AND called_at IS NOT NULL ORDER BY called_at DESC LIMIT 1',
        )
        .pluck()
        .get(queueId, serviceDate) as string | undefined) ?? null
    );
  }

  servingAt(windowId: string): TicketRow | undefined {
    return this.db
      .statement(
        "SELECT * FROM tickets WHERE window_id = ? AND state = 'called' ORDER BY called_at DESC LIMIT 1",
      )
      .get(windowId) as TicketRow | undefined;
  }

  /** The mean of the last 20 service times, or the catalogue's figure until there are a few. */
  averageServiceSeconds(queue: Queue, serviceDate: string): number {
    const row = this.db
      .statement(
        `SELECT avg(finished_at - called_at) AS avg_ms, count(*) AS n FROM (
           SELECT finished_at, called_at FROM tickets WHERE queue_id = ? AND service_date = ? AND state = 'served'
           AND called_at IS NOT NULL AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 20)`,
      )
      .get(queue.id, serviceDate) as { avg_ms: number | null; n: number };
    return row.n >= 3 && row.avg_ms !== null ? row.avg_ms / 1000 : queue.averageServiceMinutes * 60;
  }

  /** Marks what the window serves as served; returns those tickets. */
  finishServing(windowId: string, nowMs: number): TicketRow[] {
    const serving = this.db
      .statement("SELECT * FROM tickets WHERE window_id = ? AND state = 'called'")
      .all(windowId) as TicketRow[];
    const finish = this.db.statement(
      "UPDATE tickets SET state = 'served', finished_at = ? WHERE ticket_id = ?",
    );
    for (const t of serving) finish.run(nowMs, t.ticket_id);
    return serving;
  }

  nextWaiting(queueIds: readonly string[], serviceDate: string): TicketRow | undefined {
    if (queueIds.length === 0) return undefined;
    return this.db
      .statement(
        `SELECT * FROM tickets WHERE queue_id IN (${queueIds.map(() => '?').join(',')}) AND service_date = ? AND state = 'waiting'
           ORDER BY priority DESC, queued_at, number LIMIT 1`,
      )
      .get(...queueIds, serviceDate) as TicketRow | undefined;
  }

  call(ticketId: string, windowId: string, nowMs: number): void {
    this.db
      .statement("UPDATE tickets SET state = 'called', window_id = ?, called_at = ? WHERE ticket_id = ?")
      .run(windowId, nowMs, ticketId);
  }

  /** It keeps its number and waits again, at the back of the other queue. */
  transfer(ticketId: string, queueId: string, priority: boolean, nowMs: number): void {
    this.db
      .statement(
        "UPDATE tickets SET queue_id = ?, state = 'waiting', window_id = NULL, called_at = NULL, queued_at = ?, priority = ? WHERE ticket_id = ?",
      )
      .run(queueId, nowMs, priority ? 1 : 0, ticketId);
  }

  markNoShow(ticketId: string, nowMs: number): void {
    this.db
      .statement("UPDATE tickets SET state = 'no_show', finished_at = ? WHERE ticket_id = ?")
      .run(nowMs, ticketId);
  }
}
