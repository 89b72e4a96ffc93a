import { type CommandName, encodeResponse } from '../codec/commands';
import { createCommandParser, toCommandFrame } from '../codec/frame-parser';
import { encodeCardRecord } from '../codec/read-reply';
import { sw3Byte } from '../codec/status';
import type { TestCard } from './test-cards';

export interface EmulatorReply {
  /** The command answered; null for a reply to a broken command frame. */
  readonly command: CommandName | null;
  readonly bytes: Buffer;
}

export interface ReaderEmulatorOptions {
  cards: readonly TestCard[];
  /** The 16 bytes read-SAM-id returns. */
  samId?: Buffer;
  /**
   * What select returns as its 8 data bytes: 'zeros' as real readers do (the bytes cannot tell two
   * cards apart), or a per-card serial (the older assumption). Default 'card_serial'.
   */
  selectData?: 'zeros' | 'card_serial';
  /**
   * true: a card that was read is halted and answers find with 80 (no card) until it is lifted or
   * the RF field is reset (reset SAM, 10 FF), as some reader models do. Default false (find keeps
   * answering 9F).
   */
  haltAfterRead?: boolean;
}

const ADDED_ADDRESS_BYTES = 70;
const SELECT_DATA_BYTES = 8;

/**
 * A SAM reader's side of the protocol, without I/O: command bytes in, reply frames out. Behaves as
 * the host engine assumes a reader does: find answers 9F while a card lies on it (read or not; or 80
 * once read, with haltAfterRead), select returns the card serial (or 8 zero bytes, as real readers
 * do), and read needs a select since the card was laid down.
 */
export class ReaderEmulator {
  readonly #cards: ReadonlyMap<string, TestCard>;
  readonly #samId: Buffer;
  readonly #parser = createCommandParser();
  readonly #selectData: 'zeros' | 'card_serial';
  readonly #haltAfterRead: boolean;
  #placed: TestCard | null = null;
  #selected = false;
  #halted = false;
  #failReads = 0;
  #corruptReplies = 0;
  #silent = false;

  constructor(options: ReaderEmulatorOptions) {
    this.#cards = new Map(options.cards.map((c) => [c.id, c]));
    this.#samId = options.samId ?? Buffer.from('0501000020261126000000000000a5a5', 'hex');
    this.#selectData = options.selectData ?? 'card_serial';
    this.#haltAfterRead = options.haltAfterRead ?? false;
  }

  get cards(): readonly TestCard[] {
    return [...this.#cards.values()];
  }

  placed(): string | null {
    return this.#placed?.id ?? null;
  }

  /**
   * Lay a card on the reader. A card already there is replaced at once, with no empty poll between
   * (a swap: one hand takes a card off as the other lays the next on).
   */
  place(cardId: string): boolean {
    const card = this.#cards.get(cardId);
    if (!card) return false;
    this.#placed = card;
    this.#selected = false;
    this.#halted = false;
    return true;
  }

  remove(): void {
    this.#placed = null;
    this.#selected = false;
    this.#halted = false;
  }

  /** The next `count` read commands answer 41 (read failed), as a card moved mid-read would. */
  failNextReads(count: number): void {
    this.#failReads = count;
  }

  /** The next `count` replies go out with one byte flipped (line noise). */
  corruptNextReplies(count: number): void {
    this.#corruptReplies = count;
  }

  /** A silent reader answers nothing (a hung SAM). */
  setSilent(silent: boolean): void {
    this.#silent = silent;
  }

  /** Feed bytes received from the host; returns the replies to send, in order. */
  receive(chunk: Uint8Array): EmulatorReply[] {
    const replies: EmulatorReply[] = [];
    for (const item of this.#parser.push(chunk)) {
      if (this.#silent) continue;
      if (item.kind === 'error') {
        if (item.error.code === 'bad_checksum')
          replies.push({ command: null, bytes: encodeResponse(sw3Byte('bad_checksum')) });
        else if (item.error.code === 'bad_length')
          replies.push({ command: null, bytes: encodeResponse(sw3Byte('bad_length')) });
        continue;
      }
      const command = toCommandFrame(item.frame);
      replies.push({ command: command.name, bytes: this.#corrupt(this.#answer(command.name, command.data)) });
    }
    return replies;
  }

  #answer(name: CommandName | null, data: Buffer): Buffer {
    const card = this.#placed;
    switch (name) {
      case 'resetSam':
        // Resetting the module resets the RF field: a halted card answers find again.
        this.#halted = false;
        return encodeResponse(sw3Byte('success'));
      case 'samStatus':
      case 'setBaudRate':
        return encodeResponse(sw3Byte('success'));
      case 'setMaxRfBytes': {
        const max = data[0] ?? 0;
        return encodeResponse(sw3Byte(max >= 24 ? 'success' : 'bad_length'));
      }
      case 'readSamId':
        return encodeResponse(sw3Byte('success'), this.#samId);
      case 'findCard':
        return card && !this.#halted
          ? encodeResponse(sw3Byte('card_found'), Buffer.alloc(4))
          : encodeResponse(sw3Byte('no_card'));
      case 'selectCard':
        if (!card || this.#halted) return encodeResponse(sw3Byte('select_failed'));
        this.#selected = true;
        return encodeResponse(
          sw3Byte('success'),
          this.#selectData === 'zeros' ? Buffer.alloc(SELECT_DATA_BYTES) : card.serial,
        );
      case 'readBaseInfo':
      case 'readFullInfo': {
        if (!card || !this.#selected || this.#halted) return encodeResponse(sw3Byte('read_failed'));
        if (this.#failReads > 0) {
          this.#failReads--;
          return encodeResponse(sw3Byte('read_failed'));
        }
        // The card is halted at the end of this exchange (the added address may still follow).
        if (this.#haltAfterRead) this.#halted = true;
        return encodeResponse(sw3Byte('success'), encodeCardRecord(card, name === 'readFullInfo'));
      }
      case 'readAddedAddress': {
        if (!card || !this.#selected) return encodeResponse(sw3Byte('read_failed'));
        if (card.addedAddress === null) return encodeResponse(sw3Byte('no_data'));
        const block = Buffer.alloc(ADDED_ADDRESS_BYTES);
        for (let i = 0; i < ADDED_ADDRESS_BYTES; i += 2) block.writeUInt16LE(0x20, i);
        Buffer.from(card.addedAddress, 'utf16le').subarray(0, ADDED_ADDRESS_BYTES).copy(block);
        return encodeResponse(sw3Byte('success'), block);
      }
      case null:
        return encodeResponse(sw3Byte('unknown_command'));
    }
  }

  #corrupt(reply: Buffer): Buffer {
    if (this.#corruptReplies === 0) return reply;
    this.#corruptReplies--;
    const bad = Buffer.from(reply);
    // Flip a bit in the last data byte (or SW3): the checksum no longer matches.
    bad[bad.length - 2]! ^= 0x01;
    return bad;
  }
}
