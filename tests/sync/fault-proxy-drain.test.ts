import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallDateOf as serviceDateOf } from '../../kernel/hall-time';
import { seedCatalogue } from '../../sync/central/seed';
import { type RunningCentralServer, startCentralServer } from '../../sync/central/server';
import { CentralClient } from '../../sync/client/central-client';
import { TicketBlockLease } from '../../sync/client/ticket-block-lease';
import type { KioskDatabase } from '../../sync/store/kiosk-database';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy';
import { postgresBackend, sqliteBackend } from './support/central-storage-backends';
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

// The same drain on both central storages; fewer on PostgreSQL, where it repeats what the SQLite run shows.
for (const [backend, submissions] of [
  [sqliteBackend, 2000],
  [postgresBackend(), 600],
] as const) {
  describe.skipIf(backend.unavailable !== null)(
    `drain through a link that fails 30% of requests (${backend.name})`,
    () => {
      let server: RunningCentralServer;
      let proxy: FaultProxy;
      let db: KioskDatabase;

      beforeAll(async () => {
        await backend.start();
        const { storage } = await backend.open();
        // The server owns the storage from here: its close() closes it.
        server = await startCentralServer({ port: 0, dataDir: tempDir('central-fault'), storage });
        await seedCatalogue(server.storage, testCatalogue);
        proxy = await startFaultProxy({ target: server.url, faultRate: 0.3, seed: 20260520, stallMs: 3_000 });
        db = openTestStore(tempDir('kiosk-fault'));
      });
      afterAll(async () => {
        db.close();
        await proxy.close();
        await server.close();
        await backend.stop();
      });

      it(`delivers ${submissions} submissions exactly once, in kiosk order, parking nothing`, async () => {
        const serviceDate = serviceDateOf(Date.now(), 'Asia/Shanghai');
        const { enrolment } = await enrolledClient(server.url, await server.createEnrolmentCode());
        // Everything after enrolment goes through the faulty link.
        const client = new CentralClient({
          baseUrl: proxy.url,
          credential: enrolment.credential,
          timeoutMs: 800,
        });
        const lease = new TicketBlockLease({
          store: db.ticketBlocks,
          client,
          logger: silentLogger,
          blockSize: 500,
          lowWaterMark: 100,
        });
        const queues = ['market-general', 'civil-general'] as const;
        for (let i = 0; i < submissions; i++) {
          const queueId = queues[i % 2]!;
          if (i % 100 === 0) {
            for (const q of queues) while ((await lease.ensure(q, serviceDate)) === 'unreachable');
          }
          await commitTestSubmission(db, {
            caseNumber: `${enrolment.kioskCode}-F-${String(i).padStart(5, '0')}`,
            queueId,
            departmentId: queueId === 'market-general' ? 'market' : 'civil',
            itemId: queueId === 'market-general' ? 'business-licence' : 'marriage-certificate',
            serviceDate,
            materials: [materialBytes(`fault-${i}`, 256), materialBytes(`fault-shared-${i % 7}`, 512)],
          });
        }
        // Sealed as a real kiosk sends them: each retry seals afresh and is still the same request.
        const drainer = testDrainer(
          db,
          client,
          { batchSize: 50, backoff: { baseMs: 5, maxMs: 80 } },
          enrolment.intakeSealingKey,
        );
        const outcome = await drainer.drainUntilIdle();
        expect(outcome.parked).toBe(0);
        expect(db.outbox.stats(Date.now())).toMatchObject({ backlog: 0, parked: 0 });
        expect(db.outbox.listParked()).toEqual([]);

        const accepted = (await server.storage.acceptedDeliveries()).filter((d) => d.kind === 'submission');
        expect(accepted).toHaveLength(submissions);
        expect(new Set(accepted.map((d) => d.idempotencyKey)).size).toBe(submissions);
        const seqs = accepted.map((d) => d.kioskSeq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        // The faults really happened, of every kind.
        for (const count of Object.values(proxy.counts)) expect(count).toBeGreaterThan(0);
      }, 150_000);
    },
  );
}
