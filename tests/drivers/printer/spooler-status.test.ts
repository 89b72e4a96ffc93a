import { describe, expect, it } from 'vitest';
import {
  parseLpRequestId,
  parseLpstatPrinter,
  parsePendingJobIds,
  statusFromCups,
} from '../../../drivers/printer/backends/cups-status';
import { statusFromWindows } from '../../../drivers/printer/backends/windows-status';

const idle = `printer PDF is idle.  enabled since Thu Nov 26 16:29:48 2026
\tForm mounted:
\tContent types: any
\tAlerts: none
\tLocation: 
`;
const mediaEmpty = `printer Thermal now printing Thermal-7.  enabled since Thu Nov 26 16:29:48 2026
\tWaiting for paper
\tForm mounted:
\tAlerts: media-empty-error media-needed-error
`;
const disabled = `printer PDF disabled since Thu Nov 26 16:30:09 2026 -
\tpaper out test
\tForm mounted:
\tAlerts: paused
`;

describe('CUPS status', () => {
  it('reads an idle queue as ready', () => {
    expect(parseLpstatPrinter(idle)).toEqual({ state: 'idle', message: '', reasons: [] });
    expect(statusFromCups(parseLpstatPrinter(idle), true)).toEqual({ state: 'ready', paperLow: false });
  });
  it('reads media-empty reasons as out of paper', () => {
    const report = parseLpstatPrinter(mediaEmpty);
    expect(report).toEqual({
      state: 'printing',
      message: 'Waiting for paper',
      reasons: ['media-empty', 'media-needed'],
    });
    expect(statusFromCups(report, true)).toEqual({ state: 'out_of_paper' });
  });
  it('reads a disabled queue as offline with its message', () => {
    expect(statusFromCups(parseLpstatPrinter(disabled), true)).toEqual({
      state: 'offline',
      reason: 'paper out test',
    });
  });
  it('reads offline and cover reasons', () => {
    const base = { state: 'idle', message: '' } as const;
    expect(statusFromCups({ ...base, reasons: ['offline'] }, true).state).toBe('offline');
    expect(statusFromCups({ ...base, reasons: ['cover-open'] }, true).state).toBe('cover_open');
    expect(statusFromCups({ ...base, reasons: ['media-jam'] }, true).state).toBe('error');
    expect(statusFromCups({ ...base, reasons: ['media-low'] }, true)).toEqual({
      state: 'ready',
      paperLow: true,
    });
    expect(statusFromCups({ ...base, reasons: [] }, false).state).toBe('offline');
  });
  it('reads job ids from lp and lpstat -o', () => {
    expect(parseLpRequestId('request id is PDF-12 (1 file(s))\n')).toBe('PDF-12');
    expect(
      parsePendingJobIds('PDF-3    root   3072   Thu Nov 26\nPDF-4    root   2048   Thu Nov 26\n'),
    ).toEqual(['PDF-3', 'PDF-4']);
  });
});

describe('Windows spooler status', () => {
  it('reads PrinterStatus flags as numbers or names', () => {
    expect(statusFromWindows({ PrinterStatus: 0, JobCount: 0 })).toEqual({ state: 'ready' });
    expect(statusFromWindows({ PrinterStatus: 0x10 })).toEqual({ state: 'out_of_paper' });
    expect(statusFromWindows({ PrinterStatus: 'Offline' }).state).toBe('offline');
    expect(statusFromWindows({ PrinterStatus: 'DoorOpen' })).toEqual({ state: 'cover_open' });
    expect(statusFromWindows({ PrinterStatus: 0, JobCount: 2 })).toEqual({ state: 'printing' });
  });
});
