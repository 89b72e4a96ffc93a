import { ackReport, frameToReports, type HidReportLayout, HidReportReassembler } from './hid-reports';
import {
  type ConnectionHandlers,
  type ReaderConnection,
  type ReaderTransport,
  TransportUnavailableError,
} from './transport';

/** The part of node-hid's HIDAsync the transport uses: the boundary tests fake. */
export interface HidDeviceHandle {
  write(data: number[] | Buffer): Promise<number>;
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
  close(): Promise<void>;
}

export interface HidBackend {
  open(vendorId: number, productId: number): Promise<HidDeviceHandle>;
}

/** node-hid, loaded on first use so a serial-only kiosk never needs libusb. */
export const nodeHidBackend: HidBackend = {
  async open(vendorId, productId) {
    const { HIDAsync } = await import('node-hid');
    return HIDAsync.open(vendorId, productId);
  },
};

export interface HidTransportOptions extends HidReportLayout {
  vendorId: number;
  productId: number;
  backend?: HidBackend;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');
/** How long a long command waits for the device's acknowledgement before its next report. */
const DEVICE_ACK_TIMEOUT_MS = 500;

/** A reader that is a USB HID device; frames are split into and joined from reports. */
export class HidFrameTransport implements ReaderTransport {
  readonly #options: HidTransportOptions;
  readonly #backend: HidBackend;

  constructor(options: HidTransportOptions) {
    this.#options = options;
    this.#backend = options.backend ?? nodeHidBackend;
  }

  get label(): string {
    return `hid ${hex4(this.#options.vendorId)}:${hex4(this.#options.productId)}`;
  }

  async connect(handlers: ConnectionHandlers): Promise<ReaderConnection> {
    const { vendorId: _vendorId, productId: _productId, backend: _backend, ...layout } = this.#options;
    let device: HidDeviceHandle;
    try {
      device = await this.#backend.open(this.#options.vendorId, this.#options.productId);
    } catch (error) {
      throw new TransportUnavailableError(`cannot open ${this.label}: ${(error as Error).message}`);
    }
    const reassembler = new HidReportReassembler(layout);
    let closed = false;
    const closeOnce = (reason: string) => {
      if (closed) return;
      closed = true;
      device.removeAllListeners('data');
      device.removeAllListeners('error');
      handlers.onClose(reason);
    };
    let deviceAck: (() => void) | null = null;
    device.on('data', (report: Buffer) => {
      const input = reassembler.pushReport(report);
      if (input.ackFromDevice) {
        deviceAck?.();
        return;
      }
      // Acknowledge first: the device sends the next report only after it.
      if (input.needsAck)
        device
          .write(ackReport(layout))
          .catch((error: Error) => closeOnce(`hid write failed: ${error.message}`));
      if (input.bytes.length > 0) handlers.onData(input.bytes);
    });
    const waitForDeviceAck = () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, DEVICE_ACK_TIMEOUT_MS);
        function done() {
          clearTimeout(timer);
          deviceAck = null;
          resolve();
        }
        deviceAck = done;
      });
    // node-hid reports an unplugged device as an error on the read loop.
    device.on('error', (error: Error) => closeOnce(`hid error: ${error.message}`));
    return {
      write: async (bytes) => {
        if (closed) throw new Error('hid device closed');
        reassembler.reset();
        try {
          const reports = frameToReports(bytes, layout);
          for (const [index, report] of reports.entries()) {
            const acked = layout.ackReports && index < reports.length - 1 ? waitForDeviceAck() : null;
            await device.write(report);
            await acked;
          }
        } catch (error) {
          closeOnce(`hid write failed: ${(error as Error).message}`);
          throw error;
        }
      },
      close: async () => {
        closeOnce('closed by the driver');
        await device.close().catch(() => undefined);
      },
    };
  }
}
