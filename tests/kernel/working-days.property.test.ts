/**
 * 承诺时限 arithmetic: properties over random dates, limits and calendars (fast-check), plus the
 * hand-checked cases of a real holiday week with its make-up Saturday.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  caseDeadline,
  type DeadlineCard,
  workingCalendar,
  workingDaysBetween,
} from '../../kernel/working-days';

const dateArb = fc
  .integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2028-12-31T00:00:00Z') })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));
const calendarArb = fc
  .record({
    holidays: fc.array(dateArb, { maxLength: 60 }),
    makeUpWorkdays: fc.array(dateArb, { maxLength: 10 }),
  })
  .map(workingCalendar);

describe('working days (properties)', () => {
  it('the n-th working day after a date is a working day, n working days away', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 60 }), calendarArb, (start, n, calendar) => {
        const due = addWorkingDays(start, n, calendar);
        expect(calendar.isWorkingDay(due)).toBe(true);
        expect(workingDaysBetween(start, due, calendar)).toBe(n);
        expect(workingDaysBetween(due, start, calendar)).toBe(-n);
      }),
    );
  });

  it('more working days never end earlier; zero is the same day', () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        calendarArb,
        (start, a, b, calendar) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(addWorkingDays(start, low, calendar) <= addWorkingDays(start, high, calendar)).toBe(true);
          expect(addWorkingDays(start, 0, calendar)).toBe(start);
        },
      ),
    );
  });

  it('with no holidays, five working days from a weekday are one calendar week', () => {
    const plain = workingCalendar({ holidays: [], makeUpWorkdays: [] });
    fc.assert(
      fc.property(
        dateArb.filter((d) => plain.isWorkingDay(d)),
        fc.integer({ min: 1, max: 20 }),
        (start, weeks) => {
          expect(addWorkingDays(start, 5 * weeks, plain)).toBe(addCalendarDays(start, 7 * weeks));
        },
      ),
    );
  });

  it('a holiday only pushes the deadline later, a make-up day only earlier', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 30 }), dateArb, (start, n, extra) => {
        const plain = workingCalendar({ holidays: [], makeUpWorkdays: [] });
        const withHoliday = workingCalendar({ holidays: [extra], makeUpWorkdays: [] });
        const withMakeUp = workingCalendar({ holidays: [], makeUpWorkdays: [extra] });
        const base = addWorkingDays(start, n, plain);
        expect(addWorkingDays(start, n, withHoliday) >= base).toBe(true);
        expect(addWorkingDays(start, n, withMakeUp) <= base).toBe(true);
      }),
    );
  });

  it('as the clock moves forward a case’s card only goes none -> yellow -> red', () => {
    const rank: Record<DeadlineCard, number> = { none: 0, yellow: 1, red: 2 };
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-01T00:00:00Z') }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 3 }),
        calendarArb,
        (receivedAtMs, limit, yellowWithin, calendar) => {
          const settings = { timeZone: 'Asia/Shanghai', calendar, yellowWithin };
          let last = 0;
          for (let day = 0; day < 45; day++) {
            const card = caseDeadline(receivedAtMs, limit, receivedAtMs + day * 86_400_000, settings).card;
            expect(rank[card]).toBeGreaterThanOrEqual(last);
            last = rank[card];
          }
          expect(last).toBe(2);
        },
      ),
    );
  });
});

describe('working days (a real week)', () => {
  // 2026 National Day: 1-7 Oct off, Saturday 10 Oct worked instead (sample calendar).
  const calendar = workingCalendar({
    holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
    makeUpWorkdays: ['2026-10-10'],
  });

  it('skips the holiday week and counts the make-up Saturday', () => {
    expect(addWorkingDays('2026-09-29', 1, calendar)).toBe('2026-09-30');
    expect(addWorkingDays('2026-09-30', 1, calendar)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3, calendar)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-30', 4, calendar)).toBe('2026-10-12');
  });

  it('takes the received day in the hall’s zone: 23:30 UTC on 29 Sep is 30 Sep in Shanghai', () => {
    const settings = { timeZone: 'Asia/Shanghai', calendar, yellowWithin: 1 };
    const received = Date.parse('2026-09-29T23:30:00Z');
    expect(caseDeadline(received, 1, received, settings)).toMatchObject({ deadlineDate: '2026-10-08' });
    expect(caseDeadline(received, 3, Date.parse('2026-10-08T02:00:00Z'), settings)).toMatchObject({
      deadlineDate: '2026-10-10',
      workingDaysLeft: 2,
      card: 'none',
    });
    expect(caseDeadline(received, 3, Date.parse('2026-10-09T02:00:00Z'), settings).card).toBe('yellow');
    expect(caseDeadline(received, 3, Date.parse('2026-10-10T02:00:00Z'), settings).card).toBe('yellow');
    expect(caseDeadline(received, 3, Date.parse('2026-10-11T02:00:00Z'), settings).card).toBe('red');
  });

  it('refuses a negative or fractional limit', () => {
    expect(() => addWorkingDays('2026-10-01', -1, calendar)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-10-01', 1.5, calendar)).toThrow(RangeError);
  });
});
