/**
 * The window_overrides and calls tables, and the use cases of the staff desk and the hall display:
 * queue state for kiosks, the desk overview, open/close, call next, transfer, no-show.
 */
import { err, ok, type Result } from '../../../kernel/result';
import type { ServiceWindow } from '../../protocol/catalogue';
import type { QueueState } from '../../protocol/central-api';
import type { DisplayCalls, StaffOverview, TicketView } from '../../protocol/central-staff';
import type { CaseTable } from './cases';
import type { CatalogueTable } from './catalogue';
import type { CentralDatabase } from './central-database';
import { type TicketTable, ticketView } from './tickets';

export class HallDesk {
  constructor(
    private readonly db: CentralDatabase,
    private readonly catalogue: CatalogueTable,
    private readonly tickets: TicketTable,
    private readonly cases: CaseTable,
  ) {}

  #windowOpen(window: ServiceWindow): boolean {
    const open = this.db
      .statement('SELECT open FROM window_overrides WHERE window_id = ?')
      .pluck()
      .get(window.id) as number | undefined;
    return open === undefined ? window.open : open === 1;
  }

  #windowsInOrder(): ServiceWindow[] {
    return [...this.catalogue.hall().windows.values()].sort((a, b) => a.number - b.number);
  }

  queueState(serviceDate: string, nowMs: number): QueueState {
    const hall = this.catalogue.hall();
    const windows = this.#windowsInOrder();
    return {
      serviceDate,
      atMs: nowMs,
      queues: [...hall.queues.values()].map((q) => ({
        queueId: q.id,
        waiting: this.tickets.waitingCount(q.id, serviceDate),
        openWindows: windows.filter((w) => w.queueIds.includes(q.id) && this.#windowOpen(w)).length,
        averageServiceSeconds: this.tickets.averageServiceSeconds(q, serviceDate),
        lastCalled: this.tickets.lastCalledDisplay(q.id, serviceDate),
      })),
      windows: windows.map((w) => ({
        windowId: w.id,
        open: this.#windowOpen(w),
        queueIds: [...w.queueIds],
        serving: this.tickets.servingAt(w.id)?.display ?? null,
      })),
    };
  }

  overview(serviceDate: string): StaffOverview {
    const hall = this.catalogue.hall();
    return {
      serviceDate,
      windows: this.#windowsInOrder().map((w) => {
        const waiting = w.queueIds
          .flatMap((q) => this.tickets.waiting(q, serviceDate))
          .sort((a, b) => b.priority - a.priority || a.issued_at - b.issued_at)
          .map(ticketView);
        const serving = this.tickets.servingAt(w.id);
        const department = hall.departments.get(w.departmentId);
        return {
          windowId: w.id,
          label: String(w.number),
          departmentId: w.departmentId,
          departmentName: department ? { ...department.name } : { en: w.departmentId },
          open: this.#windowOpen(w),
          queueIds: [...w.queueIds],
          serving: serving ? ticketView(serving) : null,
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

  setWindowOpen(windowId: string, open: boolean): Result<void, 'not_found'> {
    if (!this.catalogue.hall().windows.has(windowId)) return err('not_found', 'unknown window');
    this.db
      .statement('INSERT OR REPLACE INTO window_overrides (window_id, open) VALUES (?, ?)')
      .run(windowId, open ? 1 : 0);
    return ok(undefined);
  }

  callNext(windowId: string, serviceDate: string, nowMs: number): Result<TicketView | null, 'not_found'> {
    const window = this.catalogue.hall().windows.get(windowId);
    if (!window) return err('not_found', 'unknown window');
    return this.db.transaction(() => {
      // The one being served is done: its case moves on.
      for (const served of this.tickets.finishServing(windowId, nowMs)) {
        if (served.case_number) this.cases.moveByDesk(served.case_number, 'done', nowMs);
      }
      const next = this.tickets.nextWaiting(window.queueIds, serviceDate);
      if (!next) return ok(null);
      this.tickets.call(next.ticket_id, windowId, nowMs);
      this.db
        .statement('INSERT INTO calls (ticket_id, display, window_label, called_at) VALUES (?, ?, ?, ?)')
        .run(next.ticket_id, next.display, String(window.number), nowMs);
      if (next.case_number)
        this.cases.moveByDesk(next.case_number, 'in_progress', nowMs, `window ${window.number}`);
      return ok(ticketView(this.tickets.row(next.ticket_id)!));
    });
  }

  transfer(ticketId: string, queueId: string, nowMs: number): Result<TicketView, 'not_found'> {
    const queue = this.catalogue.hall().queues.get(queueId);
    if (!queue) return err('not_found', 'unknown queue');
    const row = this.tickets.row(ticketId);
    if (!row) return err('not_found', 'unknown ticket');
    // A priority queue makes it a priority ticket; leaving one does not take that away.
    this.tickets.transfer(ticketId, queueId, queue.priority || row.priority === 1, nowMs);
    return ok(ticketView(this.tickets.row(ticketId)!));
  }

  markNoShow(ticketId: string, nowMs: number): Result<TicketView, 'not_found'> {
    if (!this.tickets.row(ticketId)) return err('not_found', 'unknown ticket');
    this.tickets.markNoShow(ticketId, nowMs);
    return ok(ticketView(this.tickets.row(ticketId)!));
  }

  recentCalls(limit: number): DisplayCalls {
    const rows = this.db
      .statement('SELECT display, window_label, called_at FROM calls ORDER BY call_seq DESC LIMIT ?')
      .all(limit) as { display: string; window_label: string; called_at: number }[];
    return {
      calls: rows.map((r) => ({ display: r.display, windowLabel: r.window_label, calledAtMs: r.called_at })),
    };
  }
}
