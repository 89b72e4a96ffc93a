import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CardIdentity, IdCardReader, primaryName, ReaderEmulator } from '../../../drivers/idcard';
import { buildTestCards } from '../../../drivers/idcard/simulator/test-cards';
import {
  type UsbBackend,
  type UsbBulkDevice,
  type UsbBulkEndpoints,
  UsbBulkFrameTransport,
} from '../../../drivers/idcard/transports/usb-bulk';

const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 5000, interval: 10 });
const MAX_PACKET = 64;

/**
 * A vendor-class bulk reader at the transfer level: OUT 0x02 takes command bytes for the emulator, IN
 * 0x81 gives its replies back one 64-byte packet per transfer (a short packet ends a transfer), as
 * libusb delivers them. Any other endpoint is refused, like a real device would STALL.
 */
class FakeBulkReader implements UsbBulkDevice {
  readonly outTransfers: Buffer[] = [];
  unplugged = false;
  closed = false;
  #packets: Buffer[] = [];
  #waiting: ((packet: Buffer) => void) | null = null;

  constructor(readonly emulator: ReaderEmulator) {}

  async transferOut(endpoint: number, data: Buffer): Promise<void> {
    if (this.unplugged) throw new Error('LIBUSB_ERROR_NO_DEVICE');
    if (endpoint !== 0x02) throw new Error(`LIBUSB_ERROR_PIPE: endpoint 0x${endpoint.toString(16)}`);
    this.outTransfers.push(Buffer.from(data));
    for (const reply of this.emulator.receive(data))
      for (let i = 0; i < reply.bytes.length; i += MAX_PACKET)
        this.#deliver(reply.bytes.subarray(i, i + MAX_PACKET));
  }

  #deliver(packet: Buffer): void {
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = null;
      waiting(packet);
    } else this.#packets.push(packet);
  }

  transferIn(endpoint: number, length: number, timeoutMs: number): Promise<Buffer> {
    if (this.unplugged) return Promise.reject(new Error('LIBUSB_ERROR_NO_DEVICE'));
    if (endpoint !== 0x81)
      return Promise.reject(new Error(`LIBUSB_ERROR_PIPE: endpoint 0x${endpoint.toString(16)}`));
    expect(length % MAX_PACKET).toBe(0);
    const queued = this.#packets.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting = null;
        if (this.unplugged) reject(new Error('LIBUSB_ERROR_NO_DEVICE'));
        else resolve(Buffer.alloc(0));
      }, timeoutMs);
      this.#waiting = (packet) => {
        clearTimeout(timer);
        resolve(packet);
      };
    });
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

class FakeUsbBackend implements UsbBackend {
  readonly emulator = new ReaderEmulator({ cards: buildTestCards(), selectData: 'zeros' });
  readonly opened: FakeBulkReader[] = [];
  plugged = true;

  async open(vendorId: number, productId: number, endpoints: UsbBulkEndpoints): Promise<UsbBulkDevice> {
    if (!this.plugged || vendorId !== 0x0400 || productId !== 0xc35a)
      throw new Error('no such device on the bus');
    expect(endpoints).toEqual({ out: 0x02, in: 0x81 });
    const device = new FakeBulkReader(this.emulator);
    this.opened.push(device);
    return device;
  }

  async list() {
    return [{ vendorId: 0x0400, productId: 0xc35a, location: 'usb 1 address 4' }];
  }
}

describe('UsbBulkFrameTransport against a fake vendor-class device', () => {
  let reader: IdCardReader | null = null;
  afterEach(async () => {
    await reader?.stop();
    reader = null;
  });

  function start(backend: FakeUsbBackend) {
    const placed: CardIdentity[] = [];
    let removed = 0;
    reader = new IdCardReader({
      transport: new UsbBulkFrameTransport({
        vendorId: 0x0400,
        productId: 0xc35a,
        endpoints: { out: 0x02, in: 0x81 },
        backend,
      }),
      logger: pino({ level: 'silent' }),
      pollIntervalMs: 20,
      reopenBackoff: { initialMs: 10, maxMs: 100 },
    });
    reader.on('cardPlaced', (identity) => placed.push(identity));
    reader.on('cardRemoved', () => removed++);
    reader.start();
    return { reader, placed, removed: () => removed };
  }

  it('reads a card (a 1295-byte reply in 21 packets) through the shared frame parser, and a swap', async () => {
    const backend = new FakeUsbBackend();
    const t = start(backend);
    await waitFor(() => expect(t.reader.status.state).toBe('no_card'));
    expect(backend.opened[0]!.outTransfers[0]).toEqual(
      Buffer.from('aaaaaa9669000311ff ed'.replace(/ /g, ''), 'hex'),
    );
    backend.emulator.place('resident');
    await waitFor(() => expect(t.placed).toHaveLength(1));
    expect(primaryName(t.placed[0]!)).toBe('林测试');
    backend.emulator.place('hk-macao-taiwan');
    await waitFor(() => expect(t.placed).toHaveLength(2));
    expect(t.removed()).toBe(1);
  });

  it('an unplugged device shows as disconnected and is reopened when it returns', async () => {
    const backend = new FakeUsbBackend();
    const t = start(backend);
    await waitFor(() => expect(t.reader.status.state).toBe('no_card'));
    backend.plugged = false;
    backend.opened[0]!.unplugged = true;
    await waitFor(() => expect(t.reader.status.state).toBe('disconnected'));
    expect(t.reader.status).toMatchObject({ detail: expect.stringMatching(/usb|LIBUSB/) });
    backend.plugged = true;
    await waitFor(() => expect(t.reader.status.state).toBe('no_card'));
    backend.emulator.place('resident');
    await waitFor(() => expect(t.placed).toHaveLength(1));
    expect(backend.opened).toHaveLength(2);
    await waitFor(() => expect(backend.opened[0]!.closed).toBe(true));
  });

  it('a device that is not there is reported with its VID:PID', async () => {
    const backend = new FakeUsbBackend();
    backend.plugged = false;
    const t = start(backend);
    await waitFor(() =>
      expect(t.reader.status).toMatchObject({
        state: 'disconnected',
        detail: 'cannot open usb 0400:c35a: no such device on the bus',
      }),
    );
  });
});
