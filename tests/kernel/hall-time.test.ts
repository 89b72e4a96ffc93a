import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestCards, decodeIdentity } from '../../drivers/idcard';
import { parseConfig } from '../../host/config/config';
import { HostEventBus } from '../../host/core/event-bus';
import { createCoreApi } from '../../host/services/kiosk-api';
import { SessionRegistry } from '../../host/services/sessions';
import { ageOn } from '../../kernel/age';
import { HallClock, hallDateOf, hallTimeToEpoch } from '../../kernel/hall-time';
import { residentIdCheckCharacter } from '../../kernel/id-checks';

/** 2026-03-15 00:30 in the hall (Asia/Shanghai) is still 2026-03-14 in UTC and in New York. */
const halfPastMidnightInHall = Date.parse('2026-03-14T16:30:00Z');
const machineZones = ['UTC', 'America/New_York', 'Asia/Shanghai'];
const originalTz = process.env.TZ;

afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

function idNumberBornOn(birth: string): string {
  const first17 = `350583${birth.replace(/-/g, '')}123`;
  return `${first17}${residentIdCheckCharacter(first17)}`;
}

describe.each(machineZones)('one "today" in the hall, whatever the machine zone (TZ=%s)', (zone) => {
  it('the hall clock says the hall’s date at 00:30 hall time', () => {
    process.env.TZ = zone;
    const clock = new HallClock('Asia/Shanghai', () => halfPastMidnightInHall);
    expect(clock.today()).toBe('2026-03-15');
    expect(hallDateOf(halfPastMidnightInHall, 'Asia/Shanghai')).toBe('2026-03-15');
  });

  it('a birthday today counts at 00:30 for a manual (card-less) session', async () => {
    process.env.TZ = zone;
    const config = parseConfig({ mode: 'demo', ui: { manualIdentifyAllowed: true } });
    const logger = pino({ level: 'silent' });
    const sessions = new SessionRegistry(new HostEventBus(), logger, 60_000);
    const api = createCoreApi({
      config,
      version: 'test',
      cards: { currentIdentity: () => null, demo: null, close: async () => {} },
      sessions,
      clock: new HallClock('Asia/Shanghai', () => halfPastMidnightInHall),
    });
    const started = await api.startManualSession({ idNumber: idNumberBornOn('1966-03-15'), name: '测试' });
    expect(started.ok && started.value.identity.age).toBe(60);
    sessions.endCurrent('home');
  });

  it('a card that ran out yesterday (hall time) is expired at 00:30', () => {
    process.env.TZ = zone;
    const card = buildTestCards().find((c) => c.id === 'resident')!;
    const decoded = decodeIdentity(card.text, card.photo, {
      now: new Date(halfPastMidnightInHall),
      timeZone: 'Asia/Shanghai',
    });
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const validTo = decoded.value.validTo;
    if (validTo === null) return;
    // The card's own validity against the hall date, not the machine's.
    expect(decoded.value.expired).toBe(validTo < '2026-03-15');
  });

  it('appointment slots are hall wall-clock times', () => {
    process.env.TZ = zone;
    expect(new Date(hallTimeToEpoch('2026-03-15', '10:00', 'Asia/Shanghai')).toISOString()).toBe(
      '2026-03-15T02:00:00.000Z',
    );
    expect(new Date(hallTimeToEpoch('2026-07-01', '09:30', 'America/New_York')).toISOString()).toBe(
      '2026-07-01T13:30:00.000Z',
    );
    expect(new Date(hallTimeToEpoch('2026-01-01', '09:30', 'America/New_York')).toISOString()).toBe(
      '2026-01-01T14:30:00.000Z',
    );
  });
});

describe('ageOn', () => {
  it('counts whole years on calendar dates, leap days included', () => {
    expect(ageOn('1966-03-15', '2026-03-15')).toBe(60);
    expect(ageOn('1966-03-16', '2026-03-15')).toBe(59);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });
});
