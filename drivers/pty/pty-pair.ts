import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/**
 * setpriv (util-linux) on the PATH, or null. With it socat is started as `setpriv --pdeathsig SIGKILL
 * -- socat ...`: the kernel kills socat when the process that spawned it dies, even by SIGKILL, so a
 * crashed kiosk leaves no socat behind. Where it is missing (macOS, Windows) socat runs plainly.
 */
function findSetpriv(): string | null {
  if (process.platform !== 'linux') return null;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'setpriv');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  return null;
}

function spawnSocat(args: string[]): ChildProcess {
  const setpriv = findSetpriv();
  // setpriv execs socat in place: the child's PID is socat's own.
  return setpriv
    ? spawn(setpriv, ['--pdeathsig', 'SIGKILL', '--', 'socat', ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
      })
    : spawn('socat', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * A socat pseudo-terminal pair: a serial line whose device end an emulator holds and whose host end
 * the kiosk opens like /dev/ttyUSB0. Killing socat makes both link paths vanish, which is how a test
 * unplugs a device. socat dies with the process that started it (see findSetpriv).
 */
export class PtyPair {
  /** Where the emulated device listens. */
  readonly devicePath: string;
  /** What the kiosk opens. */
  readonly hostPath: string;
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;

  private constructor(devicePath: string, hostPath: string, child: ChildProcess) {
    this.devicePath = devicePath;
    this.hostPath = hostPath;
    this.#child = child;
    // A failure to spawn is reported by start(); later errors (kill races) must not crash the host.
    child.on('error', () => undefined);
    this.#exited = new Promise((resolve) => {
      // 'close', not 'exit': 'close' comes once socat's stderr pipe is closed too, so nothing of it
      // (a pipe callback) is left to fire after stop() returns.
      child.once('close', () => resolve());
      // A socat that never started (not installed) emits 'error' and no 'exit'.
      child.once('error', () => resolve());
    });
  }

  /** socat's own PID. */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  get running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** Starts socat (Debian package "socat") and resolves once both links exist. */
  static async start(devicePath: string, hostPath: string, timeoutMs = 5000): Promise<PtyPair> {
    // Links left by a socat that was killed hard would make the new one fail.
    await Promise.all([rm(devicePath, { force: true }), rm(hostPath, { force: true })]);
    const child = spawnSocat([
      '-d',
      '-d',
      `pty,raw,echo=0,link=${devicePath}`,
      `pty,raw,echo=0,link=${hostPath}`,
    ]);
    const pair = new PtyPair(devicePath, hostPath, child);
    let stderr = '';
    let onStderr: (chunk: Buffer) => void = () => undefined;
    let onExit: (code: number | null) => void = () => undefined;
    let onError: (error: Error) => void = () => undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error(`socat did not start in ${timeoutMs} ms: ${stderr.trim()}`)),
          timeoutMs,
        );
        onError = (error) => reject(new Error(`cannot run socat: ${error.message}`));
        onExit = (code) => reject(new Error(`socat exited (${code}): ${stderr.trim()}`));
        onStderr = (chunk) => {
          stderr += chunk.toString();
          // -d -d prints this once both PTYs exist and the links are made.
          if (
            stderr.includes('starting data transfer loop') &&
            existsSync(devicePath) &&
            existsSync(hostPath)
          )
            resolve();
        };
        child.once('error', onError);
        child.once('exit', onExit);
        child.stderr?.on('data', onStderr);
      });
    } catch (error) {
      await pair.stop();
      throw error;
    } finally {
      clearTimeout(timer);
      child.off('error', onError);
      child.off('exit', onExit);
      child.stderr?.off('data', onStderr);
    }
    // Keep draining socat's log so its pipe never fills.
    child.stderr?.resume();
    return pair;
  }

  /** Kill socat and wait until it has gone (its links go with it). */
  async stop(): Promise<void> {
    if (this.running && this.#child.pid !== undefined) {
      try {
        process.kill(this.#child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    await this.#exited;
  }
}
