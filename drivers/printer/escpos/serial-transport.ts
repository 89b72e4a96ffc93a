import { SerialPort } from 'serialport';

/** How ESC/POS bytes reach the printer and its one-byte status replies come back. */
export interface EscPosTransport {
  /** Resolves once the bytes have left (drained); rejects if the line is gone. */
  write(bytes: Uint8Array): Promise<void>;
  /** Sends a request and resolves with the first reply byte, or undefined after timeoutMs. */
  request(bytes: Uint8Array, timeoutMs: number): Promise<number | undefined>;
  close(): Promise<void>;
}

interface PendingReply {
  resolve: (byte: number | undefined) => void;
  timer: NodeJS.Timeout;
}

/**
 * A printer on a serial line (or a USB printer's virtual COM port). Opens lazily and reopens after the
 * line disappears, so an unplugged printer shows as offline and comes back by itself.
 */
export class SerialEscPosTransport implements EscPosTransport {
  private port: SerialPort | undefined;
  private opening: Promise<SerialPort> | undefined;
  private pending: PendingReply | undefined;
  /** Requests go one at a time: replies carry no tag saying what they answer. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly baudRate = 115200,
  ) {}

  private open(): Promise<SerialPort> {
    if (this.port?.isOpen) return Promise.resolve(this.port);
    this.opening ??= new Promise<SerialPort>((resolve, reject) => {
      const port = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false });
      port.open((error) => {
        this.opening = undefined;
        if (error) {
          reject(error);
          return;
        }
        port.on('data', (chunk: Buffer) => this.onData(chunk));
        port.on('close', () => {
          if (this.port === port) this.port = undefined;
        });
        port.on('error', () => {
          if (this.port === port) this.port = undefined;
        });
        this.port = port;
        resolve(port);
      });
    });
    return this.opening;
  }

  private onData(chunk: Buffer): void {
    const pending = this.pending;
    const first = chunk[0];
    // Bytes nobody asked for (automatic status back, line noise) are dropped.
    if (!pending || first === undefined) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(first);
  }

  async write(bytes: Uint8Array): Promise<void> {
    const port = await this.open();
    await new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(bytes), (error) => (error ? reject(error) : undefined));
      port.drain((error) => (error ? reject(error) : resolve()));
    });
  }

  request(bytes: Uint8Array, timeoutMs: number): Promise<number | undefined> {
    const run = async (): Promise<number | undefined> => {
      const reply = new Promise<number | undefined>((resolve) => {
        this.pending = { resolve, timer: setTimeout(() => this.timeOut(resolve), timeoutMs) };
      });
      try {
        await this.write(bytes);
      } catch {
        this.timeOut(this.pending?.resolve);
      }
      return reply;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private timeOut(resolve: ((byte: number | undefined) => void) | undefined): void {
    if (this.pending && this.pending.resolve === resolve) {
      clearTimeout(this.pending.timer);
      this.pending = undefined;
    }
    resolve?.(undefined);
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
