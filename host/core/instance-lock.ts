import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class InstanceLockedError extends Error {
  override readonly name = 'InstanceLockedError';
}

export interface InstanceLock {
  readonly path: string;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it still holds the folder.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One kiosk per data folder: a second launch (browser mode has no Electron single-instance lock) would
 * open the live store, run sync and retention beside the first, and corrupt what both believe. The
 * lock file names the holder's pid; a lock left by a process that is gone (SIGKILL, power cut) is taken over.
 */
export function acquireInstanceLock(dataDir: string): InstanceLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'kiosk.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder))
      throw new InstanceLockedError(
        `Another kiosk (process ${holder}) is already running with the data folder ${dataDir}: stop it first.`,
      );
    if (holder === process.pid)
      throw new InstanceLockedError(`This process already runs a kiosk with the data folder ${dataDir}.`);
    rmSync(path, { force: true });
  }
  throw new InstanceLockedError(`The data folder ${dataDir} is being locked by another starting kiosk.`);
}
