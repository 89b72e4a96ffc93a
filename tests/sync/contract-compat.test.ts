/**
 * Additive change across versions: an older kiosk against a newer central (answers carrying fields
 * the kiosk does not know, a higher revision) and a newer kiosk against an older central (requests
 * carrying optional fields the central does not know). Both run a real exchange end to end: the
 * unknown fields are dropped by the receiver, nothing is refused, parked or stored with them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hallDateOf } from '../../kernel/hall-time';
import { seedCatalogue } from '../../sync/central/seed';
import { type RunningCentralServer, startCentralServer } from '../../sync/central/server';
import { CentralClient } from '../../sync/client/central-client';
import { TicketBlockLease } from '../../sync/client/ticket-block-lease';
import { heartbeatRequestSchema, submissionRequestSchema } from '../../sync/protocol/central-api';
import { apiRevisionHeader } from '../../sync/protocol/central-common';
import { tolerant } from '../../sync/protocol/tolerant-schema';
import {
  commitTestSubmission,
  materialBytes,
  openTestStore,
  silentLogger,
  tempDir,
  testDrainer,
} from './support/kiosk-harness';
import { testCatalogue } from './support/test-hall';

const futureKey = 'fx';
const futureValue = 'added later';

/**
 * Maps (z.record) in requests take any key: a new key there is data (a form value), not a new field,
 * so they are left as they are.
 */
const requestMaps = new Set(['formValues', 'devices']);

/** Every JSON object gains a field this build does not know (answers' label maps take it as an entry). */
function withFutureFields(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => withFutureFields(item));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      withFutureFields(v, k),
    ]);
    if (requestMaps.has(key)) return Object.fromEntries(entries);
    return { ...Object.fromEntries(entries), [futureKey]: futureValue };
  }
  return value;
}

function containsFutureField(value: unknown): boolean {
  return JSON.stringify(value).includes(`"${futureKey}":"${futureValue}"`);
}

async function exchange(client: CentralClient, server: RunningCentralServer, label: string) {
  const enrolment = await client.enrol(await server.createEnrolmentCode(), `${label} kiosk`, '0.1.0');
  const serviceDate = hallDateOf(Date.now(), enrolment.hall.timeZone);
  const catalogue = await client.catalogueDelta(undefined, 200);
  await client.storeDelta(undefined);
  await client.appointmentDelta(undefined);
  await client.purgeOrders(undefined);
  await client.queueState();
  const beat = await client.heartbeat({
    appVersion: '0.1.0',
    atMs: Date.now(),
    backlog: 0,
    parked: 0,
    oldestItemAgeSeconds: null,
    lastError: null,
  });
  const db = openTestStore(tempDir(`kiosk-${label}`));
  try {
    const lease = new TicketBlockLease({
      store: db.ticketBlocks,
      client,
      logger: silentLogger,
      blockSize: 20,
      lowWaterMark: 5,
    });
    expect(await lease.ensure('market-general', serviceDate)).toBe('leased');
    const caseNumber = `${enrolment.kioskCode}-${label.toUpperCase()}-0001`;
    await commitTestSubmission(db, {
      caseNumber,
      queueId: 'market-general',
      departmentId: 'market',
      itemId: 'business-licence',
      serviceDate,
      materials: [materialBytes(`${label}-a`, 2000), materialBytes(`${label}-b`, 2100)],
    });
    const drained = await testDrainer(db, client).drainUntilIdle();
    await lease.reportIssued();
    const progress = await client.caseProgress(caseNumber);
    return { enrolment, catalogue, beat, drained, progress, caseNumber, outbox: db.outbox.stats(Date.now()) };
  } finally {
    db.close();
  }
}

describe('an older kiosk against a newer central, and back', () => {
  let server: RunningCentralServer;
  const centralDir = tempDir('central-compat');

  beforeAll(async () => {
    server = await startCentralServer({ port: 0, dataDir: centralDir });
    await seedCatalogue(server.storage, testCatalogue);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('an older kiosk takes a newer central whose answers carry fields it does not know', async () => {
    const answersSeen: unknown[] = [];
    // The newer central: every JSON answer (errors and batch results too) grows a field, and it
    // names a higher revision that still serves this kiosk.
    const newerCentral: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const type = response.headers.get('content-type') ?? '';
      if (!type.startsWith('application/json') || (init?.method ?? 'GET') === 'HEAD') return response;
      const grown = withFutureFields(JSON.parse(await response.text()));
      answersSeen.push(grown);
      const headers = new Headers(response.headers);
      headers.set(apiRevisionHeader, '7');
      headers.delete('content-length');
      return new Response(JSON.stringify(grown), { status: response.status, headers });
    };
    const client = new CentralClient({ baseUrl: server.url, timeoutMs: 10_000, fetch: newerCentral });
    const outcome = await exchange(client, server, 'older');

    expect(answersSeen.length).toBeGreaterThan(8);
    expect(answersSeen.every(containsFutureField)).toBe(true);
    expect(outcome.drained).toEqual({ delivered: 1, parked: 0 });
    expect(outcome.outbox).toMatchObject({ backlog: 0, parked: 0 });
    expect(outcome.catalogue.entries.length).toBeGreaterThan(0);
    // What the kiosk keeps is what it knows: the unknown fields are gone.
    for (const known of [outcome.enrolment, outcome.enrolment.hall, outcome.beat, outcome.progress])
      expect(Object.keys(known)).not.toContain(futureKey);
    expect(outcome.progress.caseNumber).toBe(outcome.caseNumber);
    expect(client.link.lastError).toBeNull();
  });

  it('an older central takes a newer kiosk sending optional fields it does not know', async () => {
    const requestsSent: unknown[] = [];
    // The newer kiosk: every JSON request body (delivery payloads included) carries an extra field.
    const newerKiosk: typeof fetch = async (input, init) => {
      const isJson = new Headers(init?.headers).get('content-type') === 'application/json';
      if (!isJson || typeof init?.body !== 'string') return fetch(input, init);
      const grown = withFutureFields(JSON.parse(init.body));
      requestsSent.push(grown);
      return fetch(input, { ...init, body: JSON.stringify(grown) });
    };
    const client = new CentralClient({
      baseUrl: server.url,
      timeoutMs: 10_000,
      fetch: newerKiosk,
      apiRevision: { own: 5, minimumCentral: 1 },
    });
    const outcome = await exchange(client, server, 'newer');

    expect(requestsSent.length).toBeGreaterThan(3);
    expect(requestsSent.every(containsFutureField)).toBe(true);
    expect(outcome.drained).toEqual({ delivered: 1, parked: 0 });
    expect(outcome.progress.caseNumber).toBe(outcome.caseNumber);
    const accepted = (await server.storage.acceptedDeliveries()).filter(
      (d) => d.kind === 'submission' && d.kioskId === outcome.enrolment.kioskId,
    );
    expect(accepted).toHaveLength(1);
    // The central stored only the fields it knows: the extra value is nowhere in its database.
    const stored = readdirSync(centralDir)
      .filter((file) => file.startsWith('central.sqlite'))
      .map((file) => readFileSync(join(centralDir, file)));
    expect(stored.length).toBeGreaterThan(0);
    for (const bytes of stored) expect(bytes.includes(futureValue)).toBe(false);
  });

  it('a central whose request schemas gained optional fields still reads what an older kiosk sends', () => {
    // The newer central's view of two requests: the old schema plus optional fields.
    const newerHeartbeat = tolerant(
      heartbeatRequestSchema.extend({ batteryPercent: z.number().int().min(0).max(100).optional() }),
    );
    const olderHeartbeat = {
      appVersion: '0.1.0',
      atMs: 1,
      backlog: 0,
      parked: 0,
      oldestItemAgeSeconds: null,
      lastError: null,
    };
    expect(newerHeartbeat.parse(olderHeartbeat)).toEqual(olderHeartbeat);
    const newerSubmission = tolerant(
      submissionRequestSchema.extend({ channel: z.enum(['kiosk', 'counter']).optional() }),
    );
    const broken = newerSubmission.safeParse({ idempotencyKey: 'short', kioskSeq: 1, payload: {} });
    // Tolerance is about unknown keys only: a known field still has to be right.
    expect(broken.success).toBe(false);
  });
});
