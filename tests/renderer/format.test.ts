import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { resources } from '../../renderer/src/i18n/i18n';
import { formatDateTime, formatNumberRuns, formatTime, setHallTimeZone } from '../../renderer/src/ui/format';

/** Issue 15, defects 11 and 13: hall time whatever the device's zone, one clock style, English that reads right. */
describe('what the screens print', () => {
  afterEach(() => setHallTimeZone('Asia/Shanghai'));

  it('shows a 10:00 appointment in the hall as 10:00 on a device set to UTC or New York, 24-hour in every language', () => {
    // 10:00 in Nan'an (UTC+8) is 02:00 UTC; vitest runs this under whatever TZ the machine has.
    const tenInTheHall = '2026-12-07T02:00:00.000Z';
    for (const language of ['zh-Hans', 'zh-Hant', 'en'] as const) {
      expect(formatTime(tenInTheHall, language)).toBe('10:00');
      expect(formatDateTime(tenInTheHall, language)).toMatch(/10:00/);
      expect(formatDateTime('2026-12-07T06:30:00.000Z', language)).toMatch(/14:30/);
      expect(formatDateTime('2026-12-07T06:30:00.000Z', language)).not.toMatch(/上午|下午|AM|PM/i);
    }
    setHallTimeZone('Europe/London');
    expect(formatTime(tenInTheHall, 'en')).toBe('02:00');
  });

  it('joins runs of window numbers: 37–40 rather than 37, 38, 39 and 40', () => {
    expect(formatNumberRuns([40, 37, 38, 39], 'en')).toBe('37–40');
    expect(formatNumberRuns([37, 38, 39, 40, 42], 'en')).toBe('37–40 and 42');
    expect(formatNumberRuns([5, 6], 'en')).toBe('5 and 6');
    expect(formatNumberRuns([5, 6], 'zh-Hans')).toMatch(/^5.6$/);
  });

  it('says one page, one person, one window in English, and counts in Chinese', async () => {
    const t = await i18next
      .createInstance()
      .init({ resources, lng: 'en', interpolation: { escapeValue: false } });
    expect(t('item.pages', { count: 1 })).toBe('1 page');
    expect(t('item.pages', { count: 3 })).toBe('3 pages');
    expect(t('ticket.peopleAhead', { count: 1 })).toBe('1 person ahead of you');
    expect(t('ticket.goToWindow', { count: 1, windows: '5' })).toBe('Please go to window 5');
    expect(t('ticket.goToWindow', { count: 4, windows: '37–40' })).toBe('Please go to windows 37–40');
    const zh = await i18next
      .createInstance()
      .init({ resources, lng: 'zh-Hans', interpolation: { escapeValue: false } });
    expect(zh('ticket.peopleAhead', { count: 1 })).toBe('前面还有 1 人');
  });
});
