import { EventEmitter } from 'node:events';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type CardIdentity,
  defaultHidReportLayout,
  encodeCommand,
  encodeResponse,
  frameToReports,
  type HidBackend,
  type HidDeviceHandle,
  HidFrameTransport,
  type HidReportLayout,
  HidReportReassembler,
  IdCardReader,
  ReaderEmulator,
} from '../../../drivers/idcard';
import { buildTestCards } from '../../../drivers/idcard/simulator/test-cards';

const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 5000, interval: 10 });

/** What node-hid hands to a 'data' listener: the report id first only for numbered reports. */
function asInputReport(written: Buffer, layout: HidReportLayout): Buffer {
  return layout.reportId === 0 ? written.subarray(1) : written;
}

/** A reader at the node-hid boundary: reports in, the emulator's replies out as reports. */
class FakeHidReader extends EventEmitter implements HidDeviceHandle {
  readonly written: Buffer[] = [];
  closed = false;
  readonly #fromHost: HidReportReassembler;

  constructor(
    readonly emulator: ReaderEmulator,
    readonly layout: HidReportLayout,
  ) {
    super();
    this.#fromHost = new HidReportReassembler(layout);
  }

  async write(data: number[] | Buffer): Promise<number> {
    if (this.closed) throw new Error('could not write to HID device');
    const report = Buffer.from(data);
    this.written.push(report);
    const bytes = this.#fromHost.push(asInputReport(report, this.layout));
    for (const reply of this.emulator.receive(bytes)) {
      for (const out of frameToReports(reply.bytes, this.layout)) {
        setImmediate(() => this.emit('data', asInputReport(out, this.layout)));
      }
    }
    return report.length;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  unplug(): void {
    this.closed = true;
    this.emit('error', new Error('could not read from HID device'));
  }
}

class FakeHidBackend implements HidBackend {
  plugged = true;
  opened: FakeHidReader[] = [];
  readonly emulator = new ReaderEmulator({ cards: buildTestCards() });
  constructor(readonly layout: HidReportLayout) {}

  async open(vendorId: number, productId: number): Promise<HidDeviceHandle> {
    if (!this.plugged || vendorId !== 0x0400 || productId !== 0xc35a)
      throw new Error('cannot open device with vendor id 0x400');
    const device = new FakeHidReader(this.emulator, this.layout);
    this.opened.push(device);
    return device;
  }
}

describe('HID report framing', () => {
  it('splits a frame into 64-byte zero-padded reports behind report id 0 by default', () => {
    const find = encodeCommand({ name: 'findCard' });
    const reports = frameToReports(find, defaultHidReportLayout);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.length).toBe(65);
    expect(reports[0]![0]).toBe(0);
    expect(reports[0]!.subarray(1, 11)).toEqual(find);
    expect(reports[0]!.subarray(11).every((b) => b === 0)).toBe(true);
  });

  it('carries a 1295-byte reply in 21 reports and reassembles it without padding', () => {
    const reply = encodeResponse(0x90, Buffer.alloc(1284, 0x33));
    expect(reply.length).toBe(1295);
    const reports = frameToReports(reply, defaultHidReportLayout);
    expect(reports).toHaveLength(21);
    const reassembler = new HidReportReassembler(defaultHidReportLayout);
    const bytes = Buffer.concat(reports.map((r) => reassembler.push(r.subarray(1))));
    expect(bytes).toEqual(reply);
  });

  it('length-prefixed, numbered reports', () => {
    const layout: HidReportLayout = { reportSize: 32, reportId: 2, lengthPrefixed: true };
    const reply = encodeResponse(0x9f, Buffer.alloc(60, 0x11));
    const reports = frameToReports(reply, layout);
    expect(reports.every((r) => r.length === 33 && r[0] === 2)).toBe(true);
    expect(reports.map((r) => r[1])).toEqual([31, 31, 9]);
    const reassembler = new HidReportReassembler(layout);
    expect(Buffer.concat(reports.map((r) => reassembler.push(r)))).toEqual(reply);
  });

  it('passes garbage reports on without their padding', () => {
    const reassembler = new HidReportReassembler(defaultHidReportLayout);
    const report = Buffer.alloc(64);
    report.set([1, 2, 3]);
    expect(reassembler.push(report)).toEqual(Buffer.from([1, 2, 3]));
    expect(reassembler.push(Buffer.alloc(64))).toEqual(Buffer.alloc(0));
  });
});

describe('HidFrameTransport with a fake node-hid device', () => {
  let reader: IdCardReader | null = null;
  afterEach(async () => {
    await reader?.stop();
    reader = null;
  });

  function startReader(layout: HidReportLayout) {
    const backend = new FakeHidBackend(layout);
    const placed: CardIdentity[] = [];
    reader = new IdCardReader({
      transport: new HidFrameTransport({ vendorId: 0x0400, productId: 0xc35a, ...layout, backend }),
      logger: pino({ level: 'silent' }),
      pollIntervalMs: 20,
      reopenBackoff: { initialMs: 10, maxMs: 100 },
    });
    reader.on('cardPlaced', (identity) => placed.push(identity));
    reader.start();
    return { backend, placed, reader };
  }

  it.each([
    ['default 64-byte padded reports', defaultHidReportLayout],
    ['numbered, length-prefixed 32-byte reports', { reportSize: 32, reportId: 5, lengthPrefixed: true }],
  ])('reads a card through %s', async (_name, layout) => {
    const t = startReader(layout);
    await waitFor(() => expect(t.reader.status.state).toBe('no_card'));
    t.backend.emulator.place('foreign-permanent-2023');
    await waitFor(() => expect(t.placed).toHaveLength(1));
    expect(t.placed[0]!.cardType).toBe('foreign_permanent_2023');
    const written = t.backend.opened[0]!.written;
    expect(written.every((r) => r.length === layout.reportSize + 1 && r[0] === layout.reportId)).toBe(true);
  });

  it('reopens an unplugged HID reader', async () => {
    const t = startReader(defaultHidReportLayout);
    await waitFor(() => expect(t.reader.status.state).toBe('no_card'));
    t.backend.plugged = false;
    t.backend.opened[0]!.unplug();
    await waitFor(() => expect(t.reader.status.state).toBe('disconnected'));
    t.backend.plugged = true;
    await waitFor(() => expect(t.reader.status.state).toBe('no_card'));
    t.backend.emulator.place('resident');
    await waitFor(() => expect(t.placed).toHaveLength(1));
    expect(t.backend.opened.length).toBe(2);
    expect(t.backend.opened[0]!.closed).toBe(true);
  });

  it('reports a device that cannot be opened as disconnected', async () => {
    const backend = new FakeHidBackend(defaultHidReportLayout);
    backend.plugged = false;
    reader = new IdCardReader({
      transport: new HidFrameTransport({
        vendorId: 0x0400,
        productId: 0xc35a,
        ...defaultHidReportLayout,
        backend,
      }),
      logger: pino({ level: 'silent' }),
      reopenBackoff: { initialMs: 10, maxMs: 100 },
    });
    reader.start();
    await waitFor(() =>
      expect(reader?.status).toMatchObject({
        state: 'disconnected',
        detail: expect.stringContaining('hid 0400:c35a'),
      }),
    );
  });
});
