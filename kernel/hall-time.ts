/**
 * "Today" is the hall's calendar day, never the machine's or UTC's: a kiosk whose clock runs in UTC
 * would otherwise check ages and appointments against yesterday between 00:00 and 08:00 in China.
 */
export const defaultHallTimeZone = 'Asia/Shanghai';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** The calendar date (YYYY-MM-DD) of an instant in the hall's time zone. */
export function hallDateOf(epochMs: number, timeZone: string): string {
  return dayFormat(timeZone).format(new Date(epochMs));
}

/** The offset of the hall's zone from UTC at an instant, in minutes (Asia/Shanghai: +480). */
function offsetMinutesAt(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const field = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return Math.round((asUtc - (epochMs - (epochMs % 1000))) / 60_000);
}

/** The instant of a wall-clock time (HH:MM) on a hall date: appointment slots, end-of-day expiries. */
export function hallTimeToEpoch(date: string, time: string, timeZone: string): number {
  const naiveUtc = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}Z`);
  const firstGuess = naiveUtc - offsetMinutesAt(naiveUtc, timeZone) * 60_000;
  // Twice, so a guess that crossed a daylight-saving change lands on the right side of it.
  return naiveUtc - offsetMinutesAt(firstGuess, timeZone) * 60_000;
}

/** The hall's clock: one time zone and one source of "now" for everything that asks for today. */
export class HallClock {
  constructor(
    readonly timeZone: string = defaultHallTimeZone,
    readonly now: () => number = Date.now,
  ) {}

  /** Today's date in the hall (YYYY-MM-DD). */
  today(): string {
    return hallDateOf(this.now(), this.timeZone);
  }

  dateOf(epochMs: number): string {
    return hallDateOf(epochMs, this.timeZone);
  }

  epochOf(date: string, time: string): number {
    return hallTimeToEpoch(date, time, this.timeZone);
  }
}
