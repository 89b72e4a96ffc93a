/**
 * The sample hall's holiday calendar for 2026: the days off (法定节假日) and the weekend days worked
 * instead (调休上班), as the State Council's notice for 2026 sets them. A real hall configures its own
 * (CentralServerOptions.supervision) and adds each year when the notice is published.
 */
import type { HolidayCalendar } from '../../kernel/working-days';

export const sampleHolidayCalendar: HolidayCalendar = {
  holidays: [
    // 元旦
    '2026-01-01',
    '2026-01-02',
    // 春节
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-23',
    // 清明节
    '2026-04-06',
    // 劳动节
    '2026-05-01',
    '2026-05-04',
    '2026-05-05',
    // 端午节
    '2026-06-19',
    // 中秋节
    '2026-09-25',
    // 国庆节
    '2026-10-01',
    '2026-10-02',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ],
  makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};
