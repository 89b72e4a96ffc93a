/**
 * Issue 15 part 3: 呼叫工作人员 while the central system does not answer. The kiosk's embedded central
 * sits behind a proxy that turns into a black hole; the request is kept and the applicant told it is
 * queued (not "someone is coming"); once the link is back it reaches the staff list by itself and the
 * renderer is told (helpRequestDelivered).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostEvent } from '../../host/api/events';
import { parseConfig } from '../../host/config/config';
import { createHost, type Host } from '../../host/core/create-host';
import type { EmbeddedCentralFactory } from '../../host/core/host-context';
import { silentLogger } from '../../host/logging/logger';
import { createCardService } from '../../host/services/idcard';
import { startEmbeddedCentral } from '../../sync/central/embedded';
import type { RunningCentralServer } from '../../sync/central/server';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy';

let host: Host;
let dataDir: string;
let central: RunningCentralServer;
let proxy: FaultProxy;
const events: HostEvent[] = [];

const centralBehindProxy: EmbeddedCentralFactory = async (options) => {
  central = await startEmbeddedCentral(options);
  proxy = await startFaultProxy({ target: central.url, faultRate: 0, seed: 5 });
  return {
    url: proxy.url,
    createEnrolmentCode: () => central.createEnrolmentCode(),
    async close() {
      await proxy.close();
      await central.close();
    },
  };
};

async function openHelpScreens(): Promise<string[]> {
  const signIn = await fetch(`${central.url}/v1/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: central.adminSecret }),
  });
  const { token } = (await signIn.json()) as { token: string };
  const list = await fetch(`${central.url}/v1/staff/help-requests`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await list.json()) as { requests: { requestId: string; screen: string }[] };
  return body.requests.map((r) => `${r.requestId}:${r.screen}`);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-help-'));
  host = await createHost({
    config: parseConfig({ mode: 'demo', dataDir }),
    logger: silentLogger(),
    cardServiceFactory: createCardService,
    startEmbeddedCentral: centralBehindProxy,
  });
  host.bus.subscribe((event) => events.push(event));
}, 120_000);

afterAll(async () => {
  await host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('呼叫工作人员 offline', () => {
  it('is sent at once while the link is up', async () => {
    const answer = await host.api.callStaff({ screen: 'attract' });
    expect(answer).toMatchObject({ ok: true, value: { delivery: 'sent' } });
    if (!answer.ok) return;
    expect(await openHelpScreens()).toContain(`${answer.value.requestId}:attract`);
  });

  it('is queued while the link is dark, said so, and delivered by itself once it is back', async () => {
    proxy.setBlackHole(true);
    const answer = await host.api.callStaff({ screen: 'review' });
    expect(answer).toMatchObject({ ok: true, value: { delivery: 'queued' } });
    if (!answer.ok) return;
    const { requestId } = answer.value;
    expect(await openHelpScreens()).not.toContain(`${requestId}:review`);
    proxy.setBlackHole(false);
    const deadline = Date.now() + 60_000;
    while (!events.some((e) => e.type === 'helpRequestDelivered' && e.requestId === requestId)) {
      if (Date.now() > deadline) throw new Error('the queued help request was never delivered');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await openHelpScreens()).toContain(`${requestId}:review`);
  }, 90_000);
});
