import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSimulatorFolder, PtyPair, sweepStaleSimulatorFolders } from '../../../drivers/pty';
import { processRunning } from '../../support/resource-watch';

describe('simulator temp folders', () => {
  let base: string;
  let savedTmp: string | undefined;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'pty-folders-'));
    savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = base;
  });
  afterEach(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    rmSync(base, { recursive: true, force: true });
  });

  function folder(name: string, owner: number | null): string {
    const path = join(base, name);
    mkdirSync(path);
    if (owner !== null) writeFileSync(join(path, 'owner.pid'), `${owner}\n`);
    return path;
  }

  it('sweeps only folders of its prefix whose recorded owner is gone', async () => {
    // A PID that surely belongs to no process any more: a child that has exited and been reaped.
    const deadPid = spawnSync('true').pid;
    const stale = folder('test-sim-stale', deadPid);
    const living = folder('test-sim-living', process.ppid);
    const unowned = folder('test-sim-unowned', null);
    const otherPrefix = folder('other-sim-stale', deadPid);

    expect(await sweepStaleSimulatorFolders('test-sim-')).toEqual([stale]);
    expect(existsSync(stale)).toBe(false);
    for (const kept of [living, unowned, otherPrefix]) expect(existsSync(kept)).toBe(true);
  });

  it('a new folder records this process and sweeps the stale ones first', async () => {
    const stale = folder('test-sim-old', spawnSync('true').pid);
    const created = await createSimulatorFolder('test-sim-');
    expect(created.startsWith(join(base, 'test-sim-'))).toBe(true);
    expect(readFileSync(join(created, 'owner.pid'), 'utf8').trim()).toBe(String(process.pid));
    expect(existsSync(stale)).toBe(false);
    // Its own folder is never swept while it lives.
    expect(await sweepStaleSimulatorFolders('test-sim-')).toEqual([]);
  });

  it('a PTY pair links both ends and removes the links when stopped', async () => {
    const dir = await createSimulatorFolder('test-sim-');
    const pair = await PtyPair.start(join(dir, 'device'), join(dir, 'host'));
    expect(pair.running).toBe(true);
    expect(existsSync(pair.devicePath) && existsSync(pair.hostPath)).toBe(true);
    await pair.stop();
    expect(pair.running).toBe(false);
    expect(existsSync(pair.devicePath) || existsSync(pair.hostPath)).toBe(false);
  });
});

describe('socat and its parent', () => {
  it('socat dies when the process that started it is killed with SIGKILL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pty-orphan-'));
    const script = `import { PtyPair } from ${JSON.stringify(join(import.meta.dirname, '../../../drivers/pty/index.ts'))};
      const pair = await PtyPair.start(${JSON.stringify(join(dir, 'device'))}, ${JSON.stringify(join(dir, 'host'))});
      process.stdout.write('socat ' + pair.pid + '\\n');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const socatPid = await new Promise<number>((resolvePid, reject) => {
        let output = '';
        child.stdout?.on('data', (chunk) => {
          output += String(chunk);
          const match = /socat (\d+)/.exec(output);
          if (match) resolvePid(Number(match[1]));
        });
        child.once('exit', (code) => reject(new Error(`the child exited (${code}) before starting socat`)));
      });
      expect(processRunning(socatPid)).toBe(true);
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGKILL');
      await exited;
      await vi.waitFor(() => expect(processRunning(socatPid)).toBe(false), { timeout: 10_000, interval: 20 });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
