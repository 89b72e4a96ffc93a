import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Two linked pseudo-terminals made by socat: a serial line with a device end and a host end. */
export interface PtyPair {
  /** Where the emulated device listens. */
  readonly devicePath: string;
  /** What the kiosk opens, as it would open /dev/ttyUSB0. */
  readonly hostPath: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** Starts socat (Debian package "socat") and waits for both links; the links vanish when it stops. */
export async function startPtyPair(dir?: string, timeoutMs = 5000): Promise<PtyPair> {
  const ownDir = dir === undefined;
  const base = dir ?? mkdtempSync(join(tmpdir(), 'escpos-pty-'));
  const devicePath = join(base, 'printer-device');
  const hostPath = join(base, 'printer-host');
  const child: ChildProcess = spawn(
    'socat',
    [`pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${hostPath}`],
    { stdio: 'ignore' },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('socat did not start (is the socat package installed?)');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(pid, 'SIGTERM');
      await exited;
    }
    if (ownDir) rmSync(base, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (!(existsSync(devicePath) && existsSync(hostPath))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error('socat did not create the PTY pair');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { devicePath, hostPath, pid, stop };
}
