import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createSimulatorFolder, PtyPair } from '../pty';
import type { PrinterBackend } from './backends/backend';
import { CupsBackend } from './backends/cups-backend';
import { EscPosBackend } from './backends/escpos-backend';
import { WindowsBackend } from './backends/windows-backend';
import type { PaperSize } from './documents/types';
import { DeviceFileEscPosTransport } from './escpos/device-file-transport';
import { SerialEscPosTransport } from './escpos/serial-transport';
import { WinspoolRawTransport } from './escpos/winspool-raw-transport';
import { type PrinterSimulator, ReceiptPrinter } from './receipt-printer';
import { EscPosPrinterEmulator } from './simulator/escpos-emulator';

/** The printer section of the kiosk config (host/config/config.ts), as this driver reads it. */
export interface PrinterSettings {
  readonly kind: 'simulator' | 'cups' | 'windows' | 'escpos' | 'usblp' | 'windows-raw';
  /** CUPS queue or Windows printer name; empty for the system default. */
  readonly name: string;
  readonly serialPath: string;
  /** usblp: the device file (default /dev/usb/lp0). */
  readonly devicePath?: string;
  /** ESC/POS kinds: whether DLE EOT answers are required (fail closed) or used where given. */
  readonly statusReplies?: 'required' | 'optional';
  /** windows-raw: the winspool library (tests load a stand-in). */
  readonly winspoolLibrary?: string;
  readonly paper: PaperSize;
  readonly baudRate?: number;
  readonly jobTimeoutSeconds?: number;
  readonly cupsOptions?: readonly string[];
}

/**
 * Starts the ESC/POS emulator on a fresh PTY pair in its own temp folder: the demo mode's printer.
 * stop() removes the folder; one left by a kiosk that was killed is swept at the next start.
 */
export async function startEscPosSimulator(): Promise<{ simulator: PrinterSimulator; hostPath: string }> {
  const folder = await createSimulatorFolder('escpos-pty-');
  let pty: PtyPair | null = null;
  try {
    pty = await PtyPair.start(join(folder, 'printer-device'), join(folder, 'printer-host'));
    const emulator = new EscPosPrinterEmulator(pty.devicePath);
    await emulator.start();
    const started = pty;
    const stop = async () => {
      await emulator.stop();
      await started.stop();
      await rm(folder, { recursive: true, force: true });
    };
    return { simulator: { emulator, stop }, hostPath: pty.hostPath };
  } catch (error) {
    await pty?.stop();
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

/** The printer the config asks for; close() it on shutdown (it also stops a simulator it started). */
export async function createPrinter(settings: PrinterSettings, logger: Logger): Promise<ReceiptPrinter> {
  const jobTimeoutMs = (settings.jobTimeoutSeconds ?? 60) * 1000;
  let backend: PrinterBackend;
  let simulator: PrinterSimulator | undefined;
  let paper = settings.paper;
  switch (settings.kind) {
    case 'cups':
      backend = new CupsBackend({ queue: settings.name, lpOptions: settings.cupsOptions ?? [] });
      break;
    case 'windows':
      backend = new WindowsBackend(settings.name);
      break;
    case 'escpos':
      if (!settings.serialPath) throw new Error('printer.serialPath is needed for an ESC/POS printer');
      backend = new EscPosBackend(
        new SerialEscPosTransport(settings.serialPath, settings.baudRate ?? 115200),
        `ESC/POS printer on ${settings.serialPath}`,
        500,
        { statusReplies: settings.statusReplies ?? 'required' },
      );
      paper = '80mm';
      break;
    case 'usblp': {
      const devicePath = settings.devicePath ?? '/dev/usb/lp0';
      backend = new EscPosBackend(
        new DeviceFileEscPosTransport(devicePath),
        `ESC/POS USB printer ${devicePath}`,
        500,
        { statusReplies: settings.statusReplies ?? 'required' },
      );
      paper = '80mm';
      break;
    }
    case 'windows-raw': {
      const queue = new WindowsBackend(settings.name);
      backend = new EscPosBackend(
        new WinspoolRawTransport(settings.name, settings.winspoolLibrary),
        `ESC/POS RAW to Windows queue ${settings.name || '(default)'}`,
        500,
        { queueStatus: () => queue.status() },
      );
      paper = '80mm';
      break;
    }
    case 'simulator': {
      const started = await startEscPosSimulator();
      simulator = started.simulator;
      backend = new EscPosBackend(new SerialEscPosTransport(started.hostPath), 'ESC/POS printer simulator');
      paper = '80mm';
      break;
    }
  }
  return new ReceiptPrinter(backend, { paper, jobTimeoutMs, logger, ...(simulator ? { simulator } : {}) });
}
