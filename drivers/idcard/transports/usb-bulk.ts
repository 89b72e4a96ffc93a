import {
  type ConnectionHandlers,
  type ReaderConnection,
  type ReaderTransport,
  TransportUnavailableError,
} from './transport';

/** Bulk endpoint addresses (IN has bit 7 set). */
export interface UsbBulkEndpoints {
  readonly out: number;
  readonly in: number;
}

/**
 * One opened vendor-class USB device at the transfer level: the boundary the tests fake. The real one
 * is libusb through the `usb` package (usbLibBackend).
 */
export interface UsbBulkDevice {
  transferOut(endpoint: number, data: Buffer): Promise<void>;
  /** Up to `length` bytes from the IN endpoint; resolves with an empty buffer on a timeout. */
  transferIn(endpoint: number, length: number, timeoutMs: number): Promise<Buffer>;
  close(): Promise<void>;
}

export interface UsbDeviceInfo {
  readonly vendorId: number;
  readonly productId: number;
  /** Bus and address, e.g. "usb 1-4": for the technician, never personal data. */
  readonly location: string;
}

export interface UsbBackend {
  open(vendorId: number, productId: number, endpoints: UsbBulkEndpoints): Promise<UsbBulkDevice>;
  list(): Promise<UsbDeviceInfo[]>;
}

/** A transfer that ran out of time: nothing arrived, not a fault. */
function isTimeout(error: unknown): boolean {
  return error instanceof Error && /time(d)?\s*out/i.test(error.message);
}

/**
 * libusb through the `usb` package (3.x, napi, WebUSB-style API), loaded on first use so a
 * serial-only kiosk never needs it. WebUSB addresses endpoints by number: 0x81 is IN endpoint 1.
 */
export const usbLibBackend: UsbBackend = {
  async list() {
    const { usb } = await import('usb');
    const devices = await usb.getDevices();
    return devices.map((device) => ({
      vendorId: device.vendorId,
      productId: device.productId,
      location: `usb ${device.bus} address ${device.address}`,
    }));
  },
  async open(vendorId, productId) {
    const { usb } = await import('usb');
    const device = await usb.findDeviceByIds(vendorId, productId);
    if (!device) throw new Error('no such device on the bus');
    await device.open();
    try {
      if (device.configuration === undefined || device.configuration === null)
        await device.selectConfiguration(1);
      // Linux may have bound a driver to the interface; libusb must take it over.
      if (process.platform === 'linux') await device.detachKernelDriver(0).catch(() => undefined);
      await device.claimInterface(0);
    } catch (error) {
      await device.close().catch(() => undefined);
      throw error;
    }
    return {
      async transferOut(endpoint, data) {
        await device.nativeTransferOut(endpoint & 0x0f, 1000, data);
      },
      async transferIn(endpoint, length, timeoutMs) {
        try {
          const data = await device.nativeTransferIn(endpoint & 0x0f, timeoutMs, length);
          return data ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.alloc(0);
        } catch (error) {
          if (isTimeout(error)) return Buffer.alloc(0);
          throw error;
        }
      },
      async close() {
        await device.releaseInterface(0).catch(() => undefined);
        await device.close().catch(() => undefined);
      },
    };
  },
};

export interface UsbBulkTransportOptions {
  vendorId: number;
  productId: number;
  endpoints: UsbBulkEndpoints;
  backend?: UsbBackend;
  /** Bytes asked for per IN transfer (a multiple of the 64-byte max packet size). */
  readLength?: number;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');
/** Each IN transfer returns at least this often, so close() is never stuck behind one. */
const IN_POLL_MS = 200;

/**
 * A vendor-class USB bulk reader (e.g. VID 0400 PID C35A): whole SAM frames go out on the OUT
 * endpoint and come back on the IN endpoint, into the same frame parser as serial.
 */
export class UsbBulkFrameTransport implements ReaderTransport {
  readonly #options: UsbBulkTransportOptions;
  readonly #backend: UsbBackend;

  constructor(options: UsbBulkTransportOptions) {
    this.#options = options;
    this.#backend = options.backend ?? usbLibBackend;
  }

  get label(): string {
    return `usb ${hex4(this.#options.vendorId)}:${hex4(this.#options.productId)}`;
  }

  async connect(handlers: ConnectionHandlers): Promise<ReaderConnection> {
    const { vendorId, productId, endpoints } = this.#options;
    let device: UsbBulkDevice;
    try {
      device = await this.#backend.open(vendorId, productId, endpoints);
    } catch (error) {
      throw new TransportUnavailableError(`cannot open ${this.label}: ${(error as Error).message}`);
    }
    let closed = false;
    let released: Promise<void> | null = null;
    // The engine drops a lost link without closing it: the device is let go of here, once.
    const release = () => {
      released ??= device.close().catch(() => undefined);
      return released;
    };
    const closeOnce = (reason: string) => {
      if (closed) return;
      closed = true;
      handlers.onClose(reason);
    };
    const readLength = this.#options.readLength ?? 2048;
    const readLoop = async () => {
      while (!closed) {
        try {
          const chunk = await device.transferIn(endpoints.in, readLength, IN_POLL_MS);
          if (!closed && chunk.length > 0) handlers.onData(chunk);
        } catch (error) {
          closeOnce(`usb read failed: ${(error as Error).message}`);
        }
      }
      await release();
    };
    const reading = readLoop();
    return {
      write: async (bytes) => {
        if (closed) throw new Error('usb device closed');
        try {
          await device.transferOut(endpoints.out, Buffer.from(bytes));
        } catch (error) {
          closeOnce(`usb write failed: ${(error as Error).message}`);
          throw error;
        }
      },
      close: async () => {
        closeOnce('closed by the driver');
        await reading;
      },
    };
  }
}
