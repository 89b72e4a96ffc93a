import { SerialPort } from 'serialport';
import { encodeSimpleCommand } from '../codec/commands';
import { createResponseParser } from '../codec/frame-parser';
import {
  type ConnectionHandlers,
  type ReaderConnection,
  type ReaderTransport,
  TransportUnavailableError,
} from './transport';

export interface SerialTransportOptions {
  /** A device path, or 'auto' to probe candidate ports with a SAM status command on every connect. */
  path: string;
  baudRate: number;
  /** Ports to probe for 'auto'; default: every port SerialPort.list() reports. */
  candidates?: () => Promise<string[]>;
  probeTimeoutMs?: number;
}

function openPort(path: string, baudRate: number): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    port.open((error) => (error ? reject(error) : resolve(port)));
  });
}

function closePort(port: SerialPort): Promise<void> {
  return new Promise((resolve) => {
    if (!port.isOpen) return resolve();
    port.close(() => resolve());
  });
}

/** A reader on a UART or USB-serial bridge (also a PTY, where the baud rate is ignored). */
export class SerialFrameTransport implements ReaderTransport {
  readonly #options: SerialTransportOptions;

  constructor(options: SerialTransportOptions) {
    this.#options = options;
  }

  get label(): string {
    return `serial ${this.#options.path} @${this.#options.baudRate}`;
  }

  async connect(handlers: ConnectionHandlers): Promise<ReaderConnection> {
    const { baudRate } = this.#options;
    let path = this.#options.path;
    if (path === 'auto') {
      const found = await detectSerialReader({
        baudRate,
        candidates: this.#options.candidates,
        probeTimeoutMs: this.#options.probeTimeoutMs,
      });
      if (found === null) throw new TransportUnavailableError('no serial port answered a SAM status command');
      path = found;
    }
    let port: SerialPort;
    try {
      port = await openPort(path, baudRate);
    } catch (error) {
      throw new TransportUnavailableError(`cannot open ${path}: ${(error as Error).message}`);
    }
    let closed = false;
    const closeOnce = (reason: string) => {
      if (closed) return;
      closed = true;
      port.removeAllListeners('data');
      handlers.onClose(reason);
    };
    port.on('data', (chunk: Buffer) => handlers.onData(chunk));
    // A vanished device shows as an I/O error on the next read or write, then 'close'.
    port.on('error', (error: Error) => closeOnce(`serial error: ${error.message}`));
    port.on('close', () => closeOnce('serial port closed'));
    return {
      write: (bytes) =>
        new Promise<void>((resolve, reject) => {
          if (closed) return reject(new Error('serial port closed'));
          port.write(Buffer.from(bytes), (error) => {
            if (error) return reject(error);
            port.drain((drainError) => (drainError ? reject(drainError) : resolve()));
          });
        }),
      close: async () => {
        closeOnce('closed by the driver');
        await closePort(port);
      },
    };
  }
}

export interface SerialDetectOptions {
  baudRate: number;
  candidates?: (() => Promise<string[]>) | undefined;
  probeTimeoutMs?: number | undefined;
}

/** Candidate ports: what the OS enumerates (USB-serial bridges and built-in UARTs). */
export async function listSerialPorts(): Promise<string[]> {
  const ports = await SerialPort.list();
  return ports.map((p) => p.path);
}

/**
 * The first port whose device answers SAM status (11 FF) with any well-formed reply, or null.
 * Probing writes 10 bytes to each candidate, so point the kiosk at a fixed path where other serial
 * devices could mind that.
 */
export async function detectSerialReader(options: SerialDetectOptions): Promise<string | null> {
  const candidates = await (options.candidates ?? listSerialPorts)();
  for (const path of candidates) {
    if (await probeSerialPort(path, options.baudRate, options.probeTimeoutMs ?? 500)) return path;
  }
  return null;
}

export async function probeSerialPort(path: string, baudRate: number, timeoutMs: number): Promise<boolean> {
  let port: SerialPort;
  try {
    port = await openPort(path, baudRate);
  } catch {
    return false;
  }
  try {
    const parser = createResponseParser();
    return await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      port.on('data', (chunk: Buffer) => {
        if (parser.push(chunk).some((item) => item.kind === 'frame')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      port.on('error', () => {
        clearTimeout(timer);
        resolve(false);
      });
      port.write(encodeSimpleCommand('samStatus'));
    });
  } finally {
    port.removeAllListeners('data');
    await closePort(port);
  }
}
