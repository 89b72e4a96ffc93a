import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import { childPids, processRunning } from '../support/resource-watch';

/**
 * A kiosk killed hard (SIGKILL, a crash, a power button) runs no clean-up: its simulators' socat
 * helpers must die with it (setpriv --pdeathsig), and the temp folders it left are swept at the next
 * start (each records its owner's PID). The kiosk runs as a real child process in simulator mode, with
 * a temp folder of its own (TMPDIR) so that what it leaves can be seen.
 */
const kioskTmp = mkdtempSync(join(tmpdir(), 'kiosk-kill-tmp-'));
const config = { mode: 'production', central: { url: 'http://127.0.0.1:9/' } };
const started: KioskProcess[] = [];

afterAll(async () => {
  for (const kiosk of started) await kiosk.stop();
  rmSync(kioskTmp, { recursive: true, force: true });
});

const socatsOf = (pid: number) =>
  childPids(pid).filter((child) =>
    readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0')[0]?.endsWith('socat'),
  );
const simulatorFolders = () => readdirSync(kioskTmp).filter((name) => name.startsWith('escpos-pty-'));

describe('a kiosk killed with SIGKILL in simulator mode', () => {
  it('leaves no socat running, and its temp folder is swept at the next start', async () => {
    const first = await startKioskProcess(config, { env: { TMPDIR: kioskTmp } });
    started.push(first);
    const firstPid = first.child.pid!;
    // The reader's and the printer's PTY pairs.
    await vi.waitFor(() => expect(socatsOf(firstPid)).toHaveLength(2), { timeout: 10_000, interval: 50 });
    const socats = socatsOf(firstPid);
    const [leftFolder] = simulatorFolders();
    expect(leftFolder).toBeDefined();
    expect(readFileSync(join(kioskTmp, leftFolder!, 'owner.pid'), 'utf8').trim()).toBe(String(firstPid));

    const exited = new Promise((done) => first.child.once('exit', done));
    first.child.kill('SIGKILL');
    await exited;
    await vi.waitFor(() => expect(socats.filter(processRunning)).toEqual([]), {
      timeout: 10_000,
      interval: 50,
    });
    // Nothing ran to clean up: the folder is still there.
    expect(existsSync(join(kioskTmp, leftFolder!))).toBe(true);

    const second = await startKioskProcess(config, { env: { TMPDIR: kioskTmp } });
    started.push(second);
    expect(existsSync(join(kioskTmp, leftFolder!))).toBe(false);
    const folders = simulatorFolders();
    expect(folders).toHaveLength(1);
    expect(readFileSync(join(kioskTmp, folders[0]!, 'owner.pid'), 'utf8').trim()).toBe(
      String(second.child.pid),
    );
    expect(socatsOf(second.child.pid!)).toHaveLength(2);

    // A clean stop removes its own folder and stops its socats.
    const secondSocats = socatsOf(second.child.pid!);
    await second.stop();
    expect(simulatorFolders()).toEqual([]);
    await vi.waitFor(() => expect(secondSocats.filter(processRunning)).toEqual([]), {
      timeout: 10_000,
      interval: 50,
    });
  }, 180_000);
});
