import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { encodeSimpleCommand } from '../codec/commands';
import {
  createResponseParser,
  type FrameParser,
  type ParserItem,
  type ResponseFrame,
  toResponseFrame,
} from '../codec/frame-parser';
import { type CardRecord, parseCardRecord } from '../codec/read-reply';
import type { Sw3Outcome } from '../codec/status';
import { type CardIdentity, decodeIdentity, trimCardText } from '../identity/identity';
import type { DecodedPhoto, PhotoDecoder } from '../identity/photo';
import type { ReaderConnection, ReaderTransport } from '../transports/transport';
import { AsyncMutex } from './async-mutex';
import { type CardErrorCode, type ReaderStatus, sameStatus } from './status';

export interface IdCardReaderOptions {
  transport: ReaderTransport;
  logger: Logger;
  /** Pause between find-card polls while idle or while a card stays. */
  pollIntervalMs?: number;
  /** Reply timeout for short commands (SAM status, find, select). Vendor SDKs use 300-800 ms. */
  commandTimeoutMs?: number;
  /** Reply timeout for the read command; the reply alone takes ~112 ms on the wire at 115200. */
  readTimeoutMs?: number;
  /** 'base' reads text + photo (30 01); 'full' adds the fingerprint (30 10). */
  readCommand?: 'base' | 'full';
  /** Also read the newest added address (30 03). */
  readAddedAddress?: boolean;
  /** Attempts per placement before reporting the card as unreadable. */
  maxReadAttempts?: number;
  /** Consecutive no-card polls that mean the card has left (rides out radio flicker). */
  removalConfirmations?: number;
  /** Consecutive unanswered commands after which the link is reopened. */
  reopenAfterSilentCommands?: number;
  reopenBackoff?: { initialMs: number; maxMs: number };
  /** The reading moment for the expired flag (tests inject one). */
  clock?: () => Date;
  /** The hall's time zone: on which day a card expires (default Asia/Shanghai). */
  timeZone?: string;
  /**
   * How the reader model answers find for a card left on after a read: 'found' (keeps answering 9F)
   * or 'halted' (answers 80 until the RF field is reset): then a no-card answer while a card is
   * announced is checked again after a reset SAM (10 FF) before it counts towards removal.
   */
  cardLeftOn?: CardLeftOnBehaviour;
  /**
   * Decodes the WLT photo where the link gives no decoded one (a deployment's wrapper of the vendor's
   * decoder; the simulator's test photos). A decoder that fails leaves the identity without a photo.
   */
  photoDecoder?: PhotoDecoder;
}

export type CardLeftOnBehaviour = 'found' | 'halted';

/** Everything read from a card besides the identity itself. */
export interface CardReadDetails {
  readonly fingerprint: Uint8Array;
  /** The newest added address, when asked for and present. */
  readonly addedAddress: string | null;
  /** performance.now() when the identity was decoded (for latency measurements). */
  readonly decodedAt: number;
  /** The photo decoded by the transport (a vendor SDK), when it gives one; else null. */
  readonly decodedPhoto: DecodedPhoto | null;
}

export interface IdCardReaderEvents {
  cardPlaced: (identity: CardIdentity, details: CardReadDetails) => void;
  cardRemoved: () => void;
  cardError: (code: CardErrorCode) => void;
  status: (status: ReaderStatus) => void;
}

type Exchange =
  | { kind: 'reply'; frame: ResponseFrame }
  | { kind: 'no_reply' }
  | { kind: 'bad_reply' }
  | { kind: 'disconnected' };

/**
 * contentHash: SHA-256 of the card's text block, what tells a swapped card from one that stays (real
 * readers answer select with 8 zero bytes, so select cannot). null for a card never read whole.
 */
type CardOnReader =
  | { state: 'none' }
  | { state: 'reading'; attempts: number; lastError: CardErrorCode }
  | { state: 'read'; contentHash: string }
  | { state: 'failed'; contentHash: string | null; status: ReaderStatus };

/** One select + read of the card in the field. */
type ContentRead =
  | { kind: 'read'; record: CardRecord; contentHash: string }
  | { kind: 'failed'; code: CardErrorCode; detail: string; final: boolean; contentHash: string | null }
  | { kind: 'disconnected' };

interface PendingExchange {
  resolve(result: Exchange): void;
}

const authenticationFailures: ReadonlySet<Sw3Outcome> = new Set([
  'card_rejected_sam',
  'sam_rejected_card',
  'verification_error',
]);

/**
 * Polls a reader (find -> select -> read) and reports each placement once. A card that stays is read
 * again on each poll and compared by content: the same text is not announced again, a different one
 * is a swap (removal, then placement). A lost link is reopened with backoff
 * capped at reopenBackoff.maxMs. Every exchange runs under one lock. Logs carry states and codes only.
 */
export class IdCardReader {
  readonly #transport: ReaderTransport;
  readonly #logger: Logger;
  readonly #pollIntervalMs: number;
  readonly #commandTimeoutMs: number;
  readonly #readTimeoutMs: number;
  readonly #readCommand: 'base' | 'full';
  readonly #readAddedAddress: boolean;
  readonly #maxReadAttempts: number;
  readonly #removalConfirmations: number;
  readonly #reopenAfterSilentCommands: number;
  readonly #backoff: { initialMs: number; maxMs: number };
  readonly #clock: () => Date;
  readonly #timeZone: string | undefined;
  readonly #photoDecoder: PhotoDecoder | undefined;
  readonly #cardLeftOn: CardLeftOnBehaviour;
  readonly #lock = new AsyncMutex();
  readonly #listeners: { [K in keyof IdCardReaderEvents]: Set<IdCardReaderEvents[K]> } = {
    cardPlaced: new Set(),
    cardRemoved: new Set(),
    cardError: new Set(),
    status: new Set(),
  };
  readonly #parser: FrameParser = createResponseParser();
  #connection: ReaderConnection | null = null;
  #pending: PendingExchange | null = null;
  #status: ReaderStatus = { state: 'disconnected', detail: 'not started' };
  #card: CardOnReader = { state: 'none' };
  #noCardStreak = 0;
  #silentCommands = 0;
  #running = false;
  #loop: Promise<void> | null = null;
  #wake: (() => void) | null = null;

  constructor(options: IdCardReaderOptions) {
    this.#transport = options.transport;
    this.#logger = options.logger;
    this.#pollIntervalMs = options.pollIntervalMs ?? 300;
    this.#commandTimeoutMs = options.commandTimeoutMs ?? 800;
    this.#readTimeoutMs = options.readTimeoutMs ?? 3500;
    this.#readCommand = options.readCommand ?? 'base';
    this.#readAddedAddress = options.readAddedAddress ?? false;
    this.#maxReadAttempts = options.maxReadAttempts ?? 3;
    this.#removalConfirmations = options.removalConfirmations ?? 2;
    this.#reopenAfterSilentCommands = options.reopenAfterSilentCommands ?? 2;
    this.#backoff = options.reopenBackoff ?? { initialMs: 100, maxMs: 1000 };
    this.#clock = options.clock ?? (() => new Date());
    this.#timeZone = options.timeZone;
    this.#photoDecoder = options.photoDecoder;
    this.#cardLeftOn = options.cardLeftOn ?? 'found';
  }

  get status(): ReaderStatus {
    return this.#status;
  }

  on<K extends keyof IdCardReaderEvents>(event: K, listener: IdCardReaderEvents[K]): () => void {
    this.#listeners[event].add(listener);
    return () => this.#listeners[event].delete(listener);
  }

  /** Start polling in the background; returns at once. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run().catch((error: unknown) => {
      // A bug, not a device condition: keep it visible without taking the host down.
      this.#logger.error({ err: error }, 'id card reader loop failed');
      this.#setStatus({ state: 'error', detail: 'internal error; see log' });
    });
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#dropConnection();
    await this.#loop;
    this.#loop = null;
    await this.#dropConnection();
  }

  /** The SAM's 16-byte id as hex, or null when the reader is not reachable or refuses. */
  async readSamId(): Promise<string | null> {
    return this.#lock.runExclusive(async () => {
      if (!this.#connection) return null;
      const reply = await this.#exchange(encodeSimpleCommand('readSamId'), this.#commandTimeoutMs);
      if (reply.kind !== 'reply' || reply.frame.outcome !== 'success') return null;
      return reply.frame.data.toString('hex');
    });
  }

  async #run(): Promise<void> {
    let backoffMs = this.#backoff.initialMs;
    while (this.#running) {
      if (!this.#connection) {
        const opened = await this.#lock.runExclusive(() => this.#open());
        if (!opened) {
          await this.#sleep(backoffMs);
          backoffMs = Math.min(backoffMs * 2, this.#backoff.maxMs);
          continue;
        }
        backoffMs = this.#backoff.initialMs;
      }
      await this.#lock.runExclusive(() => this.#poll());
      await this.#sleep(this.#pollIntervalMs);
    }
  }

  async #open(): Promise<boolean> {
    if (!this.#running) return false;
    // The close handler may fire before connect() resolves; it must not touch a later connection.
    const link: { connection: ReaderConnection | null; closed: boolean } = {
      connection: null,
      closed: false,
    };
    try {
      link.connection = await this.#transport.connect({
        onData: (chunk) => this.#onData(chunk),
        onClose: (reason) => {
          link.closed = true;
          if (link.connection) this.#onClose(link.connection, reason);
        },
      });
    } catch (error) {
      this.#setStatus({ state: 'disconnected', detail: (error as Error).message });
      return false;
    }
    if (link.closed || !this.#running) {
      await link.connection.close().catch(() => undefined);
      return false;
    }
    this.#connection = link.connection;
    this.#silentCommands = 0;
    const sam = await this.#exchange(encodeSimpleCommand('samStatus'), this.#commandTimeoutMs);
    if (sam.kind === 'reply' && sam.frame.outcome === 'success') {
      const card = this.#card;
      this.#setStatus(
        card.state === 'read'
          ? { state: 'ready' }
          : card.state === 'failed'
            ? card.status
            : { state: 'no_card' },
      );
      return true;
    }
    const detail =
      sam.kind === 'reply'
        ? `SAM status: ${sam.frame.outcome}`
        : sam.kind === 'disconnected'
          ? 'link closed'
          : 'no answer to SAM status';
    await this.#dropConnection();
    this.#setStatus(
      sam.kind === 'disconnected' ? { state: 'disconnected', detail } : { state: 'error', detail },
    );
    return false;
  }

  async #poll(): Promise<void> {
    if (!this.#connection) return;
    let find = await this.#command('findCard', this.#commandTimeoutMs);
    if (find.kind !== 'reply') return;
    if (find.frame.outcome === 'no_card' && this.#cardLeftOn === 'halted' && this.#announced()) {
      // This model halts a card after reading it: reset the RF field, then ask again.
      const reset = await this.#command('resetSam', this.#commandTimeoutMs);
      if (reset.kind !== 'reply') return;
      find = await this.#command('findCard', this.#commandTimeoutMs);
      if (find.kind !== 'reply') return;
    }
    if (find.frame.outcome !== 'card_found') {
      this.#noCardSeen();
      if (find.frame.outcome !== 'no_card')
        this.#logger.debug({ outcome: find.frame.outcome }, 'find card: unexpected status');
      return;
    }
    this.#noCardStreak = 0;
    const card = this.#card;
    if (card.state === 'read' || card.state === 'failed') {
      // The card may stay, or may have been swapped between two polls: only its content tells.
      const content = await this.#readContent();
      if (content.kind === 'disconnected') return;
      const contentHash = content.contentHash;
      // A failed re-read says nothing about which card is there: keep what was announced.
      if (content.kind === 'failed' && (contentHash === null || card.state === 'read')) return;
      if (contentHash === card.contentHash) return;
      this.#leaveCard();
      this.#setStatus({ state: 'reading' });
      await this.#deliver(content, 1);
      return;
    }
    const attempts = card.state === 'reading' ? card.attempts + 1 : 1;
    this.#setStatus({ state: 'reading' });
    const content = await this.#readContent();
    if (content.kind === 'disconnected') return;
    await this.#deliver(content, attempts);
  }

  #announced(): boolean {
    return this.#card.state === 'read' || this.#card.state === 'failed';
  }

  /** Select and read the card found by the last find. */
  async #readContent(): Promise<ContentRead> {
    const select = await this.#command('selectCard', this.#commandTimeoutMs);
    if (select.kind === 'disconnected') return select;
    if (select.kind !== 'reply' || select.frame.outcome !== 'success') {
      const code = select.kind === 'bad_reply' ? 'checksum' : 'unreadable';
      return { kind: 'failed', code, detail: 'select failed', final: false, contentHash: null };
    }
    const withFingerprint = this.#readCommand === 'full';
    const read = await this.#command(withFingerprint ? 'readFullInfo' : 'readBaseInfo', this.#readTimeoutMs);
    if (read.kind === 'disconnected') return read;
    if (read.kind !== 'reply') {
      const code = read.kind === 'bad_reply' ? 'checksum' : 'unreadable';
      return { kind: 'failed', code, detail: `read: ${read.kind}`, final: false, contentHash: null };
    }
    if (read.frame.outcome !== 'success') {
      const code: CardErrorCode = authenticationFailures.has(read.frame.outcome)
        ? 'not_authentic'
        : read.frame.outcome === 'unknown_card_type'
          ? 'unknown_card_type'
          : 'unreadable';
      return { kind: 'failed', code, detail: `read: ${read.frame.outcome}`, final: false, contentHash: null };
    }
    const record = parseCardRecord(read.frame.data, withFingerprint);
    if (!record.ok) {
      return {
        kind: 'failed',
        code: 'malformed_card_data',
        detail: record.error.message,
        final: true,
        contentHash: null,
      };
    }
    return { kind: 'read', record: record.value, contentHash: hashCardText(record.value.text) };
  }

  /** Decode what was read and announce it, or count a failed attempt. */
  async #deliver(content: Exclude<ContentRead, { kind: 'disconnected' }>, attempts: number): Promise<void> {
    if (content.kind === 'failed')
      return this.#readFailed(attempts, content.code, content.contentHash, content.detail, content.final);
    const { record, contentHash } = content;
    const decoded = decodeIdentity(record.text, record.photo, {
      now: this.#clock(),
      ...(this.#timeZone ? { timeZone: this.#timeZone } : {}),
    });
    if (!decoded.ok)
      return this.#readFailed(attempts, decoded.error.code, contentHash, decoded.error.message, true);
    const decodedAt = performance.now();
    const decodedPhoto = this.#connection?.takeDecodedPhoto?.() ?? (await this.#decodePhoto(record.photo));
    const addedAddress = this.#readAddedAddress ? await this.#readNewestAddedAddress() : null;
    this.#card = { state: 'read', contentHash };
    this.#setStatus({ state: 'ready' });
    const details: CardReadDetails = {
      fingerprint: new Uint8Array(record.fingerprint),
      addedAddress,
      decodedAt,
      decodedPhoto,
    };
    const identity: CardIdentity = decodedPhoto ? { ...decoded.value, decodedPhoto } : decoded.value;
    this.#emit('cardPlaced', identity, details);
  }

  async #decodePhoto(wlt: Uint8Array): Promise<DecodedPhoto | null> {
    if (!this.#photoDecoder) return null;
    try {
      return await this.#photoDecoder.decode(wlt);
    } catch (error) {
      this.#logger.warn({ errorName: (error as Error).name }, 'card photo could not be decoded');
      return null;
    }
  }

  async #readNewestAddedAddress(): Promise<string | null> {
    const reply = await this.#command('readAddedAddress', this.#commandTimeoutMs);
    if (reply.kind !== 'reply' || reply.frame.outcome !== 'success') return null;
    const text = trimCardText(reply.frame.data.toString('utf16le'));
    return text === '' ? null : text;
  }

  /** One failed attempt; after the last (or a deterministic failure) the placement is reported. */
  #readFailed(
    attempts: number,
    code: CardErrorCode,
    contentHash: string | null,
    detail: string,
    final = false,
  ): void {
    if (!final && attempts < this.#maxReadAttempts) {
      this.#card = { state: 'reading', attempts, lastError: code };
      this.#logger.debug({ attempt: attempts, code, detail }, 'id card read attempt failed');
      return;
    }
    const status: ReaderStatus = { state: 'card_error', code, detail };
    this.#card = { state: 'failed', contentHash, status };
    this.#setStatus(status);
    this.#emit('cardError', code);
  }

  #noCardSeen(): void {
    this.#noCardStreak++;
    const card = this.#card;
    if (card.state === 'none') {
      this.#setStatus({ state: 'no_card' });
      return;
    }
    // A card mid-read that vanishes needs no confirmation: nothing was announced for it.
    if (card.state === 'reading' || this.#noCardStreak >= this.#removalConfirmations) {
      this.#leaveCard();
      this.#setStatus({ state: 'no_card' });
    }
  }

  /** Forget the card on the reader; announce its removal if its placement was announced. */
  #leaveCard(): void {
    const announced = this.#card.state === 'read' || this.#card.state === 'failed';
    this.#card = { state: 'none' };
    this.#noCardStreak = 0;
    if (announced) this.#emit('cardRemoved');
  }

  async #command(name: Parameters<typeof encodeSimpleCommand>[0], timeoutMs: number): Promise<Exchange> {
    const result = await this.#exchange(encodeSimpleCommand(name), timeoutMs);
    if (result.kind === 'no_reply' || result.kind === 'bad_reply') {
      this.#silentCommands++;
      if (this.#silentCommands >= this.#reopenAfterSilentCommands) {
        // A stuck USB-serial bridge or a vanished PTY often shows only as silence: reopen the link.
        this.#setStatus({
          state: 'error',
          detail: `reader not answering (${this.#silentCommands} commands); reopening`,
        });
        await this.#dropConnection();
      }
    } else if (result.kind === 'reply') {
      this.#silentCommands = 0;
    }
    return result;
  }

  #exchange(command: Buffer, timeoutMs: number): Promise<Exchange> {
    const connection = this.#connection;
    if (!connection) return Promise.resolve({ kind: 'disconnected' });
    // Whatever is half-received belongs to an earlier, abandoned exchange.
    this.#parser.flush();
    return new Promise<Exchange>((resolve) => {
      const timer = setTimeout(() => {
        const items = this.#parser.flush();
        finish(replyFrom(items) ?? (hasFrameFault(items) ? { kind: 'bad_reply' } : { kind: 'no_reply' }));
      }, timeoutMs);
      const finish = (result: Exchange) => {
        clearTimeout(timer);
        if (this.#pending === pending) this.#pending = null;
        resolve(result);
      };
      const pending: PendingExchange = { resolve: finish };
      this.#pending = pending;
      connection.write(command).catch(() => {
        // The transport reports the lost link through onClose; this exchange is over either way.
        finish({ kind: 'disconnected' });
      });
    });
  }

  #onData(chunk: Buffer): void {
    const items = this.#parser.push(chunk);
    const pending = this.#pending;
    if (!pending) {
      if (items.some((item) => item.kind === 'frame'))
        this.#logger.debug('id card reader: unsolicited frame dropped');
      return;
    }
    const reply = replyFrom(items);
    if (reply) pending.resolve(reply);
    else if (hasFrameFault(items)) pending.resolve({ kind: 'bad_reply' });
  }

  #onClose(connection: ReaderConnection, reason: string): void {
    if (this.#connection !== connection) return;
    this.#connection = null;
    this.#parser.flush();
    this.#pending?.resolve({ kind: 'disconnected' });
    this.#forgetUnannouncedCard();
    if (this.#running) this.#setStatus({ state: 'disconnected', detail: reason });
  }

  async #dropConnection(): Promise<void> {
    const connection = this.#connection;
    if (!connection) return;
    this.#connection = null;
    this.#pending?.resolve({ kind: 'disconnected' });
    this.#forgetUnannouncedCard();
    await connection.close().catch(() => undefined);
  }

  /**
   * On a lost link an announced card is kept: after the reopen, its content tells whether it is
   * still the same card, so a USB glitch does not end the applicant's session. A half-read card is
   * simply read again.
   */
  #forgetUnannouncedCard(): void {
    if (this.#card.state === 'reading') this.#card = { state: 'none' };
    this.#noCardStreak = 0;
  }

  #setStatus(status: ReaderStatus): void {
    if (sameStatus(status, this.#status)) return;
    this.#status = status;
    this.#logger.info(
      { device: 'idcard', transport: this.#transport.label, status },
      'id card reader status',
    );
    this.#emit('status', status);
  }

  /**
   * Each listener on its own: one that throws is logged (its error's name and stack frames, never the
   * message, which might quote card data) and the others, and the polling loop, go on.
   */
  #emit<K extends keyof IdCardReaderEvents>(event: K, ...args: Parameters<IdCardReaderEvents[K]>): void {
    for (const listener of [...this.#listeners[event]]) {
      try {
        (listener as (...a: Parameters<IdCardReaderEvents[K]>) => void)(...args);
      } catch (error) {
        this.#logger.error({ event, listenerError: describeThrown(error) }, 'id card reader listener threw');
      }
    }
  }

  #sleep(ms: number): Promise<void> {
    if (!this.#running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }
}

/** What a thrown value was, without its message (which may quote personal data). */
function describeThrown(error: unknown): { name: string; stack: string[] } {
  if (!(error instanceof Error)) return { name: typeof error, stack: [] };
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return { name: error.name, stack: frames.slice(0, 10).map((line) => line.trim()) };
}

/** The text block identifies the holder and the card (number, validity): a hash, not a copy, is kept. */
function hashCardText(text: Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

function replyFrom(items: readonly ParserItem[]): Exchange | null {
  for (const item of items)
    if (item.kind === 'frame') return { kind: 'reply', frame: toResponseFrame(item.frame) };
  return null;
}

/** A frame was there but broken; mere garbage between frames is not a fault of the reply. */
function hasFrameFault(items: readonly ParserItem[]): boolean {
  return items.some((item) => item.kind === 'error' && item.error.code !== 'garbage');
}
