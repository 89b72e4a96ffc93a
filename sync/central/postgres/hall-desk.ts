/**
 * The window_overrides and calls tables, and the use cases of the staff desk and the hall display:
 * queue state for kiosks, the desk overview, open/close, call next, transfer, no-show. Calling takes
 * the window's advisory lock and the next ticket with SKIP LOCKED: two windows of one queue, served by
 * different central processes, never call the same ticket.
 */
import { err, ok, type Result } from '../../../kernel/result';
import type { ServiceWindow } from '../../protocol/catalogue';
import type { QueueState } from '../../protocol/central-api';
import type { DisplayCalls, StaffOverview, TicketView } from '../../protocol/central-staff';
import { type TicketRow, ticketView } from '../sqlite/tickets';
import type { PgCases } from './cases';
import type { PgCatalogue } from './catalogue';
import type { PgCentralDatabase } from './database';

const waitingOrder = 'ORDER BY priority DESC, queued_at, number';

export class PgHallDesk {
  constructor(
    private readonly db: PgCentralDatabase,
    private readonly catalogue: PgCatalogue,
    private readonly cases: PgCases,
  ) {}

  async #overrides(): Promise<Map<string, boolean>> {
    const rows = await this.db.query<{ window_id: string; open: boolean }>(
      'SELECT window_id, open FROM window_overrides',
    );
    return new Map(rows.rows.map((r) => [r.window_id, r.open]));
  }

  async #windowsInOrder(): Promise<ServiceWindow[]> {
    return [...(await this.catalogue.hall()).windows.values()].sort((a, b) => a.number - b.number);
  }

  /** The ticket each window serves now (the latest called). */
  async #serving(): Promise<Map<string, TicketRow>> {
    const rows = await this.db.query<TicketRow>(
      "SELECT DISTINCT ON (window_id) * FROM tickets WHERE state = 'called' AND window_id IS NOT NULL ORDER BY window_id, called_at DESC",
    );
    return new Map(rows.rows.map((r) => [r.window_id!, r]));
  }

  async queueState(serviceDate: string, nowMs: number): Promise<QueueState> {
    const hall = await this.catalogue.hall();
    const windows = await this.#windowsInOrder();
    const overrides = await this.#overrides();
    const isOpen = (w: ServiceWindow) => overrides.get(w.id) ?? w.open;
    const serving = await this.#serving();
    // One round trip, each figure by index per queue (a GROUP BY over the day would scan every ticket).
    const figures = new Map(
      (
        await this.db.query<{
          queue_id: string;
          waiting: number;
          last_called: string | null;
          avg_ms: number | null;
          served: number;
        }>(
          `SELECT q.queue_id,
             (SELECT count(*)::int FROM tickets t
               WHERE t.queue_id = q.queue_id AND t.service_date = $1 AND t.state = 'waiting') AS waiting,
             (SELECT display FROM tickets t WHERE t.queue_id = q.queue_id AND t.service_date = $1
               AND t.called_at IS NOT NULL ORDER BY t.called_at DESC LIMIT 1) AS last_called,
             recent.avg_ms, recent.served
           FROM unnest($2::text[]) AS q (queue_id)
           CROSS JOIN LATERAL (
             SELECT avg(finished_at - called_at)::float8 AS avg_ms, count(*)::int AS served FROM (
               SELECT t.finished_at, t.called_at FROM tickets t
               WHERE t.queue_id = q.queue_id AND t.service_date = $1 AND t.state = 'served'
                 AND t.called_at IS NOT NULL AND t.finished_at IS NOT NULL
               ORDER BY t.finished_at DESC LIMIT 20) last20) AS recent`,
          [serviceDate, [...hall.queues.keys()]],
        )
      ).rows.map((r) => [r.queue_id, r]),
    );
    return {
      serviceDate,
      atMs: nowMs,
      queues: [...hall.queues.values()].map((q) => {
        const measured = figures.get(q.id);
        // The mean of the queue's last 20 service times, or the catalogue's figure until there are 3.
        return {
          queueId: q.id,
          waiting: measured?.waiting ?? 0,
          openWindows: windows.filter((w) => w.queueIds.includes(q.id) && isOpen(w)).length,
          averageServiceSeconds:
            measured && measured.served >= 3 && measured.avg_ms !== null
              ? measured.avg_ms / 1000
              : q.averageServiceMinutes * 60,
          lastCalled: measured?.last_called ?? null,
        };
      }),
      windows: windows.map((w) => ({
        windowId: w.id,
        open: isOpen(w),
        queueIds: [...w.queueIds],
        serving: serving.get(w.id)?.display ?? null,
      })),
    };
  }

  async overview(serviceDate: string): Promise<StaffOverview> {
    const hall = await this.catalogue.hall();
    const overrides = await this.#overrides();
    const serving = await this.#serving();
    const waitingByQueue = new Map<string, TicketRow[]>();
    const rows = await this.db.query<TicketRow>(
      `SELECT * FROM tickets WHERE service_date = $1 AND state = 'waiting' ${waitingOrder}`,
      [serviceDate],
    );
    for (const row of rows.rows) {
      const list = waitingByQueue.get(row.queue_id) ?? [];
      list.push(row);
      waitingByQueue.set(row.queue_id, list);
    }
    return {
      serviceDate,
      windows: (await this.#windowsInOrder()).map((w) => {
        const waiting = w.queueIds
          .flatMap((q) => waitingByQueue.get(q) ?? [])
          .sort((a, b) => b.priority - a.priority || a.issued_at - b.issued_at)
          .map(ticketView);
        const current = serving.get(w.id);
        const department = hall.departments.get(w.departmentId);
        return {
          windowId: w.id,
          label: String(w.number),
          departmentId: w.departmentId,
          departmentName: department ? { ...department.name } : { en: w.departmentId },
          open: overrides.get(w.id) ?? w.open,
          queueIds: [...w.queueIds],
          serving: current ? ticketView(current) : null,
          waiting,
        };
      }),
      queues: [...hall.queues.values()].map((q) => ({
        queueId: q.id,
        prefix: q.prefix,
        departmentId: q.departmentId,
        priority: q.priority,
      })),
    };
  }

  async setWindowOpen(windowId: string, open: boolean): Promise<Result<void, 'not_found'>> {
    if (!(await this.catalogue.hall()).windows.has(windowId)) return err('not_found', 'unknown window');
    await this.db.query(
      'INSERT INTO window_overrides (window_id, open) VALUES ($1, $2) ON CONFLICT (window_id) DO UPDATE SET open = excluded.open',
      [windowId, open],
    );
    return ok(undefined);
  }

  async callNext(
    windowId: string,
    serviceDate: string,
    nowMs: number,
  ): Promise<Result<TicketView | null, 'not_found'>> {
    const window = (await this.catalogue.hall()).windows.get(windowId);
    if (!window) return err('not_found', 'unknown window');
    return this.db.transaction(async (sql): Promise<Result<TicketView | null, 'not_found'>> => {
      await sql.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`window:${windowId}`]);
      // The one being served is done: its case moves on.
      const served = await sql.query<{ case_number: string | null }>(
        "UPDATE tickets SET state = 'served', finished_at = $1 WHERE window_id = $2 AND state = 'called' RETURNING case_number",
        [nowMs, windowId],
      );
      for (const s of served.rows)
        if (s.case_number) await this.cases.moveByDesk(sql, s.case_number, 'done', nowMs);
      const next = (
        await sql.query<TicketRow>(
          `SELECT * FROM tickets WHERE queue_id = ANY($1) AND service_date = $2 AND state = 'waiting'
           ${waitingOrder} LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [window.queueIds, serviceDate],
        )
      ).rows[0];
      if (!next) return ok(null);
      const called = (
        await sql.query<TicketRow>(
          "UPDATE tickets SET state = 'called', window_id = $1, called_at = $2 WHERE ticket_id = $3 RETURNING *",
          [windowId, nowMs, next.ticket_id],
        )
      ).rows[0]!;
      await sql.query(
        'INSERT INTO calls (ticket_id, display, window_label, called_at) VALUES ($1, $2, $3, $4)',
        [next.ticket_id, next.display, String(window.number), nowMs],
      );
      if (next.case_number)
        await this.cases.moveByDesk(sql, next.case_number, 'in_progress', nowMs, `window ${window.number}`);
      return ok(ticketView(called));
    });
  }

  async transfer(ticketId: string, queueId: string, nowMs: number): Promise<Result<TicketView, 'not_found'>> {
    const queue = (await this.catalogue.hall()).queues.get(queueId);
    if (!queue) return err('not_found', 'unknown queue');
    // A priority queue makes it a priority ticket; leaving one does not take that away.
    const row = (
      await this.db.query<TicketRow>(
        `UPDATE tickets SET queue_id = $1, state = 'waiting', window_id = NULL, called_at = NULL, queued_at = $2,
           priority = CASE WHEN $3 THEN 1 ELSE priority END WHERE ticket_id = $4 RETURNING *`,
        [queueId, nowMs, queue.priority, ticketId],
      )
    ).rows[0];
    return row ? ok(ticketView(row)) : err('not_found', 'unknown ticket');
  }

  async markNoShow(ticketId: string, nowMs: number): Promise<Result<TicketView, 'not_found'>> {
    const row = (
      await this.db.query<TicketRow>(
        "UPDATE tickets SET state = 'no_show', finished_at = $1 WHERE ticket_id = $2 RETURNING *",
        [nowMs, ticketId],
      )
    ).rows[0];
    return row ? ok(ticketView(row)) : err('not_found', 'unknown ticket');
  }

  async recentCalls(limit: number): Promise<DisplayCalls> {
    const rows = await this.db.query<{ display: string; window_label: string; called_at: number }>(
      'SELECT display, window_label, called_at FROM calls ORDER BY call_seq DESC LIMIT $1',
      [limit],
    );
    return {
      calls: rows.rows.map((r) => ({
        display: r.display,
        windowLabel: r.window_label,
        calledAtMs: r.called_at,
      })),
    };
  }
}
