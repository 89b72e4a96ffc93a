import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createPrinter,
  DeviceFileEscPosTransport,
  EscPosBackend,
  EscPosPrinterEmulator,
  type PrinterStatus,
  ReceiptPrinter,
  SAMPLE_PROGRESS_URL,
  sampleReceipt,
  WinspoolRawTransport,
} from '../../../drivers/printer/index';
import { PtyPair } from '../../../drivers/pty';

const run = promisify(execFile);
const logger = pino({ level: 'silent' });

let dir: string;
let pty: PtyPair | null = null;
let emulator: EscPosPrinterEmulator | null = null;
let printer: ReceiptPrinter | null = null;
let fifoReader: ChildProcess | null = null;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'printer-kinds-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await printer?.close();
  printer = null;
  fifoReader?.kill();
  fifoReader = null;
  await emulator?.stop();
  emulator = null;
  await pty?.stop();
  pty = null;
});

/** The ESC/POS emulator on one end of a socat PTY; the other end stands in for the device file. */
async function emulatedDevice(name: string): Promise<string> {
  pty = await PtyPair.start(join(dir, `${name}-printer`), join(dir, `${name}-host`));
  emulator = new EscPosPrinterEmulator(pty.devicePath);
  await emulator.start();
  return pty.hostPath;
}

describe('USB printer class device (/dev/usb/lp*): ESC/POS written to the device file', () => {
  it('reads status replies from a two-way printer: ready, paper near end, cover open, paper out', async () => {
    const devicePath = await emulatedDevice('usblp');
    printer = await createPrinter(
      { kind: 'usblp', name: '', serialPath: '', devicePath, paper: '80mm', jobTimeoutSeconds: 10 },
      logger,
    );
    expect(printer.backend.description).toBe(`ESC/POS USB printer ${devicePath}`);
    expect(await printer.status()).toEqual({ state: 'ready', paperLow: false });
    emulator!.setPaper('near_end');
    expect(await printer.status()).toEqual({ state: 'ready', paperLow: true });
    const printed = await printer.printReceipt(sampleReceipt('zh-Hans'));
    expect(printed.ok).toBe(true);
    expect(emulator!.receipts().at(-1)?.lines).toContain('A017');
    expect(emulator!.receipts().at(-1)?.qrCodes).toEqual([SAMPLE_PROGRESS_URL]);
    emulator!.setPaper('ok');
    emulator!.setCoverOpen(true);
    expect(await printer.status()).toEqual({ state: 'cover_open' });
    const refused = await printer.printReceipt(sampleReceipt('en'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'cover_open' } });
    emulator!.setCoverOpen(false);
    emulator!.setPaper('out');
    expect(await printer.status()).toEqual({ state: 'out_of_paper' });
  });

  it('a printer that never answers: offline by default (fail closed), printed with statusReplies optional', async () => {
    // A FIFO stands in for a one-way device file: what is written comes out at the emulator.
    const fifo = join(dir, 'lp-oneway');
    await run('mkfifo', [fifo]);
    emulator = new EscPosPrinterEmulator(join(dir, 'unused'));
    const device = emulator;
    // The printer's side reads the FIFO in a child process (opened read-write, so it never blocks).
    fifoReader = spawn('sh', ['-c', 'exec cat 0<>"$1"', 'sh', fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    fifoReader.stdout!.on('data', (chunk: Buffer) => device.feed(chunk));
    const readerPid = fifoReader.pid!;
    await expect
      .poll(() => readlink(`/proc/${readerPid}/fd/0`).catch(() => ''), { timeout: 5000 })
      .toBe(fifo);

    const strict = new ReceiptPrinter(
      new EscPosBackend(new DeviceFileEscPosTransport(fifo, false), 'one-way USB printer', 100),
      { paper: '80mm', jobTimeoutMs: 5000, logger },
    );
    expect(await strict.status()).toEqual({ state: 'offline', reason: 'no answer on the line' });
    expect(await strict.printReceipt(sampleReceipt('en'))).toMatchObject({
      ok: false,
      error: { code: 'offline' },
    });
    await strict.close();

    printer = new ReceiptPrinter(
      new EscPosBackend(new DeviceFileEscPosTransport(fifo, false), 'one-way USB printer', 100, {
        statusReplies: 'optional',
      }),
      { paper: '80mm', jobTimeoutMs: 5000, logger },
    );
    expect(await printer.status()).toEqual({ state: 'ready' });
    const result = await printer.printReceipt(sampleReceipt('zh-Hant'));
    expect(result.ok).toBe(true);
    await expect.poll(() => emulator!.receipts().length, { timeout: 5000 }).toBe(1);
    expect(emulator.receipts()[0]!.qrCodes).toEqual([SAMPLE_PROGRESS_URL]);
  });

  it('an unplugged device file shows offline', async () => {
    printer = await createPrinter(
      {
        kind: 'usblp',
        name: '',
        serialPath: '',
        devicePath: join(dir, 'no-such-lp'),
        paper: '80mm',
        jobTimeoutSeconds: 5,
      },
      logger,
    );
    expect(await printer.status()).toEqual({ state: 'offline', reason: 'no answer on the line' });
  });
});

describe('Windows RAW spooling (winspool through koffi), against a compiled stand-in', () => {
  let library: string;
  beforeAll(async () => {
    library = join(dir, 'libwinspool-standin.so');
    const source = join(import.meta.dirname, '../../support/winspool-standin/winspool-standin.c');
    await run('gcc', ['-shared', '-fPIC', '-O2', '-Wall', '-Werror', '-o', library, source]);
  }, 60_000);

  it('prints a receipt as one RAW job; the queue status decides before and after', async () => {
    const port = await emulatedDevice('spool');
    process.env.WINSPOOL_STANDIN_PRINTER = 'POS-80 receipt';
    process.env.WINSPOOL_STANDIN_PORT = port;
    let queue: PrinterStatus = { state: 'ready' };
    printer = new ReceiptPrinter(
      new EscPosBackend(new WinspoolRawTransport('POS-80 receipt', library), 'RAW to POS-80', 100, {
        queueStatus: async () => queue,
      }),
      { paper: '80mm', jobTimeoutMs: 5000, logger },
    );
    expect(await printer.status()).toEqual({ state: 'ready' });
    const result = await printer.printReceipt(sampleReceipt('zh-Hans'));
    expect(result.ok).toBe(true);
    await expect.poll(() => emulator!.receipts().length, { timeout: 5000 }).toBe(1);
    expect(emulator!.receipts()[0]!.lines).toContain('受理回执');
    queue = { state: 'cover_open' };
    expect(await printer.printReceipt(sampleReceipt('en'))).toMatchObject({
      ok: false,
      error: { code: 'cover_open' },
    });
    expect(emulator!.receipts()).toHaveLength(1);
  });

  it('a queue name the spooler does not know: the job is refused as offline, nothing crashes', async () => {
    const port = await emulatedDevice('spool-unknown');
    process.env.WINSPOOL_STANDIN_PRINTER = 'POS-80 receipt';
    process.env.WINSPOOL_STANDIN_PORT = port;
    printer = new ReceiptPrinter(
      new EscPosBackend(new WinspoolRawTransport('No Such Printer', library), 'RAW', 100, {
        queueStatus: async () => ({ state: 'ready' }),
      }),
      { paper: '80mm', jobTimeoutMs: 5000, logger },
    );
    const result = await printer.printReceipt(sampleReceipt('en'));
    expect(result).toMatchObject({ ok: false, error: { code: 'offline' } });
    if (!result.ok) expect(result.error.message).toContain('OpenPrinter failed for "No Such Printer"');
  });
});
