import { SerialPort } from 'serialport';

/** How ESC/POS bytes reach the printer and its one-byte status replies come back. */
export interface EscPosTransport {
  /** Resolves once the bytes have left (drained); rejects if the line is gone. */
  write(bytes: Uint8Array): Promise<void>;
  /**
   * Sends a request and resolves with the first reply byte that `accepts` takes, or undefined after
   * timeoutMs. Older bytes of the same kind still unread are stale and dropped first.
   */
  request(bytes: Uint8Array, accepts: ReplyFilter, timeoutMs: number): Promise<number | undefined>;
  /** Waits for a reply byte to an earlier request (one that came late stays in an inbox). */
  awaitReply(accepts: ReplyFilter, timeoutMs: number): Promise<number | undefined>;
  close(): Promise<void>;
}

/** Which reply bytes answer a request (DLE EOT and GS r replies have different fixed bits). */
export type ReplyFilter = (byte: number) => boolean;

interface PendingReply {
  accepts: ReplyFilter;
  resolve: (byte: number | undefined) => void;
  timer: NodeJS.Timeout;
}

const INBOX_LIMIT = 64;

/**
 * Matches one-byte status replies to requests, for any two-way line to a printer (serial port, USB
 * printer class device file). Subclasses write bytes and hand received bytes to onData().
 */
export abstract class ReplyMatchingTransport implements EscPosTransport {
  private pending: PendingReply | undefined;
  /** Reply bytes that came when nobody was waiting for their kind. */
  private inbox: number[] = [];
  /** Requests go one at a time: replies carry no tag saying what they answer. */
  private queue: Promise<unknown> = Promise.resolve();

  abstract write(bytes: Uint8Array): Promise<void>;
  abstract close(): Promise<void>;

  protected onData(chunk: Uint8Array): void {
    for (const byte of chunk) {
      const pending = this.pending;
      if (pending?.accepts(byte)) {
        this.pending = undefined;
        clearTimeout(pending.timer);
        pending.resolve(byte);
      } else {
        this.inbox.push(byte);
        if (this.inbox.length > INBOX_LIMIT) this.inbox.shift();
      }
    }
  }

  private takeFromInbox(accepts: ReplyFilter): number | undefined {
    const index = this.inbox.findIndex(accepts);
    if (index < 0) return undefined;
    return this.inbox.splice(index, 1)[0];
  }

  private waitFor(accepts: ReplyFilter, timeoutMs: number): Promise<number | undefined> {
    return new Promise<number | undefined>((resolve) => {
      this.pending = { accepts, resolve, timer: setTimeout(() => this.timeOut(resolve), timeoutMs) };
    });
  }

  private serialised(run: () => Promise<number | undefined>): Promise<number | undefined> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  request(bytes: Uint8Array, accepts: ReplyFilter, timeoutMs: number): Promise<number | undefined> {
    return this.serialised(async () => {
      this.inbox = this.inbox.filter((byte) => !accepts(byte));
      const reply = this.waitFor(accepts, timeoutMs);
      try {
        await this.write(bytes);
      } catch {
        this.timeOut(this.pending?.resolve);
      }
      return reply;
    });
  }

  awaitReply(accepts: ReplyFilter, timeoutMs: number): Promise<number | undefined> {
    return this.serialised(async () => this.takeFromInbox(accepts) ?? this.waitFor(accepts, timeoutMs));
  }

  private timeOut(resolve: ((byte: number | undefined) => void) | undefined): void {
    if (this.pending && this.pending.resolve === resolve) {
      clearTimeout(this.pending.timer);
      this.pending = undefined;
    }
    resolve?.(undefined);
  }
}

/**
 * A printer on a serial line (or a USB printer's virtual COM port). Opens lazily and reopens after the
 * line disappears, so an unplugged printer shows as offline and comes back by itself.
 */
export class SerialEscPosTransport extends ReplyMatchingTransport {
  private port: SerialPort | undefined;
  private opening: Promise<SerialPort> | undefined;

  constructor(
    private readonly path: string,
    private readonly baudRate = 115200,
  ) {
    super();
  }

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

  async write(bytes: Uint8Array): Promise<void> {
    const port = await this.open();
    await new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(bytes), (error) => (error ? reject(error) : undefined));
      port.drain((error) => (error ? reject(error) : resolve()));
    });
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
