import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallDateOf as serviceDateOf } from '../../kernel/hall-time';
import { seedCatalogue } from '../../sync/central/seed';
import { type RunningCentralServer, startCentralServer } from '../../sync/central/server';
import type { CentralClient } from '../../sync/client/central-client';
import { TicketBlockLease } from '../../sync/client/ticket-block-lease';
import type { KioskDatabase } from '../../sync/store/kiosk-database';
import {
  commitTestSubmission,
  enrolledClient,
  keyedHashOf,
  materialBytes,
  openTestStore,
  silentLogger,
  tempDir,
  testDrainer,
} from './support/kiosk-harness';
import { testCatalogue } from './support/test-hall';

describe('kiosk store + OutboxDrainer + reference server on loopback', () => {
  let server: RunningCentralServer;
  let db: KioskDatabase;
  let client: CentralClient;
  let kioskCode: string;
  let intakeSealingKey: string | undefined;
  const serviceDate = serviceDateOf(Date.now(), 'Asia/Shanghai');

  beforeAll(async () => {
    server = await startCentralServer({ port: 0, dataDir: tempDir('central') });
    await seedCatalogue(server.storage, testCatalogue);
    const enrolled = await enrolledClient(server.url, await server.createEnrolmentCode());
    client = enrolled.client;
    kioskCode = enrolled.enrolment.kioskCode;
    intakeSealingKey = enrolled.enrolment.intakeSealingKey;
    db = openTestStore(tempDir('kiosk'));
  });
  afterAll(async () => {
    db.close();
    await server.close();
  });

  it('delivers submissions with materials exactly once, in order, into the routed queue', async () => {
    const lease = new TicketBlockLease({
      store: db.ticketBlocks,
      client,
      logger: silentLogger,
      blockSize: 50,
      lowWaterMark: 10,
    });
    expect(await lease.ensure('market-general', serviceDate)).toBe('leased');
    const shared = materialBytes('shared-id-copy', 3000);
    const committed = [];
    for (let i = 0; i < 30; i++) {
      committed.push(
        await commitTestSubmission(db, {
          caseNumber: `${kioskCode}-E2E-${String(i).padStart(4, '0')}`,
          queueId: 'market-general',
          departmentId: 'market',
          itemId: 'business-licence',
          serviceDate,
          materials: [shared, materialBytes(`page-${i}`, 2000)],
        }),
      );
    }
    const drainer = testDrainer(db, client, { batchSize: 8 }, intakeSealingKey);
    const outcome = await drainer.drainUntilIdle();
    expect(outcome).toEqual({ delivered: 30, parked: 0 });
    expect(db.outbox.stats(Date.now())).toMatchObject({ backlog: 0, parked: 0 });

    const accepted = (await server.storage.acceptedDeliveries()).filter((d) => d.kind === 'submission');
    expect(accepted).toHaveLength(30);
    expect(new Set(accepted.map((d) => d.idempotencyKey)).size).toBe(30);
    expect(accepted.map((d) => d.kioskSeq)).toEqual(committed.map((c) => c.outboxSeq));

    const overview = await server.storage.staffOverview(serviceDate);
    const windowTwo = overview.windows.find((w) => w.windowId === 'w2')!;
    expect(windowTwo.waiting.map((t) => t.display)).toEqual(committed.map((c) => c.ticket!.display));
    expect(
      await server.storage.presentMaterials(committed.flatMap((c) => c.materials.map((m) => m.sha256))),
    ).toHaveProperty('size', 31);
    for (const c of committed) expect(db.submissions.get(c.submissionId)?.state).toBe('acknowledged');
  });

  it('answers a repeated key with the first answer byte for byte, and a reused key with 409', async () => {
    const enrolled = await enrolledClient(server.url, await server.createEnrolmentCode(), 'second');
    const token = enrolled.enrolment.credential;
    const lease = await enrolled.client.leaseTicketBlock({
      leaseKey: 'lease-repeat-1',
      queueId: 'civil-general',
      serviceDate,
      size: 5,
    });
    const body = {
      idempotencyKey: 'repeat-key-0001',
      kioskSeq: 1,
      payload: {
        caseNumber: `${enrolled.enrolment.kioskCode}-REPEAT-1`,
        itemId: 'marriage-certificate',
        departmentId: 'civil',
        queueId: 'civil-general',
        ticket: {
          ticketId: 'tk-repeat-1',
          blockId: lease.blockId,
          queueId: 'civil-general',
          serviceDate,
          number: lease.first,
          display: `B${String(lease.first).padStart(3, '0')}`,
        },
        applicant: { keyedHash: keyedHashOf('someone'), priorityReasons: [] },
        formValues: { a: 1 },
        materials: [],
        consentToStore: false,
        submittedAtMs: 1,
      },
    };
    const post = (json: unknown) =>
      fetch(`${server.url}/v1/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(json),
      });
    const first = await post(body);
    const firstText = await first.text();
    await new Promise((r) => setTimeout(r, 5));
    const second = await post(body);
    expect(second.status).toBe(first.status);
    expect(first.status).toBe(200);
    expect(await second.text()).toBe(firstText);
    const conflict = await post({ ...body, payload: { ...body.payload, formValues: { a: 2 } } });
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { error: { code: string } }).error.code).toBe('idempotency_conflict');
  });
});
