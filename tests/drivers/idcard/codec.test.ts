import { describe, expect, it } from 'vitest';
import {
  commandNameOf,
  createCommandParser,
  createResponseParser,
  encodeCardRecord,
  encodeCommand,
  encodeResponse,
  FrameParser,
  type ParserItem,
  parseCardRecord,
  sw3Outcome,
  toCommandFrame,
  toResponseFrame,
  xorChecksum,
} from '../../../drivers/idcard/codec';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const frames = (items: ParserItem[]) =>
  items.filter((i) => i.kind === 'frame').map((i) => i.frame.body.toString('hex'));
const errors = (items: ParserItem[]) => items.filter((i) => i.kind === 'error').map((i) => i.error.code);

// Replies printed in the spec (idcard-sam-protocol.md, "Example replies").
const specFindOk = hex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
const specNoCard = hex('AA AA AA 96 69 00 04 00 00 80 84');
const specReadFailed = hex('AA AA AA 96 69 00 04 00 00 41 45');

describe('command encoding', () => {
  it('encodes find card exactly as the spec prints it', () => {
    expect(encodeCommand({ name: 'findCard' })).toEqual(hex('AA AA AA 96 69 00 03 20 01 22'));
  });

  // Checksums worked out by hand: 00 ^ LEN2 ^ CMD ^ PARA [^ DATA].
  it.each([
    ['resetSam', 'AA AA AA 96 69 00 03 10 FF EC'],
    ['samStatus', 'AA AA AA 96 69 00 03 11 FF ED'],
    ['readSamId', 'AA AA AA 96 69 00 03 12 FF EE'],
    ['findCard', 'AA AA AA 96 69 00 03 20 01 22'],
    ['selectCard', 'AA AA AA 96 69 00 03 20 02 21'],
    ['readBaseInfo', 'AA AA AA 96 69 00 03 30 01 32'],
    ['readAddedAddress', 'AA AA AA 96 69 00 03 30 03 30'],
    ['readFullInfo', 'AA AA AA 96 69 00 03 30 10 23'],
  ] as const)('%s', (name, bytes) => {
    expect(encodeCommand({ name })).toEqual(hex(bytes));
  });

  it.each([
    [115200, 'AA AA AA 96 69 00 03 60 00 63'],
    [57600, 'AA AA AA 96 69 00 03 60 01 62'],
    [38400, 'AA AA AA 96 69 00 03 60 02 61'],
    [19200, 'AA AA AA 96 69 00 03 60 03 60'],
    [9600, 'AA AA AA 96 69 00 03 60 04 67'],
  ] as const)('set baud %i', (baudRate, bytes) => {
    expect(encodeCommand({ name: 'setBaudRate', baudRate })).toEqual(hex(bytes));
  });

  it('set max RF bytes carries one data byte and LEN 4', () => {
    expect(encodeCommand({ name: 'setMaxRfBytes', maxBytes: 0x50 })).toEqual(
      hex('AA AA AA 96 69 00 04 61 FF 50 CA'),
    );
    expect(() => encodeCommand({ name: 'setMaxRfBytes', maxBytes: 23 })).toThrow(RangeError);
    expect(() => encodeCommand({ name: 'setMaxRfBytes', maxBytes: 256 })).toThrow(RangeError);
  });

  it('names received commands, including every baud parameter', () => {
    expect(commandNameOf(0x20, 0x01)).toBe('findCard');
    expect(commandNameOf(0x60, 0x04)).toBe('setBaudRate');
    expect(commandNameOf(0x60, 0x05)).toBeNull();
    expect(commandNameOf(0x99, 0x99)).toBeNull();
    const parsed = createCommandParser().push(encodeCommand({ name: 'setMaxRfBytes', maxBytes: 100 }));
    expect(parsed).toHaveLength(1);
    const item = parsed[0]!;
    if (item.kind !== 'frame') throw new Error('expected a frame');
    expect(toCommandFrame(item.frame)).toMatchObject({
      cmd: 0x61,
      para: 0xff,
      name: 'setMaxRfBytes',
      data: Buffer.from([100]),
    });
  });
});

describe('response encoding and the spec examples', () => {
  it('reproduces the spec example replies byte for byte', () => {
    expect(encodeResponse(0x9f, Buffer.alloc(4))).toEqual(specFindOk);
    expect(encodeResponse(0x80)).toEqual(specNoCard);
    expect(encodeResponse(0x41)).toEqual(specReadFailed);
  });

  it('checksum is the XOR of LEN1 to the last data byte', () => {
    expect(xorChecksum(specFindOk, 5, specFindOk.length - 1)).toBe(0x97);
  });

  it.each([
    [specFindOk, 'card_found', '00000000'],
    [specNoCard, 'no_card', ''],
    [specReadFailed, 'read_failed', ''],
  ] as const)('parses a spec reply to its named outcome', (bytes, outcome, data) => {
    const items = createResponseParser().push(bytes);
    expect(errors(items)).toEqual([]);
    const item = items[0]!;
    if (item.kind !== 'frame') throw new Error('expected a frame');
    const reply = toResponseFrame(item.frame);
    expect(reply).toMatchObject({ sw1: 0, sw2: 0, outcome });
    expect(reply.data.toString('hex')).toBe(data);
  });

  it('maps every SW3 of the spec table and keeps unknown ones visible', () => {
    const table: Record<number, string> = {
      144: 'success',
      145: 'no_data',
      159: 'card_found',
      16: 'bad_checksum',
      17: 'bad_length',
      33: 'unknown_command',
      35: 'not_permitted',
      36: 'unrecognised_error',
      49: 'card_rejected_sam',
      50: 'sam_rejected_card',
      51: 'verification_error',
      64: 'unknown_card_type',
      65: 'read_failed',
      71: 'random_failed',
      96: 'sam_self_test_failed',
      102: 'sam_not_authorised',
      128: 'no_card',
      129: 'select_failed',
    };
    for (const [code, name] of Object.entries(table)) expect(sw3Outcome(Number(code))).toBe(name);
    expect(sw3Outcome(0x55)).toBe('unknown_sw3_55');
  });

  it('a read-base-info reply is 1295 bytes with LEN 0x0508', () => {
    const record = encodeCardRecord({ text: Buffer.alloc(256, 0x20), photo: Buffer.alloc(1024, 7) }, false);
    const frame = encodeResponse(0x90, record);
    expect(frame.length).toBe(1295);
    expect(frame.readUInt16BE(5)).toBe(0x0508);
    const parsed = parseCardRecord(record, false);
    expect(parsed.ok && parsed.value.photo.length).toBe(1024);
  });

  it('read-full-info data carries a fingerprint length and block', () => {
    const record = encodeCardRecord(
      { text: Buffer.alloc(256), photo: Buffer.alloc(1024), fingerprint: Buffer.alloc(512, 1) },
      true,
    );
    const parsed = parseCardRecord(record, true);
    expect(parsed.ok && parsed.value.fingerprint.length).toBe(512);
  });

  it('rejects read data whose lengths do not add up, without throwing', () => {
    expect(parseCardRecord(Buffer.alloc(3), false).ok).toBe(false);
    const record = encodeCardRecord({ text: Buffer.alloc(256), photo: Buffer.alloc(1024) }, false);
    expect(parseCardRecord(record.subarray(0, 1000), false).ok).toBe(false);
    const wrongText = Buffer.from(record);
    wrongText.writeUInt16BE(200, 0);
    expect(parseCardRecord(wrongText, false).ok).toBe(false);
  });
});

describe('FrameParser', () => {
  it('finds a frame fed one byte at a time', () => {
    const parser = createResponseParser();
    const items: ParserItem[] = [];
    for (const byte of specFindOk) items.push(...parser.push(Buffer.of(byte)));
    expect(frames(items)).toEqual(['00009f00000000']);
    expect(errors(items)).toEqual([]);
  });

  it('finds merged frames in one chunk', () => {
    const items = createResponseParser().push(Buffer.concat([specNoCard, specFindOk, specReadFailed]));
    expect(frames(items)).toEqual(['000080', '00009f00000000', '000041']);
  });

  it('skips garbage before a frame and reports it', () => {
    const items = createResponseParser().push(Buffer.concat([hex('00 13 AA AA 96 FF'), specNoCard]));
    expect(errors(items)).toEqual(['garbage']);
    expect(frames(items)).toEqual(['000080']);
  });

  it('reports a bad checksum and resynchronises on the next frame', () => {
    const bad = Buffer.from(specFindOk);
    bad[bad.length - 1] = 0x00;
    const items = createResponseParser().push(Buffer.concat([bad, specNoCard]));
    expect(errors(items)).toContain('bad_checksum');
    expect(frames(items)).toEqual(['000080']);
  });

  it('takes a frame cut short by the next one as truncated, without waiting', () => {
    const items = createResponseParser().push(Buffer.concat([specFindOk.subarray(0, 9), specNoCard]));
    expect(errors(items)).toEqual(['truncated']);
    expect(frames(items)).toEqual(['000080']);
  });

  it('holds an incomplete frame until flush, then reports it truncated', () => {
    const parser = createResponseParser();
    expect(parser.push(specFindOk.subarray(0, 10))).toEqual([]);
    expect(parser.buffered).toBe(10);
    expect(errors(parser.flush())).toEqual(['truncated']);
    expect(parser.buffered).toBe(0);
  });

  it('rejects implausible lengths', () => {
    const items = createResponseParser().push(
      Buffer.concat([hex('AA AA AA 96 69 00 02 00 00'), hex('AA AA AA 96 69 FF FF'), specNoCard]),
    );
    expect(errors(items).filter((c) => c === 'bad_length')).toHaveLength(2);
    expect(frames(items)).toEqual(['000080']);
  });

  it('keeps memory bounded on a stream with no preamble', () => {
    const parser = new FrameParser();
    for (let i = 0; i < 1000; i++) parser.push(Buffer.alloc(1000, 0x55));
    expect(parser.buffered).toBeLessThan(5);
  });

  it('does not lose a frame that begins in the last bytes of a chance-valid one', () => {
    // A cut frame whose LEN (6) reaches 3 bytes into the next frame, and whose checksum happens to
    // hold: 00^06^00^00^AC^AA^AA = AA. Its last 3 bytes are the next frame's AA AA AA.
    const chance = hex('AA AA AA 96 69 00 06 00 00 AC AA AA AA');
    expect(xorChecksum(chance, 5, 12)).toBe(0xaa);
    const parser = createResponseParser();
    const first = parser.push(chance);
    expect(frames(first)).toEqual(['0000acaaaa']);
    const rest = parser.push(specNoCard.subarray(3));
    expect(frames(rest)).toEqual(['000080']);
  });
});
