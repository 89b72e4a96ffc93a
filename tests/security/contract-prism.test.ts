/**
 * Finding 13, third-party check: Stoplight Prism, in proxy mode with validation errors reported,
 * between a kiosk's CentralClient and the real central. Every request and answer of a realistic
 * exchange is held against docs/central-api.yaml by Prism; it must report no violation.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallDateOf } from '../../kernel/hall-time';
import { seedCatalogue } from '../../sync/central/seed';
import { type RunningCentralServer, startCentralServer } from '../../sync/central/server';
import { CentralClient } from '../../sync/client/central-client';
import { TicketBlockLease } from '../../sync/client/ticket-block-lease';
import type { KioskDatabase } from '../../sync/store/kiosk-database';
import { contractToolBin, freeLoopbackPort, repoRoot } from '../support/contract-tools';
import {
  commitTestSubmission,
  materialBytes,
  openTestStore,
  silentLogger,
  tempDir,
  testDrainer,
} from '../sync/support/kiosk-harness';
import { testCatalogue } from '../sync/support/test-hall';

describe('a validating proxy (Prism) between the kiosk and the central', () => {
  let server: RunningCentralServer;
  let prism: ChildProcess;
  let prismUrl: string;
  let db: KioskDatabase;
  let prismLog = '';
  /** Answers Prism marked as breaking the document (it adds sl-violations when it lets one through). */
  const flagged: string[] = [];
  const throughPrism: string[] = [];

  beforeAll(async () => {
    server = await startCentralServer({ port: 0, dataDir: tempDir('central-prism') });
    await seedCatalogue(server.storage, testCatalogue);
    db = openTestStore(tempDir('kiosk-prism'));
    const port = await freeLoopbackPort();
    prismUrl = `http://127.0.0.1:${port}`;
    prism = spawn(
      contractToolBin('prism'),
      [
        'proxy',
        join(repoRoot, 'docs', 'central-api.yaml'),
        server.url,
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--errors',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    prism.stdout?.on('data', (chunk: Buffer) => {
      prismLog += chunk.toString();
    });
    prism.stderr?.on('data', (chunk: Buffer) => {
      prismLog += chunk.toString();
    });
    // Listening is a state to wait for, not a timing claim: the loop ends when Prism says so.
    for (let i = 0; i < 300 && !prismLog.includes('Prism is listening'); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(prismLog).toContain('Prism is listening');
  }, 60_000);

  afterAll(async () => {
    if (prism?.pid !== undefined && prism.exitCode === null) process.kill(prism.pid, 'SIGTERM');
    db?.close();
    await server?.close();
  });

  it('reports no violation over enrolment, catalogue, materials, a submission, tickets, heartbeats and progress', async () => {
    // Prism buffers bodies as text, so bytes that are not UTF-8 arrive corrupted (stoplightio/prism
    // #1321, #2349): those uploads (the JPEG-like pages) go straight to the central; a material that
    // is valid UTF-8 and every other call pass through Prism.
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    const passesPrism = (body: unknown): boolean => {
      if (!(body instanceof Uint8Array)) return true;
      try {
        utf8.decode(body);
        return true;
      } catch {
        return false;
      }
    };
    const watchingFetch: typeof fetch = async (input, init) => {
      const url = passesPrism(init?.body) ? String(input) : String(input).replace(prismUrl, server.url);
      if (url.startsWith(prismUrl)) throughPrism.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
      const response = await fetch(url, init);
      const violations = response.headers.get('sl-violations');
      if (violations) flagged.push(`${init?.method ?? 'GET'} ${String(input)}: ${violations}`);
      return response;
    };
    const client = new CentralClient({ baseUrl: prismUrl, timeoutMs: 20_000, fetch: watchingFetch });
    const enrolment = await client.enrol(await server.createEnrolmentCode(), 'prism kiosk', '0.1.0');
    const serviceDate = hallDateOf(Date.now(), enrolment.hall.timeZone);

    const catalogue = await client.catalogueDelta(undefined, 100);
    expect(catalogue.entries.length).toBeGreaterThan(0);
    await client.appointmentDelta(undefined);
    await client.storeDelta(undefined, 10);
    await client.purgeOrders(undefined);
    await client.queueState();

    const lease = new TicketBlockLease({
      store: db.ticketBlocks,
      client,
      logger: silentLogger,
      blockSize: 20,
      lowWaterMark: 5,
    });
    expect(await lease.ensure('market-general', serviceDate)).toBe('leased');

    // Materials: HEAD, single PUT, presence; the drainer then uses presence and the framed batch.
    const single = Buffer.from('a scanned form, as text: 申请表 page 1\n'.repeat(40));
    const { createHash } = await import('node:crypto');
    const singleSha = createHash('sha256').update(single).digest('hex');
    expect(await client.hasMaterial(singleSha)).toBe(false);
    await client.putMaterial(singleSha, single);
    expect(await client.hasMaterial(singleSha)).toBe(true);

    const caseNumber = `${enrolment.kioskCode}-PRISM-0001`;
    await commitTestSubmission(db, {
      caseNumber,
      queueId: 'market-general',
      departmentId: 'market',
      itemId: 'business-licence',
      serviceDate,
      materials: [materialBytes('prism-a', 2000), materialBytes('prism-b', 2500), single],
    });
    await commitTestSubmission(db, {
      caseNumber: `${enrolment.kioskCode}-PRISM-0002`,
      queueId: 'market-general',
      departmentId: 'market',
      itemId: 'business-licence',
      serviceDate,
      materials: [materialBytes('prism-c', 1800)],
    });
    const drainer = testDrainer(db, client, { batchSize: 8 }, enrolment.intakeSealingKey);
    expect(await drainer.drainUntilIdle()).toEqual({ delivered: 2, parked: 0 });
    await lease.reportIssued();

    for (let i = 0; i < 2; i++) {
      const beat = await client.heartbeat({
        appVersion: '0.1.0',
        atMs: Date.now(),
        backlog: 0,
        parked: 0,
        oldestItemAgeSeconds: null,
        lastError: null,
      });
      expect(beat.serviceDate).toBe(serviceDate);
    }
    const progress = await client.caseProgress(caseNumber);
    expect(progress.caseNumber).toBe(caseNumber);
    // An answered error is part of the exchange too: an unknown case is a documented 404.
    await expect(client.caseProgress(`${enrolment.kioskCode}-PRISM-9999`)).rejects.toMatchObject({
      failure: { kind: 'client', status: 404 },
    });

    expect(flagged).toEqual([]);
    expect(prismLog).not.toMatch(/violation|✖/i);
    // Prism was really in the path of every kind of call.
    for (const call of [
      'POST /v1/enrolments',
      'GET /v1/catalogue',
      'POST /v1/ticket-blocks',
      `HEAD /v1/materials/${singleSha}`,
      `PUT /v1/materials/${singleSha}`,
      'POST /v1/materials/presence',
      'POST /v1/deliveries/batch',
      'POST /v1/heartbeats',
      `GET /v1/cases/${caseNumber}`,
    ])
      expect(throughPrism).toContain(call);
    expect(prismLog).toMatch(/post \/v1\/deliveries\/batch/i);
  }, 120_000);

  it('does report a violation when there is one (the check can fail)', async () => {
    const broken = await fetch(`${prismUrl}/v1/heartbeats`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
      body: JSON.stringify({ appVersion: '0.1.0' }),
    });
    expect(broken.status).toBe(422);
    expect(await broken.text()).toMatch(/atMs/);
  });
});
