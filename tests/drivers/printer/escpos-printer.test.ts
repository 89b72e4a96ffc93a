import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createPrinter,
  type ReceiptPrinter,
  SAMPLE_PROGRESS_URL,
  sampleReceipt,
} from '../../../drivers/printer/index';
import type { EscPosPrinterEmulator } from '../../../drivers/printer/simulator/escpos-emulator';

/** The simulator config: the ESC/POS emulator on a socat PTY pair, spoken to over a real serial line. */
describe('ESC/POS printer through the emulator on a PTY pair', () => {
  let printer: ReceiptPrinter;
  let emulator: EscPosPrinterEmulator;

  beforeAll(async () => {
    printer = await createPrinter(
      { kind: 'simulator', name: '', serialPath: '', paper: '80mm', jobTimeoutSeconds: 10 },
      pino({ level: 'silent' }),
    );
    const simulator = printer.simulator;
    if (!simulator) throw new Error('the simulator config should start an emulator');
    emulator = simulator.emulator;
  });

  afterAll(async () => {
    await printer?.close();
  });

  beforeEach(() => {
    emulator.loadPaper();
    emulator.setCoverOpen(false);
  });

  it('reads ready, and prints the receipt with its QR code', async () => {
    expect(await printer.status()).toEqual({ state: 'ready', paperLow: false });
    const before = emulator.receipts().length;
    const result = await printer.printReceipt(sampleReceipt('zh-Hans'));
    expect(result.ok).toBe(true);
    const printed = emulator.receipts()[before];
    expect(printed?.lines).toContain('受理回执');
    expect(printed?.lines).toContain('A017');
    expect(printed?.lines).toContain('请到 5 号窗口');
    expect(printed?.qrCodes).toEqual([SAMPLE_PROGRESS_URL]);
  });

  it('refuses to print when out of paper, then prints once paper is loaded', async () => {
    emulator.setPaper('out');
    const statuses: string[] = [];
    const unsubscribe = printer.onStatusChange((status) => statuses.push(status.state));
    expect(await printer.status()).toEqual({ state: 'out_of_paper' });
    const before = emulator.receipts().length;
    const refused = await printer.printReceipt(sampleReceipt('en'));
    expect(refused).toEqual({
      ok: false,
      error: { code: 'out_of_paper', message: 'The printer is out of paper.' },
    });
    expect(emulator.receipts()).toHaveLength(before);

    emulator.loadPaper();
    const reprinted = await printer.reprint(sampleReceipt('en'));
    expect(reprinted.ok).toBe(true);
    expect(emulator.receipts()).toHaveLength(before + 1);
    expect(emulator.receipts()[before]?.lines).toContain('Please go to window 5');
    unsubscribe();
    expect(statuses).toEqual(['out_of_paper', 'ready']);
  });

  it('reports paper running out in the middle of a receipt', async () => {
    emulator.loadPaper(12);
    const result = await printer.printReceipt(sampleReceipt('zh-Hant'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('out_of_paper');
    expect(await printer.status()).toEqual({ state: 'out_of_paper' });
  });

  it('reads an open cover and refuses to print', async () => {
    emulator.setCoverOpen(true);
    expect(await printer.status()).toEqual({ state: 'cover_open' });
    const result = await printer.printTestPage('zh-Hans');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('cover_open');
  });

  it('reads the near-end sensor as paper low and still prints', async () => {
    emulator.setPaper('near_end');
    expect(await printer.status()).toEqual({ state: 'ready', paperLow: true });
    expect((await printer.printTestPage('en')).ok).toBe(true);
  });

  it('does not send an A4 form to a thermal printer', async () => {
    const { sampleApplicationForm } = await import('../../../drivers/printer/documents/index');
    const result = await printer.printApplicationForm(await sampleApplicationForm('en', false));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('unsupported_document');
  });
});

describe('ESC/POS printer that does not answer', () => {
  it('is offline when the serial line is gone', async () => {
    const printer = await createPrinter(
      { kind: 'escpos', name: '', serialPath: '/nonexistent/ttyUSB9', paper: '80mm' },
      pino({ level: 'silent' }),
    );
    try {
      const status = await printer.status();
      expect(status.state).toBe('offline');
      const result = await printer.printReceipt(sampleReceipt('zh-Hans'));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('offline');
    } finally {
      await printer.close();
    }
  });
});
