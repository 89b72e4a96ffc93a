import { join } from 'node:path';
import type { Logger } from 'pino';
import type { HallClock } from '../../kernel/hall-time';
import { CentralClient } from '../../sync/client/central-client';
import { kioskSyncPorts } from '../../sync/client/kiosk-store-ports';
import { OutboxDrainer } from '../../sync/client/outbox-drainer';
import { PurgeOrderGate } from '../../sync/client/purge-order-gate';
import { SyncService } from '../../sync/client/sync-service';
import { TicketBlockLease } from '../../sync/client/ticket-block-lease';
import type { PurgeOrder, CatalogueEntry as WireCatalogueEntry } from '../../sync/protocol/central-api';
import {
  FileKeyProvider,
  type KeyProvider,
  type KioskDatabase,
  openKioskDatabase,
  type RetentionService,
} from '../../sync/store';
import type { SyncStatus } from '../api/events';
import { moveLegacyKeyFile } from '../config/key-location';
import { centralTransport } from './central-transport';
import type { EnrolmentRecord } from './enrolment-file';
import type { HostEventBus } from './event-bus';

/**
 * Everything a provisioned kiosk runs: its encrypted store and its link to the central system. Host
 * services read and write the store; every call to the central system goes through `sync`.
 */
export interface KioskRuntime {
  readonly enrolment: EnrolmentRecord;
  readonly store: KioskDatabase;
  readonly sync: SyncService;
  readonly drainer: OutboxDrainer;
  readonly retention: RetentionService;
  syncStatus(): SyncStatus;
  /** How long a person's form-free record stays cached here. */
  readonly profileTtlMs: number;
  /** Deliver and report now (after a submission, or from technician mode), without waiting for the timers. */
  kick(): void;
  close(): Promise<void>;
}

export interface KioskRuntimeOptions {
  enrolment: EnrolmentRecord;
  dataDir: string;
  /** Electron's safeStorage in the shell; a 0600 key file in browser mode and tests. */
  keyProvider?: KeyProvider;
  /** Browser mode's key file, outside the data folder (host/config/key-location.ts). */
  keyFile: string;
  logger: Logger;
  bus: HostEventBus;
  appVersion: string;
  /** The hall's clock (config hall.timeZone): appointment times are the hall's wall-clock times. */
  clock: HallClock;
  /** The hall's pinned CA for the central system (config central.caFile), if any. */
  centralCaFile?: string | undefined;
  /** How much of the hall's form-free store this kiosk keeps (config store.formFreeStore). */
  formFreeStore: { replication: 'on_demand' | 'full'; onDemandCacheHours: number };
}

/** The sync service's status in the host API's words (times as ISO text, errors bounded). */
function syncStatusView(sync: SyncService): SyncStatus {
  const status = sync.status();
  return {
    backlog: status.backlog,
    parked: status.parked,
    oldestItemAgeSeconds: status.oldestItemAgeSeconds,
    lastContactAt: status.lastContactAt === null ? null : new Date(status.lastContactAt).toISOString(),
    lastError: status.lastError?.slice(0, 500) ?? null,
    online: status.online,
  };
}

const profileTtlMs = (retentionDays: number) => Math.max(1, retentionDays) * 24 * 3600_000;
/** What an applicant may be waiting on (progress, rating, the profile prefetch) gets this long. */
const lookupTimeoutMs = 1_500;

export async function startKioskRuntime(options: KioskRuntimeOptions): Promise<KioskRuntime> {
  const { enrolment, logger, bus } = options;
  if (!options.keyProvider && moveLegacyKeyFile(options.dataDir, options.keyFile))
    logger.warn('the store key was moved out of the data folder');
  const store = await openKioskDatabase({
    dir: join(options.dataDir, 'store'),
    keyProvider: options.keyProvider ?? new FileKeyProvider({ path: options.keyFile }),
    logger: logger.child({ area: 'store' }),
    hallLookupKey: Buffer.from(enrolment.hall.lookupKey, 'base64'),
  });
  if (store.quarantined)
    logger.error({ reason: store.quarantined.reason }, 'the local database was damaged and set aside');
  const transport = centralTransport({ caFile: options.centralCaFile });
  const central = new CentralClient({
    baseUrl: enrolment.centralUrl,
    credential: enrolment.credential,
    fetch: transport.fetch,
  });
  // Form values and profiles go sealed for the central's intake key (kernel/sealed-envelope.ts).
  const ports = kioskSyncPorts(store, { intakeSealingKey: enrolment.intakeSealingKey ?? null });
  if (!enrolment.intakeSealingKey)
    logger.error(
      'this kiosk was enrolled without the central intake key: submissions go unsealed (TLS only) until re-enrolled',
    );
  const drainer = new OutboxDrainer({
    outbox: ports.outbox,
    materials: ports.materials,
    client: central,
    logger: logger.child({ area: 'outbox' }),
    acknowledge: ports.acknowledge,
    transaction: ports.transaction,
  });
  const retention = store.retention;
  // On demand (the default outside demo mode): a person is fetched when their card is read and kept
  // briefly; "full" replicates the hall's whole store for kiosks that must serve returning people offline.
  const onDemand = options.formFreeStore.replication === 'on_demand';
  const ttl = onDemand
    ? options.formFreeStore.onDemandCacheHours * 3600_000
    : profileTtlMs(enrolment.hall.retentionDays);
  const tickets = new TicketBlockLease({
    store: ports.ticketBlocks,
    client: central,
    logger: logger.child({ area: 'tickets' }),
    blockSize: enrolment.hall.ticketBlockSize,
    lowWaterMark: enrolment.hall.ticketLowWaterMark,
  });
  // Orders act only when signed by the hall's key, and never before the person's submissions are delivered.
  const purgeOrders = new PurgeOrderGate({
    store,
    hallId: enrolment.hall.hallId,
    orderSigningKey: enrolment.orderSigningKey ?? null,
    logger: logger.child({ area: 'orders' }),
    kick: () => drainer.wake(),
  });
  if (!enrolment.orderSigningKey)
    logger.error(
      'this kiosk was enrolled without the hall order key: it refuses every order until re-enrolled',
    );
  const sync = new SyncService({
    client: central,
    lookupClient: new CentralClient({
      baseUrl: enrolment.centralUrl,
      credential: enrolment.credential,
      fetch: transport.fetch,
      timeoutMs: lookupTimeoutMs,
    }),
    tickets: {
      lease: tickets,
      queueIds: () => store.catalogue.list('queue').map((entry) => entry.id),
      today: () => options.clock.today(),
    },
    profiles: {
      has: (idNumber) => store.people.get(idNumber) !== null,
      keyedHashOf: (idNumber) => store.hashIdNumber(idNumber).toString('hex'),
      put: (idNumber, profile) => store.people.put(idNumber, profile, ttl),
      move: (fromIdNumber, toIdNumber) => store.people.move(fromIdNumber, toIdNumber, ttl),
    },
    drainer,
    outbox: store.outbox,
    cursors: store.syncCursors,
    logger: logger.child({ area: 'sync' }),
    appVersion: options.appVersion,
    pullIntervalMs: enrolment.hall.pullIntervalSeconds * 1000,
    heartbeatIntervalMs: enrolment.hall.heartbeatIntervalSeconds * 1000,
    orderReport: () => purgeOrders.report(),
    sinks: {
      catalogue(entries: WireCatalogueEntry[], cursor) {
        store.transaction(() => {
          for (const entry of entries) {
            if (entry.body === null) store.catalogue.delete(entry.kind, entry.id);
            else
              store.catalogue.upsertMany([
                { kind: entry.kind, id: entry.id, version: entry.version, body: entry.body },
              ]);
          }
          store.syncCursors.set('catalogue', cursor);
        });
      },
      appointments(entries, cursor) {
        store.transaction(() => {
          for (const { appointmentId, appointment } of entries) {
            if (!appointment) {
              store.appointments.remove(appointmentId);
              continue;
            }
            store.appointments.upsertByHash({
              id: appointment.appointmentId,
              idHash: Buffer.from(appointment.keyedHash, 'hex'),
              serviceDate: appointment.serviceDate,
              startsAtMs: options.clock.epochOf(appointment.serviceDate, appointment.slotStart),
              itemId: appointment.itemId,
              queueId: appointment.queueId,
              status:
                appointment.status === 'checked_in'
                  ? 'checked_in'
                  : appointment.status === 'cancelled'
                    ? 'cancelled'
                    : 'booked',
              personal: {
                slotStart: appointment.slotStart,
                slotEnd: appointment.slotEnd,
                departmentId: appointment.departmentId,
              },
              expiresAtMs: options.clock.epochOf(appointment.serviceDate, '23:59:59'),
            });
          }
          store.syncCursors.set('appointments', cursor);
        });
      },
      store(entries, cursor) {
        store.transaction(() => {
          store.people.applyByHash(
            entries.map((entry) => ({
              idHash: Buffer.from(entry.keyedHash, 'hex'),
              profile: entry.record?.profile ?? null,
            })),
            ttl,
            { onlyHeld: onDemand },
          );
          store.syncCursors.set('store', cursor);
        });
      },
      purgeOrders(orders: PurgeOrder[], cursor) {
        purgeOrders.apply(orders, cursor);
      },
    },
  });
  let lastReported = '';
  const statusTimer = setInterval(() => {
    const view = syncStatusView(sync);
    const key = JSON.stringify(view);
    if (key !== lastReported) {
      lastReported = key;
      bus.emit({ type: 'syncStatus', status: view });
    }
  }, 2000);
  statusTimer.unref();
  // Sweeps under way: close() waits for them before it closes the store.
  const sweeps = new Set<Promise<unknown>>();
  const sweep = () => {
    const running = Promise.resolve(retention.sweep())
      .catch((error: unknown) => logger.warn({ err: error }, 'retention sweep failed'))
      .finally(() => sweeps.delete(running));
    sweeps.add(running);
  };
  const retentionTimer = setInterval(sweep, 3600_000);
  retentionTimer.unref();
  sweep();
  sync.start();

  return {
    enrolment,
    store,
    sync,
    drainer,
    retention,
    profileTtlMs: ttl,
    syncStatus: () => syncStatusView(sync),
    kick() {
      sync.kick();
    },
    async close() {
      clearInterval(statusTimer);
      clearInterval(retentionTimer);
      await sync.stop();
      await Promise.allSettled([...sweeps]);
      store.close();
      await transport.close();
    },
  };
}
