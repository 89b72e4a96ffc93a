import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';

/**
 * A socat pseudo-terminal pair: bytes written to one link path come out of the other. Killing socat
 * makes both paths vanish, which is how a test unplugs a reader.
 */
export class PtyPair {
  readonly readerPath: string;
  readonly hostPath: string;
  readonly #child: ChildProcess;
  #exited: Promise<void>;

  private constructor(readerPath: string, hostPath: string, child: ChildProcess) {
    this.readerPath = readerPath;
    this.hostPath = hostPath;
    this.#child = child;
    // A failure to spawn is reported by start(); later errors (kill races) must not crash the host.
    child.on('error', () => undefined);
    this.#exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      child.once('exit', () => resolve());
      // A socat that never started (not installed) emits 'error' and no 'exit'.
      child.once('error', () => resolve());
    });
  }

  /** socat's own PID (spawned directly, not through a shell). */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  static async start(readerPath: string, hostPath: string, timeoutMs = 5000): Promise<PtyPair> {
    // Links left by a socat that was killed hard would make the new one fail.
    await Promise.all([rm(readerPath, { force: true }), rm(hostPath, { force: true })]);
    const child = spawn(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${readerPath}`, `pty,raw,echo=0,link=${hostPath}`],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    const pair = new PtyPair(readerPath, hostPath, child);
    let stderr = '';
    let onStderr: (chunk: Buffer) => void = () => undefined;
    let onExit: (code: number | null) => void = () => undefined;
    let onError: (error: Error) => void = () => undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`socat did not start in ${timeoutMs} ms: ${stderr.trim()}`)),
          timeoutMs,
        );
        onError = (error) => {
          clearTimeout(timer);
          reject(new Error(`cannot run socat: ${error.message}`));
        };
        onExit = (code) => {
          clearTimeout(timer);
          reject(new Error(`socat exited (${code}): ${stderr.trim()}`));
        };
        onStderr = (chunk) => {
          stderr += chunk.toString();
          // -d -d prints this once both PTYs exist and the links are made.
          if (
            stderr.includes('starting data transfer loop') &&
            existsSync(readerPath) &&
            existsSync(hostPath)
          ) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.once('error', onError);
        child.once('exit', onExit);
        child.stderr?.on('data', onStderr);
      });
    } catch (error) {
      await pair.stop();
      throw error;
    } finally {
      child.off('error', onError);
      child.off('exit', onExit);
      child.stderr?.off('data', onStderr);
    }
    // Keep draining socat's log so its pipe never fills.
    child.stderr?.resume();
    return pair;
  }

  get running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** Kill socat by its PID and wait until it has gone (its links go with it). */
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
