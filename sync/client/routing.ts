import { ageOn } from '../../kernel/age';
/**
 * Which queue a submission joins (pure): the item's department, the applicant's priority (green
 * channel: 60+ from the birth date, disability, veteran, pregnant, appointment holder -> the
 * department's priority queue when it has one), then the least expected wait among the queues'
 * open windows: average service time x people ahead / open windows, told as a band code that the
 * renderer translates.
 */

import type { Queue, ServiceWindow } from '../protocol/catalogue';
import type { PriorityReason, QueueState } from '../protocol/central-api';

export type WaitBand = 'under_10' | '10_20' | '20_40' | 'over_40' | 'unknown';

export interface ApplicantPriorityFacts {
  /** YYYY-MM-DD from the ID card; null when unknown (no card). */
  birthDate: string | null;
  disability?: boolean;
  veteran?: boolean;
  pregnant?: boolean;
  appointmentHolder?: boolean;
}

export interface RouteDecision {
  queueId: string;
  priority: boolean;
  priorityReasons: PriorityReason[];
  peopleAhead: number;
  openWindows: number;
  /** null when no window serving the queue is open (or nothing is known of the load). */
  expectedWaitSeconds: number | null;
  waitBand: WaitBand;
}

export const elderlyAge = 60;

/** Whole years between a YYYY-MM-DD birth date and a YYYY-MM-DD day (birthday counts on the day). */
export function priorityReasonsOf(applicant: ApplicantPriorityFacts, today: string): PriorityReason[] {
  const reasons: PriorityReason[] = [];
  if (applicant.birthDate && ageOn(applicant.birthDate, today) >= elderlyAge) reasons.push('elderly');
  if (applicant.disability) reasons.push('disability');
  if (applicant.veteran) reasons.push('veteran');
  if (applicant.pregnant) reasons.push('pregnant');
  if (applicant.appointmentHolder) reasons.push('appointment');
  return reasons;
}

export function waitBandOf(expectedWaitSeconds: number | null): WaitBand {
  if (expectedWaitSeconds === null || !Number.isFinite(expectedWaitSeconds)) return 'unknown';
  if (expectedWaitSeconds < 10 * 60) return 'under_10';
  if (expectedWaitSeconds < 20 * 60) return '10_20';
  if (expectedWaitSeconds < 40 * 60) return '20_40';
  return 'over_40';
}

export interface RoutingInput {
  departmentId: string;
  applicant: ApplicantPriorityFacts;
  /** YYYY-MM-DD in the hall's time zone. */
  today: string;
  queues: readonly Queue[];
  windows: readonly ServiceWindow[];
  /** The last queue state pulled from the central server; null while never reached (offline). */
  queueState: QueueState | null;
}

/** null when the department has no queue at all (a catalogue problem the caller reports). */
export function routeSubmission(input: RoutingInput): RouteDecision | null {
  const departmentQueues = input.queues.filter((q) => q.departmentId === input.departmentId);
  if (departmentQueues.length === 0) return null;
  const reasons = priorityReasonsOf(input.applicant, input.today);
  const priorityQueues = departmentQueues.filter((q) => q.priority);
  const generalQueues = departmentQueues.filter((q) => !q.priority);
  const candidates =
    reasons.length > 0 && priorityQueues.length > 0
      ? priorityQueues
      : generalQueues.length > 0
        ? generalQueues
        : departmentQueues;

  const loads = candidates.map((queue) => {
    const live = input.queueState?.queues.find((q) => q.queueId === queue.id);
    const liveWindows = input.queueState?.windows;
    const openWindows =
      live?.openWindows ??
      (liveWindows ?? input.windows.map((w) => ({ open: w.open, queueIds: w.queueIds }))).filter(
        (w) => w.open && w.queueIds.includes(queue.id),
      ).length;
    const peopleAhead = live?.waiting ?? 0;
    const averageSeconds = live?.averageServiceSeconds ?? queue.averageServiceMinutes * 60;
    const expected = openWindows > 0 && live ? (averageSeconds * peopleAhead) / openWindows : null;
    return { queue, openWindows, peopleAhead, expected };
  });
  loads.sort(
    (a, b) =>
      Number(b.openWindows > 0) - Number(a.openWindows > 0) ||
      (a.expected ?? Number.POSITIVE_INFINITY) - (b.expected ?? Number.POSITIVE_INFINITY) ||
      a.peopleAhead - b.peopleAhead ||
      (a.queue.id < b.queue.id ? -1 : 1),
  );
  const best = loads[0]!;
  return {
    queueId: best.queue.id,
    priority: best.queue.priority,
    priorityReasons: reasons,
    peopleAhead: best.peopleAhead,
    openWindows: best.openWindows,
    expectedWaitSeconds: best.expected,
    waitBand: waitBandOf(best.expected),
  };
}
