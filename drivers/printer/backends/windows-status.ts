import type { PrinterStatus } from '../status';

/**
 * PrinterStatus flags of MSFT_Printer (Get-Printer); ConvertTo-Json gives the number, formatting
 * gives names, so both are read.
 */
const WindowsPrinterFlags = {
  Paused: 0x1,
  Error: 0x2,
  PaperJam: 0x8,
  PaperOut: 0x10,
  PaperProblem: 0x40,
  Offline: 0x80,
  Busy: 0x200,
  Printing: 0x400,
  NotAvailable: 0x1000,
  Processing: 0x4000,
  UserIntervention: 0x100000,
  DoorOpen: 0x400000,
  ServerUnknown: 0x800000,
} as const;

export interface WindowsPrinterReport {
  readonly PrinterStatus?: number | string;
  readonly JobCount?: number;
}

function flagsOf(value: number | string | undefined): number {
  if (typeof value === 'number') return value;
  if (!value) return 0;
  return value
    .split(/[,\s]+/)
    .reduce((flags, name) => flags | (WindowsPrinterFlags[name as keyof typeof WindowsPrinterFlags] ?? 0), 0);
}

export function statusFromWindows(report: WindowsPrinterReport): PrinterStatus {
  const flags = flagsOf(report.PrinterStatus);
  const has = (flag: number) => (flags & flag) !== 0;
  if (has(WindowsPrinterFlags.PaperOut)) return { state: 'out_of_paper' };
  if (has(WindowsPrinterFlags.DoorOpen)) return { state: 'cover_open' };
  if (
    has(WindowsPrinterFlags.Offline) ||
    has(WindowsPrinterFlags.NotAvailable) ||
    has(WindowsPrinterFlags.ServerUnknown)
  ) {
    return { state: 'offline', reason: 'Windows reports the printer offline' };
  }
  if (has(WindowsPrinterFlags.Paused)) return { state: 'offline', reason: 'the printer is paused' };
  if (has(WindowsPrinterFlags.PaperJam)) return { state: 'error', message: 'paper jam' };
  if (
    has(WindowsPrinterFlags.Error | WindowsPrinterFlags.PaperProblem | WindowsPrinterFlags.UserIntervention)
  ) {
    return { state: 'error', message: 'the printer needs attention' };
  }
  const busy = has(WindowsPrinterFlags.Printing | WindowsPrinterFlags.Busy | WindowsPrinterFlags.Processing);
  return busy || (report.JobCount ?? 0) > 0 ? { state: 'printing' } : { state: 'ready' };
}
