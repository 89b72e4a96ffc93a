import { readerBehaviourProfiles } from './reader/profiles';
import { findUsbReaderModel } from './reader-models';
import type { UsbDeviceInfo } from './transports/usb-bulk';

/** A device that could be an ID card reader, and how the kiosk would talk to it. */
export interface ReaderCandidate {
  readonly transport: 'serial' | 'hid' | 'usb';
  /** The port path, or VID:PID. */
  readonly device: string;
  readonly label: string;
  /** The framing or profile the kiosk would use, in words. */
  readonly profile: string;
  /** The idcard config that selects it. */
  readonly config: string;
}

export interface DiscoverySources {
  serialPorts(): Promise<{ path: string; vendorId?: number | undefined; productId?: number | undefined }[]>;
  hidDevices(): Promise<{ vendorId: number; productId: number; product?: string | undefined }[]>;
  usbDevices(): Promise<UsbDeviceInfo[]>;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/**
 * Every reader the machine shows: each serial port (a SAM reader there is found by probing, which
 * this does not do), and the HID and USB devices whose VID/PID the table of known readers lists.
 * A source that fails is reported in `problems`; the others still list.
 */
export async function discoverReaders(
  sources: DiscoverySources,
): Promise<{ candidates: ReaderCandidate[]; problems: string[] }> {
  const problems: string[] = [];
  const attempt = async <T>(what: string, list: () => Promise<T[]>): Promise<T[]> => {
    try {
      return await list();
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message}`);
      return [];
    }
  };
  const [serial, hid, usb] = await Promise.all([
    attempt('serial ports', sources.serialPorts),
    attempt('HID devices', sources.hidDevices),
    attempt('USB devices', sources.usbDevices),
  ]);
  const candidates: ReaderCandidate[] = [];
  for (const port of serial) {
    const bridge =
      port.vendorId !== undefined && port.productId !== undefined
        ? ` (USB-serial ${hex4(port.vendorId)}:${hex4(port.productId)})`
        : '';
    candidates.push({
      transport: 'serial',
      device: port.path,
      label: `serial port${bridge}`,
      profile: 'SAM frames at 115200 8N1 (a reader answers SAM status; npm run idcard -- --port auto)',
      config: `{ kind: 'serial', serial: { path: '${port.path}' } }`,
    });
  }
  const seen = new Set<string>();
  for (const device of hid) {
    const model = findUsbReaderModel(device.vendorId, device.productId);
    const id = `${hex4(device.vendorId)}:${hex4(device.productId)}`;
    if (model?.link.kind !== 'hid' || seen.has(`hid ${id}`)) continue;
    seen.add(`hid ${id}`);
    candidates.push({
      transport: 'hid',
      device: id,
      label: model.label,
      profile: `HID profile ${model.link.profile}; ${readerBehaviourProfiles[model.behaviour].label}`,
      config: `{ kind: 'hid', hid: { vendorId: 0x${hex4(device.vendorId)}, productId: 0x${hex4(device.productId)} } }`,
    });
  }
  for (const device of usb) {
    const model = findUsbReaderModel(device.vendorId, device.productId);
    const id = `${hex4(device.vendorId)}:${hex4(device.productId)}`;
    if (model?.link.kind !== 'usb_bulk') continue;
    const { out, in: inEndpoint } = model.link.endpoints;
    candidates.push({
      transport: 'usb',
      device: `${id} (${device.location})`,
      label: model.label,
      profile: `USB bulk, OUT 0x${out.toString(16).padStart(2, '0')} IN 0x${inEndpoint.toString(16)}; ${readerBehaviourProfiles[model.behaviour].label}`,
      config: `{ kind: 'usb', usb: { vendorId: 0x${hex4(device.vendorId)}, productId: 0x${hex4(device.productId)} } }`,
    });
  }
  return { candidates, problems };
}

/** The machine's own sources: serialport, node-hid and usb, each loaded on use. */
export const systemDiscoverySources: DiscoverySources = {
  async serialPorts() {
    const { SerialPort } = await import('serialport');
    const ports = await SerialPort.list();
    return ports.map((p) => ({
      path: p.path,
      vendorId: p.vendorId ? Number.parseInt(p.vendorId, 16) : undefined,
      productId: p.productId ? Number.parseInt(p.productId, 16) : undefined,
    }));
  },
  async hidDevices() {
    const { devicesAsync } = await import('node-hid');
    const devices = await devicesAsync();
    return devices.map((d) => ({ vendorId: d.vendorId, productId: d.productId, product: d.product }));
  },
  async usbDevices() {
    const { usbLibBackend } = await import('./transports/usb-bulk');
    return usbLibBackend.list();
  },
};
