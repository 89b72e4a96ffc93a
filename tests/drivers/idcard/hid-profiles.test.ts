import { EventEmitter } from 'node:events';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type CardIdentity,
  encodeResponse,
  frameToReports,
  type HidBackend,
  type HidDeviceHandle,
  HidFrameTransport,
  type HidReportLayout,
  HidReportReassembler,
  IdCardReader,
  primaryName,
  ReaderEmulator,
} from '../../../drivers/idcard';
import { encodeFrame } from '../../../drivers/idcard/codec/frame';
import { findUsbReaderModel, hidLayoutFor, hidProfiles } from '../../../drivers/idcard/reader-models';
import { buildTestCards } from '../../../drivers/idcard/simulator/test-cards';

const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 5000, interval: 10 });
const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
/** A 64-byte report (after the report id) from its leading bytes, zero-padded. */
const report64 = (lead: string) => {
  const report = Buffer.alloc(64);
  hex(lead).copy(report);
  return report;
};

const findCommand = hex('AA AA AA 96 69 00 03 20 01 22');
const findReply = hex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');

// Report sequences as the public implementations put them on the wire (report id 0 first on output,
// as hidapi wants; input reports without it, as node-hid delivers unnumbered ones).
const recorded: Record<keyof typeof hidProfiles, { findOut: string; findReplyIn: string[] }> = {
  padded: {
    findOut: '00 AA AA AA 96 69 00 03 20 01 22',
    findReplyIn: ['AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'],
  },
  'count-byte-ack': {
    findOut: '00 0A AA AA AA 96 69 00 03 20 01 22',
    findReplyIn: ['0F AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'],
  },
  'no-preamble-length-prefixed': {
    findOut: '00 00 05 00 03 20 01 22',
    findReplyIn: ['00 0A 00 08 00 00 9F 00 00 00 00 97'],
  },
};

describe('HID profiles: recorded report sequences', () => {
  for (const [name, sequence] of Object.entries(recorded)) {
    const layout = hidProfiles[name as keyof typeof hidProfiles];
    it(`${name}: find goes out as recorded and the recorded reply parses to the frame`, () => {
      const out = frameToReports(findCommand, layout);
      expect(out).toHaveLength(1);
      expect(out[0]!.subarray(1)).toEqual(report64(sequence.findOut.slice(3)));
      expect(out[0]![0]).toBe(0);
      const reassembler = new HidReportReassembler(layout);
      const bytes = Buffer.concat(sequence.findReplyIn.map((r) => reassembler.push(report64(r))));
      expect(bytes).toEqual(findReply);
    });
  }

  it('count-byte-ack: a 1295-byte reply is 21 reports of at most 63 bytes; the host acks the first 20', () => {
    const layout = hidProfiles['count-byte-ack'];
    const reply = encodeResponse(0x90, Buffer.alloc(1284, 0x5a));
    const reports = frameToReports(reply, layout).map((r) => r.subarray(1));
    expect(reports.map((r) => r[0])).toEqual([...Array(20).fill(63), 35]);
    const reassembler = new HidReportReassembler(layout);
    const results = reports.map((r) => reassembler.pushReport(r));
    expect(results.map((r) => r.needsAck)).toEqual([...Array(20).fill(true), false]);
    expect(Buffer.concat(results.map((r) => r.bytes))).toEqual(reply);
    expect(reassembler.pushReport(report64('FF')).ackFromDevice).toBe(true);
  });

  it('no-preamble-length-prefixed: a reply split over reports and across a report boundary', () => {
    const layout = hidProfiles['no-preamble-length-prefixed'];
    const reply = encodeResponse(0x90, Buffer.alloc(1284, 0x11));
    const reports = frameToReports(reply, layout);
    expect(reports[0]!.subarray(1, 3)).toEqual(hex('05 0A'));
    expect(reports[0]!.subarray(3, 5)).toEqual(hex('05 08'));
    const reassembler = new HidReportReassembler(layout);
    expect(Buffer.concat(reports.map((r) => reassembler.push(r.subarray(1))))).toEqual(reply);
  });

  it('chooses the profile by VID/PID from the table, else the layout given by hand', () => {
    const byHand: HidReportLayout = { reportSize: 32, reportId: 3, lengthPrefixed: true };
    expect(hidLayoutFor('auto', 0x0483, 0x572b, byHand)).toEqual({
      layout: hidProfiles['count-byte-ack'],
      profile: 'count-byte-ack',
    });
    expect(hidLayoutFor('auto', 0x1234, 0x5678, byHand)).toEqual({ layout: byHand, profile: 'custom' });
    expect(hidLayoutFor('padded', 0x0483, 0x572b, byHand).profile).toBe('padded');
    expect(findUsbReaderModel(0x0400, 0xc35a)?.link).toEqual({
      kind: 'usb_bulk',
      endpoints: { out: 0x02, in: 0x81 },
    });
  });
});

/**
 * A reader at the node-hid boundary speaking one profile: it reassembles the host's reports into
 * commands for the emulator and sends the replies as reports. With acknowledgements it sends the next
 * report of a reply only after the host's 0xFF report, as the public implementation requires.
 */
class ProfileHidReader extends EventEmitter implements HidDeviceHandle {
  readonly written: Buffer[] = [];
  acksReceived = 0;
  readonly #fromHost: HidReportReassembler;
  #queue: Buffer[] = [];

  constructor(
    readonly emulator: ReaderEmulator,
    readonly layout: HidReportLayout,
  ) {
    super();
    this.#fromHost = new HidReportReassembler(layout);
  }

  async write(data: number[] | Buffer): Promise<number> {
    const report = Buffer.from(data);
    this.written.push(report);
    const input = this.#fromHost.pushReport(report.subarray(1));
    if (input.ackFromDevice) {
      this.acksReceived++;
      this.#sendNext();
      return report.length;
    }
    for (const reply of this.emulator.receive(input.bytes)) {
      this.#queue.push(...frameToReports(reply.bytes, this.layout).map((r) => r.subarray(1)));
      this.#sendNext();
    }
    return report.length;
  }

  #sendNext(): void {
    const next = this.#queue.shift();
    if (!next) return;
    setImmediate(() => this.emit('data', next));
    // Without acknowledgements the whole reply streams out.
    if (!this.layout.ackReports) this.#sendNext();
  }

  async close(): Promise<void> {}
}

describe('HidFrameTransport reads a card through each profile', () => {
  let reader: IdCardReader | null = null;
  afterEach(async () => {
    await reader?.stop();
    reader = null;
  });

  for (const name of Object.keys(hidProfiles) as (keyof typeof hidProfiles)[]) {
    it(name, async () => {
      const layout: HidReportLayout = hidProfiles[name];
      const emulator = new ReaderEmulator({ cards: buildTestCards(), selectData: 'zeros' });
      const devices: ProfileHidReader[] = [];
      const backend: HidBackend = {
        async open() {
          const device = new ProfileHidReader(emulator, layout);
          devices.push(device);
          return device;
        },
      };
      const placed: CardIdentity[] = [];
      reader = new IdCardReader({
        transport: new HidFrameTransport({ vendorId: 0x0483, productId: 0x572b, ...layout, backend }),
        logger: pino({ level: 'silent' }),
        pollIntervalMs: 20,
        readTimeoutMs: 1000,
      });
      reader.on('cardPlaced', (identity) => placed.push(identity));
      reader.start();
      await waitFor(() => expect(reader?.status.state).toBe('no_card'));
      emulator.place('resident');
      await waitFor(() => expect(placed).toHaveLength(1));
      expect(primaryName(placed[0]!)).toBe('林测试');
      if (layout.ackReports) expect(devices[0]!.acksReceived).toBeGreaterThanOrEqual(20);
    });
  }

  it('count-byte-ack: a command longer than one report waits for the device’s acknowledgement', async () => {
    const layout = hidProfiles['count-byte-ack'];
    const written: Buffer[] = [];
    const device = new (class extends EventEmitter implements HidDeviceHandle {
      async write(data: number[] | Buffer) {
        written.push(Buffer.from(data));
        return 65;
      }
      async close() {}
    })();
    const transport = new HidFrameTransport({
      vendorId: 1,
      productId: 2,
      ...layout,
      backend: { open: async () => device },
    });
    const connection = await transport.connect({ onData: () => {}, onClose: () => {} });
    const long = encodeFrame(Buffer.alloc(100, 0x30));
    const writing = connection.write(long);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(written).toHaveLength(1);
    device.emit('data', report64('FF'));
    await writing;
    expect(written).toHaveLength(2);
    await connection.close();
  });
});
