/**
 * Drains the kiosk's outbox to the central API, in per-kiosk order (seq):
 * - materials first: one presence query per batch (a batched HEAD), then only the missing ones,
 *   several per request and several requests at once; a digest the server confirmed is never sent again;
 * - then the items themselves in one batch request, each with its idempotency key;
 * - network errors, 5xx and not-attempted items are retried with exponential backoff and full jitter;
 *   4xx answers park the item with the reason; answers that break the schema are never trusted:
 *   retried up to a bound, then parked.
 * Order: the head item gates everything behind it (a later item never overtakes one that backs off).
 */
import type { Logger } from 'pino';
import { err, ok, type Result } from '../../kernel/result';
import { type DeliveryKind, deliveryPayloadSchemas, deliveryResponseSchemas } from '../protocol/central-api';
import type { MaterialFrame } from '../protocol/central-material-frames';
import { type BackoffPolicy, backoffDelayMs, defaultBackoff } from './backoff';
import { type CentralClient, type CentralFailure, isCentralCallError } from './central-client';
import type { MaterialSource, OutboxItem, OutboxPort } from './sync-ports';

export interface OutboxDrainerOptions {
  outbox: OutboxPort;
  materials: MaterialSource;
  client: CentralClient;
  logger: Logger;
  /** Records a delivery; defaults to outbox.markDelivered. The host also acknowledges the submission row. */
  acknowledge?: (item: OutboxItem, response: unknown) => void;
  /** Runs the bookkeeping of one batch's answers in one store transaction (one fsync, not one per item). */
  transaction?: <T>(work: () => T) => T;
  batchSize?: number;
  uploadConcurrency?: number;
  /** Bytes per material batch request. */
  materialBatchBytes?: number;
  backoff?: BackoffPolicy;
  /** Answers that break the schema, per item, before it is parked. */
  maxInvalidResponses?: number;
  /** "materials missing" answers, per item, before it is parked. */
  maxMissingMaterialRetries?: number;
  /** How often an idle drainer looks again without being woken. */
  idlePollMs?: number;
  clock?: () => number;
  random?: () => number;
}

export interface DrainStep {
  /** Items settled (delivered or parked) or retried in this step. */
  delivered: number;
  parked: number;
  retried: number;
  /** Nothing pending at all. */
  idle: boolean;
  /** When the head item is backing off: how long until it is due. */
  waitMs: number | null;
}

interface PreparedItem {
  item: OutboxItem;
  kind: DeliveryKind;
  payload: unknown;
}

const knownPresentLimit = 50_000;
const presenceChunk = 1000;

export class OutboxDrainer {
  readonly #o: Required<Omit<OutboxDrainerOptions, 'acknowledge' | 'transaction'>> &
    Pick<OutboxDrainerOptions, 'acknowledge' | 'transaction'>;
  /** Digests the server confirmed it holds (insertion-ordered: the oldest are forgotten first). */
  readonly #knownPresent = new Set<string>();
  readonly #invalidResponses = new Map<number, number>();
  readonly #missingMaterials = new Map<number, number>();
  #consecutiveFailures = 0;
  /** After a whole-batch 4xx: send this many items one by one to find the bad one. */
  #isolate = 0;
  #running: Promise<void> | null = null;
  #stopRequested = false;
  #wake: (() => void) | null = null;

  constructor(options: OutboxDrainerOptions) {
    this.#o = {
      batchSize: 100,
      uploadConcurrency: 4,
      materialBatchBytes: 4 * 1024 * 1024,
      backoff: defaultBackoff,
      maxInvalidResponses: 5,
      maxMissingMaterialRetries: 3,
      idlePollMs: 5_000,
      clock: Date.now,
      random: Math.random,
      ...options,
    };
  }

  /** One batch: materials, then the items. */
  async drainOnce(): Promise<DrainStep> {
    const step: DrainStep = { delivered: 0, parked: 0, retried: 0, idle: false, waitMs: null };
    const now = this.#o.clock();
    const limit = this.#isolate > 0 ? 1 : this.#o.batchSize;
    // Every pending item in seq order, due or not: the head decides when the queue moves.
    const pending = this.#o.outbox.nextPending(limit, Number.MAX_SAFE_INTEGER);
    if (pending.length === 0) return { ...step, idle: true };
    if (pending[0]!.nextAttemptAtMs > now) return { ...step, waitMs: pending[0]!.nextAttemptAtMs - now };
    const dueCount = pending.findIndex((i) => i.nextAttemptAtMs > now);
    const due = dueCount === -1 ? pending : pending.slice(0, dueCount);

    const prepared: PreparedItem[] = [];
    for (const item of due) {
      const converted = this.#prepare(item);
      if (converted.ok) prepared.push(converted.value);
      else this.#park(item, converted.error.message, step);
    }
    if (prepared.length === 0) return step;

    let sendable: PreparedItem[];
    try {
      sendable = await this.#uploadMaterials(prepared, step);
    } catch (error) {
      this.#failAll(prepared, error, step);
      return step;
    }
    if (sendable.length === 0) return step;

    let response: Awaited<ReturnType<CentralClient['deliverBatch']>>;
    try {
      response = await this.#o.client.deliverBatch(
        sendable.map((p) => ({
          kind: p.kind,
          idempotencyKey: p.item.idempotencyKey,
          kioskSeq: p.item.seq,
          payload: p.payload,
        })),
      );
    } catch (error) {
      this.#failAll(sendable, error, step);
      return step;
    }
    this.#consecutiveFailures = 0;
    if (this.#isolate > 0) this.#isolate -= sendable.length;
    const settleAll = () => {
      response.results.forEach((result, index) => {
        this.#settle(sendable[index]!, result.status, result.body, step);
      });
    };
    if (this.#o.transaction) this.#o.transaction(settleAll);
    else settleAll();
    return step;
  }

  /**
   * Payloads were checked when queued; a row an older build wrote may not conform, and is parked here
   * rather than sent to be refused.
   */
  #prepare(item: OutboxItem): Result<PreparedItem, 'breaks_contract'> {
    const parsed = deliveryPayloadSchemas[item.kind].safeParse(item.payload);
    if (parsed.success) return ok({ item, kind: item.kind, payload: parsed.data });
    const issue = parsed.error.issues[0];
    return err(
      'breaks_contract',
      `stored ${item.kind} breaks the contract: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`,
    );
  }

  /** Uploads what the server lacks; returns the items whose materials are all there. */
  async #uploadMaterials(prepared: PreparedItem[], step: DrainStep): Promise<PreparedItem[]> {
    const needed = [...new Set(prepared.flatMap((p) => p.item.materialHashes))].filter(
      (h) => !this.#knownPresent.has(h),
    );
    if (needed.length === 0) return prepared;
    for (let i = 0; i < needed.length; i += presenceChunk) {
      const chunk = needed.slice(i, i + presenceChunk);
      for (const sha of await this.#o.client.materialPresence(chunk)) this.#remember(sha);
    }
    const queue = needed.filter((h) => !this.#knownPresent.has(h));
    const unusable = new Map<string, string>();
    let failure: unknown = null;
    const worker = async (): Promise<void> => {
      while (queue.length > 0 && failure === null) {
        const frames: MaterialFrame[] = [];
        let bytes = 0;
        while (queue.length > 0 && (frames.length === 0 || bytes < this.#o.materialBatchBytes)) {
          const sha = queue.shift()!;
          try {
            const data = this.#o.materials.read(sha);
            frames.push({ sha256: sha, bytes: data });
            bytes += data.byteLength;
          } catch (error) {
            unusable.set(
              sha,
              `material ${sha.slice(0, 12)} unreadable on this kiosk: ${(error as Error).message}`,
            );
          }
        }
        if (frames.length === 0) continue;
        try {
          if (frames.length === 1) await this.#o.client.putMaterial(frames[0]!.sha256, frames[0]!.bytes);
          else await this.#o.client.putMaterialBatch(frames);
          for (const f of frames) this.#remember(f.sha256);
        } catch (error) {
          if (isCentralCallError(error) && error.failure.kind === 'client') {
            for (const f of frames)
              unusable.set(f.sha256, `material ${f.sha256.slice(0, 12)} refused: ${describe(error.failure)}`);
          } else failure ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.#o.uploadConcurrency) }, worker));
    if (failure !== null) throw failure;
    const sendable: PreparedItem[] = [];
    for (const p of prepared) {
      const problem = p.item.materialHashes
        .map((h) => unusable.get(h))
        .find((reason) => reason !== undefined);
      if (problem) this.#park(p.item, problem, step);
      else sendable.push(p);
    }
    return sendable;
  }

  #remember(sha: string): void {
    if (this.#knownPresent.size >= knownPresentLimit) {
      const oldest = this.#knownPresent.values().next().value;
      if (oldest !== undefined) this.#knownPresent.delete(oldest);
    }
    this.#knownPresent.add(sha);
  }

  #settle(p: PreparedItem, status: number, body: unknown, step: DrainStep): void {
    const { item } = p;
    if (status >= 200 && status < 300) {
      const parsed = deliveryResponseSchemas[p.kind].safeParse(body);
      if (!parsed.success) {
        this.#invalidAnswer(item, 'item answer breaks the contract', step);
        return;
      }
      this.#invalidResponses.delete(item.seq);
      this.#missingMaterials.delete(item.seq);
      try {
        if (this.#o.acknowledge) this.#o.acknowledge(item, parsed.data);
        else this.#o.outbox.markDelivered(item.seq, parsed.data);
        step.delivered++;
      } catch (error) {
        // Purged or discarded meanwhile: the server has it; nothing else to do.
        this.#o.logger.warn({ event: 'sync.ack_failed', seq: item.seq, reason: (error as Error).message });
      }
      return;
    }
    const error = (body as { error?: { code?: string; message?: string; missing?: string[] } } | null)?.error;
    if (status === 412 && error?.code === 'materials_missing') {
      for (const sha of error.missing ?? item.materialHashes) this.#knownPresent.delete(sha);
      const count = (this.#missingMaterials.get(item.seq) ?? 0) + 1;
      this.#missingMaterials.set(item.seq, count);
      if (count >= this.#o.maxMissingMaterialRetries)
        this.#park(item, `412 materials_missing after ${count} uploads`, step);
      else this.#retry(item, '412 materials_missing', this.#o.clock(), step);
      return;
    }
    if (status === 424) {
      this.#retry(item, '424 not attempted', this.#o.clock(), step);
      return;
    }
    if (status >= 500 || status === 429) {
      this.#retry(item, `${status} ${error?.message ?? ''}`.trim(), this.#nextAttemptAt(), step);
      return;
    }
    this.#park(item, `${status} ${error?.code ?? 'error'}: ${error?.message ?? 'no reason given'}`, step);
  }

  #failAll(items: PreparedItem[], error: unknown, step: DrainStep): void {
    if (!isCentralCallError(error)) throw error;
    const failure = error.failure;
    if (
      failure.kind === 'client' &&
      failure.status !== 401 &&
      failure.status !== 403 &&
      failure.status !== 408
    ) {
      if (items.length > 1) {
        // The whole batch was refused: find the culprit one item at a time.
        this.#isolate = items.length;
        for (const p of items) this.#retry(p.item, describe(failure), this.#o.clock(), step);
      } else this.#park(items[0]!.item, describe(failure), step);
      return;
    }
    if (failure.kind === 'invalid_response') {
      for (const p of items) this.#invalidAnswer(p.item, describe(failure), step);
      return;
    }
    // Network, 5xx, or the kiosk's credential refused: the link's trouble, not the items'.
    const at = this.#nextAttemptAt();
    for (const p of items) this.#retry(p.item, describe(failure), at, step);
  }

  #invalidAnswer(item: OutboxItem, reason: string, step: DrainStep): void {
    const count = (this.#invalidResponses.get(item.seq) ?? 0) + 1;
    this.#invalidResponses.set(item.seq, count);
    if (count >= this.#o.maxInvalidResponses) {
      this.#park(item, `central answers broke the contract ${count} times: ${reason}`, step);
    } else this.#retry(item, reason, this.#nextAttemptAt(), step);
  }

  #nextAttemptAt(): number {
    const delay = backoffDelayMs(this.#o.backoff, this.#consecutiveFailures, this.#o.random);
    this.#consecutiveFailures++;
    return this.#o.clock() + delay;
  }

  #retry(item: OutboxItem, reason: string, at: number, step: DrainStep): void {
    this.#o.outbox.markRetry(item.seq, reason.slice(0, 500), at);
    step.retried++;
  }

  #park(item: OutboxItem, reason: string, step: DrainStep): void {
    this.#invalidResponses.delete(item.seq);
    this.#missingMaterials.delete(item.seq);
    this.#o.outbox.markParked(item.seq, reason.slice(0, 500));
    this.#o.logger.warn({
      event: 'sync.item_parked',
      seq: item.seq,
      kind: item.kind,
      reason: reason.slice(0, 200),
    });
    step.parked++;
  }

  // ------------------------------------------------------------ background loop

  /** Runs until stop(): drains while there is work, sleeps while idle or backing off. */
  start(): void {
    if (this.#running) return;
    this.#stopRequested = false;
    this.#running = this.#loop();
  }

  async stop(): Promise<void> {
    this.#stopRequested = true;
    this.#wake?.();
    await this.#running;
    this.#running = null;
  }

  /** New work was enqueued: look now instead of at the next poll. */
  wake(): void {
    this.#wake?.();
  }

  /** Drains until nothing is due (tests, benchmarks, "sync now"). Returns the items settled. */
  async drainUntilIdle(options: { maxSteps?: number } = {}): Promise<{ delivered: number; parked: number }> {
    let delivered = 0;
    let parked = 0;
    for (let steps = 0; steps < (options.maxSteps ?? Number.MAX_SAFE_INTEGER); steps++) {
      const step = await this.drainOnce();
      delivered += step.delivered;
      parked += step.parked;
      if (step.idle) break;
      if (step.waitMs !== null) await this.#sleep(step.waitMs);
    }
    return { delivered, parked };
  }

  async #loop(): Promise<void> {
    while (!this.#stopRequested) {
      let step: DrainStep;
      try {
        step = await this.drainOnce();
      } catch (error) {
        this.#o.logger.error({ event: 'sync.drain_failed', reason: (error as Error).message });
        step = {
          delivered: 0,
          parked: 0,
          retried: 0,
          idle: false,
          waitMs: backoffDelayMs(this.#o.backoff, this.#consecutiveFailures++, this.#o.random),
        };
      }
      if (this.#stopRequested) break;
      if (step.idle) await this.#sleep(this.#o.idlePollMs);
      else if (step.waitMs !== null) await this.#sleep(step.waitMs);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = null;
        done();
      };
    });
  }
}

function describe(failure: CentralFailure): string {
  switch (failure.kind) {
    case 'network':
      return `network: ${failure.message}`;
    case 'server':
      return `${failure.status}: ${failure.message}`;
    case 'client':
      return `${failure.status} ${failure.code}: ${failure.message}`;
    case 'invalid_response':
      return `invalid answer (${failure.status}): ${failure.message}`;
  }
}
