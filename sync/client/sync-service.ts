/**
 * The kiosk's sync service: the outbox drainer, the pullers (catalogue, appointments, form-free store
 * deltas, purge orders: each with its cursor in sync_cursors; queue state: a snapshot), heartbeats,
 * and status() for technician mode ("how far behind is this kiosk").
 */
import type { Logger } from 'pino';
import { catalogueEntrySchemas } from '../protocol/catalogue';
import type {
  Appointment,
  CatalogueEntry,
  PurgeOrder,
  QueueState,
  StoreDeltaResponse,
} from '../protocol/central-api';
import { type CentralClient, isCentralCallError } from './central-client';
import type { OutboxDrainer } from './outbox-drainer';
import type { CursorStore, OutboxPort } from './sync-ports';

export interface DeltaPage<E> {
  entries: E[];
  cursor: string;
  hasMore: boolean;
}

/**
 * Pulls one feed page by page from its stored cursor. `apply` must write the entries and call
 * cursors.set(name, cursor) in one store transaction, so data and cursor never disagree.
 */
export class DeltaPuller<E> {
  constructor(
    readonly name: string,
    private readonly fetchPage: (cursor: string | undefined) => Promise<DeltaPage<E>>,
    private readonly apply: (entries: E[], cursor: string) => void,
    private readonly cursors: CursorStore,
  ) {}

  /** Pulls until the feed has nothing more; returns the number of entries applied. */
  async pull(maxPages = 100): Promise<number> {
    let applied = 0;
    for (let page = 0; page < maxPages; page++) {
      const result = await this.fetchPage(this.cursors.get(this.name) ?? undefined);
      this.apply(result.entries, result.cursor);
      applied += result.entries.length;
      if (!result.hasMore) break;
    }
    return applied;
  }
}

/** Catalogue entries whose body fails its kind's schema are dropped, never stored. */
export function validCatalogueEntries(entries: readonly CatalogueEntry[], logger: Logger): CatalogueEntry[] {
  return entries.filter((entry) => {
    if (entry.body === null) return true;
    const schema = catalogueEntrySchemas[entry.kind as keyof typeof catalogueEntrySchemas];
    if (!schema) return true;
    const parsed = schema.safeParse(entry.body);
    if (!parsed.success)
      logger.warn({ event: 'sync.catalogue_entry_rejected', kind: entry.kind, id: entry.id });
    return parsed.success;
  });
}

export interface SyncSinks {
  catalogue(entries: CatalogueEntry[], cursor: string): void;
  appointments(entries: { appointmentId: string; appointment: Appointment | null }[], cursor: string): void;
  store(entries: StoreDeltaResponse['entries'], cursor: string): void;
  /** Carry out the orders (delete the person everywhere on this kiosk) and queue their acknowledgements. */
  purgeOrders(orders: PurgeOrder[], cursor: string): void;
}

export interface SyncStatus {
  backlog: number;
  parked: number;
  oldestItemAgeSeconds: number | null;
  lastContactAt: number | null;
  lastError: string | null;
  online: boolean;
}

export interface SyncServiceOptions {
  client: CentralClient;
  drainer: OutboxDrainer;
  outbox: Pick<OutboxPort, 'stats'>;
  cursors: CursorStore;
  sinks: SyncSinks;
  logger: Logger;
  appVersion: string;
  pullIntervalMs?: number;
  heartbeatIntervalMs?: number;
  clock?: () => number;
}

export class SyncService {
  readonly #o: SyncServiceOptions;
  readonly #pullers: DeltaPuller<unknown>[];
  #queueState: QueueState | null = null;
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #inFlight = new Set<Promise<unknown>>();
  #stopped = true;

  constructor(options: SyncServiceOptions) {
    this.#o = options;
    const { client, cursors, sinks, logger } = options;
    this.#pullers = [
      new DeltaPuller(
        'catalogue',
        (c) => client.catalogueDelta(c),
        (e, c) => sinks.catalogue(validCatalogueEntries(e, logger), c),
        cursors,
      ),
      new DeltaPuller('appointments', (c) => client.appointmentDelta(c), sinks.appointments, cursors),
      new DeltaPuller('store', (c) => client.storeDelta(c), sinks.store, cursors),
      new DeltaPuller('purge-orders', (c) => client.purgeOrders(c), sinks.purgeOrders, cursors),
    ] as DeltaPuller<unknown>[];
  }

  /** The last queue state pulled (null until the central server was reached once). */
  get queueState(): QueueState | null {
    return this.#queueState;
  }

  /** One round of every pull; a failing feed does not stop the others. */
  async pullAll(): Promise<Record<string, number | string>> {
    const outcome: Record<string, number | string> = {};
    for (const puller of this.#pullers) {
      try {
        outcome[puller.name] = await puller.pull();
      } catch (error) {
        if (!isCentralCallError(error)) throw error;
        outcome[puller.name] = error.failure.kind;
      }
    }
    try {
      this.#queueState = await this.#o.client.queueState();
      outcome['queue-state'] = this.#queueState.queues.length;
    } catch (error) {
      if (!isCentralCallError(error)) throw error;
      outcome['queue-state'] = error.failure.kind;
    }
    return outcome;
  }

  async heartbeat(): Promise<boolean> {
    const status = this.status();
    try {
      await this.#o.client.heartbeat({
        appVersion: this.#o.appVersion,
        atMs: (this.#o.clock ?? Date.now)(),
        backlog: status.backlog,
        parked: status.parked,
        oldestItemAgeSeconds: status.oldestItemAgeSeconds,
        lastError: status.lastError?.slice(0, 500) ?? null,
      });
      return true;
    } catch (error) {
      if (!isCentralCallError(error)) throw error;
      return false;
    }
  }

  status(): SyncStatus {
    const now = (this.#o.clock ?? Date.now)();
    const stats = this.#o.outbox.stats(now);
    const link = this.#o.client.link;
    return {
      backlog: stats.backlog,
      parked: stats.parked,
      oldestItemAgeSeconds:
        stats.oldestPendingCreatedAtMs === null
          ? null
          : Math.max(0, (now - stats.oldestPendingCreatedAtMs) / 1000),
      lastContactAt: link.lastContactAtMs,
      lastError: link.lastError,
      online: link.online,
    };
  }

  start(): void {
    this.#stopped = false;
    this.#o.drainer.start();
    const loop = (slot: number, every: number, work: () => Promise<unknown>) => {
      const tick = () => {
        const running = work()
          .catch((error: unknown) =>
            this.#o.logger.error({ event: 'sync.task_failed', reason: (error as Error).message }),
          )
          .finally(() => {
            this.#inFlight.delete(running);
            if (!this.#stopped) this.#timers[slot] = setTimeout(tick, every);
          });
        this.#inFlight.add(running);
      };
      this.#timers[slot] = setTimeout(tick, 0);
    };
    loop(0, this.#o.pullIntervalMs ?? 30_000, () => this.pullAll());
    loop(1, this.#o.heartbeatIntervalMs ?? 60_000, () => this.heartbeat());
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    // A pull under way would write into a store the caller is about to close: let it finish first.
    await Promise.allSettled([...this.#inFlight]);
    await this.#o.drainer.stop();
  }
}
