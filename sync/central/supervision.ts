/**
 * The supervision board: every open case's deadline (its item's 承诺时限 in working days, counted on
 * the hall's holiday calendar in the hall's time zone, kernel/working-days.ts), its card, the counts
 * of yellow and red cards per department and window, and the 差评 awaiting follow-up.
 */
import { z } from 'zod';
import { caseDeadline, type DeadlineCard, workingCalendar } from '../../kernel/working-days';
import type { SupervisedCase, SupervisionBoard } from '../protocol/supervision';
import { sampleHolidayCalendar } from '../sample-hall/holidays';
import type { CentralStorage } from './storage';

const isoDate = z.iso.date();

export const supervisionSettingsSchema = z.strictObject({
  calendar: z.strictObject({
    holidays: z.array(isoDate).max(2000),
    makeUpWorkdays: z.array(isoDate).max(2000),
  }),
  /** A case gets a yellow card with this many working days left or fewer (0: on its last day only). */
  yellowWithinWorkingDays: z.number().int().min(0).max(30),
});
export type SupervisionSettings = z.infer<typeof supervisionSettingsSchema>;

export const defaultSupervisionSettings: SupervisionSettings = {
  calendar: {
    holidays: [...sampleHolidayCalendar.holidays],
    makeUpWorkdays: [...sampleHolidayCalendar.makeUpWorkdays],
  },
  yellowWithinWorkingDays: 1,
};

const cardRank: Record<DeadlineCard, number> = { red: 0, yellow: 1, none: 2 };
/** Enough for a hall's open cases; a province-wide view would page. */
const boardLimit = 2000;

export async function supervisionBoard(
  storage: CentralStorage,
  settings: SupervisionSettings,
  timeZone: string,
  nowMs: number,
): Promise<SupervisionBoard> {
  const calendar = workingCalendar(settings.calendar);
  const open = await storage.openCases(boardLimit);
  const cases: SupervisedCase[] = open.map((c) => ({
    caseNumber: c.caseNumber,
    itemId: c.itemId,
    departmentId: c.departmentId,
    windowLabel: c.windowLabel,
    stage: c.stage,
    receivedAtMs: c.receivedAtMs,
    timeLimitDays: c.timeLimitDays,
    departmentName: c.departmentName,
    ...(c.partOf ? { partOf: c.partOf } : {}),
    ...caseDeadline(c.receivedAtMs, c.timeLimitDays, nowMs, {
      timeZone,
      calendar,
      yellowWithin: settings.yellowWithinWorkingDays,
    }),
  }));
  cases.sort(
    (a, b) =>
      cardRank[a.card] - cardRank[b.card] ||
      a.workingDaysLeft - b.workingDaysLeft ||
      a.receivedAtMs - b.receivedAtMs,
  );
  const departmentNames = new Map(open.map((o) => [o.departmentId, o.departmentName]));
  const groups = new Map<string, SupervisionBoard['counts'][number]>();
  for (const c of cases) {
    const key = `${c.departmentId}\n${c.windowLabel ?? ''}`;
    const group = groups.get(key) ?? {
      departmentId: c.departmentId,
      departmentName: departmentNames.get(c.departmentId) ?? {},
      windowLabel: c.windowLabel,
      yellow: 0,
      red: 0,
    };
    if (c.card === 'yellow') group.yellow += 1;
    if (c.card === 'red') group.red += 1;
    groups.set(key, group);
  }
  const counts = [...groups.values()].sort(
    (a, b) =>
      a.departmentId.localeCompare(b.departmentId) ||
      (a.windowLabel ?? '').localeCompare(b.windowLabel ?? ''),
  );
  return { atMs: nowMs, cases, counts, flaggedRatings: await storage.flaggedRatings(500) };
}
