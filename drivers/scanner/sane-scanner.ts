import { execFile } from 'node:child_process';

/** What the kiosk can tell about a flatbed scanner. */
export type ScannerStatus =
  | { readonly state: 'ready'; readonly device: string }
  | { readonly state: 'scanning'; readonly device: string }
  | { readonly state: 'not_found'; readonly device: string }
  | { readonly state: 'error'; readonly message: string };

export interface SaneScanOptions {
  readonly resolutionDpi: number;
  readonly mode: 'Color' | 'Gray';
}

export interface SaneScannerOptions {
  /** A SANE device name ("test", "genesys:libusb:001:004"); a backend name matches its first device. */
  readonly device: string;
  /** Extra scanimage options, e.g. ["--test-picture", "Color pattern"] for the test backend. */
  readonly extraArgs?: readonly string[];
  /** Environment for scanimage, e.g. SANE_CONFIG_DIR. */
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

function scanimage(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      'scanimage',
      [...args],
      { env, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}: ${stderr.toString().trim()}`));
        else resolve({ stdout, stderr: stderr.toString() });
      },
    );
  });
}

/** Device names in `scanimage -L` output ("device `test:0' is a Noname frontend-tester virtual device"). */
export function parseSaneDeviceList(text: string): string[] {
  return [...text.matchAll(/device [`'](.+?)' is a/g)].map((m) => m[1] ?? '').filter((name) => name !== '');
}

export function deviceMatches(listed: string, wanted: string): boolean {
  return listed === wanted || listed.startsWith(`${wanted}:`);
}

/** A flatbed scanner through SANE's scanimage (Debian package "sane-utils"), Linux only. */
export class SaneScanner {
  private busy = false;

  constructor(private readonly options: SaneScannerOptions) {}

  private get env(): NodeJS.ProcessEnv {
    return { ...process.env, ...this.options.env, LANG: 'C', LC_ALL: 'C' };
  }

  async listDevices(): Promise<string[]> {
    const { stdout } = await scanimage(['-L'], this.env, 30_000);
    return parseSaneDeviceList(stdout.toString());
  }

  async status(): Promise<ScannerStatus> {
    const device = this.options.device;
    if (this.busy) return { state: 'scanning', device };
    try {
      const devices = await this.listDevices();
      return devices.some((listed) => deviceMatches(listed, device))
        ? { state: 'ready', device }
        : { state: 'not_found', device };
    } catch (error) {
      return { state: 'error', message: (error as Error).message };
    }
  }

  /** One page as PNG bytes, straight from the scanner. */
  async scanPng(scan: SaneScanOptions): Promise<Buffer> {
    if (this.busy) throw new Error('the scanner is already scanning');
    this.busy = true;
    try {
      const args = [
        '-d',
        this.options.device,
        '--format=png',
        '--mode',
        scan.mode,
        '--resolution',
        String(scan.resolutionDpi),
        ...(this.options.extraArgs ?? []),
      ];
      const { stdout } = await scanimage(args, this.env, this.options.timeoutMs ?? 120_000);
      return stdout;
    } finally {
      this.busy = false;
    }
  }
}
