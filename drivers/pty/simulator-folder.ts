import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The file in a simulator's temp folder that names the process owning it. */
export const ownerFileName = 'owner.pid';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temp folders `<tmpdir>/<prefix>*` whose recorded owner process is gone: what a kiosk
 * killed hard (SIGKILL, power cut) left behind. Folders without an owner record are left alone: they
 * may be another program's, or one being made right now. Returns the folders removed.
 */
export async function sweepStaleSimulatorFolders(prefix: string): Promise<string[]> {
  const base = tmpdir();
  const names = await readdir(base).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const folder = join(base, name);
    const owner = Number.parseInt(await readFile(join(folder, ownerFileName), 'utf8').catch(() => ''), 10);
    if (!Number.isInteger(owner) || owner <= 0 || owner === process.pid || processAlive(owner)) continue;
    await rm(folder, { recursive: true, force: true });
    removed.push(folder);
  }
  return removed;
}

/**
 * A fresh temp folder for a simulator's PTY links, recording this process's PID so that a later start
 * can sweep it if this process dies without removing it. Stale folders of the same prefix go first.
 */
export async function createSimulatorFolder(prefix: string): Promise<string> {
  await sweepStaleSimulatorFolders(prefix);
  const folder = await mkdtemp(join(tmpdir(), prefix));
  await writeFile(join(folder, ownerFileName), `${process.pid}\n`);
  return folder;
}
