import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { hallDateOf as serviceDateOf } from '../../kernel/hall-time';
import { seedCatalogue } from '../../sync/central/seed';
import { startCentralServer } from '../../sync/central/server';
import { CentralClient } from '../../sync/client/central-client';
import { TicketBlockLease } from '../../sync/client/ticket-block-lease';
import { startFaultProxy } from '../support/fault-proxy';
import {
  commitTestSubmission,
  enrolledClient,
  materialBytes,
  openTestStore,
  silentLogger,
  tempDir,
  testDrainer,
} from './support/kiosk-harness';
import { testCatalogue } from './support/test-hall';

describe('the central server restarts and loses its last writes', () => {
  it('the kiosk retries converge with no duplicates', async () => {
    const dataDir = tempDir('central-restart');
    let server = await startCentralServer({ port: 0, dataDir });
    const port = Number(new URL(server.url).port);
    await seedCatalogue(server.storage, testCatalogue);
    const { enrolment } = await enrolledClient(server.url, await server.createEnrolmentCode());
    // Answers are lost on half the requests: the server acts, the kiosk does not hear of it.
    const proxy = await startFaultProxy({
      target: server.url,
      faultRate: 0.5,
      seed: 11,
      faults: ['reset_after'],
    });
    const client = new CentralClient({
      baseUrl: proxy.url,
      credential: enrolment.credential,
      timeoutMs: 2_000,
    });
    const db = openTestStore(tempDir('kiosk-restart'));
    const serviceDate = serviceDateOf(Date.now(), 'Asia/Shanghai');
    const lease = new TicketBlockLease({
      store: db.ticketBlocks,
      client,
      logger: silentLogger,
      blockSize: 300,
      lowWaterMark: 10,
    });
    while ((await lease.ensure('civil-general', serviceDate)) === 'unreachable');
    const total = 200;
    for (let i = 0; i < total; i++) {
      await commitTestSubmission(db, {
        caseNumber: `${enrolment.kioskCode}-R-${String(i).padStart(4, '0')}`,
        queueId: 'civil-general',
        departmentId: 'civil',
        itemId: 'marriage-certificate',
        serviceDate,
        materials: [materialBytes(`restart-${i}`, 300)],
      });
    }
    const drainer = testDrainer(db, client, { batchSize: 20 });
    for (let step = 0; step < 6; step++) await drainer.drainOnce();

    // Deliveries the server made but the kiosk never heard of: the server now "loses" them.
    const pendingKeys = new Set(
      db.outbox.nextPending(total, Number.MAX_SAFE_INTEGER).map((i) => i.idempotencyKey),
    );
    const acceptedBefore = await server.storage.acceptedDeliveries();
    const unheard = acceptedBefore.filter((d) => pendingKeys.has(d.idempotencyKey));
    expect(unheard.length).toBeGreaterThan(0);
    await server.close();
    const raw = new Database(join(dataDir, 'central.sqlite'));
    const lost = unheard.slice(-Math.max(1, Math.floor(unheard.length / 2)));
    for (const d of lost) {
      const caseNumber = raw
        .prepare('SELECT case_number FROM cases WHERE idempotency_key = ?')
        .pluck()
        .get(d.idempotencyKey) as string;
      // Children before parents: the central database keeps its foreign keys.
      raw.prepare('DELETE FROM case_events WHERE case_number = ?').run(caseNumber);
      raw.prepare('DELETE FROM cases WHERE case_number = ?').run(caseNumber);
      raw.prepare('DELETE FROM tickets WHERE case_number = ?').run(caseNumber);
      raw.prepare('DELETE FROM deliveries WHERE idempotency_key = ?').run(d.idempotencyKey);
    }
    raw.close();

    server = await startCentralServer({ port, dataDir });
    const outcome = await drainer.drainUntilIdle();
    expect(outcome.parked).toBe(0);
    expect(db.outbox.stats(Date.now())).toMatchObject({ backlog: 0, parked: 0 });
    const accepted = (await server.storage.acceptedDeliveries()).filter((d) => d.kind === 'submission');
    expect(accepted).toHaveLength(total);
    expect(new Set(accepted.map((d) => d.idempotencyKey)).size).toBe(total);
    const overview = await server.storage.staffOverview(serviceDate);
    const waiting = overview.windows.find((w) => w.windowId === 'w5')!.waiting;
    expect(waiting).toHaveLength(total);
    expect(new Set(waiting.map((t) => t.display)).size).toBe(total);
    db.close();
    await proxy.close();
    await server.close();
  }, 60_000);
});
