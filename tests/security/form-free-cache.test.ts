import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../host/config/config';
import { createHost, type Host } from '../../host/core/create-host';
import { silentLogger } from '../../host/logging/logger';
import { createCardService } from '../../host/services/idcard';
import { startEmbeddedCentral } from '../../sync/central/embedded';

const open: { host: Host; dataDir: string }[] = [];
afterEach(async () => {
  for (const { host, dataDir } of open.splice(0)) {
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

async function demoHost(replication: 'on_demand' | 'full'): Promise<Host> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-ffcache-'));
  const host = await createHost({
    config: parseConfig({ mode: 'demo', dataDir, store: { formFreeStore: { replication } } }),
    logger: silentLogger(),
    cardServiceFactory: createCardService,
    startEmbeddedCentral,
  });
  open.push({ host, dataDir });
  // The store feed has been read to its end once.
  await vi.waitFor(() => expect(host.context.runtime()?.store.syncCursors.get('store')).not.toBeNull(), {
    timeout: 60_000,
    interval: 100,
  });
  return host;
}

describe('the form-free store cached on demand', () => {
  it('a kiosk that served nobody holds nobody; a card read fetches that one person', async () => {
    const host = await demoHost('on_demand');
    const people = host.context.runtime()!.store.people;
    // Past the first page of the feed too: still nobody.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(people.count()).toBe(0);

    expect(await host.context.cards.demo!.place('sample-returning')).toEqual({ ok: true, value: {} });
    await vi.waitFor(() => expect(host.sessionActive()).toBe(true), { timeout: 10_000, interval: 20 });
    await vi.waitFor(() => expect(people.count()).toBe(1), { timeout: 10_000, interval: 20 });
    const identity = host.context.sessions.current()!.identity;
    expect(people.get(identity.idNumber)).not.toBeNull();
  }, 120_000);

  it('full replication (the hall’s choice for offline kiosks) holds the whole hall', async () => {
    const host = await demoHost('full');
    // The feed comes in pages of 500: the whole hall (every sample person with a record) arrives.
    await vi.waitFor(() => expect(host.context.runtime()!.store.people.count()).toBeGreaterThan(600), {
      timeout: 60_000,
      interval: 100,
    });
  }, 120_000);
});
