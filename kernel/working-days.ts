/**
 * Working-day arithmetic for 承诺时限 (legal time limits): weekends and the hall's listed holidays are
 * skipped, listed make-up working days (调休上班, often a Saturday or Sunday) are counted. Dates are
 * the hall's calendar dates (YYYY-MM-DD, kernel/hall-time.ts hallDateOf); the arithmetic itself has no
 * time zone. The day a case is received is not counted (期限开始之日不计算在内); a limit of 0 is due the
 * same day (即办件). Pure: no clock, no I/O.
 */
import { hallDateOf } from './hall-time';

/** A hall's calendar (YYYY-MM-DD dates); its schema for configuration is in sync/central/supervision.ts. */
export interface HolidayCalendar {
  /** Days off that would otherwise be working days (法定节假日). */
  holidays: readonly string[];
  /** Weekend days worked instead (调休上班). */
  makeUpWorkdays: readonly string[];
}

/** A calendar made ready for look-ups (sets built once). */
export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
}

export function workingCalendar(calendar: HolidayCalendar): WorkingCalendar {
  const holidays = new Set(calendar.holidays);
  const makeUp = new Set(calendar.makeUpWorkdays);
  return {
    isWorkingDay(date) {
      if (makeUp.has(date)) return true;
      if (holidays.has(date)) return false;
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      return weekday !== 0 && weekday !== 6;
    },
  };
}

const dayMs = 86_400_000;

export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** The date of the `days`-th working day after `start` (`start` itself when days is 0). */
export function addWorkingDays(start: string, days: number, calendar: WorkingCalendar): string {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`working days must be a whole number ≥ 0: ${days}`);
  let date = start;
  let left = days;
  while (left > 0) {
    date = addCalendarDays(date, 1);
    if (calendar.isWorkingDay(date)) left -= 1;
  }
  return date;
}

/**
 * Working days after `from` up to and including `to` (0 when the same day; negative, counted the same
 * way backwards, when `to` is before `from`).
 */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar): number {
  if (to === from) return 0;
  const forward = to > from;
  let date = from;
  let count = 0;
  while (date !== to) {
    date = addCalendarDays(date, forward ? 1 : -1);
    if (forward && calendar.isWorkingDay(date)) count += 1;
    if (!forward && calendar.isWorkingDay(addCalendarDays(date, 1))) count -= 1;
  }
  return count;
}

export type DeadlineCard = 'none' | 'yellow' | 'red';

export interface CaseDeadline {
  /** The last day the case may be finished on. */
  deadlineDate: string;
  /** Working days left after today up to the deadline (negative once past it). */
  workingDaysLeft: number;
  card: DeadlineCard;
}

/**
 * A case's deadline and card at an instant: red once the hall's today is past the deadline, yellow
 * when at most `yellowWithin` working days are left, none before.
 */
export function caseDeadline(
  receivedAtMs: number,
  timeLimitDays: number,
  nowMs: number,
  settings: { timeZone: string; calendar: WorkingCalendar; yellowWithin: number },
): CaseDeadline {
  const received = hallDateOf(receivedAtMs, settings.timeZone);
  const today = hallDateOf(nowMs, settings.timeZone);
  const deadlineDate = addWorkingDays(received, timeLimitDays, settings.calendar);
  const workingDaysLeft = workingDaysBetween(today, deadlineDate, settings.calendar);
  const card: DeadlineCard =
    today > deadlineDate ? 'red' : workingDaysLeft <= settings.yellowWithin ? 'yellow' : 'none';
  return { deadlineDate, workingDaysLeft, card };
}
