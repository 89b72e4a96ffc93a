import { execFile } from 'node:child_process';
import type { AttachedDevices } from '../../api/technician';
import type { KioskConfig } from '../../config/config';

function run(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, LANG: 'C', LC_ALL: 'C' };
    execFile(command, args, { timeout: timeoutMs, env }, (error, stdout, stderr) => {
      if (!error) {
        resolve(String(stdout));
        return;
      }
      const why =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'not installed'
          : String(stderr || error.message)
              .trim()
              .replace(`${command}: `, '');
      reject(new Error(`${command}: ${why.slice(0, 200)}`));
    });
  });
}

/** `lpstat -a` lines: "queue accepting requests since ..." or "queue not accepting requests ...". */
export function parseLpstatAccepting(text: string): { name: string; accepting: boolean }[] {
  return text
    .split('\n')
    .map((line) => /^(\S+)\s+(not\s+)?accepting/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[1] ?? '', accepting: !m[2] }));
}

/** `scanimage -L` lines: "device `test:0' is a Noname frontend-tester virtual device". */
export function parseScanimageList(text: string): string[] {
  return [...text.matchAll(/device [`'](.+?)' is a/g)].map((m) => m[1] ?? '').filter((n) => n !== '');
}

function hex4(value: unknown): string | null {
  return typeof value === 'string' && /^[0-9a-fA-F]{1,4}$/.test(value) ? value.toLowerCase() : null;
}

const clip = (value: unknown, max = 200): string | null =>
  typeof value === 'string' ? value.slice(0, max) : null;

/** What is attached: each probe on its own, so one missing tool does not hide the rest. */
export async function listAttachedDevices(
  config: KioskConfig,
  options: { saneEnv?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<AttachedDevices> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const problems: string[] = [];

  const serial = (async () => {
    try {
      const { SerialPort } = await import('serialport');
      const ports = await SerialPort.list();
      return ports.slice(0, 100).map((port) => ({
        path: port.path.slice(0, 200),
        manufacturer: clip(port.manufacturer),
        vendorId: hex4(port.vendorId),
        productId: hex4(port.productId),
      }));
    } catch (error) {
      problems.push(`serial ports: ${(error as Error).message.slice(0, 200)}`);
      return [];
    }
  })();

  const hid = (async () => {
    try {
      const module = (await import('node-hid')) as unknown as {
        devices?: () => unknown[];
        default?: { devices?: () => unknown[] };
      };
      const devices = module.devices ?? module.default?.devices;
      if (!devices) throw new Error('node-hid has no devices()');
      const seen = new Set<string>();
      const list: AttachedDevices['hid'] = [];
      for (const raw of devices()) {
        const d = raw as { vendorId?: number; productId?: number; product?: string; manufacturer?: string };
        const key = `${d.vendorId}:${d.productId}`;
        if (seen.has(key) || typeof d.vendorId !== 'number' || typeof d.productId !== 'number') continue;
        seen.add(key);
        list.push({
          vendorId: d.vendorId,
          productId: d.productId,
          product: clip(d.product),
          manufacturer: clip(d.manufacturer),
        });
      }
      return list.slice(0, 100);
    } catch (error) {
      problems.push(`HID devices: ${(error as Error).message.slice(0, 200)}`);
      return [];
    }
  })();

  const printers = (async () => {
    if (process.platform === 'win32') return [];
    try {
      return parseLpstatAccepting(await run('lpstat', ['-a'], timeoutMs)).slice(0, 100);
    } catch (error) {
      const message = (error as Error).message;
      // lpstat says "No destinations added" with status 1 when CUPS has no queue.
      if (!/No destinations|not installed/i.test(message)) problems.push(`printers: ${message}`);
      else if (/not installed/.test(message)) problems.push(`printers: ${message}`);
      return [];
    }
  })();

  const scanners = (async () => {
    if (process.platform === 'win32') return [];
    try {
      const text = await run('scanimage', ['-L'], timeoutMs);
      return parseScanimageList(text)
        .slice(0, 50)
        .map((name) => ({ name: name.slice(0, 200) }));
    } catch (error) {
      problems.push(`scanners: ${(error as Error).message}`);
      return [];
    }
  })();

  const [serialPorts, hidDevices, printerList, scannerList] = await Promise.all([
    serial,
    hid,
    printers,
    scanners,
  ]);
  return {
    serialPorts,
    hid: hidDevices,
    printers: printerList,
    scanners: scannerList,
    problems: problems.map((p) => p.slice(0, 300)),
    configured: {
      idcard: describeIdCard(config.idcard).slice(0, 300),
      printer: describePrinter(config.printer).slice(0, 300),
      scanner: (config.scanner.kind === 'sane' ? `SANE ${config.scanner.device}` : 'none').slice(0, 300),
    },
  };
}

function describeIdCard(idcard: KioskConfig['idcard']): string {
  switch (idcard.kind) {
    case 'simulator':
      return 'simulator (PTY)';
    case 'serial':
      return `serial ${idcard.serial.path} @ ${idcard.serial.baudRate}`;
    case 'hid':
      return `HID ${idcard.hid.vendorId.toString(16).padStart(4, '0')}:${idcard.hid.productId.toString(16).padStart(4, '0')} (${idcard.hid.profile})`;
    case 'usb':
      return `USB bulk ${idcard.usb.vendorId.toString(16).padStart(4, '0')}:${idcard.usb.productId.toString(16).padStart(4, '0')}`;
    case 'sdk':
      return `vendor SDK ${idcard.sdk.shape} ${idcard.sdk.library || '(no library set)'} port ${idcard.sdk.port}`;
  }
}

function describePrinter(printer: KioskConfig['printer']): string {
  switch (printer.kind) {
    case 'simulator':
      return 'ESC/POS simulator (PTY)';
    case 'cups':
      return `CUPS ${printer.name || '(default queue)'} ${printer.paper}`;
    case 'windows':
      return `Windows ${printer.name || '(default printer)'} ${printer.paper}`;
    case 'escpos':
      return `ESC/POS ${printer.serialPath} @ ${printer.baudRate}`;
    case 'usblp':
      return `ESC/POS USB printer ${printer.devicePath} (status replies ${printer.statusReplies})`;
    case 'windows-raw':
      return `ESC/POS RAW to Windows ${printer.name || '(default printer)'}`;
  }
}
