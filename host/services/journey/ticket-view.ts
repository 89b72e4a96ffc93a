import type { PriorityReason } from '../../../sync/protocol/central-api';
import type { TicketView, WaitBand } from '../../api/journey';
import type { KioskRuntime } from '../../core/kiosk-runtime';
import type { JourneyContext } from './journey-context';

/** An issued number as the applicant sees it: queue, department, the windows that call it. */
export function ticketView(
  journey: JourneyContext,
  runtime: KioskRuntime,
  ticket: { display: string; queueId: string; issuedAtMs: number },
  route: { peopleAhead: number; waitBand: WaitBand; priority: boolean; priorityReasons: PriorityReason[] },
): TicketView | null {
  const view = journey.catalogueOf(runtime);
  const queue = view.queue(ticket.queueId);
  const department = queue ? view.department(queue.departmentId) : null;
  if (!queue || !department) return null;
  const windowNumbers = view
    .snapshot()
    .windows.filter((window) => window.queueIds.includes(queue.id))
    .map((window) => window.number)
    .sort((a, b) => a - b);
  return {
    number: ticket.display,
    queueName: queue.name,
    departmentName: department.name,
    windowNumbers,
    peopleAhead: route.peopleAhead,
    waitBand: route.waitBand,
    priority: route.priority,
    // A reason is only claimed on the ticket when the number really is a green-channel one.
    priorityReasons: route.priority ? route.priorityReasons : [],
    issuedAt: new Date(ticket.issuedAtMs).toISOString(),
  };
}
