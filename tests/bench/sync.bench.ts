/**
 * npm run bench -- sync: drain a 5,000-submission backlog (two 8 KB materials each) to the reference
 * central server on loopback, three ways, in the same run:
 *   batched   - the OutboxDrainer (presence query, material batches x4 in parallel, delivery batches);
 *   single    - one request at a time: HEAD each material, PUT it if missing, POST the submission;
 *   raw       - the same bytes PUT to a sink that only counts them (1 MiB bodies, 4 at a time).
 * Targets (TARGETS.md): batched at least 5x faster than single, within 3x of raw.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hallDateOf as serviceDateOf } from '../../kernel/hall-time';
import { seedCatalogue } from '../../sync/central/seed';
import { startCentralServer } from '../../sync/central/server';
import type { CentralClient } from '../../sync/client/central-client';
import { kioskSyncPorts } from '../../sync/client/kiosk-store-ports';
import { TicketBlockLease } from '../../sync/client/ticket-block-lease';
import type { KioskDatabase } from '../../sync/store/kiosk-database';
import {
  commitTestSubmission,
  enrolledClient,
  materialBytes,
  openTestStore,
  silentLogger,
  tempDir,
  testDrainer,
} from '../sync/support/kiosk-harness';
import { testCatalogue } from '../sync/support/test-hall';
import type { BenchReport } from './report';

const backlog = Number(process.env.SYNC_BENCH_BACKLOG ?? 5000);
const materialSize = 8 * 1024;

async function kioskWithBacklog(label: string) {
  // Throughput is measured here, not the per-credential rate limit (tests/security/limits.test.ts).
  const server = await startCentralServer({
    port: 0,
    dataDir: tempDir(`bench-central-${label}`),
    rateLimits: { perCredential: 1_000_000 },
  });
  await seedCatalogue(server.storage, testCatalogue);
  const { client, enrolment } = await enrolledClient(server.url, await server.createEnrolmentCode(), label);
  const db = openTestStore(tempDir(`bench-kiosk-${label}`));
  const serviceDate = serviceDateOf(Date.now(), 'Asia/Shanghai');
  const lease = new TicketBlockLease({
    store: db.ticketBlocks,
    client,
    logger: silentLogger,
    blockSize: 1000,
    lowWaterMark: 1,
  });
  for (let i = 0; i < backlog; i++) {
    if (db.ticketBlocks.remaining('market-general', serviceDate) === 0)
      await lease.ensure('market-general', serviceDate);
    await commitTestSubmission(db, {
      caseNumber: `${enrolment.kioskCode}-B-${String(i).padStart(6, '0')}`,
      queueId: 'market-general',
      departmentId: 'market',
      itemId: 'business-licence',
      serviceDate,
      // The same bytes for both kiosks: material i is identical in each backlog.
      materials: [materialBytes(`bench-a-${i}`, materialSize), materialBytes(`bench-b-${i}`, materialSize)],
    });
  }
  return { server, client, db };
}

async function drainOneAtATime(db: KioskDatabase, client: CentralClient): Promise<number> {
  let bytes = 0;
  // The port resolves each submission item to its one stored record, as the drainer sees it.
  const items = kioskSyncPorts(db).outbox.nextPending(backlog + 10, Number.MAX_SAFE_INTEGER);
  for (const item of items) {
    for (const sha of item.materialHashes) {
      if (!(await client.hasMaterial(sha))) {
        const data = db.blobs.read(sha);
        bytes += data.byteLength;
        await client.putMaterial(sha, data);
      }
    }
    const envelope = {
      kind: 'submission' as const,
      idempotencyKey: item.idempotencyKey,
      kioskSeq: item.seq,
      payload: item.payload,
    };
    bytes += JSON.stringify(envelope).length;
    const response = await client.deliverBatch([envelope]);
    if (response.results[0]!.status !== 200)
      throw new Error(`single delivery refused: ${response.results[0]!.status}`);
    db.outbox.markDelivered(item.seq, response.results[0]!.body);
  }
  return bytes;
}

async function rawUpload(totalBytes: number): Promise<number> {
  let received = 0;
  const sink = createServer((request, response) => {
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
    });
    request.on('end', () => response.writeHead(204).end());
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/sink`;
  const chunk = Buffer.alloc(1024 * 1024, 7);
  let remaining = totalBytes;
  const started = performance.now();
  const worker = async () => {
    while (remaining > 0) {
      const size = Math.min(chunk.length, remaining);
      remaining -= size;
      const response = await fetch(url, { method: 'PUT', body: chunk.subarray(0, size) });
      await response.arrayBuffer();
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  const elapsed = performance.now() - started;
  await new Promise<void>((resolve) => sink.close(() => resolve()));
  if (received !== totalBytes) throw new Error('raw sink lost bytes');
  return elapsed;
}

export default async function (): Promise<BenchReport> {
  const batched = await kioskWithBacklog('batched');
  const single = await kioskWithBacklog('single');

  const payloadBytes = kioskSyncPorts(batched.db)
    .outbox.nextPending(backlog + 10, Number.MAX_SAFE_INTEGER)
    .reduce((sum, item) => sum + JSON.stringify(item.payload).length + 120, 0);
  const totalBytes = payloadBytes + backlog * 2 * materialSize;

  let started = performance.now();
  const outcome = await testDrainer(batched.db, batched.client, {
    batchSize: 200,
    uploadConcurrency: 4,
  }).drainUntilIdle();
  const batchedMs = performance.now() - started;
  if (outcome.delivered !== backlog || outcome.parked !== 0)
    throw new Error(`batched drain delivered ${outcome.delivered}`);

  started = performance.now();
  await drainOneAtATime(single.db, single.client);
  const singleMs = performance.now() - started;

  const rawMs = await rawUpload(totalBytes);

  for (const k of [batched, single]) {
    k.db.close();
    await k.server.close();
  }
  const speedup = singleMs / batchedMs;
  const rawRatio = batchedMs / rawMs;
  return {
    name: 'sync',
    figures: [
      {
        what: `drain ${backlog} submissions (2 x 8 KB materials each), batched`,
        unit: 's',
        value: batchedMs / 1000,
      },
      { what: 'batched drain throughput', unit: 'per_s', value: backlog / (batchedMs / 1000) },
      { what: 'same backlog, one request at a time', unit: 's', value: singleMs / 1000 },
      {
        what: `raw upload of the same ${(totalBytes / 2 ** 20).toFixed(1)} MiB`,
        unit: 's',
        value: rawMs / 1000,
      },
      {
        what: 'speed-up of batched over one-at-a-time',
        unit: 'ratio',
        value: speedup,
        target: 'at least 5x',
        met: speedup >= 5,
      },
      {
        what: 'batched drain time / raw upload time',
        unit: 'ratio',
        value: rawRatio,
        target: 'within 3x',
        met: rawRatio <= 3,
      },
    ],
    notes: [
      'Each kiosk drains to its own fresh reference server (SQLite, WAL, synchronous=FULL) in this process; one run each.',
      `Batched: 200 items per delivery batch, material batches up to 4 MiB, 4 uploads in parallel.`,
    ],
  };
}
