import { describe, expect, it } from 'vitest';
import { discoverReaders } from '../../../drivers/idcard/discovery';

describe('discoverReaders (npm run idcard -- --list)', () => {
  it('lists serial ports, and HID and USB devices the table knows, each with its profile', async () => {
    const { candidates, problems } = await discoverReaders({
      serialPorts: async () => [
        { path: '/dev/ttyUSB0', vendorId: 0x1a86, productId: 0x7523 },
        { path: '/dev/ttyS0' },
      ],
      hidDevices: async () => [
        { vendorId: 0x0483, productId: 0x572b },
        { vendorId: 0x0483, productId: 0x572b },
        { vendorId: 0x046d, productId: 0xc31c, product: 'keyboard' },
      ],
      usbDevices: async () => [
        { vendorId: 0x0400, productId: 0xc35a, location: 'usb 1 address 7' },
        { vendorId: 0x1d6b, productId: 0x0002, location: 'usb 1 address 1' },
      ],
    });
    expect(problems).toEqual([]);
    expect(candidates.map((c) => [c.transport, c.device])).toEqual([
      ['serial', '/dev/ttyUSB0'],
      ['serial', '/dev/ttyS0'],
      ['hid', '0483:572b'],
      ['usb', '0400:c35a (usb 1 address 7)'],
    ]);
    expect(candidates[0]!.label).toContain('USB-serial 1a86:7523');
    expect(candidates[2]!.profile).toContain('count-byte-ack');
    expect(candidates[3]!.profile).toContain('OUT 0x02 IN 0x81');
    expect(candidates[3]!.config).toBe("{ kind: 'usb', usb: { vendorId: 0x0400, productId: 0xc35a } }");
  });

  it('a source that fails is reported and the others still list', async () => {
    const { candidates, problems } = await discoverReaders({
      serialPorts: async () => [{ path: '/dev/ttyS0' }],
      hidDevices: async () => {
        throw new Error('node-hid not built for this platform');
      },
      usbDevices: async () => {
        throw new Error('/sys/bus/usb/devices/ not found');
      },
    });
    expect(candidates).toHaveLength(1);
    expect(problems).toEqual([
      'HID devices: node-hid not built for this platform',
      'USB devices: /sys/bus/usb/devices/ not found',
    ]);
  });
});
