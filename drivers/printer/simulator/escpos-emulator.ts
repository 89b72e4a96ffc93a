import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import { decodeGb18030 } from '../escpos/gb18030';
import { PaperSensorBits, STATUS_FIXED_BITS, StatusBits } from '../escpos/status-bytes';

export type EmulatedPaper = 'ok' | 'near_end' | 'out';

/** What came out of the emulated printer between two cuts. */
export interface EmulatedReceipt {
  readonly lines: readonly string[];
  /** Payloads of the QR codes it printed (GS ( k fn 80/81). */
  readonly qrCodes: readonly string[];
}

/** Outcome of parsing one command at the head of the buffer. */
type Parsed = { consumed: number } | 'incomplete';

/**
 * An 80 mm ESC/POS thermal printer on the device end of a serial line (a socat PTY pair in the demo
 * and the tests). It understands what the kiosk sends (text in GB18030, sizes, alignment, QR, cut),
 * answers DLE EOT with real status bytes and GS r 1 after the data before it, and can be made to run
 * out of paper or have its cover opened. While offline it drops print data, as a printer without a
 * receive buffer would, and answers only the real-time status requests.
 */
export class EscPosPrinterEmulator extends EventEmitter<{ receipt: [EmulatedReceipt] }> {
  private port: SerialPort | undefined;
  private buffer = Buffer.alloc(0);
  private paper: EmulatedPaper = 'ok';
  private coverOpen = false;
  /** Lines left on the roll; Infinity = never runs out by itself. */
  private linesLeft = Number.POSITIVE_INFINITY;
  private lineBytes: number[] = [];
  private currentLines: string[] = [];
  private currentQr: string[] = [];
  private storedQr = '';
  private readonly printed: EmulatedReceipt[] = [];
  /** Print bytes dropped while offline. */
  droppedBytes = 0;

  constructor(private readonly path: string) {
    super();
  }

  async start(): Promise<void> {
    const port = new SerialPort({ path: this.path, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    port.on('data', (chunk: Buffer) => this.receive(chunk));
    port.on('error', () => {});
    this.port = port;
  }

  async stop(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  /** Loads a roll; `lines` limits it so a test can run out of paper in the middle of a receipt. */
  loadPaper(lines = Number.POSITIVE_INFINITY): void {
    this.paper = 'ok';
    this.linesLeft = lines;
  }

  setPaper(paper: EmulatedPaper): void {
    this.paper = paper;
    if (paper !== 'out' && this.linesLeft <= 0) this.linesLeft = Number.POSITIVE_INFINITY;
  }

  setCoverOpen(open: boolean): void {
    this.coverOpen = open;
  }

  get state(): { paper: EmulatedPaper; coverOpen: boolean } {
    return { paper: this.paper, coverOpen: this.coverOpen };
  }

  receipts(): readonly EmulatedReceipt[] {
    return this.printed;
  }

  private get offline(): boolean {
    return this.paper === 'out' || this.coverOpen;
  }

  private reply(byte: number): void {
    this.port?.write(Buffer.of(byte));
  }

  private realtimeStatus(kind: number): number {
    let byte = STATUS_FIXED_BITS;
    if (kind === 1 && this.offline) byte |= StatusBits.offline;
    if (kind === 2) {
      if (this.coverOpen) byte |= StatusBits.coverOpen;
      if (this.paper === 'out') byte |= StatusBits.stoppedByPaperEnd;
    }
    if (kind === 4) {
      if (this.paper === 'near_end') byte |= StatusBits.paperNearEnd;
      if (this.paper === 'out') byte |= StatusBits.paperEnd | StatusBits.paperNearEnd;
    }
    return byte;
  }

  private paperSensorStatus(): number {
    if (this.paper === 'out') return PaperSensorBits.end | PaperSensorBits.nearEnd;
    return this.paper === 'near_end' ? PaperSensorBits.nearEnd : 0;
  }

  /** Bytes that reached the printer another way than its serial port (a FIFO standing in for a one-way device). */
  feed(chunk: Buffer): void {
    this.receive(chunk);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const parsed = this.parseOne(this.buffer);
      if (parsed === 'incomplete') return;
      this.buffer = this.buffer.subarray(parsed.consumed);
      if (this.buffer.length === 0) return;
    }
  }

  /** Parses and acts on the command at the start of `b`. */
  private parseOne(b: Buffer): Parsed {
    const first = b[0];
    if (first === undefined) return 'incomplete';
    const need = (n: number): boolean => b.length >= n;
    // Real-time commands work whatever the state.
    if (first === 0x10) {
      if (!need(3)) return 'incomplete';
      if (b[1] === 0x04) this.reply(this.realtimeStatus(b[2] ?? 0));
      return { consumed: 3 };
    }
    if (first === 0x1b) {
      if (!need(2)) return 'incomplete';
      const command = b[1];
      if (command === 0x40) {
        // A receipt torn off by a paper end is not a receipt; start afresh.
        this.lineBytes = [];
        this.currentLines = [];
        this.currentQr = [];
        return { consumed: 2 };
      }
      // ESC a n, ESC E n, ESC ! n, ESC d n (feed: uses paper), ESC M n
      if (command === 0x61 || command === 0x45 || command === 0x21 || command === 0x4d || command === 0x64) {
        if (!need(3)) return 'incomplete';
        if (command === 0x64 && !this.offline) this.consumePaper(b[2] ?? 0);
        return { consumed: 3 };
      }
      return { consumed: 2 };
    }
    if (first === 0x1c) {
      if (!need(2)) return 'incomplete';
      return { consumed: 2 };
    }
    if (first === 0x1d) return this.parseGs(b);
    if (this.offline) {
      this.droppedBytes++;
      return { consumed: 1 };
    }
    if (first === 0x0a) {
      this.endLine();
      return { consumed: 1 };
    }
    this.lineBytes.push(first);
    return { consumed: 1 };
  }

  private parseGs(b: Buffer): Parsed {
    if (b.length < 2) return 'incomplete';
    const command = b[1];
    if (command === 0x21) return b.length < 3 ? 'incomplete' : { consumed: 3 };
    if (command === 0x72) {
      if (b.length < 3) return 'incomplete';
      // Processed in turn: a printer that is offline answers only once it is back.
      if (!this.offline) this.reply(this.paperSensorStatus());
      return { consumed: 3 };
    }
    if (command === 0x56) {
      if (b.length < 3) return 'incomplete';
      const mode = b[2] ?? 0;
      const length = mode >= 0x41 ? 4 : 3;
      if (b.length < length) return 'incomplete';
      if (!this.offline) this.cut();
      return { consumed: length };
    }
    if (command === 0x28 && b[2] === 0x6b) {
      if (b.length < 5) return 'incomplete';
      const length = (b[3] ?? 0) | ((b[4] ?? 0) << 8);
      if (b.length < 5 + length) return 'incomplete';
      const fn = b[6];
      if (!this.offline) {
        if (fn === 0x50) this.storedQr = b.subarray(8, 5 + length).toString('utf8');
        if (fn === 0x51) {
          this.currentQr.push(this.storedQr);
          this.consumePaper(10);
        }
      }
      return { consumed: 5 + length };
    }
    return { consumed: 2 };
  }

  private consumePaper(lines: number): void {
    this.linesLeft -= lines;
    if (this.linesLeft <= 0) this.paper = 'out';
  }

  private endLine(): void {
    this.currentLines.push(decodeGb18030(Uint8Array.from(this.lineBytes)));
    this.lineBytes = [];
    this.consumePaper(1);
  }

  private cut(): void {
    if (this.lineBytes.length > 0) this.endLine();
    const receipt: EmulatedReceipt = { lines: this.currentLines, qrCodes: this.currentQr };
    this.currentLines = [];
    this.currentQr = [];
    this.printed.push(receipt);
    this.emit('receipt', receipt);
  }
}
