import { SerialPort } from 'serialport';
import type { CommandName } from '../codec/commands';
import type { ReaderEmulator } from './reader-emulator';

export interface ReplyWritten {
  readonly command: CommandName | null;
  readonly bytes: number;
  /**
   * performance.now() once the reply's last byte was written to the line. Stamped at the write's
   * callback, not at drain: tcdrain runs on libuv's thread pool, so under load its callback can come
   * after the host has already read and acted on the reply (a stale stamp made benches report ~0.9 s).
   */
  readonly lastByteAt: number;
}

/** Serves a ReaderEmulator on a serial port (one end of a PTY pair, or a real UART). */
export class SerialReaderEmulator {
  readonly emulator: ReaderEmulator;
  readonly #path: string;
  #port: SerialPort | null = null;
  readonly #replyListeners = new Set<(reply: ReplyWritten) => void>();
  /** Replies go out one at a time, in order. */
  #writing: Promise<void> = Promise.resolve();

  constructor(emulator: ReaderEmulator, path: string) {
    this.emulator = emulator;
    this.#path = path;
  }

  get isOpen(): boolean {
    return this.#port?.isOpen ?? false;
  }

  onReplyWritten(listener: (reply: ReplyWritten) => void): () => void {
    this.#replyListeners.add(listener);
    return () => this.#replyListeners.delete(listener);
  }

  async open(): Promise<void> {
    const port = new SerialPort({ path: this.#path, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    port.on('data', (chunk: Buffer) => {
      for (const reply of this.emulator.receive(chunk)) this.#send(reply.bytes, reply.command);
    });
    // The PTY vanishing (socat killed) shows up as an error; the rig reopens on replug.
    port.on('error', () => undefined);
    this.#port = port;
  }

  /** Raw bytes on the line, outside any reply (garbage injection). */
  inject(bytes: Uint8Array): Promise<void> {
    return this.#send(Buffer.from(bytes), null, false);
  }

  #send(bytes: Buffer, command: CommandName | null, announce = true): Promise<void> {
    this.#writing = this.#writing.then(
      () =>
        new Promise<void>((resolve) => {
          const port = this.#port;
          if (!port?.isOpen) return resolve();
          port.write(bytes, (error) => {
            if (error) return resolve();
            const written: ReplyWritten = { command, bytes: bytes.length, lastByteAt: performance.now() };
            if (announce) for (const listener of this.#replyListeners) listener(written);
            // The next reply waits until this one has left the line.
            port.drain(() => resolve());
          });
        }),
    );
    return this.#writing;
  }

  async close(): Promise<void> {
    const port = this.#port;
    this.#port = null;
    if (!port?.isOpen) return;
    port.removeAllListeners('data');
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
