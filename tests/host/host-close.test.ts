import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../host/config/config';
import { createHost, type Host } from '../../host/core/create-host';
import { silentLogger } from '../../host/logging/logger';
import { createCardService } from '../../host/services/idcard';
import { startEmbeddedCentral } from '../../sync/central/embedded';
import { childPids, ResourceWatch, type WatchedResource } from '../support/resource-watch';

/**
 * Closing the host clears every timer, socket, child process and file it opened. The host runs with
 * its real parts: the simulated reader and printer (socat PTY pairs), the encrypted store, the sync
 * service and outbox drainer against a central server (run in a child process, so that its own
 * sockets and timers do not mix with the host's). Each round lays a card on the reader and takes it
 * off, so the session's end arms the store's vacuum timer before the host closes.
 */
const root = resolve(import.meta.dirname, '..', '..');
const rounds = 50;

let central: ChildProcess;
let centralUrl: string;
let enrolmentCode: string;
let centralDir: string;
let dataDir: string;

/** What this process holds open, by path: store files, PTYs. */
function openFiles(): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return [];
    }
  });
}

const activeHandles = () => (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();

/**
 * undici's process-wide clock: one unref'd timer (lib/util/timers.js) that ticks while any undici timer is
 * pending and stops by itself after. The host's own connection pool (host/core/central-transport.ts) is
 * closed with the host, so no socket to the central is left; Node's built-in fetch pool is allowed for
 * the same reason (the test checks it is gone once the server stops).
 */
const fetchPool = (resource: WatchedResource) =>
  /deps\/undici\/|node_modules\/undici\/lib\/util\/timers\.js/.test(resource.stack);
/** Node's process-wide HTTP date cache (one timer, re-armed by any HTTP response in the process). */
const httpDateCache = (resource: WatchedResource) => /at utcDate \(node:internal\/http/.test(resource.stack);

const describeResources = (resources: readonly WatchedResource[]) =>
  resources.map(
    (r) =>
      `${r.type} made at ${r.stack
        .split('\n')
        .filter((line) => /^\s+at /.test(line) && !/async_hooks|node:internal\/timers|node:timers/.test(line))
        .slice(1, 6)
        .map((line) => line.trim())
        .join(' < ')}`,
  );

beforeAll(async () => {
  centralDir = mkdtempSync(join(tmpdir(), 'kiosk-close-central-'));
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-close-'));
  central = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'sync', 'central', 'cli.ts'),
      '--demo',
      '--port',
      '0',
      '--data',
      centralDir,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  let output = '';
  central.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  [centralUrl, enrolmentCode] = await new Promise<[string, string]>((resolveStarted, reject) => {
    central.stdout?.on('data', (chunk) => {
      output += String(chunk);
      const url = /central server on (\S+)/.exec(output)?.[1];
      const code = /enrolment code[^:]*: (\S+)/.exec(output)?.[1];
      if (url && code) resolveStarted([url, code]);
    });
    central.once('exit', (code) => reject(new Error(`central server exited (${code}):\n${output}`)));
  });
}, 120_000);

afterAll(async () => {
  if (central && central.exitCode === null) {
    const exited = new Promise((done) => central.once('exit', done));
    central.kill('SIGTERM');
    await exited;
  }
  rmSync(centralDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

async function openUseClose(watch: ResourceWatch, round: number): Promise<void> {
  watch.open();
  const host: Host = await createHost({
    config: parseConfig({
      mode: 'production',
      dataDir,
      central: { url: centralUrl },
      idcard: { kind: 'simulator', pollIntervalMs: 50 },
      printer: { kind: 'simulator' },
      // Taking the card away ends the session under this policy: that is what the round relies on.
      ui: { cardPolicy: 'hold' },
    }),
    logger: silentLogger(),
    cardServiceFactory: createCardService,
  });
  if (round === 0) {
    const enrolled = await host.context.provision(centralUrl, enrolmentCode);
    expect(enrolled.ok).toBe(true);
  }
  expect(host.context.runtime()).not.toBeNull();
  const demo = host.context.cards.demo!;
  expect(await demo.place('resident')).toEqual({ ok: true, value: {} });
  // The host opens the session itself on the card read.
  await vi.waitFor(() => expect(host.sessionActive()).toBe(true), { timeout: 10_000, interval: 20 });
  await demo.remove();
  // The session ends with the card's removal: that arms the vacuum timer.
  await vi.waitFor(() => expect(host.sessionActive()).toBe(false), { timeout: 10_000, interval: 20 });
  await host.close();
  watch.close();
}

describe('closing the host', () => {
  it(`${rounds} times open, use and close: no timer, socket, child process or file is left and nothing fires after close`, async () => {
    const watch = new ResourceWatch();
    try {
      const childrenBefore = childPids().sort();
      const handlesBefore = activeHandles().length;
      const filesBefore = openFiles().filter(
        (path) => path.startsWith(dataDir) || path.startsWith('/dev/pts'),
      );
      for (let round = 0; round < rounds; round++) {
        await openUseClose(watch, round);
        // Closed handles report their end a moment later (async_hooks destroy runs after close callbacks).
        await vi.waitFor(
          () =>
            expect(
              describeResources(watch.alive().filter((r) => !fetchPool(r) && !httpDateCache(r))),
            ).toEqual([]),
          { timeout: 10_000, interval: 20 },
        );
        expect(childPids().sort()).toEqual(childrenBefore);
        expect(openFiles().filter((path) => path.startsWith(dataDir) || path.startsWith('/dev/pts'))).toEqual(
          filesBefore,
        );
        // Wait a little past close for late callbacks (a vacuum or sync timer would show here).
        await new Promise((resolveWait) => setTimeout(resolveWait, round === rounds - 1 ? 1000 : 50));
        expect(
          describeResources(watch.firedAfterClose().filter((r) => !fetchPool(r) && !httpDateCache(r))),
        ).toEqual([]);
        watch.reset();
      }
      // Stopping the central server ends the pooled keep-alive connections: then nothing at all is left.
      watch.open();
      watch.close();
      const exited = new Promise((done) => central.once('exit', done));
      central.kill('SIGTERM');
      await exited;
      await vi.waitFor(() => expect(activeHandles().length).toBeLessThanOrEqual(handlesBefore), {
        timeout: 10_000,
        interval: 50,
      });
    } finally {
      watch.dispose();
    }
  }, 300_000);

  it('in demo mode the embedded central server goes with the host: nothing of it is left or fires', async () => {
    const demoDir = mkdtempSync(join(tmpdir(), 'kiosk-close-demo-'));
    const watch = new ResourceWatch();
    try {
      const childrenBefore = childPids().sort();
      const filesBefore = openFiles().filter(
        (path) => path.startsWith(demoDir) || path.startsWith('/dev/pts'),
      );
      for (let round = 0; round < 2; round++) {
        watch.open();
        const host = await createHost({
          config: parseConfig({ mode: 'demo', dataDir: demoDir, idcard: { pollIntervalMs: 50 } }),
          logger: silentLogger(),
          cardServiceFactory: createCardService,
          startEmbeddedCentral,
        });
        expect(host.context.embeddedCentral).not.toBeNull();
        expect(host.context.runtime()).not.toBeNull();
        expect((await host.api.getCatalogue({})).ok || round === 0).toBe(true);
        await host.close();
        watch.close();
        // The server closed its connections, so the fetch pool's sockets to it are gone as well.
        await vi.waitFor(
          () => expect(describeResources(watch.alive().filter((r) => !httpDateCache(r)))).toEqual([]),
          {
            timeout: 10_000,
            interval: 20,
          },
        );
        expect(childPids().sort()).toEqual(childrenBefore);
        expect(openFiles().filter((path) => path.startsWith(demoDir) || path.startsWith('/dev/pts'))).toEqual(
          filesBefore,
        );
        await new Promise((resolveWait) => setTimeout(resolveWait, 500));
        // A socket finishing its close, or the fetch pool's own clock ticking once more, is not a callback
        // into the kiosk; a timer or a child of the kiosk's would be.
        const fired = watch
          .firedAfterClose()
          .filter((r) => r.type !== 'TCPWRAP' && !fetchPool(r) && !httpDateCache(r));
        expect(describeResources(fired)).toEqual([]);
        watch.reset();
      }
    } finally {
      watch.dispose();
      rmSync(demoDir, { recursive: true, force: true });
    }
  }, 300_000);
});
