/**
 * Issue 12, findings 3 and 4: a forged purge order made a kiosk discard undelivered submissions and
 * redact stored ones, and purge acknowledgements never arrived. Here a real central server on loopback
 * and a real kiosk runtime talk through a man-in-the-middle proxy that forges, strips and tampers with
 * orders in the feed and can hold deliveries back.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolmentRecord } from '../../host/core/enrolment-file';
import { enrolmentRecordOf } from '../../host/core/enrolment-file';
import { HostEventBus } from '../../host/core/event-bus';
import { type KioskRuntime, startKioskRuntime } from '../../host/core/kiosk-runtime';
import { silentLogger } from '../../host/logging/logger';
import { HallClock } from '../../kernel/hall-time';
import { signPurgeOrder, verifyPurgeOrder } from '../../kernel/signed-orders';
import { orderSigningKeyFileName } from '../../sync/central/order-signing-key';
import { seedCatalogue } from '../../sync/central/seed';
import { type RunningCentralServer, startCentralServer } from '../../sync/central/server';
import { CentralClient } from '../../sync/client/central-client';
import { PurgeOrderGate } from '../../sync/client/purge-order-gate';
import { testDraft } from '../support/submission-draft';
import { openTestStore } from '../sync/support/kiosk-harness';
import { testCatalogue } from '../sync/support/test-hall';
import { type InterceptingProxy, startInterceptingProxy } from './support/intercepting-proxy';

const dirs: string[] = [];
let central: RunningCentralServer;
let proxy: InterceptingProxy;
let enrolment: EnrolmentRecord;
let runtime: KioskRuntime;

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  dirs.push(dir);
  return dir;
}

async function until<T>(what: string, probe: () => Promise<T | null | false> | T | null | false): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const keyedHashOf = (idNumber: string) => runtime.store.hashIdNumber(idNumber).toString('hex');

/** A submission committed the way the host commits one: record, outbox item, the person's keyed hash. */
async function submit(idNumber: string, caseNumber: string): Promise<string> {
  const id = randomUUID();
  await runtime.store.submissions.commit({
    submission: {
      id,
      idNumber,
      draft: testDraft(caseNumber, { applicant: { keyedHash: keyedHashOf(idNumber), priorityReasons: [] } }),
      retentionUntilMs: Date.now() + 86_400_000,
    },
    materials: [],
    outbox: { idempotencyKey: randomUUID() },
  });
  runtime.kick();
  return id;
}

const ackQueued = (orderId: string) => runtime.store.outbox.hasIdempotencyKey(`purge-ack-${orderId}`);
const auditActions = (action: string) =>
  runtime.store.auditLog.recent(500).filter((entry) => entry.action === action);

beforeAll(async () => {
  const centralDir = tempDir('orders-central');
  central = await startCentralServer({
    port: 0,
    dataDir: centralDir,
    // The test drives pulls and heartbeats itself; the timers only run their first round.
    hall: { pullIntervalSeconds: 3600, heartbeatIntervalSeconds: 3600 },
  });
  await seedCatalogue(central.storage, testCatalogue);
  proxy = await startInterceptingProxy(central.url);
  const answer = await new CentralClient({ baseUrl: proxy.url }).enrol(
    await central.createEnrolmentCode(),
    'orders kiosk',
    '0.1.0',
  );
  enrolment = enrolmentRecordOf(proxy.url, answer);
  const kioskDir = tempDir('orders-kiosk');
  runtime = await startKioskRuntime({
    enrolment,
    dataDir: join(kioskDir, 'data'),
    keyFile: join(kioskDir, 'keys', 'data-key'),
    logger: silentLogger(),
    bus: new HostEventBus(),
    appVersion: '0.1.0',
    clock: new HallClock(),
    formFreeStore: { replication: 'on_demand', onDemandCacheHours: 24 },
  });
}, 60_000);

afterAll(async () => {
  proxy?.holdDeliveries(false);
  await runtime?.close();
  await proxy?.close();
  await central?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the hall order key', () => {
  it('is created at the central’s first start, readable by its owner only, and handed out at enrolment', () => {
    const file = join(dirs[0]!, orderSigningKeyFileName);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(enrolment.orderSigningKey).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
  });

  it('binds every field and the hall: any change breaks the signature', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const spki = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const order = { orderId: 'order-1', keyedHash: 'a'.repeat(64), issuedAtMs: 1_700_000_000_000 };
    const signature = signPurgeOrder(order, 'hall-1', privateKey);
    expect(verifyPurgeOrder({ ...order, signature }, 'hall-1', spki).ok).toBe(true);
    const refusals = [
      verifyPurgeOrder({ ...order, signature, keyedHash: 'b'.repeat(64) }, 'hall-1', spki),
      verifyPurgeOrder({ ...order, signature, issuedAtMs: order.issuedAtMs + 1 }, 'hall-1', spki),
      verifyPurgeOrder({ ...order, signature, orderId: 'order-2' }, 'hall-1', spki),
      verifyPurgeOrder({ ...order, signature }, 'hall-2', spki),
      verifyPurgeOrder(order, 'hall-1', spki),
      verifyPurgeOrder({ ...order, signature }, 'hall-1', undefined),
    ];
    expect(refusals.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'bad_signature',
      'bad_signature',
      'bad_signature',
      'bad_signature',
      'unsigned',
      'no_key',
    ]);
  });
});

describe('a forged purge order', () => {
  it('unsigned, signed with another key or tampered with after signing: refused, nothing deleted', async () => {
    const victim = '11010519491231002X';
    const submissionId = await submit(victim, `${enrolment.kioskCode}-FORGED-1`);
    await until(
      'the victim’s submission acknowledged',
      () => runtime.store.submissions.get(submissionId)?.state === 'acknowledged',
    );
    const victimHash = keyedHashOf(victim);
    const now = Date.now();

    const unsigned = { orderId: randomUUID(), keyedHash: victimHash, issuedAtMs: now };
    const rogueKey = generateKeyPairSync('ed25519').privateKey;
    const otherKeyFields = { orderId: randomUUID(), keyedHash: victimHash, issuedAtMs: now };
    const otherKey = {
      ...otherKeyFields,
      signature: signPurgeOrder(otherKeyFields, enrolment.hall.hallId, rogueKey),
    };
    // A genuine order for somebody else, its person swapped on the way.
    const genuine = await central.storage.createPurgeOrder('c'.repeat(64), now);
    proxy.rewritePurgeOrders = (feed) => ({
      ...feed,
      entries: [
        ...feed.entries.map((entry) =>
          entry.orderId === genuine.orderId ? { ...entry, keyedHash: victimHash } : entry,
        ),
        unsigned,
        otherKey,
      ],
    });
    await runtime.sync.pullAll();
    proxy.rewritePurgeOrders = null;

    const after = runtime.store.submissions.get(submissionId)!;
    expect(after.state).toBe('acknowledged');
    expect(after.record?.caseNumber).toBe(`${enrolment.kioskCode}-FORGED-1`);
    for (const orderId of [unsigned.orderId, otherKey.orderId, genuine.orderId])
      expect(ackQueued(orderId)).toBe(false);
    expect(auditActions('store.purge_person')).toEqual([]);
    const refused = auditActions('store.purge_order_refused').map((entry) => entry.detail);
    expect(refused).toEqual(
      expect.arrayContaining([
        { orderId: unsigned.orderId, reason: 'unsigned' },
        { orderId: otherKey.orderId, reason: 'bad_signature' },
        { orderId: genuine.orderId, reason: 'bad_signature' },
      ]),
    );
    // The audit names orders, never people.
    expect(JSON.stringify(refused)).not.toContain(victimHash);
    // Reported to the central in the heartbeat.
    expect(await runtime.sync.heartbeat()).toBe(true);
    expect(proxy.heartbeats.at(-1)?.orders).toEqual({ refused: 3, held: 0 });
  });
});

describe('a genuine purge order for a person whose submission is still on its way', () => {
  it('waits until the central holds the submission, then purges, and the acknowledgement is counted', async () => {
    const applicant = '110105198001010016';
    proxy.holdDeliveries(true);
    const submissionId = await submit(applicant, `${enrolment.kioskCode}-HELD-1`);
    await proxy.deliveryHeld();
    const order = await central.storage.createPurgeOrder(keyedHashOf(applicant), Date.now());

    await runtime.sync.pullAll();
    // Held, not executed: the submission is intact and still queued; no acknowledgement.
    expect(runtime.store.submissions.get(submissionId)?.state).toBe('stored');
    expect(runtime.store.submissions.get(submissionId)?.record?.caseNumber).toBe(
      `${enrolment.kioskCode}-HELD-1`,
    );
    expect(runtime.store.heldOrders.list('purge').map((held) => held.orderId)).toEqual([order.orderId]);
    expect(ackQueued(order.orderId)).toBe(false);
    expect(await runtime.sync.heartbeat()).toBe(true);
    expect(proxy.heartbeats.at(-1)?.orders).toEqual({ refused: 3, held: 1 });
    // Pulling again changes nothing while the delivery is still under way.
    await runtime.sync.pullAll();
    expect(runtime.store.submissions.get(submissionId)?.state).toBe('stored');

    proxy.holdDeliveries(false);
    await until('the central to hold the case', () =>
      central.storage.caseProgress(`${enrolment.kioskCode}-HELD-1`),
    );
    await until(
      'the kiosk to see it acknowledged',
      () => runtime.store.submissions.get(submissionId)?.state === 'acknowledged',
    );

    await runtime.sync.pullAll();
    expect(runtime.store.submissions.get(submissionId)?.state).toBe('redacted');
    expect(runtime.store.submissions.get(submissionId)?.record).toBeNull();
    expect(runtime.store.heldOrders.list('purge')).toEqual([]);
    expect(ackQueued(order.orderId)).toBe(true);

    runtime.kick();
    const acks = await until('the acknowledgement at the central', async () => {
      const listed = await central.storage.purgeOrderAcks(order.orderId);
      return listed && listed.acks.length > 0 ? listed : null;
    });
    expect(acks.acks).toEqual([
      { kioskId: enrolment.kioskId, kioskCode: enrolment.kioskCode, completedAtMs: expect.any(Number) },
    ]);
    // Staff see the same proof through the admin API.
    const session = await fetch(`${central.url}/v1/staff/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: central.adminSecret }),
    });
    const { token } = (await session.json()) as { token: string };
    const answer = await fetch(`${central.url}/v1/admin/purge-orders/${order.orderId}/acks`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual(acks);
    // The case the applicant holds a receipt for was never lost.
    expect(await central.storage.caseProgress(`${enrolment.kioskCode}-HELD-1`)).not.toBeNull();
  });
});

describe('the purge-order gate on its own store', () => {
  const hallId = 'hall-1';
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const hallKey = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const signed = (keyedHash: string) => {
    const order = { orderId: randomUUID(), keyedHash, issuedAtMs: Date.now() + 1000 };
    return { ...order, signature: signPurgeOrder(order, hallId, privateKey) };
  };

  function gateOn(orderSigningKey: string | null) {
    const store = openTestStore(tempDir('orders-gate'));
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const gate = new PurgeOrderGate({ store, hallId, orderSigningKey, logger, kick: () => {} });
    return { store, gate, lines };
  }

  it('refuses every order when enrolled without the hall key, and keeps the cursor for after re-enrolment', () => {
    const { store, gate, lines } = gateOn(null);
    try {
      gate.apply([signed('d'.repeat(64))], 'cursor-1');
      expect(store.syncCursors.get('purge-orders')).toBeNull();
      expect(gate.report()).toEqual({ refused: 1, held: 0 });
      expect(lines.some((l) => l.event === 'sync.purge_order_refused' && l.reason === 'no_key')).toBe(true);
    } finally {
      store.close();
    }
  });

  it('holds a genuine order while the person’s submission is parked, and says so at error level', async () => {
    const { store, gate, lines } = gateOn(hallKey);
    try {
      const idNumber = '110105198001010016';
      const id = randomUUID();
      const { outboxSeq } = await store.submissions.commit({
        submission: {
          id,
          idNumber,
          draft: testDraft('CASE-PARKED-1'),
          retentionUntilMs: Date.now() + 86_400_000,
        },
        materials: [],
        outbox: { idempotencyKey: randomUUID() },
      });
      store.outbox.markParked(outboxSeq, '422 invalid_payload');
      const order = signed(store.hashIdNumber(idNumber).toString('hex'));
      gate.apply([order], 'cursor-1');
      gate.apply([], 'cursor-1');
      expect(store.submissions.get(id)?.record?.caseNumber).toBe('CASE-PARKED-1');
      expect(store.outbox.get(outboxSeq)?.state).toBe('parked');
      expect(store.syncCursors.get('purge-orders')).toBe('cursor-1');
      expect(gate.report()).toEqual({ refused: 0, held: 1 });
      const held = lines.filter((l) => l.event === 'sync.purge_order_held');
      expect(held).toHaveLength(1);
      expect(held[0]).toMatchObject({ level: 50, orderId: order.orderId, parked: 1 });
    } finally {
      store.close();
    }
  });
});
