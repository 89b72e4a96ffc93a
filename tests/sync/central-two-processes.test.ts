/**
 * Two central processes behind one PostgreSQL database serve the kiosks at once: kiosks spread over
 * both (each kiosk's requests alternate between them, as behind a load balancer), leasing blocks,
 * uploading materials and draining their outboxes; one batch is even posted to both at the same
 * moment. No case or ticket is duplicated and every delivery is taken exactly once.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallDateOf } from '../../kernel/hall-time';
import { createEnvelopeCipher, loadOrCreateMasterKey } from '../../sync/central/at-rest-cipher';
import { PostgresCentralStorage } from '../../sync/central/postgres/postgres-central-storage';
import { seedCatalogue } from '../../sync/central/seed';
import { sha256Hex } from '../../sync/central/staff-auth';
import { CentralClient } from '../../sync/client/central-client';
import { TicketBlockLease } from '../../sync/client/ticket-block-lease';
import { type CentralProcess, startCentralProcess } from '../support/central-process';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from '../support/postgres';
import {
  commitTestSubmission,
  keyedHashOf,
  materialBytes,
  openTestStore,
  silentLogger,
  tempDir,
  testDrainer,
} from './support/kiosk-harness';
import { testCatalogue } from './support/test-hall';

const kioskCount = 6;
const submissionsPerKiosk = 12;
const unavailable = postgresUnavailable();

describe.skipIf(unavailable !== null)('two central processes on one PostgreSQL database', () => {
  let cluster: TestPostgres;
  let url: string;
  let dataDir: string;
  let storage: PostgresCentralStorage;
  const centrals: CentralProcess[] = [];

  beforeAll(async () => {
    cluster = await startTestPostgres();
    url = await cluster.newDatabase();
    dataDir = tempDir('central-two-processes');
    const keyFile = join(`${dataDir}-keys`, 'master-key');
    const cipher = createEnvelopeCipher(loadOrCreateMasterKey(keyFile, dataDir));
    storage = await PostgresCentralStorage.open(url, { cipher, poolSize: 2 });
    await seedCatalogue(storage, testCatalogue);
    // The first creates the data folder's secrets (credential and look-up keys); the second shares them.
    centrals.push(await startCentralProcess({ dataDir, db: url, keyFile }));
    centrals.push(await startCentralProcess({ dataDir, db: url, keyFile }));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(centrals.map((c) => c.stop()));
    await storage?.close();
    await cluster?.stop();
    if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}-keys`, { recursive: true, force: true });
    }
  });

  it('kiosks spread over both: no duplicate case or ticket, every delivery exactly once', async () => {
    const serviceDate = hallDateOf(Date.now(), 'Asia/Shanghai');
    const kiosks = await Promise.all(
      Array.from({ length: kioskCount }, async (_, k) => {
        const code = randomBytes(6).toString('hex').toUpperCase();
        await storage.createEnrolmentCode(sha256Hex(code), Date.now() + 3_600_000);
        // Enrolled through one process, then served by both with the same credential.
        const home = new CentralClient({ baseUrl: centrals[k % 2]!.url, timeoutMs: 10_000 });
        const enrolment = await home.enrol(code, `kiosk ${k}`, '0.1.0');
        const away = new CentralClient({
          baseUrl: centrals[(k + 1) % 2]!.url,
          credential: enrolment.credential,
          timeoutMs: 10_000,
        });
        return { enrolment, clients: [home, away] as const, db: openTestStore(tempDir(`kiosk-two-${k}`)) };
      }),
    );
    expect(new Set(kiosks.map((k) => k.enrolment.kioskCode)).size).toBe(kioskCount);

    // Every kiosk leases its block for the same queue at once, half through each process.
    await Promise.all(
      kiosks.map(async (kiosk, k) => {
        const queueId = k % 3 === 0 ? 'civil-general' : 'market-general';
        const lease = new TicketBlockLease({
          store: kiosk.db.ticketBlocks,
          client: kiosk.clients[0],
          logger: silentLogger,
          blockSize: 20,
          lowWaterMark: 2,
        });
        expect(await lease.ensure(queueId, serviceDate)).not.toBe('unreachable');
        for (let i = 0; i < submissionsPerKiosk; i++) {
          await commitTestSubmission(kiosk.db, {
            caseNumber: `${kiosk.enrolment.kioskCode}-T-${String(i).padStart(4, '0')}`,
            queueId,
            departmentId: queueId === 'civil-general' ? 'civil' : 'market',
            itemId: queueId === 'civil-general' ? 'marriage-certificate' : 'business-licence',
            serviceDate,
            materials: [materialBytes(`two-${k}-${i}-a`, 600), materialBytes(`two-${k}-${i}-b`, 400)],
          });
        }
      }),
    );

    // All kiosks drain at once; each kiosk's steps alternate between the two processes.
    await Promise.all(
      kiosks.map(async (kiosk) => {
        const drainers = kiosk.clients.map((client) => testDrainer(kiosk.db, client, { batchSize: 5 }));
        for (let step = 0; step < 200; step++) {
          if (kiosk.db.outbox.stats(Date.now()).backlog === 0) break;
          await drainers[step % 2]!.drainOnce();
        }
        expect(kiosk.db.outbox.stats(Date.now())).toMatchObject({ backlog: 0, parked: 0 });
      }),
    );

    // The same batch reaches both processes at the same moment (a retry overtaking its original).
    const racer = kiosks[1]!;
    const batch = Array.from({ length: 8 }, (_, i) => ({
      kind: 'submission' as const,
      idempotencyKey: randomUUID(),
      kioskSeq: 1_000 + i,
      payload: {
        caseNumber: `${racer.enrolment.kioskCode}-RACE-${i}`,
        itemId: 'business-licence',
        departmentId: 'market',
        queueId: 'market-general',
        ticket: null,
        applicant: { keyedHash: keyedHashOf(`racer-${i}`), priorityReasons: [] },
        formValues: {},
        materials: [],
        consentToStore: false,
        submittedAtMs: Date.now(),
      },
    }));
    const [viaHome, viaAway] = await Promise.all(racer.clients.map((client) => client.deliverBatch(batch)));
    expect(viaHome!.results.map((r) => r.status)).toEqual(batch.map(() => 200));
    expect(viaAway).toEqual(viaHome);

    const total = kioskCount * submissionsPerKiosk + batch.length;
    const accepted = (await storage.acceptedDeliveries()).filter((d) => d.kind === 'submission');
    expect(accepted).toHaveLength(total);
    expect(new Set(accepted.map((d) => `${d.kioskId}/${d.idempotencyKey}`)).size).toBe(total);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const counts = (
      await client.query<{ cases: number; case_tickets: number; tickets: number; numbers: number }>(
        `SELECT (SELECT count(*)::int FROM cases) AS cases,
                (SELECT count(DISTINCT ticket_id)::int FROM cases) AS case_tickets,
                (SELECT count(*)::int FROM tickets) AS tickets,
                (SELECT count(DISTINCT (number_queue_id, service_date, number))::int FROM tickets) AS numbers`,
      )
    ).rows[0]!;
    const blocks = (
      await client.query<{ queue_id: string; first_number: number; last_number: number }>(
        'SELECT queue_id, first_number, last_number FROM ticket_blocks ORDER BY queue_id, first_number',
      )
    ).rows;
    await client.end();
    expect(counts).toEqual({ cases: total, case_tickets: total, tickets: total, numbers: total });
    // Blocks of one queue never overlap, whichever process leased them.
    for (let i = 1; i < blocks.length; i++) {
      if (blocks[i]!.queue_id === blocks[i - 1]!.queue_id)
        expect(blocks[i]!.first_number).toBeGreaterThan(blocks[i - 1]!.last_number);
    }
    expect(blocks).toHaveLength(kioskCount);

    // Both processes answer the same hall: each case's progress, whichever took it.
    const someCase = `${kiosks[0]!.enrolment.kioskCode}-T-0000`;
    const progress = await Promise.all(kiosks[0]!.clients.map((c) => c.caseProgress(someCase)));
    expect(progress[0]).toMatchObject({ caseNumber: someCase, status: 'received' });
    expect(progress[1]).toEqual(progress[0]);
    for (const kiosk of kiosks) kiosk.db.close();
  }, 120_000);
});
