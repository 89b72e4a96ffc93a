/**
 * The kiosk's sync service, the one owner of every call to the central system: the outbox drainer,
 * the pullers (catalogue, appointments, form-free store deltas, purge orders: each with its cursor in
 * sync_cursors; queue state: a snapshot), heartbeats, the ticket supply (blocks topped up and issued
 * numbers reported in the background), the profile prefetch when a card is accepted, brief case
 * look-ups, and status() for technician mode ("how far behind is this kiosk"). An applicant's request
 * never waits on the network: it uses what is local, or a look-up bounded by a short timeout.
 */

import type { Logger } from 'pino';
import { err, ok, type Result } from '../../kernel/result';
import { catalogueEntrySchemas } from '../protocol/catalogue';
import type {
  Appointment,
  CaseProgress,
  CatalogueEntry,
  PurgeOrder,
  QueueState,
  StoreDeltaResponse,
} from '../protocol/central-api';
import type { HelpRequest, IdentityQrResponse } from '../protocol/central-identity';
import { type Profile, profileSchema } from '../protocol/profile';
import { tolerant } from '../protocol/tolerant-schema';
import { type CentralClient, isCentralCallError } from './central-client';
import type { OutboxDrainer } from './outbox-drainer';
import type { CursorStore, OutboxPort } from './sync-ports';
import type { LeaseOutcome, TicketBlockLease } from './ticket-block-lease';

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

/**
 * Catalogue entries whose body fails its kind's schema are dropped, never stored; fields a newer
 * central added to a body are dropped (the body stored is what this kiosk knows).
 */
export function validCatalogueEntries(entries: readonly CatalogueEntry[], logger: Logger): CatalogueEntry[] {
  return entries.flatMap((entry) => {
    if (entry.body === null) return [entry];
    const schema = catalogueEntrySchemas[entry.kind as keyof typeof catalogueEntrySchemas];
    if (!schema) return [entry];
    const parsed = tolerant(schema).safeParse(entry.body);
    if (parsed.success) return [{ ...entry, body: parsed.data }];
    logger.warn({ event: 'sync.catalogue_entry_rejected', kind: entry.kind, id: entry.id });
    return [];
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

/** Keeps the kiosk's ticket numbers topped up for every queue of the day, and reports those issued. */
export interface TicketSupplyOptions {
  lease: TicketBlockLease;
  /** The queues this kiosk issues numbers for (the catalogue's queues). */
  queueIds: () => readonly string[];
  /** The hall's service date now. */
  today: () => string;
  intervalMs?: number;
}

/** The kiosk's copy of the form-free store, as the profile prefetch needs it. */
export interface ProfileCache {
  has(idNumber: string): boolean;
  keyedHashOf(idNumber: string): string;
  put(idNumber: string, profile: Profile): void;
  /** Re-keys a cached record to another number (a renewed card); false when there was none to move. */
  move(fromIdNumber: string, toIdNumber: string): boolean;
}

export type LookupFailure = 'unreachable' | 'not_found';

export interface SyncServiceOptions {
  client: CentralClient;
  /** A client with a short timeout for what an applicant may be waiting on (defaults to `client`). */
  lookupClient?: CentralClient;
  tickets?: TicketSupplyOptions;
  profiles?: ProfileCache;
  drainer: OutboxDrainer;
  outbox: Pick<OutboxPort, 'stats'>;
  cursors: CursorStore;
  sinks: SyncSinks;
  logger: Logger;
  appVersion: string;
  pullIntervalMs?: number;
  heartbeatIntervalMs?: number;
  /** Refused and held central orders, reported in each heartbeat so the central sees them. */
  orderReport?: () => { refused: number; held: number };
  clock?: () => number;
}

export class SyncService {
  readonly #o: SyncServiceOptions;
  readonly #pullers: DeltaPuller<unknown>[];
  #queueState: QueueState | null = null;
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #inFlight = new Set<Promise<unknown>>();
  /** Runs the ticket supply now instead of at its next turn (null while stopped). */
  #wakeTickets: (() => void) | null = null;
  readonly #prefetching = new Map<string, Promise<Result<'cached' | 'fetched' | 'none', 'unreachable'>>>();
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
        // New queues need numbers before the first applicant for them: top up now, not after the other feeds.
        if (puller.name === 'catalogue' && outcome[puller.name] !== 0) this.#wakeTickets?.();
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
        ...(this.#o.orderReport ? { orders: this.#o.orderReport() } : {}),
      });
      return true;
    } catch (error) {
      if (!isCentralCallError(error)) throw error;
      return false;
    }
  }

  /** One round of the ticket supply: report what was issued, then top up every queue of the day. */
  async ticketRound(): Promise<{ reported: number; leases: Record<string, LeaseOutcome> }> {
    const supply = this.#o.tickets;
    if (!supply) return { reported: 0, leases: {} };
    let reported = 0;
    try {
      reported = await supply.lease.reportIssued();
    } catch (error) {
      if (!isCentralCallError(error)) throw error;
    }
    const leases = await supply.lease.ensureAll(supply.queueIds(), supply.today());
    return { reported, leases };
  }

  /**
   * A card was accepted: fetch the person's form-free record if this kiosk does not hold it, so the
   * form can be filled from it. Never awaited by a request; a miss just means an empty form. A renewed
   * card (`previousIdNumber`) whose own number has no record takes the one kept under the number it
   * replaced, re-keyed here to the new number ('renewed'); its next consented submission tells the
   * central system the link (SubmissionPayload applicant.previousKeyedHash).
   */
  async prefetchProfile(
    idNumber: string,
    previousIdNumber: string | null = null,
  ): Promise<Result<'cached' | 'fetched' | 'renewed' | 'none', 'unreachable'>> {
    const own = await this.#prefetchOne(idNumber);
    const profiles = this.#o.profiles;
    if (!previousIdNumber || previousIdNumber === idNumber || !profiles) return own;
    if (own.ok && own.value !== 'none') return own;
    await this.#prefetchOne(previousIdNumber);
    if (!profiles.has(idNumber) && profiles.move(previousIdNumber, idNumber)) return ok('renewed');
    return own;
  }

  #prefetchOne(idNumber: string): Promise<Result<'cached' | 'fetched' | 'none', 'unreachable'>> {
    const profiles = this.#o.profiles;
    if (!profiles) return Promise.resolve(ok('none'));
    if (profiles.has(idNumber)) return Promise.resolve(ok('cached'));
    const running = this.#prefetching.get(idNumber);
    if (running) return running;
    const fetching = (async (): Promise<Result<'cached' | 'fetched' | 'none', 'unreachable'>> => {
      try {
        const record = await this.#lookupClient.storeRecord(profiles.keyedHashOf(idNumber));
        const profile = tolerant(profileSchema).safeParse(record?.profile);
        if (!profile.success) return ok('none');
        profiles.put(idNumber, profile.data);
        return ok('fetched');
      } catch (error) {
        if (!isCentralCallError(error)) throw error;
        return err('unreachable', error.message);
      }
    })().finally(() => this.#prefetching.delete(idNumber));
    this.#prefetching.set(idNumber, fetching);
    return fetching;
  }

  /** A case's progress at the central system, if it answers within the look-up timeout. */
  async caseProgress(caseNumber: string): Promise<Result<CaseProgress, LookupFailure>> {
    try {
      return ok(await this.#lookupClient.caseProgress(caseNumber));
    } catch (error) {
      if (!isCentralCallError(error)) throw error;
      if (error.failure.kind === 'client' && error.failure.status === 404)
        return err('not_found', 'the central system has no such case');
      return err('unreachable', error.message);
    }
  }

  /** A provincial app / electronic ID QR code, verified by the central system (never offline). */
  async verifyIdentityQr(payload: string): Promise<Result<IdentityQrResponse, 'unreachable'>> {
    try {
      return ok(await this.#lookupClient.verifyIdentityQr(payload));
    } catch (error) {
      if (!isCentralCallError(error)) throw error;
      return err('unreachable', error.message);
    }
  }

  /**
   * An archived copy's bytes from the central system (they are not kept on the kiosk until re-used),
   * within the look-up timeout: the applicant sees the copy before agreeing to re-use it.
   */
  async archivedMaterial(sha256: string): Promise<Result<Uint8Array, LookupFailure>> {
    try {
      const bytes = await this.#lookupClient.getMaterial(sha256);
      return bytes ? ok(bytes) : err('not_found', 'the central system does not hold that material');
    } catch (error) {
      if (!isCentralCallError(error)) throw error;
      return err('unreachable', error.message);
    }
  }

  /** 呼叫工作人员, delivered now; the caller keeps it queued while this answers unreachable. */
  async sendHelpRequest(request: HelpRequest): Promise<Result<void, 'unreachable' | 'refused'>> {
    try {
      await this.#lookupClient.postHelpRequest(request);
      return ok(undefined);
    } catch (error) {
      if (!isCentralCallError(error)) throw error;
      // A refusal (4xx) will not change by retrying: dropped rather than retried for ever.
      return error.failure.kind === 'client' && error.failure.status !== 429
        ? err('refused', error.message)
        : err('unreachable', error.message);
    }
  }

  /** Something was queued or issued: deliver and report it now rather than at the next turn. */
  kick(): void {
    this.#o.drainer.wake();
    this.#wakeTickets?.();
  }

  get #lookupClient(): CentralClient {
    return this.#o.lookupClient ?? this.#o.client;
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
      let running = false;
      let again = false;
      const tick = () => {
        running = true;
        const pending = work()
          .catch((error: unknown) =>
            this.#o.logger.error({ event: 'sync.task_failed', reason: (error as Error).message }),
          )
          .finally(() => {
            this.#inFlight.delete(pending);
            running = false;
            if (this.#stopped) return;
            this.#timers[slot] = setTimeout(tick, again ? 0 : every);
            again = false;
          });
        this.#inFlight.add(pending);
      };
      this.#timers[slot] = setTimeout(tick, 0);
      return () => {
        if (this.#stopped) return;
        if (running) again = true;
        else {
          clearTimeout(this.#timers[slot]);
          this.#timers[slot] = setTimeout(tick, 0);
        }
      };
    };
    if (this.#o.tickets) {
      this.#wakeTickets = loop(2, this.#o.tickets.intervalMs ?? this.#o.pullIntervalMs ?? 30_000, () =>
        this.ticketRound(),
      );
    }
    loop(0, this.#o.pullIntervalMs ?? 30_000, () => this.pullAll());
    loop(1, this.#o.heartbeatIntervalMs ?? 60_000, () => this.heartbeat());
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wakeTickets = null;
    for (const timer of this.#timers) clearTimeout(timer);
    // A pull under way would write into a store the caller is about to close: let it finish first.
    await Promise.allSettled([...this.#inFlight]);
    await this.#o.drainer.stop();
  }
}
