import { type CommandName, commandNameOf } from './commands';
import { HEADER_LENGTH, PREAMBLE, PREAMBLE_LENGTH, xorChecksum } from './frame';
import { type Sw3Outcome, sw3Outcome } from './status';

/** A frame whose length and checksum were good. `body` is everything between LEN and CHK. */
export interface RawFrame {
  readonly body: Buffer;
}

export type FrameErrorCode =
  /** Bytes before a preamble (or in a stream with none) that belong to no frame. */
  | 'garbage'
  /** A preamble followed by a LEN outside the configured bounds. */
  | 'bad_length'
  | 'bad_checksum'
  /** A frame cut short: a later frame started inside it, or the stream went idle (flush). */
  | 'truncated';

export interface FrameError {
  readonly code: FrameErrorCode;
  /** How many bytes were given up. */
  readonly bytes: number;
}

export type ParserItem =
  | { readonly kind: 'frame'; readonly frame: RawFrame }
  | { readonly kind: 'error'; readonly error: FrameError };

export interface FrameParserOptions {
  /** Smallest plausible LEN: 3 for commands (CMD PARA CHK), 4 for responses (SW1 SW2 SW3 CHK). */
  minLength?: number;
  /** Largest plausible LEN; the longest real reply (30 10 with a 1024-byte fingerprint) is 2314. */
  maxLength?: number;
}

const preambleBuffer = Buffer.from(PREAMBLE);

/**
 * Streaming SAM frame parser: push bytes in any chunking, get frames and errors in stream order.
 * It never throws on input. After garbage or a bad frame it resynchronises on the next preamble.
 * A frame that claims bytes which turn out to hold a later complete, valid frame is taken as
 * truncated, so a frame cut short by a reader glitch does not swallow the reply after it.
 * Call flush() when the line goes idle: a frame still incomplete then is reported as truncated.
 */
export class FrameParser {
  readonly #minLength: number;
  readonly #maxLength: number;
  #buf: Buffer = Buffer.allocUnsafe(4096);
  #start = 0;
  #end = 0;
  #garbage = 0;
  /** Bytes at #start that were also the tail of the last frame yielded (see the end of #drain). */
  #reused = 0;

  constructor(options: FrameParserOptions = {}) {
    this.#minLength = options.minLength ?? 3;
    this.#maxLength = options.maxLength ?? 4096;
  }

  /** Bytes held while waiting for the rest of a frame. */
  get buffered(): number {
    return this.#end - this.#start;
  }

  push(chunk: Uint8Array): ParserItem[] {
    this.#append(chunk);
    return this.#drain(false);
  }

  /** The stream went idle or is being reset: report what is pending and start clean. */
  flush(): ParserItem[] {
    const items = this.#drain(true);
    this.#start = 0;
    this.#end = 0;
    this.#reused = 0;
    return items;
  }

  #append(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.#end + chunk.length > this.#buf.length) {
      const live = this.#end - this.#start;
      if (live + chunk.length > this.#buf.length) {
        const bigger = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, live + chunk.length));
        this.#buf.copy(bigger, 0, this.#start, this.#end);
        this.#buf = bigger;
      } else {
        this.#buf.copyWithin(0, this.#start, this.#end);
      }
      this.#start = 0;
      this.#end = live;
    }
    this.#buf.set(chunk, this.#end);
    this.#end += chunk.length;
  }

  #drain(final: boolean): ParserItem[] {
    const out: ParserItem[] = [];
    const buf = this.#buf;
    for (;;) {
      const found = this.#indexOfPreamble(this.#start, this.#end);
      if (found < 0) {
        const keep = final ? 0 : this.#partialPreambleAtEnd();
        this.#discardTo(this.#end - keep);
        break;
      }
      this.#discardTo(found);
      this.#reused = 0;
      const start = found;
      if (this.#end - start < HEADER_LENGTH) {
        if (final) {
          this.#emitGarbage(out);
          out.push(errorItem('truncated', this.#end - start));
          this.#start = this.#end;
        }
        break;
      }
      const len = buf.readUInt16BE(start + PREAMBLE_LENGTH);
      if (len < this.#minLength || len > this.#maxLength) {
        this.#emitGarbage(out);
        out.push(errorItem('bad_length', PREAMBLE_LENGTH + 2));
        this.#start = start + PREAMBLE_LENGTH;
        continue;
      }
      const frameEnd = start + HEADER_LENGTH + len;
      const later = this.#laterFrame(start + PREAMBLE_LENGTH, Math.min(frameEnd, this.#end));
      if (later.validAt >= 0) {
        this.#emitGarbage(out);
        out.push(errorItem('truncated', later.validAt - start));
        this.#start = later.validAt;
        continue;
      }
      // A later frame that starts inside this one and is still arriving may prove this one cut short.
      if (frameEnd > this.#end || (later.pending && !final)) {
        if (final) {
          this.#emitGarbage(out);
          out.push(errorItem('truncated', this.#end - start));
          this.#start = this.#end;
        }
        break;
      }
      const chk = xorChecksum(buf, start + PREAMBLE_LENGTH, frameEnd - 1);
      this.#emitGarbage(out);
      if (chk !== buf[frameEnd - 1]) {
        out.push(errorItem('bad_checksum', HEADER_LENGTH + len));
        // The preamble cannot overlap itself, so the next one starts at least 5 bytes on.
        this.#start = start + PREAMBLE_LENGTH;
        continue;
      }
      out.push({
        kind: 'frame',
        frame: { body: Buffer.from(buf.subarray(start + HEADER_LENGTH, frameEnd - 1)) },
      });
      // If the buffer ends in the first bytes of a preamble that began inside this frame, keep them:
      // should they grow into a frame, this one was a chance match and the real one must not be lost.
      const partial = this.#partialPreambleAtEnd();
      const keepFrom = partial > 0 && this.#end - partial < frameEnd ? this.#end - partial : frameEnd;
      this.#reused = frameEnd - keepFrom;
      this.#start = keepFrom;
    }
    this.#emitGarbage(out);
    return out;
  }

  /** Drop bytes up to `to` as garbage, except those kept from the tail of a frame already yielded. */
  #discardTo(to: number): void {
    const count = to - this.#start;
    const reused = Math.min(count, this.#reused);
    this.#reused -= reused;
    this.#garbage += count - reused;
    this.#start = to;
  }

  #emitGarbage(out: ParserItem[]): void {
    if (this.#garbage > 0) out.push(errorItem('garbage', this.#garbage));
    this.#garbage = 0;
  }

  #indexOfPreamble(from: number, to: number): number {
    if (to - from < PREAMBLE_LENGTH) return -1;
    const at = this.#buf.subarray(from, to).indexOf(preambleBuffer);
    return at < 0 ? -1 : from + at;
  }

  /** How many bytes at the end could be the start of a preamble still arriving. */
  #partialPreambleAtEnd(): number {
    const live = this.#end - this.#start;
    for (let k = Math.min(PREAMBLE_LENGTH - 1, live); k > 0; k--) {
      let match = true;
      for (let i = 0; i < k; i++) {
        if (this.#buf[this.#end - k + i] !== PREAMBLE[i]) {
          match = false;
          break;
        }
      }
      if (match) return k;
    }
    return 0;
  }

  /**
   * Preambles starting in [from, before): the first that heads a complete frame with a good checksum
   * (validAt, or -1), and whether one with a plausible length is still incomplete (pending).
   */
  #laterFrame(from: number, before: number): { validAt: number; pending: boolean } {
    let pending = false;
    let at = from;
    while (at < before) {
      const q = this.#indexOfPreamble(at, this.#end);
      if (q < 0 || q >= before) break;
      const state = this.#frameStateAt(q);
      if (state === 'valid') return { validAt: q, pending };
      if (state === 'incomplete') pending = true;
      at = q + PREAMBLE_LENGTH;
    }
    return { validAt: -1, pending };
  }

  #frameStateAt(q: number): 'valid' | 'invalid' | 'incomplete' {
    if (this.#end - q < HEADER_LENGTH) return 'incomplete';
    const len = this.#buf.readUInt16BE(q + PREAMBLE_LENGTH);
    if (len < this.#minLength || len > this.#maxLength) return 'invalid';
    const frameEnd = q + HEADER_LENGTH + len;
    if (frameEnd > this.#end) return 'incomplete';
    return xorChecksum(this.#buf, q + PREAMBLE_LENGTH, frameEnd - 1) === this.#buf[frameEnd - 1]
      ? 'valid'
      : 'invalid';
  }
}

function errorItem(code: FrameErrorCode, bytes: number): ParserItem {
  return { kind: 'error', error: { code, bytes } };
}

/** The reader's reply. SW1/SW2 are normally 00 00; SW3 carries the outcome. */
export interface ResponseFrame {
  readonly sw1: number;
  readonly sw2: number;
  readonly sw3: number;
  readonly outcome: Sw3Outcome;
  readonly data: Buffer;
}

/** A parser for the host side (minimum LEN 4, so every frame has SW1..SW3). */
export function createResponseParser(options: Omit<FrameParserOptions, 'minLength'> = {}): FrameParser {
  return new FrameParser({ ...options, minLength: 4 });
}

/** A parser for the reader side (the simulator). */
export function createCommandParser(options: Omit<FrameParserOptions, 'minLength'> = {}): FrameParser {
  return new FrameParser({ ...options, minLength: 3 });
}

/** Read SW1..SW3 and data from a frame found by a response parser (its body has at least 3 bytes). */
export function toResponseFrame(frame: RawFrame): ResponseFrame {
  const { body } = frame;
  const sw3 = body[2] ?? 0;
  return { sw1: body[0] ?? 0, sw2: body[1] ?? 0, sw3, outcome: sw3Outcome(sw3), data: body.subarray(3) };
}

export interface CommandFrame {
  readonly cmd: number;
  readonly para: number;
  /** null for a command the protocol does not define. */
  readonly name: CommandName | null;
  readonly data: Buffer;
}

export function toCommandFrame(frame: RawFrame): CommandFrame {
  const { body } = frame;
  const cmd = body[0] ?? 0;
  const para = body[1] ?? 0;
  return { cmd, para, name: commandNameOf(cmd, para), data: body.subarray(2) };
}
