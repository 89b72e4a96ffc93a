import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallDateOf as serviceDateOf } from '../../kernel/hall-time';
import { seedCatalogue } from '../../sync/central/seed';
import { startCentralServer } from '../../sync/central/server';
import { CentralClient } from '../../sync/client/central-client';
import { kioskSyncPorts } from '../../sync/client/kiosk-store-ports';
import { SyncService } from '../../sync/client/sync-service';
import { TicketBlockLease } from '../../sync/client/ticket-block-lease';
import type { PurgeOrder } from '../../sync/protocol/central-api';
import { emptyProfile, type Profile } from '../../sync/protocol/profile';
import { samplePeople } from '../../sync/sample-hall';
import { startFaultProxy } from '../support/fault-proxy';
import { postgresBackend, sqliteBackend } from './support/central-storage-backends';
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

for (const backend of [sqliteBackend, postgresBackend()]) {
  describe.skipIf(backend.unavailable !== null)(`SyncService (central on ${backend.name})`, () => {
    beforeAll(() => backend.start());
    afterAll(() => backend.stop());
    /** The server owns the storage: its close() closes it. */
    const startServer = async (label: string) =>
      startCentralServer({ port: 0, dataDir: tempDir(label), storage: (await backend.open()).storage });

    it('pulls every feed with cursors, heartbeats, and reports how far behind the kiosk is', async () => {
      const server = await startServer('central-service');
      await seedCatalogue(server.storage, testCatalogue);
      const { client, enrolment } = await enrolledClient(server.url, await server.createEnrolmentCode());
      const db = openTestStore(tempDir('kiosk-service'));
      const ports = kioskSyncPorts(db);
      const purges: PurgeOrder[] = [];
      const storeEntries: string[] = [];
      const service = new SyncService({
        client,
        drainer: testDrainer(db, client),
        outbox: db.outbox,
        cursors: db.syncCursors,
        logger: silentLogger,
        appVersion: '0.1.0',
        sinks: {
          catalogue: (entries, cursor) =>
            ports.transaction(() => {
              db.catalogue.upsertMany(entries);
              db.syncCursors.set('catalogue', cursor);
            }),
          appointments: (_entries, cursor) => db.syncCursors.set('appointments', cursor),
          store: (entries, cursor) => {
            storeEntries.push(...entries.map((e) => e.keyedHash));
            db.syncCursors.set('store', cursor);
          },
          purgeOrders: (orders, cursor) => {
            purges.push(...orders);
            db.syncCursors.set('purge-orders', cursor);
          },
        },
      });

      const first = await service.pullAll();
      expect(first).toMatchObject({
        catalogue: 2 + 3 + 4 + 2,
        appointments: 0,
        store: 0,
        'purge-orders': 0,
        'queue-state': 3,
      });
      expect(db.catalogue.list('queue')).toHaveLength(3);
      expect((await service.pullAll()).catalogue).toBe(0);

      const person = keyedHashOf('person-1');
      await server.storage.putStoreRecord({
        keyedHash: person,
        profile: emptyProfile(
          { storeProfile: true, keepMaterials: false, consentedAt: '2026-03-01T09:00:00+08:00' },
          '2026-03-01T09:00:00+08:00',
        ),
        materials: [],
        updatedAtMs: 1,
      });
      await server.storage.createPurgeOrder(person, 2);
      expect(await service.pullAll()).toMatchObject({ store: 1, 'purge-orders': 1 });
      expect(purges.map((p) => p.keyedHash)).toEqual([person]);

      const serviceDate = serviceDateOf(Date.now(), 'Asia/Shanghai');
      await new TicketBlockLease({
        store: db.ticketBlocks,
        client,
        logger: silentLogger,
        blockSize: 10,
        lowWaterMark: 2,
      }).ensure('market-general', serviceDate);
      await commitTestSubmission(db, {
        caseNumber: `${enrolment.kioskCode}-S-1`,
        queueId: 'market-general',
        departmentId: 'market',
        itemId: 'business-licence',
        serviceDate,
        materials: [materialBytes('service', 100)],
      });
      const behind = service.status();
      expect(behind).toMatchObject({ backlog: 1, parked: 0, online: true, lastError: null });
      expect(behind.oldestItemAgeSeconds).not.toBeNull();
      expect(await service.heartbeat()).toBe(true);
      await testDrainer(db, client).drainUntilIdle();
      expect(service.status()).toMatchObject({ backlog: 0, oldestItemAgeSeconds: null });
      expect(service.queueState?.queues.find((q) => q.queueId === 'market-general')).toMatchObject({
        openWindows: 2,
      });

      await server.close();
      expect(await service.heartbeat()).toBe(false);
      expect(service.status()).toMatchObject({ online: false });
      expect(service.status().lastError).toMatch(/network/);
      db.close();
    });

    it('owns the calls an applicant would otherwise wait on: ticket supply, profile prefetch, brief look-ups', async () => {
      // Built before any connection opens: generating the sample people takes seconds, longer than a
      // kept-alive connection stays open at the proxy (a reused, closed socket reads ECONNRESET).
      const profile = samplePeople().find((p) => p.profile)!.profile!;
      const server = await startServer('central-supply');
      await seedCatalogue(server.storage, testCatalogue);
      const proxy = await startFaultProxy({ target: server.url, faultRate: 0, seed: 3 });
      const { client, enrolment } = await enrolledClient(proxy.url, await server.createEnrolmentCode());
      const lookupClient = new CentralClient({
        baseUrl: proxy.url,
        credential: enrolment.credential,
        timeoutMs: 300,
      });
      const db = openTestStore(tempDir('kiosk-supply'));
      const serviceDate = serviceDateOf(Date.now(), 'Asia/Shanghai');
      const cached = new Map<string, Profile>();
      const service = new SyncService({
        client,
        lookupClient,
        drainer: testDrainer(db, client),
        outbox: db.outbox,
        cursors: db.syncCursors,
        logger: silentLogger,
        appVersion: '0.1.0',
        tickets: {
          lease: new TicketBlockLease({
            store: db.ticketBlocks,
            client,
            logger: silentLogger,
            blockSize: 10,
            lowWaterMark: 2,
          }),
          queueIds: () => testCatalogue.queues.map((q) => q.id),
          today: () => serviceDate,
        },
        profiles: {
          has: (idNumber) => cached.has(idNumber),
          keyedHashOf: (idNumber) => keyedHashOf(idNumber),
          put: (idNumber, profile) => cached.set(idNumber, profile),
          move: (from, to) => {
            const profile = cached.get(from);
            if (!profile || cached.has(to)) return false;
            cached.set(to, profile);
            return cached.delete(from);
          },
        },
        sinks: {
          catalogue: (_entries, cursor) => db.syncCursors.set('catalogue', cursor),
          appointments: (_entries, cursor) => db.syncCursors.set('appointments', cursor),
          store: (_entries, cursor) => db.syncCursors.set('store', cursor),
          purgeOrders: (_orders, cursor) => db.syncCursors.set('purge-orders', cursor),
        },
      });

      // Ticket supply: every queue topped up, then the numbers issued are reported on the next round.
      const first = await service.ticketRound();
      expect(Object.values(first.leases)).toEqual(['leased', 'leased', 'leased']);
      for (const queue of testCatalogue.queues)
        expect(db.ticketBlocks.remaining(queue.id, serviceDate)).toBe(10);
      db.ticketBlocks.issueNumber('civil-general', serviceDate);
      db.ticketBlocks.issueNumber('civil-general', serviceDate);
      const second = await service.ticketRound();
      expect(second).toEqual({
        reported: 2,
        leases: { 'market-general': 'enough', 'market-priority': 'enough', 'civil-general': 'enough' },
      });
      expect(db.ticketBlocks.unreportedTickets()).toEqual([]);

      // Profile prefetch: a record the kiosk lacks is fetched once and cached; a known one is not asked for.
      await server.storage.putStoreRecord({
        keyedHash: keyedHashOf('person-2'),
        profile,
        materials: [],
        updatedAtMs: 1,
      });
      expect(await service.prefetchProfile('person-2')).toEqual({ ok: true, value: 'fetched' });
      expect(cached.get('person-2')).toEqual(profile);
      expect(await service.prefetchProfile('person-2')).toEqual({ ok: true, value: 'cached' });
      expect(await service.prefetchProfile('nobody')).toEqual({ ok: true, value: 'none' });

      // A renewed card: its number has no record, the number it replaced has one, which becomes its own.
      await server.storage.putStoreRecord({
        keyedHash: keyedHashOf('person-before-renewal'),
        profile,
        materials: [],
        updatedAtMs: 1,
      });
      expect(await service.prefetchProfile('person-renewed', 'person-before-renewal')).toEqual({
        ok: true,
        value: 'renewed',
      });
      expect(cached.get('person-renewed')).toEqual(profile);
      expect(cached.has('person-before-renewal')).toBe(false);
      // The new number's own record wins over the previous one's.
      expect(await service.prefetchProfile('person-2', 'person-renewed')).toEqual({
        ok: true,
        value: 'cached',
      });
      expect(cached.has('person-renewed')).toBe(true);

      // Case look-ups: an unknown case is not_found; a link that never answers is unreachable, quickly.
      expect(await service.caseProgress('NO-SUCH-CASE')).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      proxy.setBlackHole(true);
      expect(await service.caseProgress('NO-SUCH-CASE')).toMatchObject({
        ok: false,
        error: { code: 'unreachable' },
      });
      expect(await service.prefetchProfile('person-3')).toMatchObject({
        ok: false,
        error: { code: 'unreachable' },
      });
      expect(proxy.swallowed()).toBe(2);
      proxy.setBlackHole(false);

      await proxy.close();
      await server.close();
      db.close();
    });
  });
}
