/** Issue 15, defect 14: the technician's log view gets readable lines, not raw JSON. */
import { describe, expect, it } from 'vitest';
import { toLogLine } from '../../host/services/technician/logs-export';

describe('log lines for the technician', () => {
  it('splits a pino line into time, level, area, message and dotted fields', () => {
    const line = toLogLine(
      JSON.stringify({
        level: 40,
        time: Date.parse('2026-12-07T02:00:00Z'),
        pid: 1,
        hostname: 'k',
        area: 'printer',
        msg: 'printer status changed',
        status: { state: 'out_of_paper', reason: 'paper end' },
        attempts: 3,
      }),
    );
    expect(line).toEqual({
      time: '2026-12-07T02:00:00.000Z',
      level: 'warn',
      area: 'printer',
      message: 'printer status changed',
      fields: [
        { key: 'status.state', value: 'out_of_paper' },
        { key: 'status.reason', value: 'paper end' },
        { key: 'attempts', value: '3' },
      ],
    });
    expect(line.message).not.toContain('{');
  });

  it('keeps ID numbers out of field values too', () => {
    const line = toLogLine(JSON.stringify({ level: 30, time: 0, msg: 'x', note: 'id 35058319900101123X' }));
    expect(line.fields?.[0]?.value).not.toContain('35058319900101123X');
  });
});
